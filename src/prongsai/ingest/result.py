"""What reading a document gives: the result, its measures, and the stable JSON shape.

``to_json`` always gives the same keys (``file``, ``kind``, ``agency``, ``fiscal_year``,
``round``, ``overall_score``, ``indicator_scores``, ``question_scores``, ``measures``,
``warnings``); dates are ISO (Gregorian), scores numbers, absent things null. Further detail
(the content hash, the analysis, the memo, each measure's number, tool and steps) is in extra
keys that never change the meaning of those.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from prongsai.core.sanitize import strip_markup_deep
from prongsai.ingest.blocks import Document
from prongsai.ingest.kpi import Kpi

KINDS = ("measures_report", "measures_report_by_tool", "analysis_report", "measures_plan")


@dataclass
class Agency:
    name: str | None = None
    kind: str | None = None
    district: str | None = None
    province: str | None = None
    provinces_seen: list[str] = field(default_factory=list)


@dataclass
class Measure:
    title: str
    number: int | None = None
    tool: str | None = None  # IIT / EIT / OIT for a report by assessment tool
    methods: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)  # an analysis plan's steps (ขั้นตอน)
    responsible: list[str] = field(default_factory=list)
    responsible_text: str = ""  # the responsible cell as written ("สำนักปลัดเทศบาล")
    # analysis part 2: each method row of the topic with its own steps, responsible, period
    method_rows: list[dict] = field(default_factory=list)
    period_start: date | None = None
    period_end: date | None = None
    period_text: str = ""
    result: str | None = None
    outcome: str | None = None
    suggestion: str | None = None
    kpi: Kpi = field(default_factory=Kpi)


@dataclass
class ReadResult:
    file: str
    sha256: str
    format: str
    kind: str
    document: Document
    agency: Agency = field(default_factory=Agency)
    fiscal_year: int | None = None
    round: str | None = None
    overall_score: Decimal | None = None
    rating: str | None = None
    indicator_scores: dict[int, Decimal] = field(default_factory=dict)
    question_scores: dict[str, Decimal] = field(default_factory=dict)
    measures: list[Measure] = field(default_factory=list)
    analysis: Any = None  # prongsai.ingest.analysis_parts.Analysis for an analysis report
    memo: Any = None  # prongsai.ingest.memo.Memo when the document starts with one
    introduction: str = ""  # the paragraph that leads into the report's table
    cover_title: str = ""  # an analysis report's cover title, lines joined by "\n"
    column_labels: list[list[str]] = field(default_factory=list)  # [[role, header], …]
    warnings: list[str] = field(default_factory=list)
    # read by OCR: field path ("agency", "fiscal_year", "measures.0.title", …) → confidence 0–100
    confidence: dict[str, float] = field(default_factory=dict)

    @property
    def reader(self) -> str:
        """Which reader read the file: ``ocr`` for a scan, else the format's own."""
        return "ocr" if self.format == "scan" else self.format

    def low_confidence(self) -> list[str]:
        from prongsai.ingest.ocr import LOW_CONFIDENCE

        return [key for key, value in self.confidence.items() if value < LOW_CONFIDENCE]


def to_json(result: ReadResult) -> dict[str, Any]:
    out: dict[str, Any] = {
        "file": result.file,
        "kind": result.kind,
        "agency": {
            "name": result.agency.name,
            "kind": result.agency.kind,
            "district": result.agency.district,
            "province": result.agency.province,
        },
        "fiscal_year": result.fiscal_year,
        "round": result.round,
        "overall_score": number(result.overall_score),
        "indicator_scores": {str(k): number(v) for k, v in sorted(result.indicator_scores.items())},
        "question_scores": {k: number(v) for k, v in result.question_scores.items()},
        "measures": [measure_json(m) for m in result.measures],
        "warnings": list(result.warnings),
        # extra detail
        "sha256": result.sha256,
        "format": result.format,
        "rating": result.rating,
        "provinces_seen": list(result.agency.provinces_seen),
        "analysis": (
            {**result.analysis.to_json(), "cover_title": result.cover_title}
            if result.analysis is not None
            else None
        ),
        "memo": result.memo.to_json() if result.memo is not None else None,
        "introduction": result.introduction,
        "cover_title": result.cover_title,
        "column_labels": result.column_labels,
        "reader": result.reader,
        "confidence": {key: round(value, 1) for key, value in result.confidence.items()},
        "low_confidence": result.low_confidence(),
    }
    # no markup is ever stored from a document: what is shown later is plain text
    return strip_markup_deep(out)


def measure_json(measure: Measure) -> dict[str, Any]:
    return {
        "title": measure.title,
        "methods": list(measure.methods),
        "responsible": list(measure.responsible),
        "responsible_text": measure.responsible_text,
        "method_rows": measure.method_rows,
        "period_start": iso(measure.period_start),
        "period_end": iso(measure.period_end),
        "result": measure.result,
        "outcome": measure.outcome,
        "suggestion": measure.suggestion,
        "kpi": {
            "target": measure.kpi.target,
            "actual": measure.kpi.actual,
            "percent": number(measure.kpi.percent),
            "unit": measure.kpi.unit,
        },
        # extra detail
        "number": measure.number,
        "tool": measure.tool,
        "steps": list(measure.steps),
        "period_text": measure.period_text or None,
    }


def number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def field_count(data: dict) -> int:
    """How many fields of the stable shape a result has a value for (for summaries)."""
    count = sum(1 for key in ("kind", "fiscal_year", "round", "overall_score") if data.get(key))
    count += sum(1 for value in (data.get("agency") or {}).values() if value)
    count += len(data.get("indicator_scores") or {}) + len(data.get("question_scores") or {})
    for measure in data.get("measures") or []:
        count += sum(1 for key in ("title", "methods", "responsible", "period_start",
                                   "period_end", "result", "outcome", "suggestion")
                      if measure.get(key))  # fmt: skip
        count += sum(1 for value in (measure.get("kpi") or {}).values() if value is not None)
    return count
