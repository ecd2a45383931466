"""Round trips and consistency, checked over generated dates and texts (hypothesis)."""

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.thai import (
    PeriodError,
    be_year,
    fiscal_year_bounds,
    fiscal_year_of,
    format_date,
    parse_date,
    parse_period,
    quarter_bounds,
    round_bounds,
    round_of,
    to_arabic_digits,
    to_thai_digits,
)
from prongsai.thai.dates import make_date

DATES = st.dates(min_value=date(1957, 1, 1), max_value=date(2099, 12, 31))
# 2-digit BE years without a pivot are read as 25yy: BE 2500–2599, CE 1957–2056.
DEFAULT_WINDOW = st.dates(min_value=date(1957, 1, 1), max_value=date(2056, 12, 31))
STYLES = st.sampled_from(["long", "short"])
DIGITS = st.sampled_from(["thai", "arabic"])
ARABIC = "0123456789"
THAI = "๐๑๒๓๔๕๖๗๘๙"


@given(st.text())
def test_thai_digits_round_trip(text):
    thai = to_thai_digits(text)
    assert not any(c in ARABIC for c in thai)
    assert to_arabic_digits(thai) == to_arabic_digits(text)
    assert to_thai_digits(to_arabic_digits(text)) == thai
    assert len(thai) == len(text)


@given(st.text(alphabet=st.characters(blacklist_characters=THAI)))
def test_text_without_thai_digits_comes_back_unchanged(text):
    assert to_arabic_digits(to_thai_digits(text)) == text


@given(DATES, DIGITS)
def test_long_dates_round_trip(d, digits):
    assert parse_date(format_date(d, "long", digits)) == d


@given(DEFAULT_WINDOW, DIGITS)
def test_short_dates_round_trip_in_the_default_window(d, digits):
    assert parse_date(format_date(d, "short", digits)) == d


@given(DATES, DIGITS, st.integers(min_value=-49, max_value=50))
def test_short_dates_round_trip_with_a_nearby_default_year(d, digits, offset):
    """A 2-digit year is the one within [pivot - 50, pivot + 49] of ``default_year``."""
    pivot = be_year(d.year) + offset
    assert parse_date(format_date(d, "short", digits), default_year=pivot) == d


@given(DATES, STYLES, DIGITS)
def test_dates_round_trip_without_spaces(d, style, digits):
    text = format_date(d, style, digits).replace(" ", "")
    assert parse_date(text, default_year=be_year(d.year)) == d


@given(DATES)
def test_numeric_dates_round_trip(d):
    text = f"{d.day}/{d.month}/{be_year(d.year)}"
    assert parse_date(text) == d
    assert parse_date(to_thai_digits(text)) == d


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2400, 12, 31)))
def test_fiscal_year_and_its_bounds_agree(d):
    fy = fiscal_year_of(d)
    start, end = fiscal_year_bounds(fy)
    assert start <= d <= end
    assert (start.month, start.day, end.month, end.day) == (10, 1, 9, 30)
    assert end.year == start.year + 1
    assert fiscal_year_of(start) == fiscal_year_of(end) == fy
    assert fiscal_year_of(start - timedelta(days=1)) == fy - 1
    assert fiscal_year_of(end + timedelta(days=1)) == fy + 1


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2400, 12, 31)))
def test_round_of_and_round_bounds_agree(d):
    fy = fiscal_year_of(d)
    round_ = round_of(d)
    start, end = round_bounds(fy, round_)
    assert start <= d <= end
    half_start, half_end = round_bounds(fy, "6m")
    assert (half_start, round_bounds(fy, "12m")) == (start, fiscal_year_bounds(fy))
    # the earliest round whose period contains d
    assert (round_ == "6m") == (d <= half_end)


@given(st.integers(min_value=2400, max_value=2900))
def test_quarters_tile_the_fiscal_year(fy):
    quarters = [quarter_bounds(fy, q) for q in (1, 2, 3, 4)]
    assert quarters[0][0] == fiscal_year_bounds(fy)[0]
    assert quarters[-1][1] == fiscal_year_bounds(fy)[1]
    for (_, end), (next_start, _) in pairwise(quarters):
        assert next_start == end + timedelta(days=1)


SEPARATORS = st.sampled_from(["-", " - ", " – ", "–", " — ", " -", " ถึง ", " จนถึง "])
RANGE_DATES = st.dates(min_value=date(1960, 1, 1), max_value=date(2095, 12, 31))


@st.composite
def date_ranges(draw):
    start = draw(RANGE_DATES)
    end = start + timedelta(days=draw(st.integers(min_value=0, max_value=365 * 30)))
    return start, end


@given(date_ranges(), STYLES, STYLES, DIGITS, SEPARATORS)
def test_parse_period_reads_generated_ranges(dates, start_style, end_style, digits, sep):
    start, end = dates
    text = f"{format_date(start, start_style, digits)}{sep}{format_date(end, end_style, digits)}"
    # fiscal_year is the pivot for 2-digit years; both ends are within 50 years of it
    period = parse_period(text, fiscal_year=fiscal_year_of(start))
    assert (period.start, period.end) == (start, end)
    assert period.text == text.strip()


@given(date_ranges(), DIGITS)
def test_parse_period_reads_numeric_ranges(dates, digits):
    start, end = dates
    text = (
        f"{start.day}/{start.month}/{be_year(start.year)} - "
        f"{end.day}/{end.month}/{be_year(end.year)}"
    )
    text = to_thai_digits(text) if digits == "thai" else text
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)


@given(
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=2501, max_value=2599),
    st.sampled_from(["full", "abbr"]),
    DIGITS,
)
def test_month_ranges_with_the_year_written_once(first, last, be, names, digits):
    """``ม.ค.-ก.ย.๖๕``: the year applies to both; a start after the end is a year earlier."""
    style = "long" if names == "full" else "short"
    first_name = format_date(date(2000, first, 1), style).split()[1]
    last_name, year = format_date(make_date(be, last, 1), style, digits).split()[1:]
    period = parse_period(f"{first_name}-{last_name} {year}")
    start_year = be - 1 if first > last else be
    assert period.start == make_date(start_year, first, 1)
    assert period.end.month == last and period.end.year == be - 543
    assert (period.end + timedelta(days=1)).day == 1


@given(date_ranges(), DIGITS)
def test_parse_period_refuses_reversed_ranges(dates, digits):
    start, end = dates
    if start == end:
        end = start + timedelta(days=1)
    text = f"{format_date(end, 'long', digits)} - {format_date(start, 'long', digits)}"
    with pytest.raises(PeriodError) as info:
        parse_period(text)
    assert "อยู่ก่อนวันเริ่มต้น" in str(info.value)
