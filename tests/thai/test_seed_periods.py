"""Every period and date written in the five seed documents, checked by hand.

Each entry is the period's words exactly as the seed writes them (what ``Period.text`` gives),
the fiscal year needed to place it (only for year-less rounds), and its start and end in CE.
"""

import re
from datetime import date
from pathlib import Path

import pytest

from prongsai.thai import PeriodError, find_periods, parse_period

SEEDS = Path(__file__).parents[1] / "fixtures" / "seeds"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def fy(be: int) -> tuple[date, date]:
    return date(be - 544, 10, 1), date(be - 543, 9, 30)


def day(y: int, m: int, d: int) -> tuple[date, date]:
    return date(y, m, d), date(y, m, d)


FIRST_HALF_2565 = (date(2021, 10, 1), date(2022, 3, 31))

SEED_PERIODS: list[tuple[str, str, int | None, tuple[date, date]]] = [
    # 000 อบต.ท่ากระเสริม: memo, FY 2565, 6-month round
    ("000", "วันที่ ๒๖ เมษายน ๒๕๖๕", None, day(2022, 4, 26)),
    ("000", "ประจำปี ๒๕๖๕", None, fy(2565)),
    ("000", "ตุลาคม ๒๕๖๔ - มีนาคม ๒๕๖๕", None, FIRST_HALF_2565),
    ("000", "ตุลาคม ๒๕๖๔ – มีนาคม ๒๕๖๕", None, FIRST_HALF_2565),
    ("000", "ในปี พ.ศ. ๒๕๖๔", None, fy(2564)),
    ("000", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ รอบ ๖ เดือน", None, FIRST_HALF_2565),
    ("000", "ประจำปีงบประมาณ พ.ศ.๒๕๖๕", None, fy(2565)),
    ("000", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๕", None, fy(2565)),
    ("000", "ประจำปีงบประมาณ พ.ศ.๒๕๖๔", None, fy(2564)),
    ("000", "เดือนตุลาคม-มีนาคม ๒๕๖๕", None, FIRST_HALF_2565),
    ("000", "ธ.ค.๖๔", None, (date(2021, 12, 1), date(2021, 12, 31))),
    ("000", "๑ ม.ค.๖๕", None, day(2022, 1, 1)),
    ("000", "วันที่ ๑ ม.ค.๖๕", None, day(2022, 1, 1)),
    ("000", "ม.ค.-เม.ย.๖๕", None, (date(2022, 1, 1), date(2022, 4, 30))),
    ("000", "๗ มี.ค.๖๕", None, day(2022, 3, 7)),
    ("000", "ม.ค.-ก.ย.๖๕", None, (date(2022, 1, 1), date(2022, 9, 30))),
    ("000", "๑๔ ก.พ.๖๕", None, day(2022, 2, 14)),
    # 001 เทศบาลตำบลขามทะเลสอ: FY 2568
    ("001", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘", None, fy(2568)),
    ("001", "๑ ธันวาคม ๒๕๖๗ - ๓๐ กันยายน ๒๕๖๘", None, (date(2024, 12, 1), date(2025, 9, 30))),
    ("001", "๑ มกราคม - ๓๐ มิถุนายน ๒๕๖๘", None, (date(2025, 1, 1), date(2025, 6, 30))),
    ("001", "๑ ตุลาคม ๒๕๖๗ – ๓๐ กันยายน ๒๕๖๘", None, fy(2568)),
    # written as 30 October (probably meant September): read as written, 13 months
    ("001", "๑ ตุลาคม ๒๕๖๗ – ๓๐ ตุลาคม ๒๕๖๘", None, (date(2024, 10, 1), date(2025, 10, 30))),
    ("001", "๑ กุมภาพันธ์ ๒๕๖๘ - ๓๐ กันยายน ๒๕๖๘", None, (date(2025, 2, 1), date(2025, 9, 30))),
    ("001", "วันที่ ๓๑ มีนาคม ๒๕๖๘", None, day(2025, 3, 31)),
    ("001", "ในปี พ.ศ.๒๕๖๘", None, fy(2568)),
    ("001", "ในปี ๒๕๖๘", None, fy(2568)),
    ("001", "ปีงบฯ ๖๘", None, fy(2568)),
    ("001", "ประจำปีงบฯ ๖๗", None, fy(2567)),
    ("001", "ประจำปี ๖๗", None, fy(2567)),
    # 002 อบต.นาวังหิน: FY 2567, by quarter
    ("002", "ประจำปีงบประมาณ ๒๕๖๗", None, fy(2567)),
    ("002", "ไตรมาส ๑ - ๔ ปีงบประมาณ ๒๕๖๗", None, fy(2567)),
    # 003 เทศบาลตำบลพนมทวน: FY 2566 results → FY 2567 plan, Arabic digits
    ("003", "ในปีงบประมาณ พ.ศ. 2566", None, fy(2566)),
    ("003", "ในปีงบประมาณ พ.ศ.2566", None, fy(2566)),
    ("003", "ประจำปีงบประมาณ พ.ศ. 2566", None, fy(2566)),
    ("003", "ในปีงบประมาณ พ.ศ. 2567", None, fy(2567)),
    ("003", "1 ตุลาคม 2566 – 30 กันยายน 2567", None, fy(2567)),
    # 004 อบต.ปากช่อง: FY 2567
    ("004", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗", None, fy(2567)),
    ("004", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖", None, fy(2566)),
    ("004", "๑ ต.ค.๖๖ - ๓๐ ก.ย. ๖๗", None, fy(2567)),
    ("004", "๑ ต.ค.๖๖ -๓๐ ก.ย. ๖๗", None, fy(2567)),
    ("004", "เดือนเมษายน ๒๕๖๗", None, (date(2024, 4, 1), date(2024, 4, 30))),
    ("004", "เดือนตุลาคม ๒๕๖๗", None, (date(2024, 10, 1), date(2024, 10, 31))),
    ("004", "รอบ ๖ เดือน", 2567, (date(2023, 10, 1), date(2024, 3, 31))),
    ("004", "รอบ ๑๒ เดือน", 2567, fy(2567)),
]

# Longer phrases and whole table cells from the seeds, read as one period each.
SEED_PHRASES: list[tuple[str, str, tuple[date, date]]] = [
    ("000", "ประจำปี ๒๕๖๕ (ตุลาคม ๒๕๖๔ - มีนาคม ๒๕๖๕)", FIRST_HALF_2565),
    ("000", "ประจำปี ๒๕๖๕ (ตุลาคม ๒๕๖๔ – มีนาคม ๒๕๖๕)", FIRST_HALF_2565),
    (
        "000",
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ รอบ ๖ เดือน (ตุลาคม ๒๕๖๔ - มีนาคม ๒๕๖๕)",
        FIRST_HALF_2565,
    ),
    ("000", "(รอบเดือนตุลาคม-มีนาคม ๒๕๖๕)", FIRST_HALF_2565),
    ("001", "<p>๑ ตุลาคม ๒๕๖๗ – ๓๐ กันยายน ๒๕๖๘</p>", fy(2568)),
    ("001", "ณ วันที่ ๓๑ มีนาคม ๒๕๖๘", day(2025, 3, 31)),
    (
        "002",
        "<p>สำนักปลัด อบต. และทุกกองงาน ดำเนินการ ไตรมาส ๑ - ๔ ปีงบประมาณ ๒๕๖๗</p>",
        fy(2567),
    ),
    ("002", "<p>สำนักปลัด อบต. และทุกกองงาน ดำเนินการไตรมาส ๑ - ๔ ปีงบประมาณ ๒๕๖๗</p>", fy(2567)),
    ("002", "<p>สำนักปลัด กองคลัง ดำเนินการไตรมาส ๑ - ๔ ปีงบประมาณ ๒๕๖๗</p>", fy(2567)),
    ("003", "ส่วนที่ 2 การนำผลการวิเคราะห์แต่ละประเด็นไปสู่การปฏิบัติ ในปีงบประมาณ พ.ศ. 2567", fy(2567)),
    ("004", "ณ เดือนเมษายน ๒๕๖๗", (date(2024, 4, 1), date(2024, 4, 30))),
]

# Date-like strings in the seeds that are not periods.
NOT_PERIODS: list[tuple[str, str]] = [
    ("000", "ที่ ขก ๘๐๕๐๑/๓๒๔"),  # the memo's reference number
    ("000", "งบประมาณเป็น ไตรมาส"),  # "report by quarter": no quarter named
    ("002", "ประจำเดือนหรือประจำไตรมาส"),  # monthly or quarterly: a frequency
    ("001", "(๑๑) วันที่ลงนามในสัญญา"),  # a column name, "date the contract was signed"
    ("001", "พรบ.จัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. ๒๕๖๐"),  # the year of an Act
    ("003", "ขั้นตอนและระยะเวลา"),
]

DOCUMENT_FISCAL_YEAR = {"000": 2565, "001": 2568, "002": 2567, "003": 2567, "004": 2567}

EXPECTED = {text: expected for _, text, _, expected in SEED_PERIODS}


@pytest.mark.parametrize(("prefix", "text", "fiscal_year", "expected"), SEED_PERIODS)
def test_every_seed_period(prefix, text, fiscal_year, expected):
    assert text in seed(prefix)
    period = parse_period(text, fiscal_year=fiscal_year)
    assert (period.start, period.end) == expected
    assert period.text == text


@pytest.mark.parametrize(("prefix", "text", "expected"), SEED_PHRASES)
def test_seed_phrases(prefix, text, expected):
    assert text in seed(prefix)
    period = parse_period(text)
    assert (period.start, period.end) == expected


@pytest.mark.parametrize(("prefix", "text"), NOT_PERIODS)
def test_seed_strings_that_are_not_periods(prefix, text):
    assert text in seed(prefix)
    assert find_periods(text) == []
    with pytest.raises(PeriodError):
        parse_period(text)


def test_a_year_alone_is_a_fiscal_year():
    # "พ.ศ. ๒๕๖๐" inside the name of an Act is not a period (above); written alone, it is.
    period = parse_period("พ.ศ. ๒๕๖๐")
    assert (period.start, period.end) == fy(2560)


@pytest.mark.parametrize("prefix", sorted(DOCUMENT_FISCAL_YEAR))
def test_find_periods_finds_exactly_the_listed_periods(prefix):
    found = {
        (p.text, p.start, p.end)
        for p in find_periods(seed(prefix), fiscal_year=DOCUMENT_FISCAL_YEAR[prefix])
    }
    listed = {(text, *expected) for p, text, _, expected in SEED_PERIODS if p == prefix}
    assert found == listed


def period_cells(text: str) -> list[str]:
    """The cells of every ระยะเวลา column in a seed's tab-separated or Markdown tables.

    A tab-separated table starts at a header row and ends at the first line without a tab; the
    Markdown tables of seed 001 continue on later pages under blank headers, so their column
    is kept from the last header that named it.
    """
    cells: list[str] = []
    tsv_column: int | None = None
    md_column: int | None = None
    for line in text.splitlines():
        if line.startswith("|"):
            row = [c.strip() for c in line.strip().strip("|").split("|")]
            named = [i for i, c in enumerate(row) if c.startswith("ระยะเวลา")]
            if named:
                md_column = named[0]
            elif md_column is not None and not re.fullmatch(r"[-\s|]*", line):
                cells.append(row[md_column])
        elif "\t" in line:
            row = [c.strip() for c in line.split("\t")]
            named = [i for i, c in enumerate(row) if re.match(r"(ผู้รับผิดชอบ\s*/\s*)?ระยะเวลา", c)]
            if tsv_column is None and named:
                tsv_column = named[0]
            elif tsv_column is not None and len(row) > tsv_column:
                cells.append(row[tsv_column])
        else:
            tsv_column = None
    return [cell for cell in cells if cell]


@pytest.mark.parametrize(
    ("prefix", "count"), [("000", 7), ("001", 5), ("002", 3), ("003", 9), ("004", 5)]
)
def test_every_period_cell_of_every_seed_table(prefix, count):
    cells = period_cells(seed(prefix))
    assert len(cells) == count
    for cell in cells:
        period = parse_period(cell)
        assert period.text in EXPECTED, cell
        assert (period.start, period.end) == EXPECTED[period.text], cell
