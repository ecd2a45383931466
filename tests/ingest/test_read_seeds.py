"""The five seed documents read into the stable JSON shape and compared with the expected files.

``tests/fixtures/expected/<seed>.json`` holds the reviewed result of each seed (the keys of the
stable shape only). The tables below were typed from the seeds by hand, independently of the
reader: every measure's title (spaces aside: Thai wraps leave spaces where the writer put
none), its responsible units and its period.
"""

import json

import pytest

from prongsai.ingest import read_document, to_json
from tests.ingest.conftest import CORE_KEYS, EXPECTED, SEED_IDS, SEEDS, core, expected_for

FY = {
    "2565": ("2021-10-01", "2022-09-30"),
    "2567": ("2023-10-01", "2024-09-30"),
}

# seed → [(title, responsible, period_start, period_end, number of methods)]
MEASURES = {
    "000": [
        ("แนวทางการ ใช้งบประมาณ", ["ทุกส่วนราชการ"], "2021-12-01", "2021-12-31", 3),
        (
            "การมอบ หมายงาน การปฏิบัติงาน รวมถึงการ ประเมินผลการ ปฏิบัติงานตาม ระดับคุณภาพ "
            "ของงานโดยไม่ เลือกปฏิบัติ",
            ["หัวหน้าส่วนราชการ ทุกส่วนงาน"],
            "2022-01-01",
            "2022-01-01",
            3,
        ),
        (
            "แนวทาง ปฏิบัติเกี่ยวกับ การใช้ทรัพย์สิน ของราชการ",
            ["สำนักปลัด", "กองคลัง"],
            "2022-01-01",
            "2022-04-30",
            1,
        ),
        ("กิจกรรม รณรงค์ต่อต้าน การทุจริต คอร์ รัปชัน", ["สำนักปลัด"], "2022-03-07", "2022-03-07", 1),
        ("แนวทางการ ดำเนินงานตาม ภารกิจ", ["ทุกส่วนราชการ"], "2022-01-01", "2022-09-30", 3),
        ("ประสิทธิภาพการสื่อสาร", ["ทุกส่วนราชการ"], "2022-01-01", "2022-09-30", 2),
        (
            "แนวทางปฏิบัติเกี่ยวกับการให้ผู้รับบริการหรือผู้มีส่วนได้เสียเข้ามามีส่วนร่วมในการปรับปรุงการดำเนินงาน",
            ["ทุกส่วนราชการ"],
            "2022-02-14",
            "2022-02-14",
            1,
        ),
    ],
    "001": [
        (
            "กิจกรรมจัดทำคู่มือหรือมาตรฐานการปฏิบัติงานให้เป็นไปตามตัวชี้วัด ITA",
            ["กองสาธารณสุข", "กองช่าง"],
            "2024-12-01",
            "2025-09-30",
            4,
        ),
        (
            "กิจกรรมสร้างความรู้ความเข้าใจกับบุคลากรในหน่วยงานเกี่ยวกับตัวชี้วัดตามแบบประเมิน IIT",
            ["สำนักปลัด"],
            "2025-01-01",
            "2025-06-30",
            1,
        ),
        (
            "กิจกรรมการให้บริการให้มีประสิทธิภาพ โดยการปรับปรุงให้บริการและระบบ E-Service",
            ["สำนักปลัด", "กองคลัง", "กองการศึกษา", "กองช่าง"],
            "2024-10-01",
            "2025-09-30",
            3,
        ),
        (
            "กิจกรรมสร้างความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง",
            ["กองคลัง"],
            "2024-10-01",
            "2025-10-30",  # as written: one month past the fiscal year (warned)
            7,
        ),
        (
            "กิจกรรมการประกาศเจตนารมณ์นโยบาย No Gift Policy จากการปฏิบัติหน้าที่ของหน่วยงาน ในปี ๒๕๖๘",
            ["สำนักปลัด"],
            "2025-02-01",
            "2025-09-30",
            2,
        ),
    ],
    "002": [
        (
            "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (Internal Integrity and Transparency "
            "Assessment) หรือแบบวัด IIT",
            ["สำนักปลัด", "ทุกกองงาน"],
            *FY["2567"],
            3,
        ),
        (
            "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (External Integrity and Transparency "
            "Assessment) หรือแบบวัด EIT",
            ["สำนักปลัด", "ทุกกองงาน"],
            *FY["2567"],
            3,
        ),
        (
            "แบบวัดการเปิดเผยข้อมูลสาธารณะ (Open Data Integrity and Transparency Assessment) "
            "หรือแบบวัด OIT",
            ["สำนักปลัด", "กองคลัง"],
            *FY["2567"],
            3,
        ),
    ],
    "003": [
        (
            "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
            ["สำนักปลัด", "งานการเจ้าหน้าที่"],
            *FY["2567"],
            3,
        ),
        ("การให้บริการและระบบ E-Service", ["สำนักปลัด", "งานการเจ้าหน้าที่"], *FY["2567"], 1),
        (
            "ช่องทางและรูปแบบการประชาสัมพันธ์เผยแพร่ข้อมูลข่าวสารภาครัฐ",
            ["สำนักปลัด", "งานประชาสัมพันธ์"],
            *FY["2567"],
            1,
        ),
        ("กระบวนการกำกับดูแลการใช้ทรัพย์สินของราชการ", ["กองคลัง", "งานพัสดุ"], *FY["2567"], 1),
        (
            "กระบวนการสร้างความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง",
            ["กองคลัง", "งานพัสดุ"],
            *FY["2567"],
            1,
        ),
        (
            "กระบวนการควบคุม ตรวจสอบการใช้อำนาจและการบริหารงานบุคคล",
            ["สำนักปลัด", "งานการเจ้าหน้าที่"],
            *FY["2567"],
            1,
        ),
        (
            "กลไกและมาตรการในการแก้ไขและป้องกันการทุจริตภายในหน่วยงาน",
            ["สำนักปลัด", "งานวิเคราะห์", "งานตรวจสอบภายใน", "งานการเจ้าหน้าที่"],
            *FY["2567"],
            4,
        ),
    ],
    "004": [
        (
            "ด้านการใช้จ่ายงบประมาณ - การเผยแพร่แผนการใช้จ่ายเงินของหน่วยงานให้ทราบ",
            ["สำนักปลัด"],
            *FY["2567"],
            2,
        ),
        (
            "ด้านคุณภาพการดำเนินงาน - การส่งเสริมคุณภาพการดำเนินงานงานบริการของหน่วยงาน",
            ["สำนักปลัด"],
            *FY["2567"],
            2,
        ),
        ("การประเมินความเสี่ยงการทุจริตและประพฤติมิชอบ", ["สำนักปลัด"], *FY["2567"], 6),
        ("การใช้ดุลยพินิจ", ["สำนักปลัด", "กองคลัง", "กองช่าง"], *FY["2567"], 3),
        ("การมีระบบ/กลไกจัดการรับเรื่องร้องเรียน", ["สำนักปลัด"], *FY["2567"], 2),
    ],
}

