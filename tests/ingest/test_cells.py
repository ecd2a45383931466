"""The plain functions that read a cell: steps, units, figures, cut words, column headers."""

from decimal import Decimal

import pytest

from prongsai.ingest.about import fiscal_year_of_document, round_of_document
from prongsai.ingest.blocks import Document, Paragraph
from prongsai.ingest.cleanup import join_cut_words, join_lines, normalize_chars
from prongsai.ingest.columns import header_columns, role_of
from prongsai.ingest.kpi import read_kpi
from prongsai.ingest.measure_rows import join_continued
from prongsai.ingest.numbering import leading_number, split_steps
from prongsai.ingest.units import split_units


@pytest.mark.parametrize(
    ("cell", "steps"),
    [
        ("๑.แจ้งเวียน ๒.ประกาศ ๓.เปิดโอกาส", ["แจ้งเวียน", "ประกาศ", "เปิดโอกาส"]),
        ("1. จัดทำ 2. แจ้งเวียน", ["จัดทำ", "แจ้งเวียน"]),
        ("๑) จัดตั้ง ๒) ประชุม ๓) กำหนด", ["จัดตั้ง", "ประชุม", "กำหนด"]),
        ("(1)งานที่ซื้อ(2)วงเงิน (บาท)(3)แหล่งที่มา", ["งานที่ซื้อ", "วงเงิน (บาท)", "แหล่งที่มา"]),
        ("- ได้ทบทวน\n- ได้จัดกิจกรรม", ["ได้ทบทวน", "ได้จัดกิจกรรม"]),
        ("*จัดทำคู่มือ\n*จัดประชุม\nประจำเดือน", ["จัดทำคู่มือ", "จัดประชุม ประจำเดือน"]),
        # decimals, dates and a sub-list in another style are not steps
        (
            "๑.ร้อยละ ๘๕.๗๑ ม.ค.๖๕ (๑)ก (๒)ข ๒.ถัดไป",
            ["ร้อยละ ๘๕.๗๑ ม.ค.๖๕ (๑)ก (๒)ข", "ถัดไป"],
        ),
        # numbers out of sequence are text, a new line may start again at 1
        ("1.ก 3.ข 2.ค", ["ก 3.ข", "ค"]),
        ("1.ก 2.ข\n1.ค", ["ก", "ข", "ค"]),
        ("รายละเอียดขั้นตอนการดำเนินการ 1.ก 2.ข", ["ก", "ข"]),  # a lead-in is no step
        ("ตามที่ได้ประชุม 1.ก 2.ข", ["ตามที่ได้ประชุม", "ก", "ข"]),
        ("ครบทั้ง 2 ฝ่าย", ["ครบทั้ง 2 ฝ่าย"]),
        ("", []),
    ],
)
def test_split_steps(cell, steps):
    assert split_steps(cell) == steps


@pytest.mark.parametrize(
    ("text", "number", "rest"),
    [
        ("๑.แนวทางการ ใช้งบประมาณ", 1, "แนวทางการ ใช้งบประมาณ"),
        ("๓) การประเมิน", 3, "การประเมิน"),
        ("(12) ข้อ", 12, "ข้อ"),
        ("แบบวัด IIT", None, "แบบวัด IIT"),
        ("2566 ปี", None, "2566 ปี"),
    ],
)
def test_leading_number(text, number, rest):
    assert leading_number(text) == (number, rest)


