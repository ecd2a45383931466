"""Reading agencies."""

from __future__ import annotations

from .models import Agency
from .names import full_agency_name, split_agency_name


class AgencyNotFound(LookupError):
    def __init__(self, text: str, candidates: list[Agency] | None = None):
        self.text, self.candidates = text, candidates or []
        if self.candidates:
            where = ", ".join(f"{a.name} จ.{a.province.name_th}" for a in self.candidates)
            self.message_th = f"ชื่อ “{text}” ตรงกับหลายหน่วยงาน: {where} (ระบุจังหวัดด้วย)"
            self.message_en = f"“{text}” matches several agencies: {where} (give the province too)"
        else:
            self.message_th = f"ไม่พบหน่วยงานชื่อ “{text}”"
            self.message_en = f"no agency named “{text}”"
        super().__init__(self.message_th)


def find_agency(text: str, province: str | None = None) -> Agency:
    """The one agency called ``text`` (full or abbreviated name, e.g. ทต.พนมทวน)."""
    kind, place = split_agency_name(text)
    name = full_agency_name(kind, place) if kind != "other" else place
    qs = Agency.objects.select_related("province", "district").filter(name=name)
    if province:
        qs = qs.filter(province__name_th=province)
    found = list(qs[:10])
    if len(found) == 1:
        return found[0]
    raise AgencyNotFound(text, found)


# The home list, an agency's overview and a year of its cycle read the later stages: they live in
# the top-level app prongsai.work (work/selectors.py), above every stage.
