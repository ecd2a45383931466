"""Where an agency's ITA cycle stands for one fiscal year, and what is due next.

For fiscal year Y (the year the measures are carried out), the cycle is: the ITA results of
Y−1 → their analysis → the measures plan of Y → the 6-month round (Oct–Mar) → the 12-month
round (Oct–Sep). The due dates are this project's defaults, not NACC rules (the NACC's calendar
changes yearly, see shared/reference/ita-domain.md §4–5): the 6-month report by 30 April (the
OIT answering window has closed then in recent years), the 12-month report by 31 October, the
analysis and plan before the fiscal year starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.thai import fiscal_year_bounds, round_bounds

# Thai msgids; shown in the active language (English from locale/en).
STATE_TH = {
    "missing": gettext_lazy("ยังไม่ได้ทำ"),
    "draft": gettext_lazy("ร่าง"),
    "submitted": gettext_lazy("เสนอแล้ว"),
    "approved": gettext_lazy("อนุมัติแล้ว"),
    "published": gettext_lazy("เผยแพร่แล้ว"),
    "done": gettext_lazy("มีแล้ว"),
}


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    state: str  # a key of STATE_TH
    due: date | None = None

    @property
    def state_label(self) -> str:
        return str(STATE_TH[self.state])

    @property
    def finished(self) -> bool:
        return self.state in ("done", "approved", "published")

    def overdue(self, today: date) -> bool:
        return not self.finished and self.due is not None and today > self.due


def due_dates(year: int) -> dict[str, date]:
    start, end = fiscal_year_bounds(year)
    six_end = round_bounds(year, "6m")[1]
    return {
        "analysis": start,
        "plan": start,
        "6m": date(six_end.year, 4, 30),
        "12m": date(end.year, 10, 31),
    }


def cycle_steps(
    year: int,
    *,
    results: bool,
    analysis: str | None,
    plan: str | None,
    rounds: dict[str, str],
) -> list[Step]:
    """The five steps of year ``year`` from what exists (statuses as stored, None if absent);
    the labels are in the active language."""
    due = due_dates(year)
    last = {"year": year - 1}
    return [
        Step("results", _("ผลการประเมิน ITA ปี %(year)s") % last, "done" if results else "missing"),
        Step(
            "analysis",
            _("วิเคราะห์ผลการประเมินปี %(year)s") % last,
            analysis or "missing",
            due["analysis"],
        ),
        Step("plan", _("แผนมาตรการปี %(year)s") % {"year": year}, plan or "missing", due["plan"]),
        Step("6m", _("รายงานผลรอบ ๖ เดือน (ต.ค.–มี.ค.)"), rounds.get("6m") or "missing", due["6m"]),
        Step(
            "12m", _("รายงานผลรอบ ๑๒ เดือน (ต.ค.–ก.ย.)"), rounds.get("12m") or "missing", due["12m"]
        ),
    ]


def next_step(steps: list[Step]) -> Step | None:
    return next((s for s in steps if not s.finished), None)
