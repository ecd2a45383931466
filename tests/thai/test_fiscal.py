from datetime import date

import pytest

from prongsai.thai import (
    ThaiDateError,
    fiscal_year_bounds,
    fiscal_year_of,
    quarter_bounds,
    round_bounds,
    round_label,
    round_of,
)


@pytest.mark.parametrize(
    ("day", "fy"),
    [
        (date(2023, 9, 30), 2566),
        (date(2023, 10, 1), 2567),
        (date(2024, 1, 1), 2567),
        (date(2024, 9, 30), 2567),
        (date(2024, 10, 1), 2568),
    ],
)
def test_fiscal_year_of(day, fy):
    assert fiscal_year_of(day) == fy


def test_fiscal_year_bounds():
    assert fiscal_year_bounds(2567) == (date(2023, 10, 1), date(2024, 9, 30))


def test_fiscal_year_must_be_buddhist_era():
    with pytest.raises(ThaiDateError) as info:
        fiscal_year_bounds(2024)
    assert "ไม่ใช่ ค.ศ." in str(info.value)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2023, 10, 1), "6m"),
        (date(2023, 12, 31), "6m"),
        (date(2024, 3, 31), "6m"),
        (date(2024, 4, 1), "12m"),
        (date(2024, 9, 30), "12m"),
    ],
)
def test_round_of(day, expected):
    assert round_of(day) == expected


def test_round_bounds():
    assert round_bounds(2567, "6m") == (date(2023, 10, 1), date(2024, 3, 31))
    assert round_bounds(2567, "12m") == (date(2023, 10, 1), date(2024, 9, 30))
    assert round_bounds(2568, "6m") == (date(2024, 10, 1), date(2025, 3, 31))


def test_round_labels():
    assert round_label("6m") == "รอบ ๖ เดือน"
    assert round_label("12m") == "รอบ ๑๒ เดือน"
    assert round_label("12m", digits="arabic") == "รอบ 12 เดือน"


def test_unknown_round():
    with pytest.raises(ThaiDateError) as info:
        round_bounds(2567, "3m")
    assert "ไม่มีรอบรายงาน" in str(info.value)
    with pytest.raises(ThaiDateError):
        round_label("9m")


@pytest.mark.parametrize(
    ("quarter", "expected"),
    [
        (1, (date(2023, 10, 1), date(2023, 12, 31))),
        (2, (date(2024, 1, 1), date(2024, 3, 31))),
        (3, (date(2024, 4, 1), date(2024, 6, 30))),
        (4, (date(2024, 7, 1), date(2024, 9, 30))),
    ],
)
def test_quarter_bounds(quarter, expected):
    assert quarter_bounds(2567, quarter) == expected


def test_no_fifth_quarter():
    with pytest.raises(ThaiDateError) as info:
        quarter_bounds(2567, 5)
    assert "ไตรมาสต้องเป็น ๑ ถึง ๔" in str(info.value)