# seed → (kind, agency, fiscal year, round)
DOCUMENTS = {
    "000": (
        "measures_report",
        ("องค์การบริหารส่วนตำบลท่ากระเสริม", "sao", "ป่าพอง", "ขอนแก่น"),
        2565,
        "6m",
    ),
    "001": (
        "measures_report",
        ("เทศบาลตำบลขามทะเลสอ", "tambon_municipality", "ขามทะเลสอ", "นครราชสีมา"),
        2568,
        None,
    ),
    "002": (
        "measures_report_by_tool",
        ("องค์การบริหารส่วนตำบลนาวังหิน", "sao", "พนัสนิคม", "ชลบุรี"),
        2567,
        None,
    ),
    "003": (
        "analysis_report",
        ("เทศบาลตำบลพนมทวน", "tambon_municipality", "พนมทวน", "กาฬสินธุ์"),
        2566,
        None,
    ),
    "004": (
        "measures_report",
        ("องค์การบริหารส่วนตำบลปากช่อง", "sao", "จอมบึง", "ราชบุรี"),
        2567,
        None,
    ),
}


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def results():
    return {path.name[:3]: to_json(read_document(path.read_bytes(), path.name)) for path in SEEDS}


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_matches_its_expected_file(results, seed):
    expected = expected_for(seed)
    assert tuple(expected) == CORE_KEYS
    actual = core(results[seed])
    for key in CORE_KEYS:
        if key != "measures":
            assert actual[key] == expected[key], key
    assert len(actual["measures"]) == len(expected["measures"])
    for n, (got, want) in enumerate(zip(actual["measures"], expected["measures"], strict=True)):
        assert got == want, f"measure {n + 1}"


@pytest.mark.parametrize("seed", SEED_IDS)
def test_every_measure_found_with_title_units_and_period(results, seed):
    measures = results[seed]["measures"]
    table = MEASURES[seed]
    assert len(measures) == len(table)
    for got, (title, units, start, end, methods) in zip(measures, table, strict=True):
        assert squeeze(got["title"]) == squeeze(title)
        assert got["responsible"] == units
        assert (got["period_start"], got["period_end"]) == (start, end)
        assert len(got["methods"]) == methods


@pytest.mark.parametrize("seed", SEED_IDS)
def test_document_kind_agency_year_round(results, seed):
    kind, (name, agency_kind, district, province), fiscal_year, round_ = DOCUMENTS[seed]
    result = results[seed]
    assert result["kind"] == kind
    assert result["agency"] == {
        "name": name,
        "kind": agency_kind,
        "district": district,
        "province": province,
    }
    assert result["fiscal_year"] == fiscal_year
    assert result["round"] == round_


