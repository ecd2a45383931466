from dataclasses import FrozenInstanceError
from datetime import date

import pytest

from prongsai.thai import Period, PeriodError, find_periods, parse_period

FY2567 = (date(2023, 10, 1), date(2024, 9, 30))


def bounds(text, **kwargs):
    period = parse_period(text, **kwargs)
    return period.start, period.end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # single days
        ("๗ มี.ค.๖๕", (date(2022, 3, 7), date(2022, 3, 7))),
        ("วันที่ ๒๖ เมษายน ๒๕๖๕", (date(2022, 4, 26), date(2022, 4, 26))),
        ("1/10/2566", (date(2023, 10, 1), date(2023, 10, 1))),
        ("๑/๑๐/๒๕๖๖", (date(2023, 10, 1), date(2023, 10, 1))),
        # ranges of days, with a hyphen, an en dash, an em dash or ถึง
        ("๑ ต.ค.๖๖ - ๓๐ ก.ย. ๖๗", FY2567),
        ("1 ตุลาคม 2566 – 30 กันยายน 2567", FY2567),
        ("1 ตุลาคม 2566 — 30 กันยายน 2567", FY2567),
        ("1 ตุลาคม 2566 ถึง 30 กันยายน 2567", FY2567),
        ("ตั้งแต่วันที่ 1 ตุลาคม 2566 ถึงวันที่ 30 กันยายน 2567", FY2567),
        ("1/10/2566 - 30/9/2567", FY2567),
        ("๑ ธันวาคม ๒๕๖๗ - ๓๐ กันยายน ๒๕๖๘", (date(2024, 12, 1), date(2025, 9, 30))),
        ("1 ต.ค. 2023 - 30 ก.ย. 2024", FY2567),  # CE years
        # a year written once, at the end, applies to both ends
        ("๑ มกราคม - ๓๐ มิถุนายน ๒๕๖๘", (date(2025, 1, 1), date(2025, 6, 30))),
        ("1 ต.ค. - 31 ธ.ค. 66", (date(2023, 10, 1), date(2023, 12, 31))),
        ("๑ - ๑๕ ต.ค. ๖๖", (date(2023, 10, 1), date(2023, 10, 15))),
        # whole months
        ("ธ.ค.๖๔", (date(2021, 12, 1), date(2021, 12, 31))),
        ("เดือนเมษายน ๒๕๖๗", (date(2024, 4, 1), date(2024, 4, 30))),
        ("ก.พ. 67", (date(2024, 2, 1), date(2024, 2, 29))),
        ("ม.ค.-เม.ย.๖๕", (date(2022, 1, 1), date(2022, 4, 30))),
        ("ตุลาคม ๒๕๖๔ - มีนาคม ๒๕๖๕", (date(2021, 10, 1), date(2022, 3, 31))),
        # start month after end month: the start is in the previous year
        ("รอบเดือนตุลาคม-มีนาคม ๒๕๖๕", (date(2021, 10, 1), date(2022, 3, 31))),
        ("ต.ค.-ก.ย. 67", FY2567),
        # a start with a year, an end without
        ("1 ต.ค. 66 - 31 มี.ค.", (date(2023, 10, 1), date(2024, 3, 31))),
        # quarters (fiscal: Q1 = October–December of the previous CE year)
        ("ไตรมาส ๑ - ๔ ปีงบประมาณ ๒๕๖๗", FY2567),
        ("ไตรมาสที่ 2 ปีงบประมาณ 2567", (date(2024, 1, 1), date(2024, 3, 31))),
        ("ไตรมาส 1 ปีงบประมาณ 2567", (date(2023, 10, 1), date(2023, 12, 31))),
        ("ไตรมาสที่ 2 - ไตรมาสที่ 3 ปีงบประมาณ 2567", (date(2024, 1, 1), date(2024, 6, 30))),
        # whole fiscal years
        ("ปีงบประมาณ พ.ศ. ๒๕๖๗", FY2567),
        ("ประจำปีงบประมาณ ๒๕๖๗", FY2567),
        ("ปีงบฯ ๖๗", FY2567),
        ("ประจำปี ๒๕๖๗", FY2567),
        ("ในปี พ.ศ.๒๕๖๗", FY2567),
        ("๒๕๖๗", FY2567),
        # rounds with their year
        ("ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ รอบ ๖ เดือน", (date(2021, 10, 1), date(2022, 3, 31))),
        ("รอบ 12 เดือน ปีงบประมาณ 2567", FY2567),
    ],
)
def test_forms(text, expected):
    assert bounds(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ตลอดปีงบประมาณ", FY2567),
        ("ตลอดปี\nงบประมาณ", FY2567),  # a cell's wrap inside the word
        ("ปีงบ ประมาณ", FY2567),
        ("ปีงบประมาณ", FY2567),
        ("รอบ ๖ เดือน", (date(2023, 10, 1), date(2024, 3, 31))),
        ("รอบ ๑๒ เดือน", FY2567),
        ("ไตรมาส ๒", (date(2024, 1, 1), date(2024, 3, 31))),
        ("ไตรมาส ๑-๔", FY2567),
        ("ตุลาคม", (date(2023, 10, 1), date(2023, 10, 31))),  # Oct–Dec: fiscal_year - 1
        ("มีนาคม", (date(2024, 3, 1), date(2024, 3, 31))),  # Jan–Sep: fiscal_year
        ("๑ ตุลาคม", (date(2023, 10, 1), date(2023, 10, 1))),
        ("ตุลาคม - มีนาคม", (date(2023, 10, 1), date(2024, 3, 31))),
        ("ม.ค. - ธ.ค.", (date(2024, 1, 1), date(2024, 12, 31))),  # the end follows the start
        ("1 - 15 ต.ค.", (date(2023, 10, 1), date(2023, 10, 15))),
    ],
)
def test_forms_without_a_year_use_fiscal_year(text, expected):
    assert bounds(text, fiscal_year=2567) == expected


