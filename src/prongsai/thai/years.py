"""Buddhist-era (พ.ศ.) and Common-era (ค.ศ.) years, and how written years are read.

Rules for a year written in a document (all results are BE):

* 4 digits, 2400 or more: a BE year (BE 2400 = CE 1857).
* 4 digits from 1900 to 2399: a CE year, converted to BE (official Thai documents use BE;
  the CE years that turn up — "2024" in an English heading — are all after 1900, and no
  document about ITA work mentions a BE year before 2400).
* 4 digits below 1900: refused (neither reading is plausible).
* An era written before the year wins: ``พ.ศ. 2300`` is BE, ``ค.ศ. 2024`` is CE.
* 2 digits (``๖๖``): a short BE year. It means the BE year ending in those digits that falls
  in the 100-year window ``[pivot - 50, pivot + 49]``. The default pivot is 2550, so the window
  is 2500–2599 (``๖๖`` → 2566, ``๐๐`` → 2500, ``๙๙`` → 2599; CE 1957–2056). Pass a pivot
  (``default_year`` / ``fiscal_year``) near the document's own year to read later documents.
"""

from __future__ import annotations

from prongsai.thai.digits import to_thai_digits
from prongsai.thai.errors import ThaiDateError

BE_OFFSET = 543
"""BE year − CE year."""

FIRST_BE_YEAR = 2400
"""The lowest 4-digit number read as a BE year."""

FIRST_CE_YEAR = 1900
"""The lowest 4-digit number read as a CE year."""

DEFAULT_PIVOT = 2550
"""Short (2-digit) years are read in the window ``[pivot - 50, pivot + 49]``: 2500–2599."""


def be_year(ce_year: int) -> int:
    """CE year → BE year: ``2023`` → ``2566``."""
    return ce_year + BE_OFFSET


def ce_year(be_year: int) -> int:
    """BE year → CE year: ``2566`` → ``2023``."""
    return be_year - BE_OFFSET


def as_be_year(year: int) -> int:
    """A full year from a caller (``default_year``, ``fiscal_year``) as BE, by the rules above."""
    if year >= FIRST_BE_YEAR:
        return year
    if year >= FIRST_CE_YEAR:
        return be_year(year)
    raise ThaiDateError(
        f"ปี {to_thai_digits(str(year))} ไม่ใช่ปี พ.ศ. หรือ ค.ศ. ที่อ่านได้ (ปี พ.ศ. ต้องตั้งแต่ ๒๔๐๐ ขึ้นไป)",
        f"Year {year} is neither a Buddhist-era year (2400 or later) "
        f"nor a Common-era year (1900–2399).",
    )


def short_year(two_digits: int, pivot: int | None = None) -> int:
    """The BE year ending in ``two_digits`` (0–99) in the window around ``pivot`` (BE)."""
    centre = DEFAULT_PIVOT if pivot is None else as_be_year(pivot)
    low = centre - 50
    return low + (two_digits - low) % 100


def read_year(digits: str, era: str | None = None, pivot: int | None = None) -> int:
    """A year as written (Arabic digits, optional era ``พ.ศ.``/``ค.ศ.``) → BE year."""
    era_key = era.replace(".", "").replace(" ", "") if era else ""
    shown = to_thai_digits(digits)
    if len(digits) == 2 and era_key != "คศ":
        return short_year(int(digits), pivot)
    if len(digits) != 4:
        raise ThaiDateError(
            f"ปี “{shown}” ต้องเขียนเป็นเลข ๔ หลัก (เช่น ๒๕๖๖) หรือ ๒ หลัก (เช่น ๖๖)",
            f"The year '{digits}' must have 4 digits (e.g. 2566) or 2 digits (e.g. 66).",
        )
    year = int(digits)
    if era_key == "พศ":
        return year
    if era_key == "คศ":
        return be_year(year)
    return as_be_year(year)
