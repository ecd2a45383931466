"""A measure's cells made into a ``Measure``: title, steps, units, period, results, figures."""

from __future__ import annotations

import re

from prongsai.ingest.cleanup import collapse, join_cut_words
from prongsai.ingest.columns import (
    METHODS,
    OUTCOME,
    PERIOD,
    RESPONSIBLE,
    RESPONSIBLE_PERIOD,
    RESULT,
    STEPS,
    SUGGESTION,
    TITLE,
    TOOL,
)
from prongsai.ingest.html_text import tidy_lines
from prongsai.ingest.kpi import read_kpi
from prongsai.ingest.measure_rows import MeasureRows
from prongsai.ingest.numbering import leading_number, split_steps
from prongsai.ingest.units import split_units, units_as_written
from prongsai.thai import Period, PeriodError, fiscal_year_bounds, parse_period, to_thai_digits

_WRAP_IN_WORDS = re.compile(r"(?<=[\u0e01-\u0e4e])\s+(?=[\u0e01-\u0e2e\u0e40-\u0e44])")
_TOOL_CODE = re.compile(r"\b(IIT|EIT|OIT)\b")


def build_measure(
    rows: MeasureRows, *, fiscal_year: int | None, warnings: list[str], scanned: bool = False
):
    """``scanned``: the cells were read by OCR (a step's number may have lost its dot)."""
    from prongsai.ingest.result import Measure

    tool_text = rows.cell(TOOL)
    number, title = leading_number(rows.cell(TITLE) or tool_text, scanned=scanned)
    title = join_cut_words(collapse(title))
    measure = Measure(title=title, number=number)
    if tool_text and (code := _TOOL_CODE.findall(tool_text)):
        measure.tool = code[-1]
    measure.methods = split_steps(rows.cell(METHODS), scanned=scanned)
    measure.steps = split_steps(rows.cell(STEPS), scanned=scanned)
    label = _label(measure)

    responsible = rows.cell(RESPONSIBLE)
    period_text = rows.cell(PERIOD)
    combined = rows.cell(RESPONSIBLE_PERIOD)
    if combined:
        period = read_period(combined, fiscal_year, label, warnings)
        responsible = join_lines_or(responsible, _without(combined, period))
    else:
        period = read_period(period_text, fiscal_year, label, warnings)
    measure.responsible = split_units(responsible)
    measure.responsible_text = units_as_written(responsible)
    if period is not None:
        measure.period_start, measure.period_end = period.start, period.end
        measure.period_text = period.text
        _check_in_fiscal_year(period, fiscal_year, label, warnings)

    measure.result = text_or_none(rows.cell(RESULT))
    measure.outcome = text_or_none(rows.cell(OUTCOME))
    measure.suggestion = text_or_none(rows.cell(SUGGESTION))
    kpi, disagreements = read_kpi(
        rows.cell(RESULT), rows.cell(METHODS), rows.cell(TITLE), rows.cell(OUTCOME)
    )
    measure.kpi = kpi
    warnings.extend(f"{label}: {text}" for text in disagreements)
    return measure


def read_period(
    text: str, fiscal_year: int | None, label: str, warnings: list[str]
) -> Period | None:
    if not text.strip():
        warnings.append(f"{label}: ไม่ระบุระยะเวลาดำเนินการ")
        return None
    try:
        period = parse_period(text, fiscal_year=fiscal_year)
    except PeriodError as error:
        # a line wrap inside the words ("ไตรมาส ที่ ๔", "ปี งบประมาณ ๒๕๖๘"): try without it
        unwrapped = _WRAP_IN_WORDS.sub("", text)
        if unwrapped != text:
            try:
                return parse_period(unwrapped, fiscal_year=fiscal_year)
            except PeriodError:
                pass
        warnings.append(f"{label}: อ่านระยะเวลาไม่ได้ — {error.message_th}")
        return None
    # a wrap inside a month's name ("กุมภาพั นธ์ - มีนาคม 68") leaves a shorter period readable
    # ("มีนาคม 68"): without the wrap, the one that takes in more of the words is the period
    unwrapped = _WRAP_IN_WORDS.sub("", text)
    if unwrapped != text:
        try:
            whole = parse_period(unwrapped, fiscal_year=fiscal_year)
        except PeriodError:
            return period
        if len("".join(whole.text.split())) > len("".join(period.text.split())):
            return whole
    return period


def text_or_none(text: str) -> str | None:
    """A text field: its lines kept, spaces tidied and cut words joined in each."""
    lines = (join_cut_words(line) for line in tidy_lines(text).split("\n"))
    return "\n".join(line for line in lines if line) or None


def join_lines_or(first: str, second: str) -> str:
    return "\n".join(part for part in (first.strip(), second.strip()) if part)


def _without(text: str, period: Period | None) -> str:
    """The cell without the words that name its period (``… ดำเนินการไตรมาส ๑ - ๔ …``)."""
    text = collapse(text)
    if period is not None and period.text:
        # read without a wrap's spaces ("ปีงบประมา ณ 2568"): found with them
        written = r"\s*".join(re.escape(ch) for ch in period.text if not ch.isspace())
        text = re.sub(written, " ", text)
    return re.sub(r"(?:ดำเนินการ|ดำเนินงาน|ระยะเวลา)\s*$", "", text.strip()).strip()


def _label(measure) -> str:
    if measure.number is not None:
        return f"มาตรการที่ {to_thai_digits(str(measure.number))}"
    return f"มาตรการ “{measure.title[:40]}”"


def _check_in_fiscal_year(
    period: Period, fiscal_year: int | None, label: str, warnings: list[str]
) -> None:
    if fiscal_year is None:
        return
    try:
        start, end = fiscal_year_bounds(fiscal_year)
    except ValueError:
        return
    if period.start < start or period.end > end:
        warnings.append(
            f"{label}: ระยะเวลา “{period.text}” อยู่นอกปีงบประมาณ "
            f"{to_thai_digits(str(fiscal_year))} (โปรดตรวจสอบ อาจพิมพ์ผิด)"
        )