@pytest.mark.parametrize(
    ("cell", "units"),
    [
        ("สำนักปลัด อบต.", ["สำนักปลัด"]),
        ("กองสาธารณสุข, กองช่าง,", ["กองสาธารณสุข", "กองช่าง"]),
        ("ทุกส่วนราชการ", ["ทุกส่วนราชการ"]),
        ("ทุกส่วน ราชการ", ["ทุกส่วนราชการ"]),
        ("สำนักปลัด/ กองคลัง", ["สำนักปลัด", "กองคลัง"]),
        ("สำนักปลัด,กองคลัง ,กองการศึกษา และกองช่าง", ["สำนักปลัด", "กองคลัง", "กองการศึกษา", "กองช่าง"]),
        ("สำนักปลัดเทศบาล งานการเจ้าหน้าที่", ["สำนักปลัด", "งานการเจ้าหน้าที่"]),
        ("สำนักปลัด อบต. และทุกกองงาน", ["สำนักปลัด", "ทุกกองงาน"]),
        ("หัวหน้าส่วน ราชการ ทุกส่วนงาน", ["หัวหน้าส่วนราชการ ทุกส่วนงาน"]),
        ("งานแผน และงบประมาณ", ["งานแผนและงบประมาณ"]),
        ("กองคลัง\nกองช่าง\nกองคลัง", ["กองคลัง", "กองช่าง"]),
        ("", []),
    ],
)
def test_split_units(cell, units):
    assert split_units(cell) == units


@pytest.mark.parametrize(
    ("result", "others", "kpi"),
    [
        ("60 คน คิดเป็นร้อยละ 85.71 ของกลุ่มเป้าหมาย 70 คน", (), (70, 60, "85.71")),
        ("ผู้เข้าร่วม ๖๐ คน คิดเป็น ร้อยละ ๘๕.๗๑ ของกลุ่มเป้าหมาย", ("กลุ่มเป้าหมาย ๗๐ คน",), (70, 60, "85.71")),
        ("จำนวน 1,200 ครัวเรือน คิดเป็นร้อยละ 80", (), (None, 1200, "80")),
        ("คิดเป็นร้อยละ 75 ของเป้าหมาย", (), (None, None, "75")),
        ("ไม่มีตัวเลข", ("ไม่มี",), (None, None, None)),
    ],
)
def test_read_kpi(result, others, kpi):
    got, warnings = read_kpi(result, *others)
    percent = Decimal(kpi[2]) if kpi[2] else None
    assert (got.target, got.actual, got.percent) == (kpi[0], kpi[1], percent)
    assert warnings == []


def test_kpi_figures_that_disagree_are_a_warning():
    _, warnings = read_kpi("45 คน คิดเป็นร้อยละ 90 ของกลุ่มเป้าหมาย 60 คน")
    assert len(warnings) == 1 and "75.00" in warnings[0]


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("การมอบ หมายงาน", "การมอบหมายงาน"),
        ("คอร์ รัปชัน", "คอร์รัปชัน"),
        ("ตรวจสอบการใช้ จ่ายงบประมาณ", "ตรวจสอบการใช้จ่ายงบประมาณ"),
        ("มีการ- เพิ่มพูนทักษะ", "มีการเพิ่มพูนทักษะ"),
        # spaces between words stay
        ("แนวทางการ ใช้งบประมาณ", "แนวทางการ ใช้งบประมาณ"),
        ("ของหน่วยงาน ประจำปี", "ของหน่วยงาน ประจำปี"),
        ("ควรรายงาน การใช้จ่ายเงิน", "ควรรายงาน การใช้จ่ายเงิน"),
        ("ลงนามในสัญญาแล้ว ณ วันที่", "ลงนามในสัญญาแล้ว ณ วันที่"),
        ("วิธีการต่าง ๆ", "วิธีการต่าง ๆ"),
        ("ตาม พรบ.จัดซื้อ", "ตาม พรบ.จัดซื้อ"),
        ("E - service", "E - service"),
    ],
)
def test_join_cut_words(text, joined):
    assert join_cut_words(text) == joined


def test_join_lines_and_characters():
    assert join_lines("พิจารณาจากข้อ\nคำถามที่ i1 มาก\nน้อย\nIIT\nscore") == (
        "พิจารณาจากข้อคำถามที่ i1 มากน้อย IIT score"
    )
    assert normalize_chars("คํา\u00a0ทํา\u200b") == "คำ ทำ"


