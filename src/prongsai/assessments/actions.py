"""The one door to an agency-year's ITA scores: :func:`scores_record`.

Every path that writes scores — the results page, ``PUT /api/agencies/<id>/assessments/<year>/
scores``, the importer (web upload and ``prongsai import``), the demo — calls it: one
transaction, the actor's reach checked, the freeze rule applied, one ``scores.record`` event.

The freeze rule: the scores an analysis was drawn from are part of what its memo approves (the
analysis's content hash covers them). Once that analysis is submitted, approved or published,
the scores cannot change by any path; a correction is a new version through a new memo.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from prongsai.access import scope
from prongsai.core import events
from prongsai.core.actions import action
from prongsai.core.errors import Frozen
from prongsai.criteria.models import CriteriaYear
from prongsai.criteria.services import get_catalog

from .models import Assessment, IndicatorScore, QuestionScore, ToolScore
from .scoring import ScoreReport, round2, score


@dataclass
class Scores:
    """A year's result as given (by a person, a document or the API): the inputs only; what
    follows from them is computed."""

    question_scores: Mapping[str, object] = field(default_factory=dict)
    indicator_scores: Mapping[int, object] = field(default_factory=dict)
    stated_tools: Mapping[str, object] = field(default_factory=dict)
    stated_overall: object | None = None
    stated_rating: str = ""
    source: str = "manual"
    source_note: str = ""


def _r(value: Decimal | None) -> Decimal | None:
    return None if value is None else round2(value)


def require_scores_open(assessment: Assessment | None) -> None:
    """Refuse (:class:`Frozen`) when an analysis drawn from these scores has left the draft:
    the scores are part of what its memo approves."""
    if assessment is None or assessment.pk is None:
        return
    analysis = assessment.analyses.exclude(status="draft").first()  # reverse FK: no import
    if analysis is not None:
        raise Frozen(
            _(
                "ผลการประเมินปี %(year)s แก้ไขไม่ได้ เพราะการวิเคราะห์ผลปี %(year)s "
                "%(status)s (คะแนนเป็นส่วนหนึ่งของสิ่งที่อนุมัติ การแก้ไขต้องทำเป็นฉบับใหม่ผ่านบันทึกข้อความใหม่)"
            ),
            field="question_scores",
            year=assessment.fiscal_year,
            status=analysis.get_status_display(),
        )


def scores_hash(assessment: Assessment) -> str:
    """A hash of the stored scores (questions, indicators, tools, overall)."""
    text = json.dumps(score_parts(assessment), ensure_ascii=False, default=str, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def score_parts(assessment: Assessment) -> dict:
    """The scores as plain data, for content hashes (the analysis's covers them)."""
    return {
        "overall": [str(assessment.overall), assessment.rating, str(assessment.stated_overall)],
        "questions": sorted(
            (code, str(v), inf)
            for code, v, inf in assessment.question_scores.values_list(
                "question__code", "score", "inferred"
            )
        ),
        "indicators": sorted(
            (n, str(st), str(v))
            for n, st, v in assessment.indicator_scores.values_list(
                "indicator__number", "stated", "score"
            )
        ),
        "tools": sorted(
            (c, str(st), str(v))
            for c, st, v in assessment.tool_scores.values_list("tool__code", "stated", "score")
        ),
    }


@action("scores.record")
def scores_record(
    agency_id: int, fiscal_year: int, scores: Scores, *, by
) -> tuple[Assessment, ScoreReport]:
    """Create or replace the scores of the agency for ``fiscal_year`` and compute the rest.

    The inputs replace what was stored before (it is the whole result of that year). Invalid
    input raises :class:`~.scoring.ScoreError` before anything is written; scores behind an
    analysis in review or approved raise :class:`~prongsai.core.errors.Frozen`. Running it
    twice with the same input leaves the scores as they were.
    """
    agency_id = getattr(agency_id, "pk", agency_id)
    scope.require(by, agency_id, "edit")
    current = (
        Assessment.objects.select_for_update()
        .filter(agency_id=agency_id, fiscal_year=fiscal_year)
        .first()
    )
    require_scores_open(current)
    catalog = get_catalog(fiscal_year)
    report = score(
        catalog,
        scores.question_scores or {},
        scores.indicator_scores or {},
        stated_tools=scores.stated_tools or {},
        stated_overall=scores.stated_overall,
    )
    criteria = CriteriaYear.objects.get(fiscal_year=fiscal_year)
    assessment, _created = Assessment.objects.update_or_create(
        agency_id=agency_id,
        fiscal_year=fiscal_year,
        defaults={
            "criteria": criteria,
            "stated_overall": report.overall.stated,
            "stated_rating": scores.stated_rating,
            "overall": report.overall.value,
            "computed_overall": _r(report.overall.computed),
            "rating": report.rating.label if report.rating else "",
            "passed": report.passed,
            "source": scores.source,
            "source_note": scores.source_note,
        },
    )
    questions = {q.code: q for q in criteria.questions.all()}
    given = {code: (Decimal(str(v)), False) for code, v in (scores.question_scores or {}).items()}
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
    events.record(
        "scores.record",
        assessment,
        by=by,
        agency=agency_id,
        year=fiscal_year,
        content_hash=scores_hash(assessment),
        data={"source": scores.source, "overall": str(assessment.overall)},
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
