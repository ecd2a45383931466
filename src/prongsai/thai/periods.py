"""Periods (ระยะเวลา) as Thai ITA documents write them, read into a start and an end date.

``parse_period`` reads a table cell or a phrase such as ``๑ ต.ค.๖๖ - ๓๐ ก.ย. ๖๗``,
``ม.ค.-ก.ย.๖๕`` or ``ไตรมาส ๑ - ๔ ปีงบประมาณ ๒๕๖๗``; the forms are listed in
:mod:`prongsai.thai.period_forms`. HTML tags are dropped and Thai digits read as digits. The
period may sit among other words (a cell ``สำนักปลัด … ดำเนินการไตรมาส ๑ - ๔ ปีงบประมาณ ๒๕๖๗``);
if the text names it at several precisions, each inside the next
(``ประจำปี ๒๕๖๕ (ตุลาคม ๒๕๖๔ – มีนาคม ๒๕๖๕)``), the most precise one is the period. Two periods
that do not nest are an error: the text does not say which one is meant.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from prongsai.thai.dates import format_date
from prongsai.thai.digits import to_arabic_digits
from prongsai.thai.errors import PeriodError, ThaiDateError
from prongsai.thai.period_forms import FORMS, Bounds, Context, Form
from prongsai.thai.years import as_be_year

__all__ = ["Period", "find_periods", "parse_period"]

_DASHES = str.maketrans(dict.fromkeys("–—−‐‑‒", "-"))
_TAG = re.compile(r"<[^>]*>")
# Words that may surround a period without changing it ("ระยะเวลาดำเนินการ ๑ ต.ค. ๖๖").
_FILLER = re.compile(r"ระยะเวลา|ดำเนินการ|ดำเนินงาน|ตั้งแต่|ช่วง|ภายใน|ประจำ|รอบ|เดือน|วันที่|ณ|ใน|ของ")
# "๑ ต.ค. ๖๖ - ปัจจุบัน" (to the present), "ตั้งแต่ ๑ ต.ค. ๖๖ เป็นต้นไป" (onwards): no end.
_OPEN_ENDED = re.compile(r"ปัจจุบัน|เป็นต้นไป")
_MEANINGFUL = re.compile(r"[\u0e01-\u0e4e0-9A-Za-z]")


@dataclass(frozen=True)
class Period:
    """A period from ``start`` to ``end`` (both included), and the words that named it."""

    start: date
    end: date
    text: str

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise _end_before_start(self.text, self.start, self.end)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    text: str
    bounds: Bounds | None = None
    error: PeriodError | None = None


def parse_period(text: str, *, fiscal_year: int | None = None) -> Period:
    """Read the one period ``text`` names; raise ``PeriodError`` saying why it cannot.

    ``fiscal_year`` (BE) places forms that name no year (``ตลอดปีงบประมาณ``, ``รอบ ๖ เดือน``,
    ``ไตรมาส ๒``, ``ตุลาคม - มีนาคม``) and is the pivot for 2-digit years.
    ``Period.text`` is the part of ``text`` that names the period, as written.
    """
    clean = _clean(text)
    if not clean:
        raise PeriodError("ไม่มีข้อความระยะเวลา", "The period is empty.")
    if match := _OPEN_ENDED.search(clean):
        raise PeriodError(
            f"“{clean}” ไม่มีวันสิ้นสุด (เขียนว่า “{match.group(0)}”) จึงอ่านเป็นช่วงเวลาไม่ได้",
            f"'{clean}' has no end date (it says '{match.group(0)}'), so it is not a period.",
        )
    found = _scan(clean, fiscal_year)
    for item in found:
        if item.error is not None:
            raise item.error
    periods = _distinct(found)
    if not periods:
        raise PeriodError(
            f"ไม่พบวันที่หรือช่วงเวลาที่อ่านได้ใน “{clean}” "
            f"(ควรเขียนแบบ ๑ ต.ค. ๖๖ - ๓๐ ก.ย. ๖๗ หรือ ปีงบประมาณ ๒๕๖๗)",
            f"No date or period could be recognised in '{clean}' "
            f"(write it like 1 ต.ค. 66 - 30 ก.ย. 67 or ปีงบประมาณ 2567).",
        )
    return _most_precise(periods, clean)


def find_periods(text: str, *, fiscal_year: int | None = None) -> list[Period]:
    """Every period named in ``text``, in reading order; those that cannot be placed are left out.

    For a whole document or paragraph. Use ``parse_period`` on a single period to learn why
    one cannot be read.
    """
    clean = _clean(text)
    return [
        Period(item.bounds[0], item.bounds[1], item.text)
        for item in _scan(clean, fiscal_year)
        if item.bounds is not None and item.error is None
    ]


def _clean(text: str) -> str:
    text = html.unescape(_TAG.sub(" ", str(text)))
    text = text.replace("\u0e4d\u0e32", "\u0e33").replace("\u200b", "")
    return " ".join(text.split())


def _scan(clean: str, fiscal_year: int | None) -> list[_Found]:
    """Longest readings first at each place, without overlaps, in reading order."""
    fy = _check_fiscal_year(fiscal_year)
    work = to_arabic_digits(clean).translate(_DASHES)
    assert len(work) == len(clean)
    matches = [(m, form) for form in FORMS for m in form.pattern.finditer(work)]
    matches.sort(key=lambda item: (item[0].start(), -len(item[0].group(0))))
    found: list[_Found] = []
    taken_until = 0
    for match, form in matches:
        start, end = match.span()
        if start < taken_until or start == end:
            continue
        item = _read(form, match, clean, work, fy)
        if item.bounds is not None or item.error is not None:
            found.append(item)
            taken_until = end
    return found


def _read(form: Form, match: re.Match[str], clean: str, work: str, fy: int | None) -> _Found:
    start, end = match.span()
    words = clean[start:end]
    outside = _FILLER.sub("", work[:start] + " " + work[end:])
    ctx = Context(words, fy, lone=not _MEANINGFUL.search(outside))
    try:
        bounds = form.read(match, ctx)
        if bounds is not None and bounds[1] < bounds[0]:
            raise _end_before_start(words, *bounds)
    except PeriodError as error:
        return _Found(start, end, words, error=error)
    except ThaiDateError as error:
        wrapped = PeriodError(
            f"ระยะเวลา “{words}”: {error.message_th}", f"Period '{words}': {error.message_en}"
        )
        return _Found(start, end, words, error=wrapped)
    return _Found(start, end, words, bounds=bounds)


def _distinct(found: list[_Found]) -> list[Period]:
    periods: dict[Bounds, Period] = {}
    for item in found:
        if item.bounds is not None:
            periods.setdefault(item.bounds, Period(*item.bounds, item.text))
    return list(periods.values())


def _most_precise(periods: list[Period], clean: str) -> Period:
    """The narrowest period, when each period found lies inside the next wider one."""
    periods = sorted(periods, key=lambda p: (p.end - p.start, p.start))
    for inner, outer in pairwise(periods):
        if not (outer.start <= inner.start and inner.end <= outer.end):
            listed = ", ".join(f"“{p.text}”" for p in periods)
            raise PeriodError(
                f"พบหลายช่วงเวลาที่ไม่ซ้อนกันใน “{clean}”: {listed} จึงไม่รู้ว่าหมายถึงช่วงใด",
                f"Several periods that do not nest were found in '{clean}': {listed}; "
                f"cannot tell which one is meant.",
            )
    return periods[0]


def _check_fiscal_year(fiscal_year: int | None) -> int | None:
    if fiscal_year is None:
        return None
    try:
        return as_be_year(fiscal_year)
    except ThaiDateError as error:
        raise PeriodError(error.message_th, error.message_en) from error


def _end_before_start(text: str, start: date, end: date) -> PeriodError:
    return PeriodError(
        f"ระยะเวลา “{text}”: วันสิ้นสุด ({format_date(end)}) อยู่ก่อนวันเริ่มต้น ({format_date(start)})",
        f"Period '{text}': the end ({end.isoformat()}) is before the start ({start.isoformat()}).",
    )
