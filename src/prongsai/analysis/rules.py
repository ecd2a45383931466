"""Drafting an analysis from the scores: the year's issues, their weak questions, a verdict.

The rules are the year's data (``analysis`` in ``ita-<year>.yaml``: the issues, the questions
each weighs, the default target) plus three verdicts, tried in order for each tool of an issue:

- ``fix`` — a disclosure item (OIT checklist) scored 0: something is missing and must be put right;
- ``improve`` — a question scored below the agency's target (95 by default);
- ``keep`` — every question at or above the target: keep the level.

Pure functions over a Catalog and a mapping of question scores; no database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from prongsai.criteria.catalog import Catalog

Verdict = Literal["fix", "improve", "keep"]
VERDICT_TH = {
    "fix": "แก้ไขโดยเร่งด่วน",
    "improve": "ปรับปรุงให้ดีขึ้น",
    "keep": "รักษาระดับ",
}


@dataclass(frozen=True)
class QuestionScore:
    code: str
    score: Decimal
    weak: bool  # below the target, or a disclosure item at 0


@dataclass(frozen=True)
class ToolDraft:
    tool: str
    questions: tuple[QuestionScore, ...]
    verdict: Verdict
    missing: tuple[str, ...] = ()  # questions of the issue with no score

    @property
    def weak(self) -> tuple[str, ...]:
        return tuple(q.code for q in self.questions if q.weak)


@dataclass(frozen=True)
class IssueDraft:
    number: int
    title: str
    tools: tuple[ToolDraft, ...] = field(default_factory=tuple)

    @property
    def needs_measure(self) -> bool:
        return any(t.verdict != "keep" for t in self.tools)


def verdict_for(catalog: Catalog, scores: Mapping[str, Decimal], target: Decimal) -> Verdict:
    kinds = {q.code: q.kind for q in catalog.questions}
    if any(kinds.get(code) == "checklist" and value == 0 for code, value in scores.items()):
        return "fix"
    if any(value < target for value in scores.values()):
        return "improve"
    return "keep"


def draft_issues(
    catalog: Catalog, question_scores: Mapping[str, Decimal], target: Decimal | None = None
) -> list[IssueDraft]:
    """One IssueDraft per analysis issue of the year; a tool with no known score is left out."""
    target = catalog.improve_below if target is None else Decimal(target)
    kinds = {q.code: q.kind for q in catalog.questions}
    drafts = []
    for issue in catalog.analysis_issues:
        tools = []
        for tool, codes in issue.questions.items():
            known = {c: Decimal(question_scores[c]) for c in codes if c in question_scores}
            if not known:
                continue
            questions = tuple(
                QuestionScore(c, v, v < target or (kinds.get(c) == "checklist" and v == 0))
                for c, v in known.items()
            )
            tools.append(
                ToolDraft(
                    tool=tool,
                    questions=questions,
                    verdict=verdict_for(catalog, known, target),
                    missing=tuple(c for c in codes if c not in question_scores),
                )
            )
        drafts.append(IssueDraft(issue.number, issue.title_th, tuple(tools)))
    return drafts
