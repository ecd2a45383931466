"""Dates, years and figures of scans put right: misread month names, lost dashes, years no
fiscal year explains, figures that disagree (``ocr_dates``, ``ocr_years``, ``ocr_kpi``)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from prongsai.ingest.ocr_dates import (
    nearest_abbreviation,
    nearest_month,
    repair_period_cell,
    repair_text,
)
from prongsai.ingest.ocr_kpi import repair_figures
from prongsai.ingest.ocr_years import fix_ita_years, fix_years
from prongsai.thai import parse_period
from prongsai.thai.months import ABBR_MONTHS, FULL_MONTHS

MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39"

# --- month names ------------------------------------------------------------------------------


def test_an_abbreviation_with_a_mark_lost_or_added_is_the_month():
    assert repair_text("๖๕ -\nกุย.") == "๖๕ -\nก.ย."
    assert repair_text("๑๗ มี.คุ ๖๖") == "๑๗ มี.ค. ๖๖"
    assert repair_text("๑๒ กะยุ.\n2568") == "๑๒ ก.ย.\n2568"
    assert repair_text("พ .ค .\n๒๕๖๖") == "พ.ค.\n๒๕๖๖"  # Tesseract's spaces before the dots


def test_a_mark_lost_is_nearer_than_a_leading_vowel_lost():
    assert nearest_abbreviation("มย") == "มิ.ย."  # not เม.ย.: เ is as tall as a letter


def test_consonants_are_never_changed_and_the_era_is_no_month():
    assert nearest_abbreviation("พศ") is None
    assert nearest_abbreviation("ผอ") is None
    assert repair_text("พ.ศ. ๒๕๖๗") == "พ.ศ. ๒๕๖๗"
    assert repair_text("ม.๓") == "ม.๓"


def test_an_abbreviation_away_from_any_date_is_left_alone():
    assert repair_text("ผู้รับผิดชอบ กุย. งานคลัง") == "ผู้รับผิดชอบ กุย. งานคลัง"


@given(st.sampled_from(ABBR_MONTHS), st.sampled_from(MARKS), st.integers(2560, 2570))
def test_any_month_abbreviation_with_one_mark_added_reads_as_the_same_period(abbr, mark, year):
    first, second = (part for part in abbr.split(".") if part)
    misread = f"{first}{second}{mark}. {year}"  # the first dot lost, a speck read as a mark
    repaired, right = parse_period(repair_text(misread)), parse_period(f"{abbr} {year}")
    assert (repaired.start, repaired.end) == (right.start, right.end)


def test_a_full_month_name_one_letter_short_next_to_a_year_is_the_month():
    assert repair_text("๒๕๖๔ - กันยาย ๒๕๖๕)") == "๒๕๖๔ - กันยายน ๒๕๖๕)"
    assert nearest_month("กันยายน") is None  # already right
    assert nearest_month("กรกฎาคม") is None


@given(st.sampled_from(FULL_MONTHS), st.data())
def test_any_month_name_with_one_letter_lost_is_found_again_or_left_alone(name, data):
    at = data.draw(st.integers(0, len(name) - 1))
    misread = name[:at] + name[at + 1 :]
    found = nearest_month(misread)
    assert found in (None, name)  # never another month


def test_a_speck_between_a_day_and_its_month_is_left_out():
    assert repair_text("๑๗ ฆ ก.ค .\n๒๕๖๖") == "๑๗ ก.ค.\n๒๕๖๖"


# --- the dash of a range ----------------------------------------------------------------------


def test_two_dates_with_nothing_between_are_a_range():
    assert repair_period_cell("๑ ตุลาคม\n๒๕๖๗\nกันยายน ๒๕๖๘") == "๑ ตุลาคม\n๒๕๖๗ - กันยายน ๒๕๖๘"
    period = parse_period(repair_text("ธ.ค.\n2567\nกะยุ.\n2568"))
    assert (period.start.isoformat(), period.end.isoformat()) == ("2024-12-01", "2025-09-30")


def test_a_budget_year_alone_is_the_fiscal_year():
    period = parse_period(repair_period_cell("งบประมาณ\n๒๕๖๗"))
    assert (period.start.isoformat(), period.end.isoformat()) == ("2023-10-01", "2024-09-30")
    assert repair_period_cell("งบประมาณ ๕๐,๐๐๐ บาท") == "งบประมาณ ๕๐,๐๐๐ บาท"


def test_october_to_the_next_year_with_the_end_month_lost_is_the_fiscal_year():
    for text in ("ต.ค.\n65 -\n66", "ต.ค. 2565\n2566"):
        period = parse_period(repair_period_cell(text))
        assert (period.start.isoformat(), period.end.isoformat()) == ("2022-10-01", "2023-09-30")
    assert repair_period_cell("ต.ค. 2565\n2567") == "ต.ค. 2565\n2567"  # two years on: unknown
    assert repair_period_cell("มีผู้เข้าร่วม ๒๐ คน") == "มีผู้เข้าร่วม ๒๐ คน"


# --- years ------------------------------------------------------------------------------------


def test_a_misread_year_after_an_abbreviation_is_repaired_like_one_after_a_full_name():
    assert fix_years("ธ.ค. ๒๕๖๕\n- พ.ค.\n๕๒๐๐", 2566) == "ธ.ค. ๒๕๖๕\n- พ.ค.\n๒๕๖๖"
    assert fix_years("ก.ย. ๖๗", 2567) == "ก.ย. ๖๗"  # two digits: left as written
    assert fix_years("ม.ค. - พ.ค.\n๒๕", 2567) == "ม.ค. - พ.ค.\n๒๕๖๗"  # ๒๕ is a year cut short


def test_a_cell_year_one_confusable_digit_off_the_fiscal_year_is_put_right():
    cell = "กุมภาพันธ์ -\nเมษายน\n๒๕๖๕"
    assert fix_years(cell, 2566, confusable=True) == "กุมภาพันธ์ -\nเมษายน\n๒๕๖๖"
    assert fix_years(cell, 2566) == cell  # a paragraph may name last year on purpose
    # both ends of last year's fiscal year, as written: on purpose
    both = "ตุลาคม ๒๕๖๔ - กันยายน ๒๕๖๕"
    assert fix_years(both, 2566, confusable=True) == both
    assert fix_years("เมษายน 2565", 2566, confusable=True) == "เมษายน 2565"  # Arabic: read well
    assert fix_years("ธันวาคม ๒๕๖๕", 2568, confusable=True) == "ธันวาคม ๒๕๖๕"  # ๕/๗: no


def test_a_year_no_ita_report_has_is_read_as_the_ita_year():
    assert fix_ita_years("ปีงบประมาณ พ .ศ. ๒๕๐ ฒ รอบ") == "ปีงบประมาณ พ .ศ. ๒๕๖๗ รอบ"
    assert fix_ita_years("ปีงบประมาณ WA. ๒๕๐๐") == "ปีงบประมาณ WA. ๒๕๖๐"
    assert fix_ita_years("ปีงบประมาณ พ.ศ. ๒๕๖๖") == "ปีงบประมาณ พ.ศ. ๒๕๖๖"
    assert fix_ita_years("มีผู้เข้าร่วม ๒๕๐๐ คน") == "มีผู้เข้าร่วม ๒๕๐๐ คน"


# --- figures ----------------------------------------------------------------------------------


def test_figures_that_disagree_are_made_to_agree_by_the_fewest_confusable_digits():
    cell = "มีผู้เข้าร่วมกิจกรรม ๕๑ คน คิดเป็นร้อยละ ๕๒ ของกลุ่มเป้าหมาย ๕๐ คน"
    assert repair_figures(cell) == "มีผู้เข้าร่วมกิจกรรม ๔๑ คน คิดเป็นร้อยละ ๘๒ ของกลุ่มเป้าหมาย ๕๐ คน"
    short = "ผู้เข้าร่วมคิดเป็นร้อยละ ๕๗.๗๘ ของกลุ่มเป้าหมาย ๕๕ คน"  # no count of 55 is 57.78 %
    assert repair_figures(short) == "ผู้เข้าร่วมคิดเป็นร้อยละ ๕๗.๗๘ ของกลุ่มเป้าหมาย ๔๕ คน"


def test_a_digit_read_twice_in_a_percent_is_left_out():
    cell = "มีผู้เข้าร่วมกิจกรรม ๔๐ คน คิดเป็นร้อยละ\n๘๘.๘๘๙ ของกลุ่มเป้าหมาย ๔๕ คน"
    assert "๘๘.๘๙ " in repair_figures(cell)


def test_a_count_lost_before_its_unit_is_put_back_when_one_count_makes_the_percent():
    cell = "เข้าร่วมกิจกรรม คน คิดเป็นร้อยละ ๖๓.๓๓ ของกลุ่มเป้าหมาย\n๑๒๐ คน"
    assert repair_figures(cell) == "เข้าร่วมกิจกรรม ๗๖ คน คิดเป็นร้อยละ ๖๓.๓๓ ของกลุ่มเป้าหมาย\n๑๒๐ คน"


def test_a_count_lost_is_put_back_with_the_target_before_it():
    cell = "กลุ่มเป้าหมาย ๑๒๐ คน เข้าร่วมกิจกรรม\nคน คิดเป็นร้อยละ ๕๐.๘๓"
    assert repair_figures(cell) == "กลุ่มเป้าหมาย ๑๒๐ คน เข้าร่วมกิจกรรม\n๖๑ คน คิดเป็นร้อยละ ๕๐.๘๓"


def test_figures_that_agree_or_cannot_be_checked_are_left_alone():
    for cell in (
        "มีผู้เข้าร่วม ๔๑ คน คิดเป็นร้อยละ ๘๒ ของกลุ่มเป้าหมาย ๕๐ คน",
        "มีผู้เข้าร่วม ๔๑ คน คิดเป็นร้อยละ ๘๒",  # no target
        "มีผู้เข้าร่วม 51 คน คิดเป็นร้อยละ 52 ของกลุ่มเป้าหมาย 50 คน",  # Arabic: read well
    ):
        assert repair_figures(cell) == cell


@given(st.integers(10, 200), st.data())
def test_consistent_figures_are_never_changed(target, data):
    actual = data.draw(st.integers(1, target))
    exact = Decimal(actual * 100) / Decimal(target)
    percent = f"{exact.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP).normalize():f}"
    cell = f"มีผู้เข้าร่วม {actual} คน คิดเป็นร้อยละ {percent} ของกลุ่มเป้าหมาย {target} คน"
    cell = cell.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert repair_figures(cell) == cell


# --- a period cell read again -----------------------------------------------------------------


def test_a_cell_whose_month_or_quarter_number_was_lost_is_read_again():
    from prongsai.ingest.ocr_dates import needs_reading_again, readable_period

    for lost in ("A.A. -\n๖๗", "A.A.\n66", "๑๒ - ๑๗\na.a.", "ไตรมาสที่"):
        assert needs_reading_again(lost)
    for fine in ("ไตรมาสที่ ๒", "ต.ค. 66", "งบประมาณ\n๒๕๖๗", "Open Data", "มีผู้เข้าร่วม ๒๐ คน"):
        assert not needs_reading_again(fine)
    assert readable_period("กุย. ๒๕๖๖") and not readable_period("A.A. ๒๕๖๖")


def test_the_reading_again_is_kept_only_when_it_names_a_period(monkeypatch):
    from PIL import Image

    from prongsai.ingest import ocr

    readings = iter(["ไตรมาสที่ ฆ", "ไตรมาสที่ ๒"])
    monkeypatch.setattr(ocr, "_recognize", lambda *a, **k: [])
    monkeypatch.setattr(ocr, "_text", lambda words: (next(readings), 80.0))
    crop = Image.new("L", (40, 20), 255)
    assert ocr._period_read_again(crop, (0, 0), ("ไตรมาสที่", 90.0)) == ("ไตรมาสที่ ๒", 80.0)
    readings = iter(["ไตรมาส", "ไตรมาส"])
    assert ocr._period_read_again(crop, (0, 0), ("ไตรมาสที่", 90.0)) == ("ไตรมาสที่", 90.0)
    assert ocr._period_read_again(crop, (0, 0), ("ต.ค. ๖๖", 90.0)) == ("ต.ค. ๖๖", 90.0)


# --- the title's round ------------------------------------------------------------------------


def test_a_round_with_a_piece_lost_is_put_back_from_what_is_left():
    from prongsai.ingest.ocr_dates import repair_round

    assert (
        repair_round("พ.ศ. ๒๕๖๗ (AIAN ๒๕๖๖ - กันยายน ๒๕๖๗") == "พ.ศ. ๒๕๖๗ (ตุลาคม ๒๕๖๖ - กันยายน ๒๕๖๗"
    )
    assert repair_round("รอบเดือน (A.A.- มี.ค.)") == "รอบ 6 เดือน (A.A.- มี.ค.)"
    assert repair_round("ปีงบประมาณ ๒๕๖๗ รอบเดือน (ต.ค. - ก.ย.)").startswith("ปีงบประมาณ ๒๕๖๗ รอบ ๑๒ ")
    assert (
        repair_round("ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ ๑๒\nเดือน") == "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ รอบ ๑๒\nเดือน"
    )
    for fine in ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ รอบ ๖ เดือน", "(Open ๒๕๖๖ - ก.ย.)", "ภายใน ๖ เดือน"):
        assert repair_round(fine) == fine