def test_numbers_are_stripped_from_titles_and_kept_apart(results):
    assert [m["number"] for m in results["000"]["measures"]] == [1, 2, 3, 4, 5, 6, 7]
    assert [m["number"] for m in results["004"]["measures"]] == [1, 2, 3, 4, 5]  # ๑. and ๓)
    assert all(not m["title"][0].isdigit() for s in results.values() for m in s["measures"])


def test_continuation_rows_are_merged_into_the_measure_they_continue(results):
    second = results["000"]["measures"][1]
    # the title went on after the repeated page header: "…ปฏิบัติงานตาม" / "ระดับคุณภาพ …"
    assert squeeze(second["title"]).endswith("ปฏิบัติงานตามระดับคุณภาพของงานโดยไม่เลือกปฏิบัติ")
    assert "การคัดเลือกบุคลากรต้อง" in second["methods"][1]
    fifth = results["000"]["measures"][4]  # its row goes on with an empty first cell
    assert fifth["methods"][2] == "มีช่องทางการแสดงความพึงพอใจในการให้บริการ"
    assert fifth["result"].split("\n")[1].startswith("๒.บุคลากรภายในมีการให้บริการ")


def test_a_measure_over_three_tables_stays_one(results):
    fourth = results["001"]["measures"][3]
    assert fourth["methods"][5].startswith("เจ้าหน้าที่จัดทำรายงานสรุปผลการจัดซื้อจัดจ้างฯ")
    assert fourth["methods"][6] == "นำข้อมูลเผยแพร่ลงบนเว็บไซต์ของหน่วยงานให้ประชาชนรับทราบ"
    outcome = fourth["outcome"].split("\n")
    assert outcome[0].startswith("๑.มีการจัดทำข้อมูลการจัดซื้อจัดจ้างฯ")
    assert "ประกาศว่าไม่มีการจัดซื้อจัดจ้างฯในกรณีดังกล่าว" in outcome  # from the 2nd table
    assert outcome[-1].startswith("๗.เจ้าหน้าที่ทราบข้อมูลเกี่ยวกับ")  # from the 3rd table


def test_participation_figures(results):
    kpis = [m["kpi"] for m in results["001"]["measures"]]
    assert kpis[1] == {"target": 70, "actual": 60, "percent": 85.71, "unit": "คน"}
    assert kpis[4] == {"target": 50, "actual": 45, "percent": 90, "unit": "คน"}
    assert all(k["target"] is None for i, k in enumerate(kpis) if i not in (1, 4))


def test_by_tool_report_has_one_block_per_tool(results):
    assert [m["tool"] for m in results["002"]["measures"]] == ["IIT", "EIT", "OIT"]
    first = results["002"]["measures"][0]
    assert first["methods"][0].startswith("จัดทำ แผนผังแสดงขั้นตอน/ระยะเวลา")
    assert first["period_text"] == "ไตรมาส ๑ - ๔ ปีงบประมาณ ๒๕๖๗"


def test_warnings_point_at_what_a_person_must_check(results):
    assert results["001"]["warnings"] == [
        "มาตรการที่ ๔: ระยะเวลา “๑ ตุลาคม ๒๕๖๗ – ๓๐ ตุลาคม ๒๕๖๘” อยู่นอกปีงบประมาณ ๒๕๖๘ "
        "(โปรดตรวจสอบ อาจพิมพ์ผิด)"
    ]
    assert results["003"]["provinces_seen"] == ["กาฬสินธุ์", "กาญจนบุรี"]
    assert any("จังหวัดไม่ตรงกัน" in w for w in results["003"]["warnings"])
    for seed in ("000", "002", "004"):
        assert results[seed]["warnings"] == []


def test_json_is_stable_and_serialisable(results):
    for seed, result in results.items():
        text = json.dumps(result, ensure_ascii=False)
        assert json.loads(text) == result
        assert list(result)[: len(CORE_KEYS)] == list(CORE_KEYS)
        assert len(result["sha256"]) == 64
        for measure in result["measures"]:
            assert set(measure["kpi"]) >= {"target", "actual", "percent"}
            for key in ("period_start", "period_end"):
                assert measure[key] is None or len(measure[key]) == 10
        assert (EXPECTED / f"{result['file'][:-4]}.json").exists(), seed


def test_content_hash_is_of_the_bytes(seed_bytes):
    import hashlib

    data = seed_bytes("004")
    first = read_document(data, "a.txt")
    again = read_document(data, "renamed.md")
    assert first.sha256 == again.sha256 == hashlib.sha256(data).hexdigest()
    assert read_document(data + b"\n", "a.txt").sha256 != first.sha256
