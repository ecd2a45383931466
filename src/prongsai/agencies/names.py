"""Thai names of provinces and agency kinds: plain functions, no database.

The 77 provinces come from ``data/provinces.csv`` (ISO 3166-2:TH codes). Documents write a
province as ``จังหวัดขอนแก่น``, ``จ.ขอนแก่น``, ``จังหวัด ขอนแก่น`` or ``กรุงเทพฯ``;
:func:`normalize_province` turns all of them into the canonical name or says why it cannot.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")


@dataclass(frozen=True)
class ProvinceRow:
    code: int
    name_th: str
    name_en: str


@cache
def provinces() -> tuple[ProvinceRow, ...]:
    with (DATA / "provinces.csv").open(encoding="utf-8") as f:
        return tuple(
            ProvinceRow(int(r["code"]), r["name_th"], r["name_en"]) for r in csv.DictReader(f)
        )


class UnknownProvince(ValueError):
    def __init__(self, text: str):
        self.text = text
        self.message_th = f"ไม่พบจังหวัด “{text}” ในรายชื่อ 77 จังหวัด"
        self.message_en = f"“{text}” is not one of the 77 provinces"
        super().__init__(self.message_th)


_PROVINCE_PREFIX = re.compile(r"^\s*(จังหวัด|จ\.)\s*")
_ALIASES = {"กรุงเทพฯ": "กรุงเทพมหานคร", "กรุงเทพ": "กรุงเทพมหานคร", "กทม.": "กรุงเทพมหานคร"}


def normalize_province(text: str) -> str:
    """The canonical Thai name of a province, from any usual spelling; UnknownProvince if none."""
    name = _PROVINCE_PREFIX.sub("", text or "").strip().replace(" ", "")
    name = _ALIASES.get(name, name)
    by_th = {p.name_th: p.name_th for p in provinces()}
    by_en = {p.name_en.lower(): p.name_th for p in provinces()}
    found = by_th.get(name) or by_en.get((text or "").strip().lower())
    if not found:
        raise UnknownProvince((text or "").strip())
    return found


@dataclass(frozen=True)
class AgencyKind:
    code: str
    name_th: str  # the word that starts the agency's full name, e.g. เทศบาลตำบล
    short_th: str  # its abbreviation, e.g. ทต.
    label_th: str  # how the kind is shown in lists


AGENCY_KINDS: tuple[AgencyKind, ...] = (
    AgencyKind("sao", "องค์การบริหารส่วนตำบล", "อบต.", "อบต."),
    AgencyKind("tambon_municipality", "เทศบาลตำบล", "ทต.", "เทศบาลตำบล"),
    AgencyKind("town_municipality", "เทศบาลเมือง", "ทม.", "เทศบาลเมือง"),
    AgencyKind("city_municipality", "เทศบาลนคร", "ทน.", "เทศบาลนคร"),
    AgencyKind("pao", "องค์การบริหารส่วนจังหวัด", "อบจ.", "อบจ."),
    AgencyKind("other", "", "", "อื่น ๆ"),
)
KIND_BY_CODE = {k.code: k for k in AGENCY_KINDS}


def split_agency_name(text: str) -> tuple[str, str]:
    """(kind code, place name) of an agency name written in full or abbreviated.

    ``อบต.ท่ากระเสริม`` and ``องค์การบริหารส่วนตำบลท่ากระเสริม`` both give
    ``("sao", "ท่ากระเสริม")``; a name of no known kind gives ``("other", name)``.
    """
    name = re.sub(r"\s+", " ", text or "").strip()
    for kind in AGENCY_KINDS[:-1]:
        for prefix in (kind.name_th, kind.short_th):
            if name.startswith(prefix):
                return kind.code, name[len(prefix) :].strip()
    return "other", name


def full_agency_name(kind: str, place: str) -> str:
    prefix = KIND_BY_CODE[kind].name_th
    return f"{prefix}{place}" if prefix else place


def short_agency_name(kind: str, place: str) -> str:
    prefix = KIND_BY_CODE[kind].short_th
    return f"{prefix}{place}" if prefix else place
