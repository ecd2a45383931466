"""``prongsai analyse --agency NAME --year YEAR [--target 95] [--format text|json]``."""

from __future__ import annotations

import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from prongsai.agencies.selectors import AgencyNotFound, find_agency
from prongsai.analysis.rules import VERDICT_TH
from prongsai.analysis.services import draft_json
from prongsai.assessments.models import Assessment


class Command(BaseCommand):
    help = "Draft the analysis of an agency's ITA results: issues, weak questions, verdicts."

    def add_arguments(self, parser):
        parser.add_argument("--agency", required=True)
        parser.add_argument("--province")
        parser.add_argument("--year", type=int, required=True, help="ปีของผลการประเมิน เช่น 2566")
        parser.add_argument("--target", type=Decimal, help="คะแนนเป้าหมายรายข้อ (ค่าเริ่มต้นตามเกณฑ์ของปี)")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, agency, province, year, target, format, **options):
        try:
            found = find_agency(agency, province)
        except AgencyNotFound as exc:
            raise CommandError(exc.message_th) from exc
        assessment = Assessment.objects.filter(agency=found, fiscal_year=year).first()
        if assessment is None:
            raise CommandError(f"{found.name} ยังไม่มีผลการประเมินปี {year}")
        data = draft_json(assessment, target)
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        w = self.stdout.write
        w(f"ร่างการวิเคราะห์ผลการประเมิน ITA ปี {year} — {found.name} (เป้าหมายรายข้อ {data['target']:g})")
        for issue in data["issues"]:
            w("")
            w(f"ประเด็นที่ {issue['number']} {issue['title']}")
            for t in issue["tools"]:
                scores = ", ".join(f"{q['code']} {q['score']:g}" for q in t["questions"])
                weak = ", ".join(t["weak"]) or "-"
                w(f"  {t['tool']}: {VERDICT_TH[t['verdict']]} (ข้อที่ต่ำกว่าเป้าหมาย: {weak})")
                w(f"       {scores}")
                if t["recommendation"]:
                    w(f"       ข้อเสนอแนะ: {t['recommendation']}")
