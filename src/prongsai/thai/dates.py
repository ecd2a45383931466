"""Buddhist-era dates as Thai official documents write them: ``๑ ตุลาคม ๒๕๖๖``, ``๑ ต.ค. ๖๖``.

``parse_date`` reads one day. It accepts the long and short month forms in Thai or Arabic
digits, with or without spaces and dots (``๑ ต.ค.๖๖``, ``1ตุลาคม2566``), numeric day/month/year
(``1/10/2566``), an optional leading ``วันที่`` or ``ณ วันที่``, and an optional era
(``พ.ศ.``/``ค.ศ.``) before the year. How a written year is read (BE/CE, 2-digit years) is
described in :mod:`prongsai.thai.years`.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from typing import Literal

from pythainlp.util import thai_strftime

from prongsai.thai.digits import to_arabic_digits, to_thai_digits
from prongsai.thai.errors import ThaiDateError
from prongsai.thai.months import FULL_MONTHS, month_number
from prongsai.thai.years import as_be_year, be_year, ce_year, read_year

__all__ = ["be_year", "ce_year", "format_date", "make_date", "parse_date"]

Style = Literal["long", "short"]
Digits = Literal["thai", "arabic"]

_FORMATS = {"long": "%-d %B %Y", "short": "%-d %b %y"}
_ERA = r"พ\.?\s?ศ\.?|ค\.?\s?ศ\.?"
_LEAD = re.compile(r"^(?:ณ\s*)?(?:วันที่\s*)?")
_NUMERIC = re.compile(r"(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d+)")
_NAMED = re.compile(
    rf"(?P<d>\d{{1,2}})\s*(?P<m>[^\d/]+?)\s*(?:(?P<era>{_ERA})\s*)?(?P<y>\d+)?",
)
_MONTH_ONLY = re.compile(rf"(?:เดือน\s*)?(?P<m>[^\d/]+?)\s*(?:(?P<era>{_ERA})\s*)?(?P<y>\d+)?")


def format_date(d: date, style: Style = "long", digits: Digits = "thai") -> str:
    """``date(2023, 10, 1)`` → ``๑ ตุลาคม ๒๕๖๖`` (long) or ``๑ ต.ค. ๖๖`` (short).

    ``digits="arabic"`` gives ``1 ตุลาคม 2566`` / ``1 ต.ค. 66``.
    """
    if style not in _FORMATS:
        raise ThaiDateError(
            f"รูปแบบวันที่ “{style}” ไม่มี (ใช้ได้: long, short)",
            f"Unknown date style '{style}' (use 'long' or 'short').",
        )
    if digits not in ("thai", "arabic"):
        raise ThaiDateError(
            f"ชุดตัวเลข “{digits}” ไม่มี (ใช้ได้: thai, arabic)",
            f"Unknown digit set '{digits}' (use 'thai' or 'arabic').",
        )
    moment = datetime(d.year, d.month, d.day)
    return thai_strftime(moment, _FORMATS[style], thaidigit=digits == "thai")


def make_date(be: int, month: int, day: int) -> date:
    """The CE ``date`` of day ``day`` of month ``month`` of BE year ``be``, or a clear error."""
    if not 1 <= month <= 12:
        raise ThaiDateError(
            f"ไม่มีเดือนที่ {to_thai_digits(str(month))} (เดือนต้องเป็น ๑ ถึง ๑๒)",
            f"There is no month {month} (a month is 1 to 12).",
        )
    year = ce_year(be)
    if not 1 <= year <= 9999:
        raise ThaiDateError(
            f"ปี พ.ศ. {to_thai_digits(str(be))} อยู่นอกช่วงที่ระบบรองรับ",
            f"The year {be} BE is outside the range the system supports.",
        )
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        name = FULL_MONTHS[month - 1]
        raise ThaiDateError(
            f"ไม่มีวันที่ {to_thai_digits(str(day))} ในเดือน{name} {to_thai_digits(str(be))} "
            f"(เดือนนี้มี {to_thai_digits(str(days))} วัน)",
            f"{calendar.month_name[month]} {be} BE has {days} days, so there is no day {day}.",
        )
    return date(year, month, day)


def parse_date(text: str, *, default_year: int | None = None) -> date:
    """Read one Buddhist-era date written in Thai; raise ``ThaiDateError`` saying why not.

    ``default_year`` (BE; a CE year 1900–2399 is converted) is used when the text names no
    year, and is the pivot for 2-digit years (the year ending in those digits within 50 years
    of it). Without it a 2-digit year ``yy`` is BE ``25yy``.
    """
    shown = " ".join(str(text).split())
    if not shown:
        raise ThaiDateError("ไม่มีข้อความวันที่", "The date is empty.")
    work = _LEAD.sub("", to_arabic_digits(shown))
    if match := _NUMERIC.fullmatch(work):
        day, month = int(match["d"]), int(match["m"])
        return make_date(read_year(match["y"], None, default_year), month, day)
    if match := _NAMED.fullmatch(work):
        month = month_number(match["m"])
        if month is None:
            raise _unknown_month(match["m"])
        be = _year_or_default(match["y"], match["era"], default_year, shown)
        return make_date(be, month, int(match["d"]))
    if (match := _MONTH_ONLY.fullmatch(work)) and month_number(match["m"]):
        raise ThaiDateError(
            f"“{shown}” ไม่ได้ระบุวันที่ของเดือน (ถ้าหมายถึงทั้งเดือน ให้อ่านเป็นระยะเวลา)",
            f"'{shown}' names no day of the month (to mean the whole month, read it as a period).",
        )
    raise ThaiDateError(
        f"อ่านวันที่ “{shown}” ไม่ได้ ควรเขียนแบบ ๑ ตุลาคม ๒๕๖๖, ๑ ต.ค. ๖๖ หรือ ๑/๑๐/๒๕๖๖",
        f"Cannot read the date '{shown}'; write it like 1 ตุลาคม 2566, 1 ต.ค. 66 or 1/10/2566.",
    )


def _year_or_default(digits: str | None, era: str | None, default: int | None, shown: str) -> int:
    if digits:
        return read_year(digits, era, default)
    if default is None:
        raise ThaiDateError(
            f"“{shown}” ไม่ได้ระบุปี และไม่ได้กำหนดปีที่จะใช้แทน (default_year)",
            f"'{shown}' names no year, and no default_year was given.",
        )
    return as_be_year(default)


def _unknown_month(name: str) -> ThaiDateError:
    name = name.strip()
    return ThaiDateError(
        f"ไม่รู้จักชื่อเดือน “{name}” (เขียนเต็ม เช่น ตุลาคม หรือย่อ เช่น ต.ค.)",
        f"Unknown month name '{name}' (write it in full, e.g. ตุลาคม, or short, e.g. ต.ค.).",
    )
