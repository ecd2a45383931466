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

from prongsai.thai.months import MONTH_PATTERN, month_number

_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_MONTHS = MONTH_PATTERN  # full names and abbreviations (``ก.ย.``)
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


# Thai digits Tesseract's Thai model takes for one another (and the shape reader may too)
CONFUSABLE = frozenset(frozenset(pair) for pair in ("๕๖", "๒๖", "๐๖", "๓๗", "๓๙", "๓๘", "๕๘", "๔๕"))


def confusable_fix(year_text: str, expected: int) -> bool:
    """Whether the Thai-digit ``year_text`` is ``expected`` with one digit misread as one it is
    confused with (``๒๕๖๕`` for ``๒๕๖๖``)."""
    want = str(expected).translate(_THAI)
    if len(year_text) != 4 or year_text == want or not all("๐" <= c <= "๙" for c in year_text):
        return False
    diffs = [(a, b) for a, b in zip(year_text, want, strict=True) if a != b]
    return len(diffs) == 1 and frozenset(diffs[0]) in CONFUSABLE


def fix_years(text: str, fiscal_year: int | None, *, confusable: bool = False) -> str:
    """``text`` with each implausible year after a month name replaced (in the digits it was
    written in: Thai when any digit of it was Thai). With ``confusable`` (a table's cell, where
    a measure's period is), a plausible Thai-digit year that puts its month outside the fiscal
    year and is its year there but for one confusable digit (``CONFUSABLE``) is put right too,
    when it is the only year of the text off the fiscal year (a period of last year, written
    with both its years, is left as it is)."""
    if fiscal_year is None or not text:
        return text
    off = 0
    for match in _YEAR_AFTER_MONTH.finditer(text):
        month = month_number(match.group("month"))
        squeezed = match.group("year").replace(" ", "")
        if month and plausible(squeezed, fiscal_year):
            off += int(squeezed.translate(_ARABIC)) != expected_year(month, fiscal_year)

    def repair(match: re.Match) -> str:
        year = match.group("year")
        squeezed = year.replace(" ", "")
        counted = re.match(r"\s*(?:คน|ราย|ครั้ง|เรื่อง|หน่วย|%)", match.string[match.end() :])
        if squeezed in ("๒๕", "25") and not 2520 <= fiscal_year < 2530 and not counted:
            squeezed += (
                "๐๐" if squeezed == "๒๕" else "00"
            )  # a year cut to its first two digits ("พ.ค. ๒๕"): no year as read
        if len(squeezed) < 3 or plausible(squeezed[:4], fiscal_year):
            month = month_number(match.group("month"))
            if (
                confusable
                and off == 1
                and month is not None
                and confusable_fix(squeezed, expected_year(month, fiscal_year))
            ):
                new = str(expected_year(month, fiscal_year)).translate(_THAI)
                return match.group("month") + match.group("gap") + new
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


# an ITA report's year is 2556 or later (ITA began in 2556): a year after "พ.ศ."/"ปีงบประมาณ"
# read as "๒๕๐x" had its ๖ read as ๐; ฆ and ฒ after it are a ๗ Tesseract took for a letter
_ITA_YEAR = re.compile(
    r"(?P<lead>(?:งบประมาณ|ปี|พ\s?\.\s?ศ\s?\.?)[ \t\n]*(?:[^\s๐-๙]{1,4}\.?[ \t]*)?)"
    r"๒๕(?P<third>[๐-๙])[ \t]?(?P<fourth>[๐-๙ฆฒ])(?![๐-๙])"
)


def fix_ita_years(text: str) -> str:
    """``text`` with the years after ``ปีงบประมาณ``/``พ.ศ.`` that no ITA report can have
    (``๒๕๐ ฒ``, ``๒๕๐๐``) read as the ITA year they are a misreading of (``๒๕๖๗``, ``๒๕๖๐``)."""

    def repair(match: re.Match) -> str:
        third, fourth = match.group("third"), match.group("fourth")
        if third in "๕๖" and fourth not in "ฆฒ":
            return match.group(0)
        if third not in "๕๖":
            if third != "๐":
                return match.group(0)
            third = "๖"
        fourth = "๗" if fourth in "ฆฒ" else fourth
        return match.group("lead") + "๒๕" + third + fourth

    return _ITA_YEAR.sub(repair, text)
