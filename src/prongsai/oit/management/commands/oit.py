"""``prongsai oit --agency NAME --year YEAR [--format text|json]``: the year's OIT items, their
status, links and due dates, and the predicted score; ``prongsai oit check-links [--timeout 5]``:
fetch every evidence URL and record what answered."""

from __future__ import annotations

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from prongsai.agencies.selectors import AgencyNotFound, find_agency
from prongsai.oit import links
from prongsai.oit.models import OitWorkspace
from prongsai.oit.services import build, catalog_or_none, item_links
from prongsai.thai import format_date
from prongsai.thai.text import ljust


class Command(BaseCommand):
    help = "The OIT items of an agency-year with the predicted score; or check evidence links."

    def add_arguments(self, parser):
        parser.add_argument("action", nargs="?", choices=["show", "check-links"], default="show")
        parser.add_argument("--agency")
        parser.add_argument("--province")
        parser.add_argument("--year", type=int)
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--timeout", type=float, default=5.0, help="วินาทีต่อลิงก์")

    def handle(self, *args, action, agency, province, year, format, timeout, **options):
        if action == "check-links":
            return self._check_links(agency, province, year, timeout)
        if not agency or not year:
            raise CommandError("ระบุ --agency และ --year")
        found = self._agency(agency, province)
        catalog = catalog_or_none(year)
        if catalog is None:
            raise CommandError(f"ยังไม่มีเกณฑ์การประเมินของปีงบประมาณ {year} ในระบบ")
        ws = OitWorkspace.objects.filter(agency=found, fiscal_year=year).first()
        if ws is None:
            raise CommandError(f"{found.name} ยังไม่ได้เริ่มงาน OIT ของปี {year}")
        groups, p = build(ws, catalog)
        items = [
            {
                "code": v.q.code,
                "title": v.q.text_th,
                "status": v.row.status if v.row else "not_started",
                "links": item_links(v.row, v.documents),
                "due": v.row.due.isoformat() if v.row and v.row.due else None,
            }
            for g in groups
            for _code, _name, views in g.subs
            for v in views
        ]
        data = {"items": items, "predicted": p.as_dict()}
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        w = self.stdout.write
        w(f"OIT ปี {year} — {found.name}")
        labels = {"not_started": "ยังไม่เริ่ม", "in_progress": "กำลังจัดทำ"}
        labels |= {"ready": "พร้อม", "checked": "ตรวจแล้ว"}
        for i in items:
            due = (
                f" (กำหนด {format_date(date.fromisoformat(i['due']), 'short')})" if i["due"] else ""
            )
            w(f"  {ljust(i['code'], 4)} {ljust(labels[i['status']], 10)} {i['title']}{due}")
            for link in i["links"]:
                w(f"         {link}")
        pr = data["predicted"]
        overall = "–" if pr["overall"] is None else f"{pr['overall']:.2f}"
        w(f"คะแนนที่คาดว่าจะได้: OIT {pr['oit']:.2f} · รวม {overall} · {pr['rating'] or '–'}")
        for code, cost in pr["costs"].items():
            w(f"  {code} ยังไม่พร้อม: −{cost:.2f} คะแนนรวม")

    def _agency(self, agency, province):
        try:
            return find_agency(agency, province)
        except AgencyNotFound as exc:
            raise CommandError(exc.message_th) from exc

    def _check_links(self, agency, province, year, timeout):
        from prongsai.oit.models import OitEvidence

        rows = OitEvidence.objects.exclude(url="").select_related("item__workspace")
        if agency:
            rows = rows.filter(item__workspace__agency=self._agency(agency, province))
        if year:
            rows = rows.filter(item__workspace__fiscal_year=year)
        results = links.check(rows, timeout=timeout)
        broken = [r for r in results if r.error or (r.status or 0) >= 400]
        self.stdout.write(f"ตรวจลิงก์ {len(results)} รายการ ใช้ไม่ได้ {len(broken)} รายการ")
        by_id = {e.pk: e for e in rows}
        for r in broken:
            e = by_id[r.evidence_id]
            why = f"HTTP {r.status}" if r.status else r.error
            self.stdout.write(f"  {e.item.code} {e.url} — {why}")
