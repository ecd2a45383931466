"""What the bulk pages read."""

from __future__ import annotations

from django.db.models import Max

from prongsai.analysis.models import Analysis
from prongsai.measures.models import MeasurePlan, ProgressRound


def latest_year(kind: str) -> int | None:
    """The latest fiscal year that has what a ``kind`` of document is made from (an analysis, a
    plan, a round of progress), in any agency; None when there is none."""
    if kind == "analysis":
        found = Analysis.objects.aggregate(year=Max("fiscal_year"))
    elif kind == "plan":
        found = MeasurePlan.objects.aggregate(year=Max("fiscal_year"))
    else:  # the progress reports: a round of a plan
        found = ProgressRound.objects.aggregate(year=Max("plan__fiscal_year"))
    return found["year"]
