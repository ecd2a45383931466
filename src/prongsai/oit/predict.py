"""The predicted ITA score from the OIT workspace: pure functions over a Catalog.

An OIT item scores 100 when it is ready (พร้อม or ตรวจแล้ว), else 0; the OIT indicators, the
OIT score, the overall score and the rating then follow the year's rules exactly as
:func:`prongsai.assessments.scoring.score` computes them for real results. IIT and EIT are
not in the agency's hands before the survey: last year's scores (or typed estimates) stand in
for them. What each item that is not ready costs is the overall score gained by making it
ready, the rest unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from prongsai.assessments.scoring import round2, score
from prongsai.criteria.catalog import Catalog

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Prediction:
    oit: Decimal | None
    overall: Decimal | None
    rating: str
    rating_en: str
    passed: bool | None
    indicators: dict[int, Decimal | None]
    costs: dict[str, Decimal]  # item code -> overall points lost while it is not ready
    oit_costs: dict[str, Decimal]  # item code -> OIT points lost
    basis: dict[str, str]  # "IIT"/"EIT" -> "last_year" | "estimate" | "missing"

    def as_dict(self) -> dict:
        def f(v):
            return None if v is None else float(v)

        return {
            "oit": f(self.oit),
            "overall": f(self.overall),
            "rating": self.rating or None,
            "passed": self.passed,
            "costs": {code: f(v) for code, v in self.costs.items()},
        }


def _run(catalog: Catalog, ready: set[str], others: Mapping[str, Decimal]):
    items = {q.code: HUNDRED if q.code in ready else Decimal(0) for q in catalog.oit_items()}
    stated = {code: v for code, v in others.items() if code != "OIT"}
    return score(catalog, items, stated_tools=stated)


def predict(
    catalog: Catalog, ready: Iterable[str], others: Mapping[str, Decimal | None]
) -> Prediction:
    """``ready``: the codes of the ready items; ``others``: the IIT/EIT scores to assume
    (``None`` when not known: then only the OIT score is predicted)."""
    ready = set(ready)
    known = {k: Decimal(str(v)) for k, v in others.items() if v is not None}
    report = _run(catalog, ready, known)
    oit_tool = next((t.code for t in catalog.tools if t.code == "OIT"), None)
    oit = report.tools[oit_tool].value if oit_tool else None
    overall = report.overall.value
    costs: dict[str, Decimal] = {}
    oit_costs: dict[str, Decimal] = {}
    for q in catalog.oit_items():
        if q.code in ready:
            continue
        better = _run(catalog, ready | {q.code}, known)
        if oit_tool and better.tools[oit_tool].exact is not None:
            oit_costs[q.code] = round2(better.tools[oit_tool].exact - report.tools[oit_tool].exact)
        if better.overall.exact is not None and report.overall.exact is not None:
            costs[q.code] = round2(better.overall.exact - report.overall.exact)
    rating = report.rating
    return Prediction(
        oit=oit,
        overall=overall,
        rating=rating.label if rating else "",
        rating_en=rating.label_en if rating else "",
        passed=rating.passed if rating else None,
        indicators={
            n: f.value for n, f in report.indicators.items() if catalog.indicator(n).tool == "OIT"
        },
        costs=costs,
        oit_costs=oit_costs,
        basis={},
    )
