"""Who a document is about: the agency, its district and province, read from its text.

Agencies write their own name many times in a report; the most frequent name is the agency.
District and province come from ``อำเภอ… จังหวัด…`` (or ``อ.… จ.…``). When a document writes the
province in two different ways (seed 003 does), every spelling found is kept and a warning says
so, rather than one being picked silently.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from prongsai.agencies.names import (
    AGENCY_KINDS,
    UnknownProvince,
    full_agency_name,
    normalize_province,
    split_agency_name,
)
from prongsai.thai import to_arabic_digits

_PREFIXES = "|".join(re.escape(k.name_th) for k in AGENCY_KINDS if k.name_th)
_SHORT = "|".join(re.escape(k.short_th) for k in AGENCY_KINDS if k.short_th)
# A place name: Thai letters, no spaces; stop before words that commonly follow it.
_PLACE = r"[ก-ฮะ-ูเ-์]+?"
_STOP = r"(?=\s|$|อำเภอ|จังหวัด|ประจำ|สำนัก|กอง|ถือ|ได้|ปฏิบัติ|ทุก|[.,)(/])"
AGENCY_RE = re.compile(rf"(?:{_PREFIXES})\s?{_PLACE}{_STOP}|(?:{_SHORT})\s?{_PLACE}{_STOP}")
# The agency as a title names it: right before its district (on the same or the next line).
TITLE_RE = re.compile(
    rf"(?P<agency>(?:{_PREFIXES}|{_SHORT})\s?[ก-ฮะ-ูเ-์]+)[ \t]*\n?[ \t]*(?:อำเภอ|อ\.)"
)
# Words that follow "อบต." in running text ("สำนักปลัด อบต. และทุกกองงาน") and are no place.
_NOT_PLACES = {"และ", "ที่", "ใน", "ได้", "เพื่อ", "ของ", "โดย", "ทุก", "ซึ่ง", "จึง"}
PLACE_RE = re.compile(
    r"(?:อำเภอ|อ\.)\s*(?P<district>[ก-๙]+)\s*(?:จังหวัด|จ\.)\s*(?P<province>[ก-๙]+)"
)


@dataclass
class AgencyHeader:
    name: str | None = None
    kind: str | None = None
    place_name: str | None = None
    district: str | None = None
    province: str | None = None
    provinces_seen: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_agency_header(text: str) -> AgencyHeader:
    text = to_arabic_digits(text)
    header = AgencyHeader()
    names = Counter()
    for match in AGENCY_RE.finditer(text):
        kind, place = split_agency_name(match.group(0))
        if len(place) > 1 and place not in _NOT_PLACES:
            names[full_agency_name(kind, place)] += 1
    if title := TITLE_RE.search(text):
        header.name = full_agency_name(*split_agency_name(title.group("agency")))
        header.kind, header.place_name = split_agency_name(header.name)
    elif names:
        header.name = names.most_common(1)[0][0]
        header.kind, header.place_name = split_agency_name(header.name)
    else:
        header.warnings.append("ไม่พบชื่อหน่วยงานในเอกสาร")

    districts: Counter[str] = Counter()
    for match in PLACE_RE.finditer(text):
        districts[match.group("district")] += 1
        try:
            province = normalize_province(match.group("province"))
        except UnknownProvince as exc:
            header.warnings.append(exc.message_th)
            continue
        if province not in header.provinces_seen:
            header.provinces_seen.append(province)
    if districts:
        header.district = districts.most_common(1)[0][0]
    if header.provinces_seen:
        header.province = header.provinces_seen[0]
    if len(header.provinces_seen) > 1:
        header.warnings.append(
            "เอกสารระบุจังหวัดไม่ตรงกัน: " + " / ".join(header.provinces_seen) + " (โปรดตรวจสอบ)"
        )
    return header
