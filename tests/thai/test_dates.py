from datetime import date

import pytest

from prongsai.thai import ThaiDateError, be_year, ce_year, format_date, parse_date

OCT_1 = date(2023, 10, 1)


@pytest.mark.parametrize(
    ("style", "digits", "expected"),
    [
        ("long", "thai", "๑ ตุลาคม ๒๕๖๖"),
        ("short", "thai", "๑ ต.ค. ๖๖"),
        ("long", "arabic", "1 ตุลาคม 2566"),
        ("short", "arabic", "1 ต.ค. 66"),
    ],
)
def test_format_date(style, digits, expected):
    assert format_date(OCT_1, style=style, digits=digits) == expected


def test_format_date_defaults_to_long_thai_digits():
    assert format_date(date(2024, 9, 30)) == "๓๐ กันยายน ๒๕๖๗"


def test_format_date_refuses_unknown_style():
    with pytest.raises(ThaiDateError):
        format_date(OCT_1, style="medium")  # type: ignore[arg-type]
    with pytest.raises(ThaiDateError):
        format_date(OCT_1, digits="roman")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "๑ ต.ค.๖๖",
        "๑ ต.ค. ๖๖",
        "1 ต.ค. 66",
        "1 ต.ค. 2566",
        "1 ต.ค.2566",
        "1 ตค 66",
        "1 ต. ค. 66",
        "๑ ตุลาคม ๒๕๖๖",
        "1 ตุลาคม 2566",
        "1ตุลาคม2566",
        "๑ตุลาคม๒๕๖๖",
        "1 ตุลาคม พ.ศ. 2566",
        "1 ตุลาคม พ.ศ.2566",
        "วันที่ ๑ ตุลาคม ๒๕๖๖",
        "วันที่๑ ต.ค. ๖๖",
        "ณ วันที่ 1 ตุลาคม 2566",
        "1/10/2566",
        "๑/๑๐/๒๕๖๖",
        "01/10/66",
        "  1   ตุลาคม   2566  ",
    ],
)
def test_parse_date_forms(text):
    assert parse_date(text) == OCT_1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 ตุลาคม 2023", OCT_1),  # 1900–2399 is a CE year
        ("1 ต.ค. 1900", date(1900, 10, 1)),
        ("1 ต.ค. 2399", date(2399, 10, 1)),
        ("1 ต.ค. 2400", date(1857, 10, 1)),  # 2400 and later is a BE year
        ("1 ตุลาคม ค.ศ. 2023", OCT_1),
        ("1 ตุลาคม พ.ศ. 2300", date(1757, 10, 1)),  # an era written out wins
        ("29 ก.พ. 2567", date(2024, 2, 29)),
        ("31 ธ.ค. 99", date(2056, 12, 31)),  # 2-digit years default to 25yy
        ("1 ม.ค. 00", date(1957, 1, 1)),
    ],
)
def test_parse_date_years(text, expected):
    assert parse_date(text) == expected


def test_two_digit_year_follows_default_year():
    assert parse_date("1 ม.ค. 05", default_year=2600) == date(2062, 1, 1)
    assert parse_date("1 ม.ค. 99", default_year=2600) == date(2056, 1, 1)
    assert parse_date("1 ม.ค. 66", default_year=2566) == date(2023, 1, 1)


def test_default_year_fills_a_missing_year():
    assert parse_date("๑ ตุลาคม", default_year=2566) == OCT_1
    assert parse_date("1 ต.ค.", default_year=2023) == OCT_1  # a CE default is converted


@pytest.mark.parametrize(
    ("text", "thai_words", "english_words"),
    [
        ("31 กันยายน 2566", "มี ๓๐ วัน", "has 30 days"),
        ("29 ก.พ. 2566", "มี ๒๘ วัน", "has 28 days"),
        ("0 ต.ค. 2566", "ไม่มีวันที่ ๐", "no day 0"),
        ("1 ตุลาคัม 2566", "ไม่รู้จักชื่อเดือน “ตุลาคัม”", "Unknown month name"),
        ("1 ตุลาคม", "ไม่ได้ระบุปี", "no default_year"),
        ("ตุลาคม 2566", "ไม่ได้ระบุวันที่ของเดือน", "no day of the month"),
        ("1/13/2566", "ไม่มีเดือนที่ ๑๓", "no month 13"),
        ("1 ต.ค. 256", "๔ หลัก", "4 digits"),
        ("1 ต.ค. 1800", "ไม่ใช่ปี พ.ศ. หรือ ค.ศ.", "neither"),
        ("", "ไม่มีข้อความวันที่", "empty"),
        ("พรุ่งนี้", "อ่านวันที่ “พรุ่งนี้” ไม่ได้", "Cannot read"),
    ],
)
def test_parse_date_says_why(text, thai_words, english_words):
    with pytest.raises(ThaiDateError) as info:
        parse_date(text)
    assert thai_words in str(info.value)
    assert english_words in info.value.message_en


def test_be_and_ce_years():
    assert be_year(2023) == 2566
    assert ce_year(2566) == 2023
    assert ce_year(be_year(1957)) == 1957
