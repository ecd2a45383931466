"""Drafting an agency's analysis of a year's results (storing it: :mod:`.actions`)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q

from prongsai.assessments.models import Assessment
from prongsai.core.errors import Frozen as _Frozen
from prongsai.criteria.services import get_catalog

from .models import Analysis, RecommendationText
from .rules import IssueDraft, draft_issues


class NoResults(LookupError):
    def __init__(self, agency, year: int):
        self.message_th = f"{agency.name} ยังไม่มีผลการประเมินปี {year} จึงยังวิเคราะห์ไม่ได้"
        self.message_en = f"{agency.name} has no {year} results to analyse yet"
        super().__init__(self.message_th)


def recommendation_for(year: int, issue: int, tool: str, verdict: str) -> str:
    """The most specific active text of the library for (year, issue, tool, verdict)."""
    rows = RecommendationText.objects.filter(
        Q(fiscal_year=year) | Q(fiscal_year__isnull=True),
        Q(issue_number=issue) | Q(issue_number__isnull=True),
        Q(tool=tool) | Q(tool=""),
        verdict=verdict,
        active=True,
    )

    def specificity(r: RecommendationText) -> tuple[int, int, int]:
        return (r.issue_number is not None, r.tool != "", r.fiscal_year is not None)

    best = max(rows, key=specificity, default=None)
    return best.text if best else ""


def question_scores(assessment: Assessment) -> dict[str, Decimal]:
    """What the assessment states per question (inferred scores are not evidence)."""
    return {
        code: score
        for code, score in assessment.question_scores.filter(inferred=False).values_list(
            "question__code", "score"
        )
    }


def draft(assessment: Assessment, target: Decimal | None = None) -> list[IssueDraft]:
    return draft_issues(get_catalog(assessment.fiscal_year), question_scores(assessment), target)


def draft_json(assessment: Assessment, target: Decimal | None = None) -> dict:
    """The drafted analysis as ``prongsai analyse --format json`` prints it."""
    year = assessment.fiscal_year
    catalog = get_catalog(year)
    defs = {i.number: i for i in catalog.analysis_issues}
    return {
        "agency": assessment.agency.name,
        "fiscal_year": year,
        "target": float(target if target is not None else catalog.improve_below),
        "issues": [
            {
                "number": issue.number,
                "title": issue.title,
                # grouped by Prongsai from the items: the NACC's grouping is not known
                "derived": bool(defs[issue.number].derived) if issue.number in defs else False,
                "tools": [
                    {
                        "tool": t.tool,
                        "questions": [
                            {"code": q.code, "score": float(q.score)} for q in t.questions
                        ],
                        "weak": list(t.weak),
                        "verdict": t.verdict,
                        "recommendation": recommendation_for(year, issue.number, t.tool, t.verdict),
                    }
                    for t in issue.tools
                ],
            }
            for issue in draft(assessment, target)
        ],
    }


def create_analysis(assessment: Assessment, *, target: Decimal | None = None, by=None) -> Analysis:
    """Shorthand of :func:`.actions.analysis_draft` for tests and the shell (acting as the
    system unless ``by`` is given)."""
    from prongsai.core.actions import SYSTEM

    from .actions import analysis_draft

    analysis, _created = analysis_draft(
        assessment.agency_id, assessment.fiscal_year, target=target, by=by or SYSTEM
    )
    return analysis


def update_analysis(
    analysis: Analysis,
    *,
    recommendations: dict[int, str] | None = None,
    narratives: dict[int, str] | None = None,
    constraints: dict[str, str] | None = None,
    by=None,
) -> Analysis:
    """Shorthand of :func:`.actions.analysis_save` for tests and the shell."""
    from prongsai.core.actions import SYSTEM

    from .actions import AnalysisEdit, analysis_save

    edit = AnalysisEdit(recommendations or {}, narratives or {}, constraints)
    return analysis_save(analysis.pk, edit, by=by or SYSTEM)


# the refusal of a change to an analysis in review or approved (kept under its old name)
Frozen = _Frozen
