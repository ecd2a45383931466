"""The ways Thai ITA documents write a period, each as a pattern and a reader of its bounds.

The patterns run over normalised text (Arabic digits, every dash as ``-``, single spaces). Each
reader turns a match into ``(start, end)``, returns None when the match is only a look-alike
(``ประจำปี`` followed by no year, a bare month name inside a sentence), or raises
``PeriodError``/``ThaiDateError`` saying why the period cannot be placed.

Forms, with examples from the seed documents:

* range of dates or months: ``๑ ต.ค.๖๖ - ๓๐ ก.ย. ๖๗``, ``1 ตุลาคม 2566 – 30 กันยายน 2567``,
  ``ตุลาคม ๒๕๖๔ - มีนาคม ๒๕๖๕``, ``ม.ค.-ก.ย.๖๕``, ``๑ มกราคม - ๓๐ มิถุนายน ๒๕๖๘``,
  ``1/10/2566 - 30/9/2567``; a year written once applies to both ends, and a start that would
  fall after the end is in the previous year (``ตุลาคม-มีนาคม ๒๕๖๕`` starts in October 2564);
* range of days in one month: ``๑ - ๑๕ ต.ค. ๖๖``;
* one day (``๗ มี.ค.๖๕``, ``วันที่ ๒๖ เมษายน ๒๕๖๕``, ``1/10/2566``) or one whole month
  (``ธ.ค.๖๔``, ``เดือนเมษายน ๒๕๖๗``);
* fiscal quarters: ``ไตรมาส ๑ - ๔ ปีงบประมาณ ๒๕๖๗``, ``ไตรมาสที่ ๒`` (but not ``ไตรมาส ๒.``: in
  ``ประจำไตรมาส ๒. จัดทำ…`` the ``๒.`` numbers the next item);
* rounds: ``รอบ ๖ เดือน``, ``ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ รอบ ๖ เดือน``;
* whole fiscal years: ``ปีงบประมาณ พ.ศ. ๒๕๖๗``, ``ปีงบฯ ๖๘``, ``ประจำปี ๖๗``, ``ในปี ๒๕๖๘``,
  ``ตลอดปีงบประมาณ``. A year after ``ปี``/``ประจำปี``/``ในปี`` is read as the fiscal year:
  that is how these reports use it (``ประจำปี ๒๕๖๕ (ตุลาคม ๒๕๖๔ – มีนาคม ๒๕๖๕)``).

When a form names no year, ``fiscal_year`` places it: October–December belong to
``fiscal_year - 1`` BE, January–September to ``fiscal_year``; the end of a year-less range is
the first such month on or after its start.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from prongsai.thai.dates import make_date
from prongsai.thai.digits import to_thai_digits
from prongsai.thai.errors import PeriodError
from prongsai.thai.fiscal import fiscal_year_bounds, quarter_bounds, round_bounds
from prongsai.thai.months import MONTH_PATTERN, month_number
from prongsai.thai.years import read_year

Bounds = tuple[date, date]


@dataclass(frozen=True)
class Context:
    """What a reader knows besides its match."""

    text: str  # the matched words as written, for messages
    fiscal_year: int | None  # BE; also the pivot for 2-digit years
    lone: bool  # the match is all the text says (only filler words around it)


@dataclass(frozen=True)
class Form:
    name: str
    pattern: re.Pattern[str]
    read: Callable[[re.Match[str], Context], Bounds | None]


# --- pattern pieces ---------------------------------------------------------------------------

_ERA = r"พ\.?\s?ศ\.?|ค\.?\s?ศ\.?"
_SEP = r"\s*(?:-|จนถึง(?:วันที่)?|ถึง(?:วันที่)?)\s*"
# a cell's wrap may cut ปีงบประมาณ into ปี / งบประมาณ (a space where the line broke)
_FY_WORD = r"(?:(?P<{p}pre>ตลอด|ทั้ง|ประจำ|ใน)\s*)?ปี(?P<{p}budget>\s?งบ(?:\s?ประมาณ|\s*ฯ|\.)?)?"
_FY_PLAIN_WORD = r"(?:(?:ตลอด|ทั้ง|ประจำ|ใน)\s*)?ปี(?:\s?งบ(?:\s?ประมาณ|\s*ฯ|\.)?)?"


def _year(p: str) -> str:
    return rf"(?:(?P<{p}era>{_ERA})\s*)?(?P<{p}y>\d{{4}}|\d{{2}})(?!\d)"


def _fy_year(p: str) -> str:
    # "ประจำปี ๒. เผยแพร่…" is a numbered list, not a year: two digits may not be followed by "."
    return rf"(?:(?P<{p}era>{_ERA})\s*)?(?P<{p}y>\d{{4}}(?!\d)|\d{{2}}(?![\d.]))"


def _named(p: str) -> str:
    day = rf"(?:(?:วันที่\s*)?(?<!\d)(?P<{p}d>\d{{1,2}})\s*)?"
    return rf"{day}(?P<{p}kw>เดือน\s*)?(?P<{p}m>{MONTH_PATTERN})(?:\s*{_year(p)})?"


def _numeric(p: str) -> str:
    return (
        rf"(?:วันที่\s*)?(?<![\d/])(?P<{p}nd>\d{{1,2}})\s*/\s*(?P<{p}nm>\d{{1,2}})"
        rf"\s*/\s*(?P<{p}ny>\d{{4}}|\d{{2}})(?!\d)"
    )


def _point(p: str) -> str:
    return rf"(?:{_numeric(p)}|{_named(p)})"


# --- placing years ----------------------------------------------------------------------------


@dataclass
class _Point:
    day: int | None
    month: int
    year: int | None  # BE


def _needs_year(ctx: Context) -> PeriodError:
    return PeriodError(
        f"“{ctx.text}” ไม่ได้ระบุปี ต้องระบุปีงบประมาณ (fiscal_year) เพื่อบอกว่าเป็นปีใด",
        f"'{ctx.text}' names no year; give fiscal_year to say which year it is.",
    )


def _place(month: int, ctx: Context) -> int:
    """The BE year of a year-less month in the fiscal year of the context."""
    if ctx.fiscal_year is None:
        raise _needs_year(ctx)
    return ctx.fiscal_year - 1 if month >= 10 else ctx.fiscal_year


def _read_year(m: re.Match[str], p: str, ctx: Context) -> int | None:
    digits = m.group(f"{p}y")
    return read_year(digits, m.group(f"{p}era"), ctx.fiscal_year) if digits else None


def _read_point(m: re.Match[str], p: str, ctx: Context) -> _Point:
    if m.group(f"{p}nd"):
        year = read_year(m.group(f"{p}ny"), None, ctx.fiscal_year)
        return _Point(int(m.group(f"{p}nd")), int(m.group(f"{p}nm")), year)
    day = m.group(f"{p}d")
    month = month_number(m.group(f"{p}m"))
    assert month is not None  # the pattern only matches month names
    return _Point(int(day) if day else None, month, _read_year(m, p, ctx))


def _first(point: _Point) -> date:
    assert point.year is not None
    return make_date(point.year, point.month, point.day or 1)


def _last(point: _Point) -> date:
    assert point.year is not None
    if point.day is not None:
        return make_date(point.year, point.month, point.day)
    first = make_date(point.year, point.month, 1)
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _start_key(point: _Point) -> tuple[int, int]:
    return point.month, point.day or 1


def _end_key(point: _Point) -> tuple[int, int]:
    return point.month, point.day or 31


# --- readers ----------------------------------------------------------------------------------


def read_range(m: re.Match[str], ctx: Context) -> Bounds:
    start, end = _read_point(m, "s", ctx), _read_point(m, "e", ctx)
    if start.year is None and end.year is None:
        start.year = _place(start.month, ctx)
        end.year = start.year + (1 if _end_key(end) < _start_key(start) else 0)
    elif start.year is None:
        assert end.year is not None
        start.year = end.year - (1 if _start_key(start) > _end_key(end) else 0)
    elif end.year is None:
        end.year = start.year + (1 if _end_key(end) < _start_key(start) else 0)
    return _first(start), _last(end)


def read_days(m: re.Match[str], ctx: Context) -> Bounds:
    month = month_number(m.group("m"))
    assert month is not None
    year = _read_year(m, "", ctx)
    if year is None:
        year = _place(month, ctx)
    return make_date(year, month, int(m.group("d1"))), make_date(year, month, int(m.group("d2")))


def read_point(m: re.Match[str], ctx: Context) -> Bounds | None:
    point = _read_point(m, "s", ctx)
    if point.day is None and point.year is None and not m.group("skw") and not ctx.lone:
        return None  # a month name inside a sentence, not a period
    if point.year is None:
        point.year = _place(point.month, ctx)
    return _first(point), _last(point)


def _fiscal_year(m: re.Match[str], prefixes: str, ctx: Context) -> int:
    for p in prefixes:
        if year := _read_year(m, p, ctx):
            return year
    if ctx.fiscal_year is None:
        raise _needs_year(ctx)
    return ctx.fiscal_year


def read_quarters(m: re.Match[str], ctx: Context) -> Bounds:
    first = int(m.group("q1"))
    last = int(m.group("q2") or first)
    if last < first:
        raise PeriodError(
            f"“{ctx.text}”: ไตรมาสสุดท้าย ({to_thai_digits(str(last))}) "
            f"อยู่ก่อนไตรมาสแรก ({to_thai_digits(str(first))})",
            f"'{ctx.text}': the last quarter ({last}) comes before the first ({first}).",
        )
    fy = _fiscal_year(m, "f", ctx)
    return quarter_bounds(fy, first)[0], quarter_bounds(fy, last)[1]


def read_round(m: re.Match[str], ctx: Context) -> Bounds:
    return round_bounds(_fiscal_year(m, "fg", ctx), f"{m.group('r')}m")


def read_fiscal_year(m: re.Match[str], ctx: Context) -> Bounds | None:
    digits, pre, budget = m.group("fy"), m.group("fpre"), m.group("fbudget")
    if digits:
        if len(digits) == 2 and not (pre or budget):
            return None  # "ปี 10": not a year
        return fiscal_year_bounds(_fiscal_year(m, "f", ctx))
    if budget and (pre in ("ตลอด", "ทั้ง") or ctx.lone):
        return fiscal_year_bounds(_fiscal_year(m, "f", ctx))
    return None  # "ประจำปี" with no year inside a sentence


def read_bare_year(m: re.Match[str], ctx: Context) -> Bounds | None:
    if not ctx.lone:
        return None  # "พ.ศ. ๒๕๖๐" in the name of an Act is not a period
    return fiscal_year_bounds(read_year(m.group("y"), m.group("era")))


FORMS: tuple[Form, ...] = (
    Form("range", re.compile(rf"(?:ตั้งแต่\s*)?{_point('s')}{_SEP}{_point('e')}"), read_range),
    Form(
        "days",
        re.compile(
            rf"(?:ตั้งแต่\s*)?(?:วันที่\s*)?(?<!\d)(?P<d1>\d{{1,2}}){_SEP}(?:วันที่\s*)?"
            rf"(?P<d2>\d{{1,2}})\s*(?:เดือน\s*)?(?P<m>{MONTH_PATTERN})(?:\s*{_year('')})?"
        ),
        read_days,
    ),
    Form("point", re.compile(_point("s")), read_point),
    Form(
        "quarters",
        re.compile(
            rf"ไตรมาส\s*(?:ที่?)?\s*(?P<q1>\d)(?![\d.])(?:{_SEP}(?:ไตรมาส\s*(?:ที่?)?\s*)?(?P<q2>\d)(?![\d.]))?"
            rf"(?:\s*(?:ของ\s*)?{_FY_PLAIN_WORD}\s*{_fy_year('f')})?"
        ),
        read_quarters,
    ),
    Form(
        "round",
        re.compile(
            rf"(?:{_FY_PLAIN_WORD}\s*{_fy_year('f')}\s*)?รอบ\s*(?P<r>6|12)\s*เดือน"
            rf"(?:\s*(?:ของ\s*)?{_FY_PLAIN_WORD}\s*{_fy_year('g')})?"
        ),
        read_round,
    ),
    Form(
        "fiscal_year",
        re.compile(rf"{_FY_WORD.format(p='f')}(?:\s*{_fy_year('f')})?"),
        read_fiscal_year,
    ),
    Form(
        "bare_year",
        re.compile(rf"(?:(?P<era>{_ERA})\s*)?(?<!\d)(?P<y>\d{{4}})(?!\d)"),
        read_bare_year,
    ),
)
