"""Reading an agency-year's ITA scores (writing them is :func:`.actions.scores_record`)."""

from __future__ import annotations

from collections.abc import Mapping

from prongsai.agencies.models import Agency
from prongsai.core.actions import SYSTEM
from prongsai.criteria.services import get_catalog

from .actions import Scores, scores_record
from .models import Assessment
from .scoring import ScoreReport, score


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
    by=SYSTEM,
) -> tuple[Assessment, ScoreReport]:
    """Shorthand of :func:`.actions.scores_record` with keyword inputs (tests, fixtures, the
    shell); it is the action, with its checks and its event, acting as ``by`` (the system by
    default). Pages, the API, commands and the importer call the action itself."""
    return scores_record(
        agency.pk,
        fiscal_year,
        Scores(
            question_scores=question_scores or {},
            indicator_scores=indicator_scores or {},
            stated_tools=stated_tools or {},
            stated_overall=stated_overall,
            stated_rating=stated_rating,
            source=source,
            source_note=source_note,
        ),
        by=by,
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
