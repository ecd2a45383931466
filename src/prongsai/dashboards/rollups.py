"""Roll-ups over many agencies: nation, province, district, agency kind — plain functions.

Everything reads :class:`~.models.AgencyYear` through a queryset the caller narrowed to what
the user may see (:func:`prongsai.dashboards.selectors.visible_summaries`). ``summarize`` makes
the aggregate figures from one query (cached by the caller); ``ranking`` is the filtered,
sorted, paginated agency list every figure drills down to.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median

from django.db.models import QuerySet

from prongsai.agencies.names import KIND_BY_CODE
from prongsai.criteria.catalog import Catalog

from .summaries import MEASURE_STATE_TH, MEASURE_STATES

BAND_WIDTH = 5
LOWEST_BAND = 50  # scores under this share one band


@dataclass(frozen=True)
class Scope:
    """Which agencies a roll-up covers: any of province, district, kind (none: the nation)."""

    province: int | None = None
    district: int | None = None
    kind: str | None = None

    def apply(self, qs: QuerySet) -> QuerySet:
        if self.province is not None:
            qs = qs.filter(province_id=self.province)
        if self.district is not None:
            qs = qs.filter(district_id=self.district)
        if self.kind:
            qs = qs.filter(kind=self.kind)
        return qs

    @property
    def key(self) -> str:
        return f"p{self.province}:d{self.district}:k{self.kind}"

    @property
    def child(self) -> str | None:
        """What the breakdown table lists: provinces, districts, or nothing below a district."""
        if self.district is not None:
            return None
        return "district" if self.province is not None else "province"


@dataclass(frozen=True)
class Filters:
    """Narrowing the ranking (the drill-down): each figure links to one of these."""

    q: str = ""
    passed: bool | None = None
    low: Decimal | None = None  # overall >= low
    high: Decimal | None = None  # overall < high
    weak_question: str = ""
    weak_indicator: str = ""
    overdue: bool = False
    sort: str = "rank"

    SORTS = {
        "rank": ("-overall", "name"),
        "low": ("overall", "name"),
        "name": ("name",),
        "overdue": ("-measures_overdue", "overall", "name"),
    }

    def apply(self, qs: QuerySet) -> QuerySet:
        if self.q:
            qs = qs.filter(name__icontains=self.q)
        if self.passed is not None:
            qs = qs.filter(passed=self.passed)
        if self.low is not None:
            qs = qs.filter(overall__gte=self.low)
        if self.high is not None:
            qs = qs.filter(overall__lt=self.high)
        if self.weak_question:
            qs = qs.filter(weak_questions__contains=f" {self.weak_question} ")
        if self.weak_indicator:
            qs = qs.filter(weak_indicators__contains=f" {self.weak_indicator} ")
        if self.overdue:
            qs = qs.filter(measures_overdue__gt=0)
        if self.sort in ("rank", "low"):
            qs = qs.filter(overall__isnull=False)
        return qs.order_by(*self.SORTS.get(self.sort, self.SORTS["rank"]))


@dataclass
class Group:
    """The figures of a set of agency-years (the whole scope, or one row of a breakdown)."""

    key: object = None
    label: str = ""
    agencies: int = 0
    assessed: int = 0
    passed: int = 0
    total: float = 0.0
    measures: Counter = field(default_factory=Counter)
    scores: list[float] = field(default_factory=list)

    def add(self, overall, passed, measures: dict[str, int]) -> None:
        self.agencies += 1
        if overall is not None:
            self.assessed += 1
            self.total += float(overall)
            self.scores.append(float(overall))
            self.passed += bool(passed)
        self.measures.update(measures)

    @property
    def mean(self) -> float | None:
        return round(self.total / self.assessed, 2) if self.assessed else None

    @property
    def median(self) -> float | None:
        return round(median(self.scores), 2) if self.scores else None

    @property
    def failed(self) -> int:
        return self.assessed - self.passed

    @property
    def pass_rate(self) -> float | None:
        return round(100 * self.passed / self.assessed, 1) if self.assessed else None

    @property
    def measures_total(self) -> int:
        return sum(self.measures[s] for s in MEASURE_STATES)

    @property
    def completion(self) -> float | None:
        total = self.measures_total
        return round(100 * self.measures["done"] / total, 1) if total else None


@dataclass
class Rollup:
    fiscal_year: int
    pass_mark: float | None
    whole: Group
    bands: list[tuple[int, int | None, int]]  # (low, high or None, agencies)
    tools: list[tuple[str, str, float | None]]  # (code, name, mean)
    indicators: list[dict]  # number, name, tool, mean, weak (agencies below the pass mark)
    weak_questions: list[dict]  # code, text, indicator, weak, share
    by_child: list[Group]
    by_kind: list[Group]
    measure_states: list[tuple[str, str, int]]  # (state, Thai label, measures)


ROW_FIELDS = (
    "province_id",
    "district_id",
    "kind",
    "overall",
    "passed",
    "pass_mark",
    "tools",
    "indicators",
    "weak_questions",
    "measures_done",
    "measures_in_progress",
    "measures_overdue",
    "measures_not_started",
)


def band_of(score: float) -> int:
    """The lower bound of the distribution band a score falls in (100 joins the top band)."""
    if score < LOWEST_BAND:
        return 0
    return min(int(score // BAND_WIDTH) * BAND_WIDTH, 100 - BAND_WIDTH)


def summarize(
    rows: QuerySet,
    catalog: Catalog,
    *,
    child: str | None,
    child_names: dict,
    top_questions: int = 10,
) -> Rollup:
    """The aggregate figures of ``rows`` (AgencyYear of one fiscal year), in one query."""
    whole = Group(label="ทั้งหมด")
    children: dict[object, Group] = {}
    kinds: dict[str, Group] = {}
    bands: Counter = Counter()
    tool_sum: Counter = Counter()
    tool_n: Counter = Counter()
    ind_sum: Counter = Counter()
    ind_n: Counter = Counter()
    ind_weak: Counter = Counter()
    q_weak: Counter = Counter()
    pass_mark = None
    child_field = f"{child}_id" if child else None
    for row in rows.values(*ROW_FIELDS).iterator(chunk_size=5000):
        measures = {s: row[f"measures_{s}"] for s in MEASURE_STATES}
        overall, passed = row["overall"], row["passed"]
        whole.add(overall, passed, measures)
        if child_field:
            key = row[child_field]
            group = children.get(key) or children.setdefault(
                key, Group(key=key, label=child_names.get(key, "–"))
            )
            group.add(overall, passed, measures)
        kind = row["kind"]
        group = kinds.get(kind) or kinds.setdefault(
            kind,
            Group(key=kind, label=KIND_BY_CODE[kind].label_th if kind in KIND_BY_CODE else kind),
        )
        group.add(overall, passed, measures)
        if overall is None:
            continue
        if row["pass_mark"] is not None:
            pass_mark = float(row["pass_mark"])
        bands[band_of(float(overall))] += 1
        for code, value in row["tools"].items():
            if value is not None:
                tool_sum[code] += value
                tool_n[code] += 1
        for number, value in row["indicators"].items():
            if value is not None:
                ind_sum[number] += value
                ind_n[number] += 1
                if pass_mark is not None and value < pass_mark:
                    ind_weak[number] += 1
        q_weak.update(row["weak_questions"].split())

    def mean(s: Counter, n: Counter, key) -> float | None:
        return round(s[key] / n[key], 2) if n[key] else None

    band_rows = [(0, LOWEST_BAND, bands[0])] + [
        (lo, lo + BAND_WIDTH, bands[lo]) for lo in range(LOWEST_BAND, 100, BAND_WIDTH)
    ]
    questions = {q.code: q for q in catalog.questions}
    weak_questions = [
        {
            "code": code,
            "text": questions[code].text_th if code in questions else "",
            "confidence": questions[code].confidence if code in questions else "",
            "source_text": questions[code].source_text if code in questions else "",
            "indicator": questions[code].indicator if code in questions else None,
            "weak": count,
            "share": round(100 * count / whole.assessed, 1) if whole.assessed else None,
        }
        for code, count in q_weak.most_common(top_questions)
    ]
    return Rollup(
        fiscal_year=catalog.fiscal_year,
        pass_mark=pass_mark if pass_mark is not None else float(catalog.pass_mark),
        whole=whole,
        bands=band_rows,
        tools=[(t.code, t.name_th, mean(tool_sum, tool_n, t.code)) for t in catalog.tools],
        indicators=[
            {
                "number": i.number,
                "name": i.name_th,
                "tool": i.tool,
                "mean": mean(ind_sum, ind_n, str(i.number)),
                "weak": ind_weak[str(i.number)],
            }
            for i in catalog.indicators
        ],
        weak_questions=weak_questions,
        by_child=sorted(children.values(), key=lambda g: g.label),
        by_kind=sorted(kinds.values(), key=lambda g: -g.agencies),
        measure_states=[(s, MEASURE_STATE_TH[s], whole.measures[s]) for s in MEASURE_STATES],
    )


@dataclass
class Page:
    rows: list
    number: int
    size: int
    count: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.size))

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


RANKING_FIELDS = (
    "agency_id",
    "name",
    "kind",
    "province_id",
    "district_id",
    "province__name_th",
    "district__name_th",
    "overall",
    "rating",
    "passed",
    "measures_total",
    "measures_done",
    "measures_overdue",
)


def ranking(rows: QuerySet, filters: Filters, *, page: int = 1, size: int = 50) -> Page:
    """One page of the filtered, sorted agency list (two queries: count and the page)."""
    qs = filters.apply(rows)
    count = qs.count()
    pages = max(1, -(-count // size))
    number = min(max(1, page), pages)
    start = (number - 1) * size
    return Page(list(qs.values(*RANKING_FIELDS)[start : start + size]), number, size, count)


def all_ranked(rows: QuerySet, filters: Filters):
    """Every row of the filtered list, for the exports."""
    return filters.apply(rows).values(*RANKING_FIELDS).iterator(chunk_size=2000)


def bool_param(value: str | None) -> bool | None:
    return {"1": True, "0": False}.get(value or "")
