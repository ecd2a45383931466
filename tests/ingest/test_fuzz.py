"""The reader never fails with anything but IngestError, whatever the bytes.

Hypothesis throws random bytes, seeds mutated byte by byte, mutated DOCX and PDF files, and
text assembled from the pieces reports are made of (headers, cells, numbering, dates, HTML).
Whatever is returned must still be the stable JSON shape.
"""

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prongsai.ingest import IngestError, read_blocks, read_document, to_json
from tests.ingest.builders import docx_from_document, pdf_from_document
from tests.ingest.conftest import CORE_KEYS, MEASURE_KEYS, SEED_IDS, seed_path

ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SEEDS = {seed: seed_path(seed).read_bytes() for seed in SEED_IDS}


def read_or_refuse(data: bytes, name: str = "fuzz.txt"):
    """read_document's result as JSON (checked for shape), or None when it refused."""
    try:
        result = read_document(data, name)
    except IngestError as error:
        assert error.code and error.message_th and error.message_en
        return None
    out = to_json(result)
    json.dumps(out, ensure_ascii=False)
    assert list(out)[: len(CORE_KEYS)] == list(CORE_KEYS)
    for measure in out["measures"]:
        assert set(MEASURE_KEYS) <= set(measure)
        assert isinstance(measure["title"], str)
        assert all(isinstance(m, str) and m for m in measure["methods"])
        for key in ("period_start", "period_end"):
            assert measure[key] is None or ISO.match(measure[key])
        if measure["period_start"] and measure["period_end"]:
            assert measure["period_start"] <= measure["period_end"]
    assert all(isinstance(w, str) for w in out["warnings"])
    return out


@st.composite
def mutated(draw, data: bytes):
    """``data`` with a few random cuts, flips, insertions and repeats."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        if not out:
            break
        at = draw(st.integers(0, len(out) - 1))
        action = draw(st.sampled_from(["flip", "cut", "insert", "repeat", "truncate"]))
        if action == "flip":
            out[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del out[at : at + draw(st.integers(1, 400))]
        elif action == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=40))
        elif action == "repeat":
            out[at:at] = out[at : at + draw(st.integers(1, 400))]
        else:
            del out[at:]
    return bytes(out)


@FAST
@given(st.binary(max_size=3000))
def test_random_bytes(data):
    read_or_refuse(data)


@FAST
@given(st.sampled_from(SEED_IDS).flatmap(lambda seed: mutated(SEEDS[seed])))
def test_mutated_seed_bytes(data):
    read_or_refuse(data)


@FAST
@given(st.data())
def test_mutated_seed_text(data):
    """Mutations of the characters (not bytes), so the text stays UTF-8 and gets understood."""
    seed = data.draw(st.sampled_from(SEED_IDS))
    text = SEEDS[seed].decode("utf-8")
    pieces = data.draw(
        st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, 300)), max_size=5)
    )
    for start, length in pieces:
        replacement = data.draw(st.text(alphabet=ALPHABET, max_size=20))
        text = text[:start] + replacement + text[start + length :]
    read_or_refuse(text.encode("utf-8"))


ALPHABET = st.sampled_from(
    list("กขคงจฉชซญดตถทธนบปผพฟมยรลวศสหอฮะาิีึืุูเแโใไ่้๊๋์ำๆฯ๐๑๒๓๔๕๖๗๘๙0123456789")
    + list(" \t\n|-*().,/:<>&;\"'")
)
PIECES = st.sampled_from(
    [
        "มาตรการ/แนวทาง\tวิธีการดำเนินการ\tผู้รับผิดชอบ\tระยะเวลา\tผลการดำเนินงาน",
        "| มาตรการ | ผู้รับผิดชอบ / ระยะเวลาดำเนินการ | ผลลัพธ์ |",
        "|---|---|---|",
        "| | | |",
        "แบบวัดการรับรู้\tมาตรการหรือกิจกรรม\tสรุปผล\tผู้รับผิดชอบ / ระยะเวลา",
        "หัวข้อ\tวิธีการนำผลวิเคราะห์ไปสู่การปฏิบัติ\tผู้รับผิดชอบ\tขั้นตอน/วิธีปฏิบัติ\tระยะเวลา",
        "ลำดับ\tหัวข้อ\tเครื่องมือ\tข้อคำถาม\tคะแนน\tข้อบกพร่อง/รักษาระดับ",
        "๑.แนวทาง\t๑.แจ้งเวียน ๒.ประกาศ\tสำนักปลัด/ กองคลัง\tม.ค.-เม.ย.๖๕\t๑.ผล",
        "\t๒.ต่อ\t\t\t๒.ผลต่อ",
        "<p>๓) ก</p> <p>(๑)ข(๒)ค</p>\tกองช่าง,\t๓๑ ก.พ. ๖๕\t๖๐ คน คิดเป็นร้อยละ ๘๕.๗๑",
        "IIT\t1\tการปฏิบัติหน้าที่\t94.14",
        "\t\t\tข้อ i1\t87.19\tปรับปรุง",
        "ข้อ o26\t100\t\t",
        "ส่วนที่ 1 ข้อมูล",
        "ส่วนที่ 2 ปีงบประมาณ พ.ศ. 2567",
        "ส่วนที่ 3",
        "1. ข้อจำกัดด้านบุคลากร.....มี.....",
        "ประเด็นที่ 1 กระบวนการ",
        "ประเด็น (1) กระบวนการ",
        "วิเคราะห์บรรยายเชิงพรรณนา",
        "คะแนนภาพรวม คะแนนที่ได้ 80.42 คะแนน ระดับผลการประเมินอยู่ที่ ผ่าน",
        "รายงานผลการดำเนินการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ รอบ ๖ เดือน",
        "ประจำปี ๒๕๖๕ (ตุลาคม ๒๕๖๔ - มีนาคม ๒๕๖๕)",
        "องค์การบริหารส่วนตำบลท่ากระเสริม\nอำเภอป่าพอง จังหวัดขอนแก่น",
        "อำเภอ พนมทวน จังหวัด กาญจนบุรี",
        "บันทึกข้อความ",
        "ที่ ขก ๑/๒ วันที่ ๙๙ มกราคม ๒๕๖๕",
        "เรื่อง รายงาน",
        "เรียน นายก",
        "ความเห็นปลัด..... -",
        "(นายสมชาย ใจดี)",
        "ปลัด",
        "*จัดทำ\t\t\t1.ขั้น 2.ตอน",
        "ไตรมาส ๔ - ๑ ปีงบประมาณ ๒๕๖๗",
        "๑ ต.ค.๖๖ - ๓๐ ก.ย. ๖๕",
        "ปีงบประมาณ 9999",
        "",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(PIECES, st.text(alphabet=ALPHABET, max_size=30)), max_size=40))
def test_documents_assembled_from_report_pieces(lines):
    read_or_refuse("\n".join(lines).encode("utf-8"))


@pytest.fixture(scope="module")
def office_files():
    blocks = read_blocks(SEEDS["004"])
    return {"docx": docx_from_document(blocks), "pdf": pdf_from_document(blocks)}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_docx_and_pdf(office_files, data):
    kind = data.draw(st.sampled_from(["docx", "pdf"]))
    read_or_refuse(data.draw(mutated(office_files[kind])), f"fuzz.{kind}")
