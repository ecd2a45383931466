"""The ITA criteria of one fiscal year as plain, immutable data.

A :class:`Catalog` is what a ``data/ita-<year>.yaml`` file says once it has been validated
(see :mod:`prongsai.criteria.loader`). The scoring rules (:mod:`prongsai.assessments.scoring`)
and the analysis rules work on a Catalog only, never on the database, so they stay pure and
testable without Django. The database mirrors a Catalog (``prongsai criteria load``) so that
scores can point at questions and dashboards can group by them.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Confidence = Literal["high", "medium", "low", "none"]
QuestionKind = Literal["perception", "checklist"]
Aggregation = Literal["mean_of_questions", "mean_of_sub_indicators"]


@dataclass(frozen=True)
class ToolDef:
    code: str  # "IIT", "EIT", "OIT"
    name_th: str
    name_en: str
    weight: Decimal  # percent of the overall score; the tools of a year sum to 100
    confidence: Confidence = "medium"


@dataclass(frozen=True)
class SubIndicatorDef:
    code: str  # "9.1"
    name_th: str = ""


@dataclass(frozen=True)
class IndicatorDef:
    number: int  # 1..10
    tool: str  # a ToolDef.code
    name_th: str
    name_en: str = ""
    aggregation: Aggregation = "mean_of_questions"
    sub_indicators: tuple[SubIndicatorDef, ...] = ()
    # False when the year's question list for this indicator is not known: then only an
    # indicator-level score can be entered.
    questions_known: bool = True
    confidence: Confidence = "medium"


@dataclass(frozen=True)
class QuestionDef:
    code: str  # "i1", "e15", "o35"
    indicator: int
    text_th: str
    kind: QuestionKind  # perception scale (0-100 mean) or disclosure checklist (0 or 100)
    sub_indicator: str = ""  # "9.1" for OIT items grouped in sub-indicators
    scoring_type: str = ""  # finer detail kept from the research: perception, yes_no, binary…
    confidence: Confidence = "medium"
    source: str = ""
    # OIT items: what the workspace needs (empty when the file does not say)
    requirements: tuple[str, ...] = ()  # the item's องค์ประกอบ
    period: str = "current"  # "current" or "previous": which fiscal year the evidence is about
    formats: tuple[str, ...] = ()  # "PDF", "XLSX"…
    fulfilled_by: tuple[str, ...] = ()  # Prongsai documents: "analysis", "progress-12m"…
    source_text: str = ""  # what `source` stands for (from the file's `sources`)

    @property
    def unconfirmed(self) -> bool:
        """The wording is a guess (low/none confidence): shown with a "ยังไม่ยืนยัน" mark."""
        return self.confidence in ("low", "none")


@dataclass(frozen=True)
class OitWindow:
    opens: datetime.date
    closes: datetime.date
    confidence: Confidence = "medium"
    source: str = ""


@dataclass(frozen=True)
class RatingRule:
    """One rating label. Rules are tried in order; the first that matches wins."""

    label: str  # "ผ่านดี", "AA"
    label_en: str
    min_overall: Decimal
    max_overall: Decimal | None = None
    min_each_tool: Decimal | None = None  # every tool score must reach this too
    passed: bool = False
    confidence: Confidence = "medium"


@dataclass(frozen=True)
class AnalysisIssueDef:
    number: int
    title_th: str
    questions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # tool code -> codes
    confidence: Confidence = "medium"
    source: str = ""
    derived: bool = False  # grouped by Prongsai from the items, not the NACC's grouping


@dataclass(frozen=True)
class Catalog:
    fiscal_year: int  # Buddhist era, e.g. 2566
    title_th: str
    confidence: Confidence
    sources: dict[str, str]  # citation key -> where it comes from
    source: tuple[str, ...]  # keys of `sources` that back the year as a whole
    notes: str
    tools: tuple[ToolDef, ...]
    indicators: tuple[IndicatorDef, ...]
    questions: tuple[QuestionDef, ...]
    rating_scheme: str  # "pass_labels" or "letter_grades"
    pass_mark: Decimal
    rating_rules: tuple[RatingRule, ...]
    analysis_issues: tuple[AnalysisIssueDef, ...] = ()
    improve_below: Decimal = Decimal("95")  # default target under which a question is "improve"
    file: str = ""  # where it was read from
    oit_window: OitWindow | None = None

    def tool(self, code: str) -> ToolDef:
        return next(t for t in self.tools if t.code == code)

    def indicator(self, number: int) -> IndicatorDef:
        return next(i for i in self.indicators if i.number == number)

    def question(self, code: str) -> QuestionDef:
        return next(q for q in self.questions if q.code == code)

    def questions_of(self, indicator: int) -> tuple[QuestionDef, ...]:
        return tuple(q for q in self.questions if q.indicator == indicator)

    def indicators_of(self, tool: str) -> tuple[IndicatorDef, ...]:
        return tuple(i for i in self.indicators if i.tool == tool)

    def oit_items(self) -> tuple[QuestionDef, ...]:
        """The disclosure items (OIT checklist) of the year, in the file's order."""
        return tuple(q for q in self.questions if q.kind == "checklist")

    def source_text(self, key: str) -> str:
        """What a source key stands for, in words people can read (a URL or a description)."""
        return self.sources.get(key, key)

    def sub_indicator_name(self, indicator: int, code: str) -> str:
        for sub in self.indicator(indicator).sub_indicators:
            if sub.code == code:
                return sub.name_th
        return ""


def item_number(code: str) -> int:
    """``"o12"`` → 12 (for sorting items as agencies do)."""
    m = re.search(r"(\d+)$", code)
    return int(m.group(1)) if m else 0
