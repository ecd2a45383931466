"""Corrections of what OCR misreads: period years by the fiscal year, words by the dictionary,
stray lines of marks; and the measures table rules scans need (numbered rows, cut titles)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from prongsai.ingest import ocr
from prongsai.ingest.blocks import Table
from prongsai.ingest.columns import header_columns
from prongsai.ingest.measure_rows import measure_rows
from prongsai.ingest.ocr_words import correct_text, correct_word
from prongsai.ingest.ocr_years import expected_year, fix_years
from prongsai.thai import to_arabic_digits
from prongsai.thai.months import FULL_MONTHS

THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


# --- years ------------------------------------------------------------------------------------


def test_a_misread_year_after_a_month_takes_the_year_the_month_has_in_the_fiscal_year():
    assert fix_years("๑ ตุลาคม\n๒๕๒๑๓ -\nกันยายน ๒๕๖๘", 2568) == "๑ ตุลาคม\n๒๕๖๗ -\nกันยายน ๒๕๖๘"
    assert fix_years("ธันวาคม ๒๕๐๓", 2568) == "ธันวาคม ๒๕๖๗"
    assert fix_years("มีนาคม 2503", 2568) == "มีนาคม 2568"  # Arabic stays Arabic


def test_a_plausible_year_and_a_count_after_it_are_left_alone():
    assert fix_years("ธันวาคม ๒๕๖๕", 2568) == "ธันวาคม ๒๕๖๕"  # three years back: on purpose
    assert fix_years("ธันวาคม ๒๕๖๗ ๕ คน", 2568) == "ธันวาคม ๒๕๖๗ ๕ คน"
    assert fix_years("ธันวาคม ๒๕๐๓", None) == "ธันวาคม ๒๕๐๓"  # no fiscal year: nothing to go by
    assert fix_years("ตุลาคม ๒๕๖ ๗", 2568) == "ตุลาคม ๒๕๖๗"  # a year Tesseract cut, joined


@given(
    st.integers(2540, 2600),
    st.integers(0, 11),
    st.integers(1000, 99999).filter(lambda n: not 2530 <= n <= 2610),
    st.booleans(),
)
def test_any_implausible_year_becomes_the_months_year_in_the_fiscal_year(fy, month, wrong, thai):
    year = str(wrong).translate(THAI) if thai else str(wrong)
    fixed = fix_years(f"{FULL_MONTHS[month]} {year}", fy)
    assert to_arabic_digits(fixed) == f"{FULL_MONTHS[month]} {expected_year(month + 1, fy)}"
    assert any("๐" <= c <= "๙" for c in fixed) == thai


def test_years_are_fixed_in_every_cell_and_keep_their_confidence():
    blocks = [
        ocr.Paragraph("รายงานผลการดำเนินการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"),
        Table((("ระยะเวลา",), ("ธันวาคม ๒๕๐๓",))),
    ]
    out, confidence = ocr._with_years_fixed(blocks, {"ธันวาคม ๒๕๐๓": 61.0})
    assert out[1].rows[1] == ("ธันวาคม ๒๕๖๗",)
    assert confidence["ธันวาคม ๒๕๖๗"] == 61.0


def test_figures_made_to_agree_are_flagged_for_review_and_agreeing_ones_are_not():
    lost = "เข้าร่วมกิจกรรม คน คิดเป็นร้อยละ ๖๓.๓๓ ของกลุ่มเป้าหมาย ๑๒๐ คน"
    right = "มีผู้เข้าร่วม ๔๐ คน คิดเป็นร้อยละ ๘๐ ของกลุ่มเป้าหมาย ๕๐ คน"
    blocks = [
        ocr.Paragraph("รายงานผลการดำเนินการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"),
        Table((("ผลการดำเนินการ",), (lost,), (right,))),
    ]
    out, confidence = ocr._with_years_fixed(blocks, {lost: 92.0, right: 92.0})
    repaired = out[1].rows[1][0]
    assert "๗๖ คน" in repaired
    assert confidence[repaired] < ocr.LOW_CONFIDENCE  # a count the page does not show
    assert confidence[right] == 92.0


# --- words ------------------------------------------------------------------------------------


def test_a_dropped_mark_or_a_look_alike_letter_is_put_back():
    assert correct_text("เผยแพร่ข่าวสารผ่านสือสังคมออนไลน์") == "เผยแพร่ข่าวสารผ่านสื่อสังคมออนไลน์"
    assert correct_text("ให้ความรู้เรืองประมวลจริยธรรม") == "ให้ความรู้เรื่องประมวลจริยธรรม"
    assert correct_text("มีความรวดเว็วและ") == "มีความรวดเร็วและ"


def test_common_words_places_and_abbreviations_are_left_alone():
    for text in (
        "บุคลากรมีความรู้ความเข้าใจและปฏิบัติตนได้ถูกต้อง",
        "จัดอบรมแก่บุคลากร",  # แก่ and แก้ are both common
        "อำเภอบางปลาม้า จังหวัดสมุทรปราการ",  # a place's name is no dictionary word
        "๓ มิ.ย. ๖๖",
        "Integrity and Transparency",
    ):
        assert correct_text(text) == text


@given(st.text(alphabet="กขคงจดตนบปมยรลวสหอะาิีึืุู่้็์เแโใไ ", max_size=30))
def test_correction_changes_at_most_marks_and_look_alike_letters(text):
    fixed = correct_text(text)
    marks = set("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c")
    look_alike = set("รวดตบปขช")
    strip = str.maketrans("", "", "".join(marks | look_alike))
    assert fixed.translate(strip) == text.translate(strip)
    assert correct_word(correct_word("สือ")) == correct_word("สือ")


# --- stray lines of marks, Latin words ----------------------------------------------------------


def _word(text, line, top, bottom, left=0, conf=90.0):
    return ocr._Word(text, conf, left + 10, (top + bottom) / 2, left, left + 20, (0, 0, line),
                     line, (left, top, left + 20, bottom))  # fmt: skip


def test_a_line_of_small_pieces_between_lines_of_text_is_left_out():
    words = [_word("บุคลากรมีความรู้", 1, 0, 22), _word("ขุ", 2, 30, 41), _word("ง", 2, 30, 39, 30)]
    words += [_word("ความเข้าใจและ", 3, 50, 72), _word("ปฏิบัติตน", 4, 80, 102)]
    text, _ = ocr._text(words)
    assert text.split("\n") == ["บุคลากรมีความรู้", "ความเข้าใจและ", "ปฏิบัติตน"]


def test_a_short_latin_word_stays_beside_latin_words_only():
    words = [
        _word("Integrity", 1, 0, 20),
        _word("and", 1, 0, 20, 30),
        _word("Transparency", 1, 0, 20, 60),
    ]
    words += [_word("การ", 2, 30, 50), _word("ea", 2, 30, 50, 30), _word("ทุจริต", 2, 30, 50, 60)]
    ocr._drop_stray_latin(words)
    assert [w.text for w in words] == ["Integrity", "and", "Transparency", "การ", "ทุจริต"]


# --- measures tables ----------------------------------------------------------------------------

HEADER = ("ลำดับ", "มาตรการ", "ระยะเวลา", "ผู้รับผิดชอบ", "ผลการดำเนินงาน")


def test_a_numbered_row_is_no_header_whatever_its_cells_say():
    assert header_columns(HEADER) is not None
    assert header_columns(("๑", "การปรับปรุง", "ตุลาคม ๒๕๖๗", "กองคลัง", "ผลการดำเนินงานครบ")) is None


def test_a_long_wrapped_cell_names_no_column():
    long = "ดำเนินการได้ตาม\nระยะเวลาที่กำหนด\nไม่พบปัญหา\nอุปสรรค มีผู้เข้าร่วมกิจกรรมครบทุกคนตามเป้าหมาย"
    assert header_columns(("แบบวัดการรับรู้", long, "กองคลัง", "")) is None


def test_a_measure_cut_after_its_number_goes_on_on_the_next_page():
    page1 = Table((HEADER, ("๑", "การปรับปรุง", "ตุลาคม ๒๕๖๗", "กองคลัง", "ครบ"),
                   ("๒", "", "", "กองช่าง", "")))  # fmt: skip
    page2 = Table((HEADER, ("", "การบริหารทรัพย์สิน", "ธันวาคม ๒๕๖๗", "", "เสร็จ"),
                   ("๓", "การเปิดเผยข้อมูล", "มีนาคม ๒๕๖๘", "สำนักปลัด", "ครบ")))  # fmt: skip
    found = measure_rows([page1, page2])
    assert [m.cell("title") for m in found] == ["การปรับปรุง", "การบริหารทรัพย์สิน", "การเปิดเผยข้อมูล"]
    assert found[1].cell("responsible") == "กองช่าง"


def test_a_title_cut_inside_brackets_goes_on_after_the_page_break():
    header = ("เครื่องมือการประเมิน", "วิธีดำเนินการ", "หน่วยงานรับผิดชอบ")
    page1 = Table(
        (
            header,
            ("แบบวัดการเปิดเผยข้อมูลสาธารณะ (Open", "จัดทำคู่มือ", "กองคลัง"),
        )
    )
    page2 = Table(
        (
            header,
            ("Integrity and Transparency Assessment: OIT)", "ปรับปรุงเว็บไซต์", ""),
        )
    )
    found = measure_rows([page1, page2])
    assert len(found) == 1
    assert found[0].cell("tool").endswith("OIT)")


def test_a_round_is_read_from_its_months_when_its_years_are_unreadable():
    from prongsai.ingest.about import round_of_document
    from prongsai.ingest.blocks import Document, Paragraph

    title = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรม ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"
    for period, expected in (
        ("(ตุลาคม ๒๕๖ ๆ - มีนาคม weds)", "6m"),
        ("(ตุลาคม xx - กันยายน ๒๕)", "12m"),
    ):
        document = Document((Paragraph(title), Paragraph(period)), "scan")
        assert round_of_document(document, 2568) == expected


def test_a_dropped_mark_is_put_back_where_it_makes_a_common_word_not_a_rare_compound():
    from prongsai.ingest.thai_text import repair_dropped_marks

    assert repair_dropped_marks("ขันตอนการให้บริการ") == "ขั้นตอนการให้บริการ"
    assert repair_dropped_marks("สิงแวดล้อม") == "สิ่งแวดล้อม"
    # ม้าใช้ (a messenger) is in the dictionary, but มา ใช้ is far likelier: left as it is
    assert repair_dropped_marks("มีผู้มาใช้บริการ ๒๐ คน") == "มีผู้มาใช้บริการ ๒๐ คน"


def test_a_budget_year_alone_whose_year_was_misread_is_the_fiscal_year_once_the_year_is_right():
    from prongsai.thai import parse_period

    blocks = [
        ocr.Paragraph("รายงานผลการดำเนินการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"),
        Table((("ระยะเวลา",), ("งบประมาณ\n๒๕๒๐๓",))),  # "ตลอดปี" lost, the year misread
    ]
    out, _ = ocr._with_years_fixed(blocks, {})
    cell = out[1].rows[1][0]
    assert cell == "ปีงบประมาณ\n๒๕๖๗"
    period = parse_period(cell, fiscal_year=2567)
    assert (str(period.start), str(period.end)) == ("2023-10-01", "2024-09-30")
