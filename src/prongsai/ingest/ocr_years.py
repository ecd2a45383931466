"""Years of a scan's periods put right by the document's fiscal year.

Tesseract misreads Thai digits in years now and then (๖ as ๒ or ๐, ๗ as ๓, a digit split in
two: ``๒๕๒๑๓``), and a wrong year in a period costs the measure its dates. A period of a
measures report or plan lies in its fiscal year: October to December in the year before it
(``FY - 1``), January to September in it. A year written after a month name that is no
plausible year of the document (more than a few years off its fiscal year, or not four digits)
is taken to be misread and replaced by the year the month has in the fiscal year (a year after
``งบประมาณ``, as in ``ตลอดปีงบประมาณ ๒๕๖๗``, by the fiscal year); a plausible year is never
changed (a period may be last year's or next year's on purpose).
"""

from __future__ import annotations

import re

from prongsai.thai.months import FULL_MONTHS, month_number

_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_MONTHS = "|".join(sorted(map(re.escape, FULL_MONTHS), key=len, reverse=True))
# a month, then what stands for its year: digits (and the ๆ a ๗ is misread as) up to the end of
# the line or a dash
_YEAR_AFTER_MONTH = re.compile(
    rf"(?P<month>{_MONTHS})(?P<gap>[ \t]*\n?[ \t]*)"
    r"(?P<year>[๐-๙0-9](?:[๐-๙0-9ๆ]| (?=[๐-๙0-9ๆ])){1,5})(?![๐-๙0-9])"
)
# "ตลอดปีงบประมาณ ๒๕๖๗": the fiscal year itself
_YEAR_AFTER_BUDGET = re.compile(
    r"(?P<month>งบประมาณ)(?P<gap>[ \t]*\n?[ \t]*(?:พ\.[ \t]?ศ\.[ \t]?)?)"
    r"(?P<year>[๐-๙0-9](?:[๐-๙0-9ๆ]| (?=[๐-๙0-9ๆ])){1,5})(?![๐-๙0-9])"
)
_BEFORE, _AFTER = 3, 2  # a year this far from the fiscal year is plausible as written


def expected_year(month: int, fiscal_year: int) -> int:
    """The Buddhist-era year of ``month`` (1–12) within ``fiscal_year`` (October starts it)."""
    return fiscal_year - 1 if month >= 10 else fiscal_year


def plausible(year_text: str, fiscal_year: int) -> bool:
    digits = year_text.translate(_ARABIC)
    if not re.fullmatch(r"\d{4}", digits):
        return False
    return fiscal_year - _BEFORE <= int(digits) <= fiscal_year + _AFTER


def fix_years(text: str, fiscal_year: int | None) -> str:
    """``text`` with each implausible year after a month name replaced (in the digits it was
    written in: Thai when any digit of it was Thai)."""
    if fiscal_year is None or not text:
        return text

    def repair(match: re.Match) -> str:
        year = match.group("year")
        squeezed = year.replace(" ", "")
        if len(squeezed) < 3 or plausible(squeezed[:4], fiscal_year):
            if plausible(squeezed, fiscal_year):  # "๒๕๖ ๗": the year Tesseract cut
                return match.group("month") + match.group("gap") + squeezed
            return match.group(0)  # a year as written, perhaps a count after it
        if match.group("month") == "งบประมาณ":
            new = str(fiscal_year)
        else:
            month = month_number(match.group("month"))
            if month is None:
                return match.group(0)
            new = str(expected_year(month, fiscal_year))
        if any("๐" <= c <= "๙" or c == "ๆ" for c in squeezed):
            new = new.translate(_THAI)
        return match.group("month") + match.group("gap") + new

    return _YEAR_AFTER_BUDGET.sub(repair, _YEAR_AFTER_MONTH.sub(repair, text))
