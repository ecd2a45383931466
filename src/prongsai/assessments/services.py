"""Writing an agency-year's ITA scores: one function, one transaction."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.db import transaction

from prongsai.agencies.models import Agency
from prongsai.criteria.models import CriteriaYear
from prongsai.criteria.services import get_catalog

from .models import Assessment, IndicatorScore, QuestionScore, ToolScore
from .scoring import ScoreReport, round2, score


def _r(value: Decimal | None) -> Decimal | None:
    return None if value is None else round2(value)


@transaction.atomic
def record_scores(
    *,
    agency: Agency,
    fiscal_year: int,
    question_scores: Mapping[str, object] | None = None,
    indicator_scores: Mapping[int, object] | None = None,
    stated_tools: Mapping[str, object] | None = None,
    stated_overall: object | None = None,
    stated_rating: str = "",
    source: str = "manual",
    source_note: str = "",
) -> tuple[Assessment, ScoreReport]:
    """Create or replace the scores of ``agency`` for ``fiscal_year`` and compute the rest.

    The inputs replace what was stored before (it is the whole result of that year). Invalid
    input raises :class:`~.scoring.ScoreError` before anything is written. Running it twice
    with the same input leaves the database as it was.
    """
    catalog = get_catalog(fiscal_year)
    report = score(
        catalog,
        question_scores,
        indicator_scores,
        stated_tools=stated_tools,
        stated_overall=stated_overall,
    )
    criteria = CriteriaYear.objects.get(fiscal_year=fiscal_year)
    assessment, _ = Assessment.objects.update_or_create(
        agency=agency,
        fiscal_year=fiscal_year,
        defaults={
            "criteria": criteria,
            "stated_overall": report.overall.stated,
            "stated_rating": stated_rating,
            "overall": report.overall.value,
            "computed_overall": _r(report.overall.computed),
            "rating": report.rating.label if report.rating else "",
            "passed": report.passed,
            "source": source,
            "source_note": source_note,
        },
    )
    questions = {q.code: q for q in criteria.questions.all()}
    given = {code: (Decimal(str(v)), False) for code, v in (question_scores or {}).items()}
    given |= {code: (v, True) for code, v in report.inferred.items()}
    _upsert(
        QuestionScore,
        assessment,
        [
            QuestionScore(assessment=assessment, question=questions[c], score=v, inferred=inf)
            for c, (v, inf) in given.items()
        ],
        key="question",
        fields=["score", "inferred"],
    )
    indicators = {i.number: i for i in criteria.indicators.all()}
    _upsert(
        IndicatorScore,
        assessment,
        [
            IndicatorScore(
                assessment=assessment,
                indicator=indicators[n],
                stated=_r(f.stated),
                computed=_r(f.computed),
                score=f.value,
            )
            for n, f in report.indicators.items()
        ],
        key="indicator",
        fields=["stated", "computed", "score"],
    )
    tools = {t.code: t for t in criteria.tools.all()}
    _upsert(
        ToolScore,
        assessment,
        [
            ToolScore(
                assessment=assessment,
                tool=tools[c],
                stated=_r(f.stated),
                computed=_r(f.computed),
                score=f.value,
            )
            for c, f in report.tools.items()
        ],
        key="tool",
        fields=["stated", "computed", "score"],
    )
    return assessment, report


def _upsert(model, assessment: Assessment, rows: list, *, key: str, fields: list[str]) -> None:
    """Insert or update ``rows`` of one assessment and delete the ones no longer given.

    The audit trail gets one history row per score that was added or changed (deletions are
    recorded by the delete signal), so a score's history reads "i3: 80.00 → 90.00"."""
    attname = f"{key}_id"
    before = {
        getattr(r, attname): tuple(getattr(r, f) for f in fields)
        for r in model.objects.filter(assessment=assessment)
    }
    model.objects.filter(assessment=assessment).exclude(
        **{f"{key}__in": [getattr(r, key) for r in rows]}
    ).delete()
    model.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["assessment", key],
        update_fields=fields,
    )
    touched = {
        getattr(r, attname)
        for r in rows
        if before.get(getattr(r, attname)) != tuple(getattr(r, f) for f in fields)
    }
    if touched and hasattr(model, "history"):
        saved = list(model.objects.filter(assessment=assessment, **{f"{attname}__in": touched}))
        model.history.bulk_history_create([r for r in saved if getattr(r, attname) not in before])
        model.history.bulk_history_create(
            [r for r in saved if getattr(r, attname) in before], update=True
        )


def report_for(assessment: Assessment) -> ScoreReport:
    """Re-score a stored assessment from its inputs (what the user or document gave)."""
    catalog = get_catalog(assessment.fiscal_year)
    questions = {
        s.question.code: s.score
        for s in assessment.question_scores.select_related("question").filter(inferred=False)
    }
    stated = {
        s.indicator.number: s.stated
        for s in assessment.indicator_scores.select_related("indicator")
        if s.stated is not None
    }
    stated_tools = {
        s.tool.code: s.stated
        for s in assessment.tool_scores.select_related("tool")
        if s.stated is not None
    }
    return score(
        catalog,
        questions,
        stated,
        stated_tools=stated_tools,
        stated_overall=assessment.stated_overall,
    )
