"""``prongsai score --agency NAME --year YEAR [--format text|json]``."""

from __future__ import annotations

import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from prongsai.agencies.selectors import AgencyNotFound, find_agency
from prongsai.assessments.models import Assessment
from prongsai.assessments.scoring import Figure, ScoreReport, round2
from prongsai.assessments.services import report_for
from prongsai.criteria.services import get_catalog
from prongsai.thai.text import ljust, rjust


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(round2(value))


def report_json(report: ScoreReport) -> dict:
    def fig(f: Figure) -> dict:
        return {
            "score": _num(f.value),
            "stated": _num(f.stated),
            "computed": _num(f.computed),
            "difference": _num(f.difference),
            "matches": f.matches,
        }

    return {
        "fiscal_year": report.fiscal_year,
        "overall": _num(report.overall.value),
        "stated_overall": _num(report.overall.stated),
        "computed_overall": _num(report.overall.computed),
        "overall_matches": report.overall.matches,
        "rating": report.rating.label if report.rating else None,
        "rating_en": report.rating.label_en if report.rating else None,
        "passed": report.passed,
        "tools": {code: _num(f.value) for code, f in report.tools.items()},
        "indicators": {str(n): _num(f.value) for n, f in report.indicators.items()},
        "details": {
            "tools": {code: fig(f) for code, f in report.tools.items()},
            "indicators": {str(n): fig(f) for n, f in report.indicators.items()},
        },
        "inferred_questions": {code: _num(v) for code, v in report.inferred.items()},
        "missing_questions": {str(n): list(c) for n, c in report.missing.items()},
        "warnings": list(report.warnings),
    }


class Command(BaseCommand):
    help = "Print an agency's ITA scores for a year: indicators, tools, overall and rating."

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True, help="ชื่อหน่วยงาน เช่น เทศบาลตำบลพนมทวน")
        parser.add_argument("--province", help="จังหวัด (เมื่อชื่อซ้ำกันหลายจังหวัด)")
        parser.add_argument("--year", type=int, required=True, help="ปีงบประมาณ พ.ศ. เช่น 2566")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, agency, province, year, format, **options):
        try:
            found = find_agency(agency, province)
        except AgencyNotFound as exc:
            raise CommandError(exc.message_th) from exc
        assessment = Assessment.objects.filter(agency=found, fiscal_year=year).first()
        if assessment is None:
            raise CommandError(f"{found.name} ยังไม่มีผลการประเมินปี {year}")
        report = report_for(assessment)
        if format == "json":
            data = {"agency": found.name, **report_json(report)}
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self._text(found, report, year)

    def _text(self, agency, report: ScoreReport, year: int) -> None:
        catalog = get_catalog(year)
        w = self.stdout.write
        w(f"{agency.name} — ผลการประเมิน ITA ปีงบประมาณ {year}")
        w("")
        w(ljust("ตัวชี้วัด", 42) + rjust("คะแนน", 8) + rjust("ตามเอกสาร", 11) + rjust("คำนวณได้", 10))
        for ind in catalog.indicators:
            f = report.indicators[ind.number]
            name = ljust(f"{ind.tool} {ind.number:>2}. {ind.name_th}", 42)
            w(f"{name}{_fmt(f.value):>8}{_fmt(f.stated):>11}{_fmt(f.computed):>10}{_diff(f)}")
        w("(คำนวณได้ “-” = ข้อคำถามในเอกสารไม่ครบ จึงใช้คะแนนตามเอกสาร)")
        w("")
        for code, f in report.tools.items():
            weight = catalog.tool(code).weight
            w(f"{code} (น้ำหนัก {weight:g}%): {_fmt(f.value)}{_diff(f)}")
        w("")
        o = report.overall
        w(f"คะแนนรวม: {_fmt(o.value)}")
        if o.stated is not None and o.computed is not None:
            verdict = "ตรงกัน" if o.matches else f"ไม่ตรงกัน ต่างกัน {o.difference:+}"
            w(f"คะแนนรวมตามเอกสาร {_fmt(o.stated)} คำนวณจากตัวชี้วัดได้ {_fmt(o.computed)}: {verdict}")
        elif o.stated is None:
            w("เอกสารไม่ได้ระบุคะแนนรวม")
        rating = report.rating
        passed = "ผ่านเกณฑ์" if report.passed else "ไม่ผ่านเกณฑ์"
        label = rating.label if rating else "-"
        w(f"ระดับผลการประเมิน: {label} ({passed} {catalog.pass_mark:g} คะแนน)")
        for code, value in report.inferred.items():
            w(f"ข้อ {code} ไม่มีในเอกสาร คำนวณย้อนจากตัวชี้วัดได้ {_fmt(value)}")
        for warning in report.warnings:
            w(f"คำเตือน: {warning}")


def _fmt(value: Decimal | None) -> str:
    return "-" if value is None else f"{round2(value):.2f}"


def _diff(f: Figure) -> str:
    if f.matches is False:
        return f"  ต่างกัน {f.difference:+}"
    return ""
