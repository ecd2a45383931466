"""What the documents print as the agency wrote it, read from the seeds: each sign-off's own
label, the introduction, the column labels, the cover title, units as written, the round only
when stated, and part 2's methods each with its own steps."""

from __future__ import annotations

import pytest

from prongsai.ingest import read_document, to_json

from .conftest import SEEDS


@pytest.fixture(scope="module")
def read():
    return {path.name[:3]: to_json(read_document(path.read_bytes(), path.name)) for path in SEEDS}


def test_each_sign_off_keeps_its_own_label_and_says_only_what_was_written(read):
    signatures = read["000"]["memo"]["signatures"]
    assert [s["label"] for s in signatures] == [
        None, "ความเห็นหัวหน้าสำนักปลัด", "ความเห็นรองปลัดฯ", "ความเห็นปลัดฯ", "ข้อสั่งการ นายก อบต."
    ]  # fmt: skip
    assert [bool(s["comment"]) for s in signatures] == [False, True, False, False, False]


def test_introductions_column_labels_and_rounds(read):
    assert read["000"]["introduction"].startswith("ตามที่ได้ดำเนินการวิเคราะห์ผลการประเมิน ITA")
    assert read["002"]["introduction"].endswith("ประจำปีงบประมาณ ๒๕๖๗ ดังนี้")
    assert read["004"]["introduction"].endswith("โดยมีผลการดำเนินการดังนี้")
    assert read["001"]["introduction"] == ""  # its table follows its title
    assert read["000"]["column_labels"][0] == ["title", "มาตรการ/แนวทาง"]
    assert ["period", "ระยะเวลาดำเนินการ"] in read["000"]["column_labels"]  # wrap undone
    assert [role for role, _ in read["001"]["column_labels"]] == [
        "title", "methods", "result", "outcome", "responsible", "period"
    ]  # fmt: skip
    assert read["000"]["round"] == "6m"
    assert read["001"]["round"] is read["002"]["round"] is read["004"]["round"] is None


def test_units_as_written_and_part_2_by_method(read):
    by_title = {m["title"][:20]: m for m in read["002"]["measures"]}
    assert any(m["responsible_text"] == "สำนักปลัด อบต. และทุกกองงาน" for m in by_title.values())
    assert read["000"]["measures"][1]["responsible_text"] == "หัวหน้าส่วนราชการ ทุกส่วนงาน"
    first = read["003"]["measures"][0]
    assert first["responsible_text"] == "สำนักปลัดเทศบาล งานการเจ้าหน้าที่"
    rows = first["method_rows"]
    assert len(rows) == 3
    assert [len(row["steps"]) for row in rows] == [3, 2, 2]
    assert rows[1]["steps"][0].startswith("จัดประชุมเพื่อสร้างกระบวนการปฏิบัติงาน")
    assert read["003"]["analysis"]["cover_title"].splitlines() == [
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        "แสดงการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน",
        "ของหน่วยงานภาครัฐ ในปีงบประมาณ พ.ศ. 2566",
    ]
