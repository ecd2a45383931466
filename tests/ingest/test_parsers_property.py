"""Property tests of the parsers the corpus leans on: periods written every way, KPI phrases, and
the PDF text-layer repairs (which must leave valid Thai alone)."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.ingest.kpi import read_kpi
from prongsai.ingest.measures import read_period
from prongsai.ingest.thai_text import invalid_count, repair_confused_marks, repair_text_layer
from prongsai.thai import parse_period
from tests.fixtures.corpus.spec import (
    MONTHS_FULL,
    MONTHS_SHORT,
    THAI_DIGITS,
    Style,
    day_month_year,
    last_day,
)

styles = st.builds(
    Style,
    thai_digits=st.booleans(),
    short_months=st.booleans(),
    two_digit_years=st.booleans(),
)
fiscal_years = st.integers(min_value=2560, max_value=2575)


@st.composite
def days_in(draw, fy):
    start = date(fy - 544, 10, 1)
    return start + timedelta(days=draw(st.integers(min_value=0, max_value=364)))


@settings(max_examples=150, deadline=None)
@given(fy=fiscal_years, style=styles, data=st.data())
def test_a_day_range_written_any_way_reads_back(fy, style, data):
    first = data.draw(days_in(fy))
    last = first + timedelta(days=data.draw(st.integers(min_value=0, max_value=120)))
    dash = data.draw(st.sampled_from([" - ", " – ", "-", " ถึง "]))
    text = f"{day_month_year(style, first)}{dash}{day_month_year(style, last)}"
    period = parse_period(text, fiscal_year=fy)
    assert (period.start, period.end) == (first, last), text


@settings(max_examples=150, deadline=None)
@given(fy=fiscal_years, style=styles, month=st.integers(1, 12))
def test_a_month_of_the_fiscal_year_reads_as_the_whole_month(fy, style, month):
    year = fy - 544 if month >= 10 else fy - 543
    be = year + 543
    name = (MONTHS_SHORT if style.short_months else MONTHS_FULL)[month - 1]
    written = str(be % 100).zfill(2) if style.two_digit_years else str(be)
    text = style.digits(f"{name} {written}")
    period = parse_period(text, fiscal_year=fy)
    assert (period.start, period.end) == (
        date(year, month, 1),
        date(year, month, last_day(year, month)),
    )


@settings(max_examples=60, deadline=None)
@given(fy=fiscal_years, quarter=st.integers(1, 4), thai=st.booleans(), spaced=st.booleans())
def test_a_quarter_takes_its_year_from_the_document(fy, quarter, thai, spaced):
    first_month = (10, 1, 4, 7)[quarter - 1]
    year = fy - 544 if first_month == 10 else fy - 543
    words = "ไตรมาส ที่" if spaced else "ไตรมาสที่"  # a wrap inside the words, as in a PDF
    text = f"{words} {quarter}"
    if thai:
        text = text.translate(THAI_DIGITS)
    period = read_period(text, fy, "มาตรการ", [])
    end_month = first_month + 2
    assert (period.start, period.end) == (
        date(year, first_month, 1),
        date(year, end_month, last_day(year, end_month)),
    )


@settings(max_examples=200, deadline=None)
@given(
    target=st.integers(min_value=1, max_value=5000),
    share=st.floats(min_value=0.05, max_value=1.0),
    thai=st.booleans(),
    order=st.sampled_from(["actual_first", "target_first"]),
    wrapped=st.booleans(),
)
def test_participation_figures_read_whatever_the_order(target, share, thai, order, wrapped):
    actual = max(1, int(target * share))
    percent = round(actual * 100 / target, 2)
    pct = f"{percent:.2f}".rstrip("0").rstrip(".")
    counted = f"{target:,}" if target >= 1000 else str(target)
    say = "คิด เป็น ร้อย ละ" if wrapped else "คิดเป็นร้อยละ"
    goal = "กลุ่ม เป้า หมาย" if wrapped else "กลุ่มเป้าหมาย"
    if order == "actual_first":
        text = f"มีผู้เข้าร่วม {actual} คน {say} {pct} ของ{goal} {counted} คน"
    else:
        text = f"{goal} {counted} คน เข้าร่วม {actual} คน {say} {pct}"
    if thai:
        text = text.translate(THAI_DIGITS)
    kpi, disagreements = read_kpi(text)
    assert (kpi.target, kpi.actual, kpi.percent) == (target, actual, Decimal(pct))
    assert disagreements == []


@settings(max_examples=100, deadline=None)
@given(target=st.integers(min_value=1, max_value=900), thai=st.booleans())
def test_a_floor_in_a_plan_is_the_target(target, thai):
    text = f"จัดอบรมบุคลากร กลุ่มเป้าหมายไม่น้อยกว่า {target} คน"
    if thai:
        text = text.translate(THAI_DIGITS)
    kpi, _ = read_kpi("", text)
    assert (kpi.target, kpi.actual, kpi.percent) == (target, None, None)


@settings(max_examples=100, deadline=None)
@given(count=st.integers(min_value=1, max_value=900))
def test_a_count_without_a_target_is_no_kpi(count):
    kpi, _ = read_kpi(f"มีผู้มาใช้บริการ {count} คน")
    assert kpi.empty


VALID_THAI = [
    "การดำเนินงานตามมาตรการส่งเสริมคุณธรรม", "ผู้รับผิดชอบ", "สิ่งแวดล้อม", "ความรู้ความเข้าใจ",
    "หมู่บ้าน", "กลุ่มเป้าหมาย", "ประจำปีงบประมาณ", "เรื่อง", "ที่ทำการ", "คู่มือ", "ซึ่ง",
    "ถูกต้อง", "ข้อมูล", "ช่องทาง", "ไม่น้อยกว่า",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(st.sampled_from(VALID_THAI), min_size=1, max_size=6),
    sep=st.sampled_from([" ", "", "\n"]),
)
def test_repairs_leave_valid_thai_alone(words, sep):
    text = sep.join(words)
    assert invalid_count(text) == 0
    assert repair_text_layer(text) == text
    assert repair_confused_marks(text) == text
    assert repair_text_layer(repair_text_layer(text)) == repair_text_layer(text)


@settings(max_examples=100, deadline=None)
@given(words=st.lists(st.sampled_from(VALID_THAI), min_size=1, max_size=4))
def test_a_lost_nikhahit_is_put_back(words):
    """ำ drawn as two glyphs whose first the producer mapped to a stray letter (ดĖาเนิน)."""
    text = " ".join(words)
    broken = text.replace("ำ", "Ėา")
    assert repair_text_layer(broken) == text
