"""Loading the criteria files into the database, and reading a year's catalog back.

``load_year_file`` is idempotent: a file whose content has not changed is left alone, and a
changed file updates the rows in place (matched by tool code, indicator number, question code,
issue number). A question that already has scores cannot disappear: loading stops with a
message naming it, and nothing of that file is written.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models.deletion import ProtectedError

from . import loader
from .catalog import Catalog
from .models import (
    AnalysisIssue,
    AnalysisIssueQuestion,
    CriteriaYear,
    Indicator,
    Question,
    RatingRule,
    Tool,
)


class CriteriaNotLoaded(LookupError):
    def __init__(self, year: int):
        self.year = year
        self.message_th = (
            f"ยังไม่มีเกณฑ์การประเมินของปีงบประมาณ {year} ในระบบ "
            f"(เพิ่มไฟล์ ita-{year}.yaml แล้วสั่ง prongsai criteria load)"
        )
        self.message_en = (
            f"no ITA criteria loaded for {year} (add ita-{year}.yaml, run prongsai criteria load)"
        )
        super().__init__(self.message_th)


@dataclass(frozen=True)
class LoadResult:
    fiscal_year: int
    file_name: str
    status: str  # "created", "updated", "unchanged"


def load_year_file(path: Path) -> LoadResult:
    """Validate one criteria file and write it to the database (see the module docstring)."""
    text = Path(path).read_text(encoding="utf-8")
    catalog = loader.parse_catalog(text, Path(path).name)  # raises loader.CriteriaError
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    existing = CriteriaYear.objects.filter(fiscal_year=catalog.fiscal_year).first()
    if existing and existing.content_hash == digest:
        return LoadResult(catalog.fiscal_year, Path(path).name, "unchanged")
    with transaction.atomic():
        year, created = CriteriaYear.objects.update_or_create(
            fiscal_year=catalog.fiscal_year,
            defaults={
                "title_th": catalog.title_th,
                "confidence": catalog.confidence,
                "notes": catalog.notes,
                "rating_scheme": catalog.rating_scheme,
                "pass_mark": catalog.pass_mark,
                "file_name": Path(path).name,
                "yaml_text": text,
                "content_hash": digest,
            },
        )
        _sync_rows(year, catalog)
    return LoadResult(catalog.fiscal_year, Path(path).name, "created" if created else "updated")


def load_all(data_dir: Path | None = None) -> list[LoadResult]:
    data_dir = Path(data_dir or loader.DATA_DIR)
    return [load_year_file(p) for p in sorted(data_dir.glob("ita-*.yaml"))]


def _sync_rows(year: CriteriaYear, catalog: Catalog) -> None:
    # a year loaded for the first time: three bulk inserts, not thousands of upserts
    fresh = not year.tools.exists()

    def write(model, key: str, rows) -> dict:
        """``rows``: (key value, other fields); the rows written, by key value."""
        if fresh:
            made = model.objects.bulk_create(model(year=year, **{key: k}, **f) for k, f in rows)
            return {getattr(m, key): m for m in made}
        # a year already loaded: updated in place, so that its scores keep pointing at them
        return {
            k: model.objects.update_or_create(year=year, **{key: k}, defaults=f)[0] for k, f in rows
        }

    tools = write(
        Tool,
        "code",
        (
            (t.code, {"name_th": t.name_th, "name_en": t.name_en, "weight": t.weight, "order": n})
            for n, t in enumerate(catalog.tools)
        ),
    )
    indicators = write(
        Indicator,
        "number",
        (
            (
                i.number,
                {
                    "tool": tools[i.tool],
                    "name_th": i.name_th,
                    "name_en": i.name_en,
                    "aggregation": i.aggregation,
                    "questions_known": i.questions_known,
                    "confidence": i.confidence,
                },
            )
            for i in catalog.indicators
        ),
    )
    questions = write(
        Question,
        "code",
        (
            (
                q.code,
                {
                    "indicator": indicators[q.indicator],
                    "sub_indicator": q.sub_indicator,
                    "text_th": q.text_th,
                    "kind": q.kind,
                    "confidence": q.confidence,
                    "order": n,
                },
            )
            for n, q in enumerate(catalog.questions)
        ),
    )
    if not fresh:
        _remove_stale(year, tools, indicators, questions)
    _sync_rules_and_issues(year, catalog, questions)


def _remove_stale(year: CriteriaYear, tools, indicators, questions) -> None:
    """The tools, indicators and questions no longer in the catalog; refused for one that has
    scores."""
    stale = [
        (Question, year.questions.exclude(code__in=questions)),
        (Indicator, year.indicators.exclude(number__in=indicators)),
        (Tool, year.tools.exclude(code__in=tools)),
    ]
    for model, qs in stale:
        try:
            qs.delete()
        except ProtectedError as exc:
            names = ", ".join(sorted(str(o) for o in exc.protected_objects)[:5])
            raise loader.CriteriaError(
                [
                    loader.Problem(
                        year.file_name,
                        None,
                        f"ลบ{model._meta.verbose_name}ที่มีคะแนนบันทึกไว้แล้วไม่ได้: {names}",
                        f"cannot remove {model.__name__.lower()}s that have scores: {names}",
                    )
                ]
            ) from exc


def _sync_rules_and_issues(
    year: CriteriaYear, catalog: Catalog, questions: dict[str, Question]
) -> None:
    year.rating_rules.all().delete()
    RatingRule.objects.bulk_create(
        RatingRule(
            year=year,
            order=n,
            label=r.label,
            label_en=r.label_en,
            min_overall=r.min_overall,
            max_overall=r.max_overall,
            min_each_tool=r.min_each_tool,
            passed=r.passed,
            confidence=r.confidence,
        )
        for n, r in enumerate(catalog.rating_rules)
    )
    issue_numbers = []
    for issue in catalog.analysis_issues:
        row, _ = AnalysisIssue.objects.update_or_create(
            year=year,
            number=issue.number,
            defaults={"title_th": issue.title_th, "confidence": issue.confidence},
        )
        issue_numbers.append(issue.number)
        row.issue_questions.all().delete()
        links = [
            AnalysisIssueQuestion(issue=row, question=questions[code], tool_code=tool, order=n)
            for n, (tool, code) in enumerate(
                (tool, code) for tool, codes in issue.questions.items() for code in codes
            )
        ]
        AnalysisIssueQuestion.objects.bulk_create(links)
    year.analysis_issues.exclude(number__in=issue_numbers).delete()


_catalogs: dict[str, Catalog] = {}


def get_catalog(fiscal_year: int) -> Catalog:
    """The catalog of a loaded year, rebuilt from the exact text that was loaded.

    One small query for the content hash; the parsed catalog is cached per hash, so a reload
    in another process is seen at once.
    """
    row = CriteriaYear.objects.filter(fiscal_year=fiscal_year).values("content_hash").first()
    if row is None:
        raise CriteriaNotLoaded(fiscal_year)
    digest = row["content_hash"]
    if digest not in _catalogs:
        year = CriteriaYear.objects.only("yaml_text", "file_name").get(fiscal_year=fiscal_year)
        _catalogs[digest] = loader.parse_catalog(year.yaml_text, year.file_name)
    return _catalogs[digest]


def catalog_or_none(fiscal_year: int) -> Catalog | None:
    """The catalog of a year, or None when that year's criteria are not loaded."""
    try:
        return get_catalog(fiscal_year)
    except CriteriaNotLoaded:
        return None
