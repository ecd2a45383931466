"""ITA scoring: questions → indicators → tools → overall → rating, by one year's catalog.

Pure functions over a :class:`~prongsai.criteria.catalog.Catalog`; no database. Works from
whatever is known:

- an indicator is *computed* when every one of its questions has a score (IIT/EIT: the mean of
  its questions; OIT: the mean of its sub-indicators, each the mean of its items);
- a score *stated* by a document (an indicator, a tool, the overall) is kept beside the
  computed one, and the difference between them is reported, never hidden;
- the figure that rolls up is the stated one when there is one (it is the official number),
  otherwise the computed one;
- when an indicator is stated and exactly one of its questions is missing, that question is
  inferred back from the indicator and reported as inferred.

Arithmetic is exact (``Decimal``); figures are rounded half-up to two decimals only for
display and for the rating, which is what the NACC publishes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from prongsai.core.errors import Invalid
from prongsai.criteria.catalog import Catalog, IndicatorDef, RatingRule

HUNDREDTH = Decimal("0.01")
# Parts are themselves rounded to the hundredth, so a stated total may differ from the one
# computed from its parts by one unit in the last place without either being wrong.
TOLERANCE = Decimal("0.01")

Basis = Literal["stated", "computed", "missing"]


def round2(value: Decimal) -> Decimal:
    return value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def _dec(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


@dataclass(frozen=True)
class Figure:
    """One score with where it comes from."""

    computed: Decimal | None = None  # exact, from the parts
    stated: Decimal | None = None  # as the document or the user gave it

    @property
    def exact(self) -> Decimal | None:
        return self.stated if self.stated is not None else self.computed

    @property
    def value(self) -> Decimal | None:
        return None if self.exact is None else round2(self.exact)

    @property
    def basis(self) -> Basis:
        if self.stated is not None:
            return "stated"
        return "computed" if self.computed is not None else "missing"

    @property
    def difference(self) -> Decimal | None:
        """stated − computed (both rounded to the hundredth), when both are known."""
        if self.stated is None or self.computed is None:
            return None
        return round2(self.stated) - round2(self.computed)

    @property
    def matches(self) -> bool | None:
        diff = self.difference
        return None if diff is None else abs(diff) <= TOLERANCE


@dataclass(frozen=True)
class ScoreReport:
    fiscal_year: int
    indicators: dict[int, Figure]
    tools: dict[str, Figure]
    overall: Figure
    rating: RatingRule | None
    inferred: dict[str, Decimal] = field(default_factory=dict)  # question code -> score
    missing: dict[int, tuple[str, ...]] = field(default_factory=dict)  # indicator -> codes
    warnings: tuple[str, ...] = ()

    @property
    def passed(self) -> bool | None:
        return None if self.rating is None else self.rating.passed

    @property
    def differences(self) -> list[tuple[str, Figure]]:
        """Every figure whose stated and computed values differ beyond rounding."""
        named = [(f"ตัวชี้วัดที่ {n}", f) for n, f in self.indicators.items()]
        named += [(code, f) for code, f in self.tools.items()]
        named.append(("คะแนนรวม", self.overall))
        return [(name, f) for name, f in named if f.matches is False]


class ScoreError(Invalid, ValueError):
    """Input that cannot be scored: unknown question or indicator, score out of range."""

    code = "unscorable"
    status = 422

    def __init__(self, message_th: str, message_en: str, field: str = "question_scores"):
        self._th, self.message_en = message_th, message_en
        super().__init__(message_th, field=field)

    @property
    def message_th(self) -> str:
        return self._th

    def __str__(self) -> str:
        from django.utils.translation import get_language

        english = (get_language() or "th").startswith("en")
        return self.message_en if english and self.message_en else self.message_th


def _mean(values: list[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / len(values)


def _indicator_from_questions(
    catalog: Catalog, indicator: IndicatorDef, scores: Mapping[str, Decimal]
) -> Decimal | None:
    questions = catalog.questions_of(indicator.number)
    if not questions or any(q.code not in scores for q in questions):
        return None
    if indicator.aggregation == "mean_of_sub_indicators":
        groups: dict[str, list[Decimal]] = {}
        for q in questions:
            groups.setdefault(q.sub_indicator, []).append(scores[q.code])
        return _mean([_mean(v) for v in groups.values()])
    return _mean([scores[q.code] for q in questions])


def _infer_one(
    catalog: Catalog, indicator: IndicatorDef, scores: Mapping[str, Decimal], stated: Decimal
) -> tuple[str, Decimal] | None:
    """The one missing question of an indicator, solved from the stated indicator score.

    The indicator is linear in the missing score x: f(x) = f(0) + (f(1) − f(0))·x.
    """
    missing = [q.code for q in catalog.questions_of(indicator.number) if q.code not in scores]
    if len(missing) != 1:
        return None
    code = missing[0]
    at0 = _indicator_from_questions(catalog, indicator, {**scores, code: Decimal(0)})
    at1 = _indicator_from_questions(catalog, indicator, {**scores, code: Decimal(1)})
    slope = at1 - at0
    return code, round2((stated - at0) / slope)


def check_inputs(
    catalog: Catalog,
    question_scores: Mapping[str, object],
    indicator_scores: Mapping[int, object] | None = None,
) -> None:
    """Raise ScoreError for an unknown code or a score outside 0–100 (OIT items: 0 or 100)."""
    known = {q.code: q for q in catalog.questions}
    for code, raw in question_scores.items():
        if code not in known:
            raise ScoreError(
                f"ข้อ {code} ไม่มีในเกณฑ์ปี {catalog.fiscal_year}",
                f"question {code} is not in the {catalog.fiscal_year} criteria",
            )
        _check_range(f"ข้อ {code}", f"question {code}", _dec(raw))
        if known[code].kind == "checklist" and _dec(raw) not in (0, 100):
            raise ScoreError(
                f"ข้อ {code} เป็นรายการเปิดเผยข้อมูล คะแนนต้องเป็น 0 หรือ 100 (ได้ {raw})",
                f"question {code} is a disclosure item: its score is 0 or 100 (got {raw})",
            )
    numbers = {i.number for i in catalog.indicators}
    for number, raw in (indicator_scores or {}).items():
        if int(number) not in numbers:
            raise ScoreError(
                f"ตัวชี้วัดที่ {number} ไม่มีในเกณฑ์ปี {catalog.fiscal_year}",
                f"indicator {number} is not in the {catalog.fiscal_year} criteria",
            )
        _check_range(f"ตัวชี้วัดที่ {number}", f"indicator {number}", _dec(raw))


def _check_range(name_th: str, name_en: str, value: Decimal) -> None:
    if not value.is_finite() or not (0 <= value <= 100):
        raise ScoreError(
            f"คะแนน{name_th} ต้องอยู่ระหว่าง 0 ถึง 100 (ได้ {value})",
            f"the score of {name_en} must be between 0 and 100 (got {value})",
        )


def rate(catalog: Catalog, overall: Decimal | None, tools: Mapping[str, Decimal | None]):
    """The first rating rule of the year that the overall (and tool) scores satisfy."""
    if overall is None:
        return None
    overall = round2(overall)
    for rule in catalog.rating_rules:
        if overall < rule.min_overall:
            continue
        if rule.max_overall is not None and overall > rule.max_overall:
            continue
        if rule.min_each_tool is not None and any(
            v is None or v < rule.min_each_tool for v in tools.values()
        ):
            continue
        return rule
    return None


def score(
    catalog: Catalog,
    question_scores: Mapping[str, object] | None = None,
    indicator_scores: Mapping[int, object] | None = None,
    *,
    stated_tools: Mapping[str, object] | None = None,
    stated_overall: object | None = None,
) -> ScoreReport:
    """Score one agency-year from whatever is known. See the module docstring."""
    question_scores = question_scores or {}
    indicator_scores = {int(k): v for k, v in (indicator_scores or {}).items()}
    check_inputs(catalog, question_scores, indicator_scores)
    qs = {code: _dec(v) for code, v in question_scores.items()}
    stated_ind = {n: _dec(v) for n, v in indicator_scores.items()}
    warnings: list[str] = []

    inferred: dict[str, Decimal] = {}
    indicators: dict[int, Figure] = {}
    missing: dict[int, tuple[str, ...]] = {}
    for ind in catalog.indicators:
        stated = stated_ind.get(ind.number)
        guess = None if stated is None else _infer_one(catalog, ind, qs, stated)
        if guess is not None:
            code, value = guess
            if not (0 <= value <= 100):
                warnings.append(
                    f"ข้อ {code} ที่คำนวณย้อนจากตัวชี้วัดที่ {ind.number} ได้ {value} "
                    "ซึ่งอยู่นอกช่วง 0–100: คะแนนที่ให้มาไม่สอดคล้องกัน"
                )
            else:
                inferred[code] = value
        computed = _indicator_from_questions(catalog, ind, {**qs, **inferred})
        if code_list := tuple(
            q.code
            for q in catalog.questions_of(ind.number)
            if q.code not in qs and q.code not in inferred
        ):
            missing[ind.number] = code_list
        indicators[ind.number] = Figure(
            computed=computed if not _uses(inferred, catalog, ind) else None, stated=stated
        )

    stated_tools = {k: _dec(v) for k, v in (stated_tools or {}).items()}
    tools: dict[str, Figure] = {}
    for tool in catalog.tools:
        parts = [indicators[i.number].exact for i in catalog.indicators_of(tool.code)]
        computed = _mean(parts) if parts and all(p is not None for p in parts) else None
        tools[tool.code] = Figure(computed=computed, stated=stated_tools.get(tool.code))

    weights = [(tools[t.code].exact, t.weight) for t in catalog.tools]
    computed_overall = (
        sum((v * w for v, w in weights), Decimal(0)) / 100
        if all(v is not None for v, _ in weights)
        else None
    )
    overall = Figure(
        computed=computed_overall,
        stated=None if stated_overall is None else _dec(stated_overall),
    )
    rating = rate(catalog, overall.exact, {c: f.exact for c, f in tools.items()})
    return ScoreReport(
        fiscal_year=catalog.fiscal_year,
        indicators=indicators,
        tools=tools,
        overall=overall,
        rating=rating,
        inferred=inferred,
        missing=missing,
        warnings=tuple(warnings),
    )


def _uses(inferred: Mapping[str, Decimal], catalog: Catalog, ind: IndicatorDef) -> bool:
    """True when the indicator's computed value would rest on a question inferred from it."""
    return any(q.code in inferred for q in catalog.questions_of(ind.number))
