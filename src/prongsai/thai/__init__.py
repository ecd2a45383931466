"""Thai numerals, Buddhist-era dates, fiscal years, rounds and periods (pure Python, no Django).

Thin over PyThaiNLP for digits, month names and date formatting.
"""

from prongsai.thai.dates import be_year, ce_year, format_date, parse_date
from prongsai.thai.digits import to_arabic_digits, to_thai_digits
from prongsai.thai.errors import PeriodError, ThaiDateError, ThaiValueError
from prongsai.thai.fiscal import (
    ROUNDS,
    Round,
    fiscal_year_bounds,
    fiscal_year_of,
    quarter_bounds,
    round_bounds,
    round_label,
    round_of,
)
from prongsai.thai.periods import Period, find_periods, parse_period

__all__ = [
    "ROUNDS",
    "Period",
    "PeriodError",
    "Round",
    "ThaiDateError",
    "ThaiValueError",
    "be_year",
    "ce_year",
    "find_periods",
    "fiscal_year_bounds",
    "fiscal_year_of",
    "format_date",
    "parse_date",
    "parse_period",
    "quarter_bounds",
    "round_bounds",
    "round_label",
    "round_of",
    "to_arabic_digits",
    "to_thai_digits",
]