def test_join_continued():
    assert join_continued("ปฏิบัติงานตาม", "ระดับคุณภาพ") == "ปฏิบัติงานตาม ระดับคุณภาพ"
    assert join_continued("๑.ก", "๒.ข") == "๑.ก\n๒.ข"
    assert join_continued("มีการ-", "เพิ่มพูน") == "มีการเพิ่มพูน"
    assert join_continued("", "ข") == "ข"


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("มาตรการ/ แนวทาง", "title"),
        ("มาตรการ/โครงการ/กิจกรรม", "title"),
        ("วิธีการดำเนินการ", "methods"),
        ("วิธีดำเนินการ", "methods"),
        ("ขั้นตอนหรือวิธีการปฏิบัติ", "steps"),
        ("ผู้รับผิดชอบ", "responsible"),
        ("ระยะเวลา ดำเนินการ", "period"),
        ("ผู้รับผิดชอบ / ระยะเวลาดำเนินการ", "responsible_period"),
        ("ผลการดำเนินงาน", "result"),
        ("ผลการดำเนินการตามมาตรการหรือกิจกรรม", "result"),
        ("สรุปผลการดำเนินการตาม มาตรการ", "result"),
        ("ผลลัพธ์หรือความสำเร็จของ การดำเนินการ", "outcome"),
        ("ข้อเสนอแนะ", "suggestion"),
        ("แบบวัดการรับรู้", "tool"),
        ("ข้อคำถาม", "question"),
        ("ลำดับ", "number"),
        ("หมายเหตุ", None),
    ],
)
def test_role_of(header, role):
    assert role_of(header) == role


