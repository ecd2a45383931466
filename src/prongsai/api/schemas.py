"""What the API reads and writes (pydantic schemas through django-ninja)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import BeforeValidator, Field

from prongsai.core.sanitize import clean_text

# A string the API accepts: control characters removed (Word's \x0b → line break), as at the
# form boundary (core/boundary.py cleans JSON bodies too; this keeps a schema used elsewhere safe)
Text = Annotated[str, BeforeValidator(lambda v: clean_text(v) if isinstance(v, str) else v)]


class Error(Schema):
    detail: str
    detail_th: str = ""
    code: str = ""
    message: str = ""
    field: str | None = None


class AgencyOut(Schema):
    id: int
    name: str
    kind: str
    province: str
    district: str | None = None
    website: str = ""


class ScoreRow(Schema):
    code: str
    score: Decimal | None


class AssessmentOut(Schema):
    fiscal_year: int
    overall: Decimal | None
    stated_overall: Decimal | None
    rating: str
    passed: bool | None
    source: str
    tools: dict[str, Decimal | None]
    indicators: dict[int, Decimal | None]


class AssessmentDetail(AssessmentOut):
    questions: dict[str, Decimal]


class ScoresIn(Schema):
    """A bulk upload of one year's scores: question scores and/or indicator scores."""

    question_scores: dict[Text, Decimal] = Field(
        default_factory=dict, description="e.g. {'i1': 87.19, 'o1': 0}"
    )
    indicator_scores: dict[int, Decimal] = Field(default_factory=dict)
    stated_overall: Decimal | None = None
    stated_rating: Text = Field("", max_length=50)


class FindingOut(Schema):
    issue_number: int
    issue_title: str
    tool: str
    verdict: str
    recommendation: str
    questions: list[dict]


class AnalysisOut(Schema):
    fiscal_year: int
    status: str
    target: Decimal
    findings: list[FindingOut]


class AnalysisIn(Schema):
    """What the officer writes on an analysis: recommendations by finding id, narratives by
    issue number, constraints by name (staff, budget, technology, area, economy)."""

    recommendations: dict[int, str] = Field(default_factory=dict)
    narratives: dict[int, str] = Field(default_factory=dict)
    constraints: dict[str, str] | None = None


class MeasureOut(Schema):
    number: int
    title: str
    tool: str
    methods: list[str]
    steps: list[str]
    responsible: list[str]
    period_start: date | None
    period_end: date | None
    kpi_target: Decimal | None
    kpi_unit: str
    budget: Decimal | None
    issue_numbers: list[int]
    indicator_numbers: list[int]
    question_codes: list[str]


class PlanOut(Schema):
    fiscal_year: int
    status: str
    measures: list[MeasureOut]


class ProgressOut(Schema):
    measure_number: int
    measure_title: str
    status: str
    result: str
    outcome: str
    suggestion: str
    kpi_actual: Decimal | None
    kpi_percent: Decimal | None


class RoundOut(Schema):
    round: str
    status: str
    progress: list[ProgressOut]


class QuestionOut(Schema):
    code: str
    indicator: int
    text_th: str
    kind: str


class IndicatorOut(Schema):
    number: int
    tool: str
    name_th: str
    name_en: str


class CriteriaOut(Schema):
    fiscal_year: int
    title_th: str
    pass_mark: Decimal
    tools: dict[str, Decimal]
    indicators: list[IndicatorOut]
    questions: list[QuestionOut]


class PublicationOut(Schema):
    kind: str
    round: str
    version: int
    title: str
    published_at: str
    sha256: str
    page: str
    pdf: str
    docx: str


class OitEvidenceOut(Schema):
    kind: str  # "document" (a Prongsai publication, linked by itself), "link" or "file"
    label: str
    url: str  # absolute; a file's URL needs the same reach as the workspace
    broken: bool = False


class OitItemOut(Schema):
    code: str
    title: str
    indicator: int
    sub_indicator: str
    status: str  # not_started | in_progress | ready | checked
    status_th: str
    unit: str | None
    due: str | None  # ISO date
    checked_at: str | None
    steps: list[str]
    evidence: list[OitEvidenceOut]


class OitPredicted(Schema):
    oit: float | None
    overall: float | None
    rating: str | None
    passed: bool | None  # None: no overall yet (no IIT/EIT of last year, none typed)
    costs: dict[str, float | None]


class OitWorkspaceOut(Schema):
    agency_id: int
    fiscal_year: int
    opens: str | None
    closes: str | None
    published_at: str | None
    public_page: str | None
    ready: int
    total: int
    items: list[OitItemOut]
    predicted: OitPredicted