def test_fiscal_year_is_the_pivot_for_two_digit_years():
    assert bounds("ต.ค. 05", fiscal_year=2606) == (date(2062, 10, 1), date(2062, 10, 31))
    assert bounds("ต.ค. 05") == (date(1962, 10, 1), date(1962, 10, 31))


def test_text_is_the_words_that_name_the_period():
    assert parse_period("<p>๑ ตุลาคม ๒๕๖๗ – ๓๐ กันยายน ๒๕๖๘</p>").text == (
        "๑ ตุลาคม ๒๕๖๗ – ๓๐ กันยายน ๒๕๖๘"
    )
    cell = "สำนักปลัด กองคลัง ดำเนินการไตรมาส ๑ - ๔ ปีงบประมาณ ๒๕๖๗"
    assert parse_period(cell).text == "ไตรมาส ๑ - ๔ ปีงบประมาณ ๒๕๖๗"
    assert parse_period(cell).start == FY2567[0]


def test_most_precise_of_nested_periods_wins():
    period = parse_period("ประจำปี ๒๕๖๕ (ตุลาคม ๒๕๖๔ – มีนาคม ๒๕๖๕)")
    assert (period.start, period.end) == (date(2021, 10, 1), date(2022, 3, 31))
    assert period.text == "ตุลาคม ๒๕๖๔ – มีนาคม ๒๕๖๕"


@pytest.mark.parametrize(
    ("text", "kwargs", "thai_words", "english_words"),
    [
        ("", {}, "ไม่มีข้อความระยะเวลา", "empty"),
        ("   ", {}, "ไม่มีข้อความระยะเวลา", "empty"),
        ("ทุกส่วนราชการ", {}, "ไม่พบวันที่หรือช่วงเวลา", "No date or period"),
        ("ประจำไตรมาส", {}, "ไม่พบวันที่หรือช่วงเวลา", "No date or period"),
        ("ที่ ขก ๘๐๕๐๑/๓๒๔", {}, "ไม่พบวันที่หรือช่วงเวลา", "No date or period"),
        ("๓๐ ก.ย. ๖๗ - ๑ ต.ค. ๖๖", {}, "อยู่ก่อนวันเริ่มต้น", "before the start"),
        ("ตลอดปีงบประมาณ", {}, "ต้องระบุปีงบประมาณ", "give fiscal_year"),
        ("รอบ ๖ เดือน", {}, "ต้องระบุปีงบประมาณ", "give fiscal_year"),
        ("ไตรมาส ๒", {}, "ต้องระบุปีงบประมาณ", "give fiscal_year"),
        ("ตุลาคม - มีนาคม", {}, "ต้องระบุปีงบประมาณ", "give fiscal_year"),
        ("ไตรมาส ๔ - ๑ ปีงบประมาณ ๒๕๖๗", {}, "อยู่ก่อนไตรมาสแรก", "comes before"),
        ("ไตรมาส ๕ ปีงบประมาณ ๒๕๖๗", {}, "ไม่มีไตรมาสที่ ๕", "no quarter 5"),
        ("31 ก.ย. 66", {}, "ไม่มีวันที่ ๓๑ ในเดือนกันยายน", "no day 31"),
        ("1 ต.ค. 66 - 31 ก.ย. 67", {}, "เดือนนี้มี ๓๐ วัน", "has 30 days"),
        ("ณ เดือนเมษายน ๒๕๖๗ และ เดือนตุลาคม ๒๕๖๗", {}, "พบหลายช่วงเวลา", "Several periods"),
        ("ตลอดปีงบประมาณ", {"fiscal_year": 1500}, "ไม่ใช่ปี พ.ศ.", "neither"),
        ("๑ ต.ค. ๖๖ - ปัจจุบัน", {}, "ไม่มีวันสิ้นสุด", "no end date"),
        ("ตั้งแต่ ๑ ต.ค. ๖๖ เป็นต้นไป", {}, "ไม่มีวันสิ้นสุด", "no end date"),
    ],
)
def test_errors_say_why(text, kwargs, thai_words, english_words):
    with pytest.raises(PeriodError) as info:
        parse_period(text, **kwargs)
    assert thai_words in str(info.value)
    assert english_words in info.value.message_en


def test_period_is_frozen_and_checked():
    period = Period(date(2023, 10, 1), date(2024, 9, 30), "ปีงบประมาณ ๒๕๖๗")
    assert date(2024, 1, 1) in period
    assert date(2024, 10, 1) not in period
    with pytest.raises(FrozenInstanceError):
        period.start = date(2020, 1, 1)  # type: ignore[misc]
    with pytest.raises(PeriodError):
        Period(date(2024, 9, 30), date(2023, 10, 1), "กลับด้าน")


def test_find_periods_in_reading_order():
    text = "รายงาน ณ เดือนเมษายน ๒๕๖๗ และ เดือนตุลาคม ๒๕๖๗ (พ.ศ. ๒๕๖๐ เป็นปีของกฎหมาย)"
    found = find_periods(text)
    assert [p.text for p in found] == ["เดือนเมษายน ๒๕๖๗", "เดือนตุลาคม ๒๕๖๗"]
    assert found[1].end == date(2024, 10, 31)


def test_find_periods_leaves_out_what_it_cannot_place():
    assert find_periods("รายงานผลการดำเนินการรอบ ๖ เดือน") == []
    assert [p.text for p in find_periods("รายงานผลการดำเนินการรอบ ๖ เดือน", fiscal_year=2567)] == [
        "รอบ ๖ เดือน"
    ]