def test_header_columns():
    seed_000 = ("มาตรการ/ แนวทาง", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา ดำเนินการ")
    assert header_columns(seed_000) == {"title": 0, "methods": 1, "responsible": 2, "period": 3}
    seed_001 = ("มาตรการ/โครงการ/กิจกรรม", "ขั้นตอนหรือวิธีการปฏิบัติ", "ผู้รับผิดชอบ")
    assert header_columns(seed_001)["methods"] == 1  # the only steps column is the methods
    seed_002 = ("แบบวัดการรับรู้", "มาตรการหรือกิจกรรมที่ดำเนินการ", "ผู้รับผิดชอบ / ระยะเวลา")
    assert header_columns(seed_002) == {"tool": 0, "methods": 1, "responsible_period": 2}
    plan = ("หัวข้อ", "วิธีการนำผลวิเคราะห์ไปสู่การปฏิบัติ", "ผู้รับผิดชอบ", "ขั้นตอน/วิธีปฏิบัติ")
    assert header_columns(plan) == {"title": 0, "methods": 1, "responsible": 2, "steps": 3}
    assert header_columns(("๑.แนวทาง", "สำนักปลัด", "ธ.ค.๖๔")) is None
    assert header_columns(("", "", "")) is None


@pytest.mark.parametrize(
    ("title", "year", "round_"),
    [
        ("รายงานผล ประจำปีงบประมาณ พ.ศ. ๒๕๖๘", 2568, None),
        ("รายงานผล ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ รอบ ๖ เดือน", 2565, "6m"),
        ("รายงานผล ประจำปี ๒๕๖๕ (ตุลาคม ๒๕๖๔ - มีนาคม ๒๕๖๕)", 2565, "6m"),
        ("รายงานผล รอบ 12 เดือน ปีงบประมาณ 2567", 2567, "12m"),
        ("รายงานผล (ตุลาคม 2566 - กันยายน 2567) ปีงบประมาณ 2567", 2567, "12m"),
        ("ผลการดำเนินการ ไม่มีปี", None, None),
    ],
)
def test_fiscal_year_and_round_from_the_title(title, year, round_):
    document = Document((Paragraph(title),), "text")
    assert fiscal_year_of_document(document) == year
    assert round_of_document(document, year) == round_


def test_a_data_row_with_header_words_is_not_a_header():
    # a measure's row (a LibreOffice page of one row): "จัดกิจกรรม…" and "…ขั้นตอน…" name roles
    row = (
        "๓",
        "การสร้าง วัฒนธรรม องค์กรต่อ ต้านการ ทุจริต",
        "จัดกิจกรรม รณรงค์ต่อ ต้านการ ทุจริตในวัน ต่อต้านคอร์รัปชันสากล",
        "กุมภาพันธ์ - มีนาคม ๒๕๖๘",
        "กองช่าง",
        "มีการ ปรับปรุงขั้น ตอนการให้ บริการให้สั้นลง",
        "การให้ บริการมี ความรวดเร็ว",
    )
    assert header_columns(row) is None
    continued = (
        "",
        "โอกาสให้ ประชาชนมี",
        "",
        "ประชาคม หมู่บ้าน เพื่อรับฟัง ความคิดเห็น เปิดช่องทางรับข้อร้องเรียนและข้อเสนอแนะ",
        "",
        "แล้วเสร็จ โดยมีการ รายงานผลต่อ ผู้บริหาร มีผู้เข้าร่วมกิจกรรม 107 คน",
        "ความรู้",
    )
    assert header_columns(continued) is None
    # the header itself still is one
    header = ("ลำดับที่", "มาตรการ/ แนวทาง", "ขั้นตอนการ ดำเนินงาน", "ระยะเวลา", "ผู้รับผิดชอบ")
    assert header_columns(header) == {
        "number": 0, "title": 1, "methods": 2, "period": 3, "responsible": 4,
    }  # fmt: skip


def test_a_continuation_row_is_not_a_second_header_row():
    from prongsai.ingest.columns import merge_header_rows

    header = ("ลำดับที่", "ประเด็น/ มาตรการ", "ผลการดำเนิน งาน")
    below = ("", "", "ทราบ กลุ่มเป้า หมาย ๗๐ คน เข้าร่วม กิจกรรม ๕๗ คน")
    assert merge_header_rows((header, below)) == (header, below)
    # a real second header row is still merged
    two = (("มาตรการ", "การดำเนินงาน", "", "ผู้รับผิดชอบ"), ("", "วิธีการ", "ผลการดำเนินงาน", ""))
    assert merge_header_rows(two) == (("มาตรการ", "วิธีการ", "ผลการดำเนินงาน", "ผู้รับผิดชอบ"),)


def test_by_tool_row_cut_at_a_page_break_continues():
    from prongsai.ingest.blocks import Table
    from prongsai.ingest.measure_rows import measure_rows

    header = ("แบบวัด", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา ดำเนินการ")
    first = Table((header, ("แบบวัดการรับรู้ของผู้มีส่วนได้", "1.ปรับปรุง", "กองช่าง", "ไตรมาส ๑")))
    cut = ("ส่วนเสียภายนอก (EIT)", "2.จัดทำ", "กองคลัง", "๒๕๖๗")
    oit = ("แบบวัดการเปิดเผยข้อมูลสาธารณะ (OIT)", "3.ประกาศ", "กองช่าง", "ไตรมาส ๒")
    second = Table((header, cut, oit))
    found = measure_rows([first, second])
    assert len(found) == 2
    assert "".join(found[0].cell("tool").split()) == "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก(EIT)"


def test_a_period_or_a_year_cut_by_a_wrap():
    from prongsai.ingest.measures import read_period

    warnings: list[str] = []
    period = read_period("กุมภาพั นธ์ - มีนาคม 68", 2568, "m", warnings)
    assert (period.start.isoformat(), period.end.isoformat()) == ("2025-02-01", "2025-03-31")
    title = "รายงานผลการดำเนินการ\nภายในหน่วยงาน ประจำปี งบประมาณ พ.ศ. 2567"
    assert fiscal_year_of_document(Document((Paragraph(title),), "pdf")) == 2567
