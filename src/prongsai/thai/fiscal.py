"""Thai fiscal years (ปีงบประมาณ, 1 October – 30 September) and the ITA progress rounds.

Fiscal year 2567 BE runs from 1 October 2023 to 30 September 2024 (CE). Progress on measures is
reported in two rounds of each fiscal year: ``"6m"`` (รอบ ๖ เดือน, October–March) and ``"12m"``
(รอบ ๑๒ เดือน, the whole year, October–September). Quarters (ไตรมาส) are fiscal quarters:
Q1 = October–December of the previous CE year, … Q4 = July–September.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Literal

from prongsai.thai.digits import to_thai_digits
from prongsai.thai.errors import ThaiDateError
from prongsai.thai.years import FIRST_BE_YEAR, be_year, ce_year

Round = Literal["6m", "12m"]
ROUNDS: tuple[Round, ...] = ("6m", "12m")
_ROUND_MONTHS = {"6m": 6, "12m": 12}


def fiscal_year_of(d: date) -> int:
    """The BE fiscal year containing ``d``: 1 Oct 2023 and 30 Sep 2024 are both in 2567."""
    return be_year(d.year) + (1 if d.month >= 10 else 0)


def fiscal_year_bounds(fy: int) -> tuple[date, date]:
    """First and last day of BE fiscal year ``fy``: 2567 → (2023-10-01, 2024-09-30)."""
    year = _ce_end_year(fy)
    return date(year - 1, 10, 1), date(year, 9, 30)


def round_of(d: date) -> Round:
    """The earliest round whose period contains ``d``: October–March → "6m", else "12m"."""
    return "6m" if d.month >= 10 or d.month <= 3 else "12m"


def round_bounds(fy: int, round: str) -> tuple[date, date]:
    """The period a round covers: "6m" = 1 Oct – 31 Mar, "12m" = the whole fiscal year."""
    start, end = fiscal_year_bounds(fy)
    if _check_round(round) == "6m":
        end = date(end.year, 3, 31)
    return start, end


def round_label(round: str, digits: Literal["thai", "arabic"] = "thai") -> str:
    """Thai label of a round: "6m" → ``รอบ ๖ เดือน``, "12m" → ``รอบ ๑๒ เดือน``."""
    label = f"รอบ {_ROUND_MONTHS[_check_round(round)]} เดือน"
    return to_thai_digits(label) if digits == "thai" else label


def quarter_bounds(fy: int, quarter: int) -> tuple[date, date]:
    """First and last day of fiscal quarter 1–4 of BE fiscal year ``fy``."""
    if quarter not in (1, 2, 3, 4):
        raise ThaiDateError(
            f"ไม่มีไตรมาสที่ {to_thai_digits(str(quarter))} (ไตรมาสต้องเป็น ๑ ถึง ๔)",
            f"There is no quarter {quarter} (a quarter is 1 to 4).",
        )
    start, _ = fiscal_year_bounds(fy)
    year = start.year if quarter == 1 else start.year + 1
    first_month = (3 * quarter + 6) % 12 + 1
    last_month = first_month + 2
    last_day = calendar.monthrange(year, last_month)[1]
    return date(year, first_month, 1), date(year, last_month, last_day)


def _ce_end_year(fy: int) -> int:
    if fy < FIRST_BE_YEAR:
        raise ThaiDateError(
            f"ปีงบประมาณ {to_thai_digits(str(fy))} ต้องเป็นปี พ.ศ. (ตั้งแต่ ๒๔๐๐ ขึ้นไป เช่น ๒๕๖๗) ไม่ใช่ ค.ศ.",
            f"Fiscal year {fy} must be a Buddhist-era year (2400 or later, e.g. 2567), not CE.",
        )
    return ce_year(fy)


def _check_round(round: str) -> Round:
    if round not in _ROUND_MONTHS:
        raise ThaiDateError(
            f"ไม่มีรอบรายงาน “{round}” (ใช้ได้: 6m = รอบ ๖ เดือน, 12m = รอบ ๑๒ เดือน)",
            f"Unknown round '{round}' (use '6m' for 6 months or '12m' for 12 months).",
        )
    return round  # type: ignore[return-value]
