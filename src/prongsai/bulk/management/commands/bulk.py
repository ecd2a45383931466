"""``prongsai bulk report KIND (--province CODE | --district ID | --agency-kind K | --nation)
--year Y -o FILE.zip [--wait/--no-wait]`` — one document of every agency of a scope, built on the
task queue (a worker must run: ``celery -A prongsai.queue worker``, or ``make run``), and
``prongsai bulk status JOB [--json]`` / ``prongsai bulk fetch JOB -o FILE.zip``."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError

from prongsai.agencies.models import District, Province
from prongsai.core.actions import SYSTEM
from prongsai.core.errors import ActionError
from prongsai.documents.builders import KINDS

from ...actions import bulk_start
from ...models import BulkJob


class Command(BaseCommand):
    help = "Bulk documents on the task queue: report (start, and wait), status, fetch."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="command", required=True)
        report = sub.add_parser("report", help="เอกสารของทุกหน่วยงานในขอบเขต เป็น ZIP")
        report.add_argument("kind", choices=list(KINDS))
        where = report.add_mutually_exclusive_group(required=True)
        where.add_argument("--province", type=int, help="รหัสจังหวัด เช่น 71")
        where.add_argument("--district", type=int, help="รหัสอำเภอ (id)")
        where.add_argument("--agency-kind", help="ประเภทหน่วยงาน เช่น sao")
        where.add_argument("--nation", action="store_true", help="ทั้งประเทศ")
        report.add_argument("--year", type=int, required=True, help="ปี พ.ศ.")
        report.add_argument("-o", "--output", help="ไฟล์ ZIP ที่จะเขียน (เมื่อรอ)")
        report.add_argument(
            "--wait",
            action=argparse.BooleanOptionalAction,
            default=True,
            help="รอจนเสร็จ (ค่าเริ่มต้น) หรือสั่งแล้วจบ (--no-wait)",
        )
        report.add_argument("--timeout", type=float, default=3600, help="วินาทีที่รอได้")
        report.add_argument("--as", dest="username", help="ผู้สั่ง (ชื่อผู้ใช้) ถ้าไม่ระบุ: ระบบ")
        status = sub.add_parser("status", help="ความคืบหน้าของงาน")
        status.add_argument("job", type=int)
        status.add_argument("--json", action="store_true")
        fetch = sub.add_parser("fetch", help="คัดลอก ZIP ของงานที่เสร็จแล้ว")
        fetch.add_argument("job", type=int)
        fetch.add_argument("-o", "--output", required=True)

    def handle(self, *args, command, **options):
        return getattr(self, f"_{command}")(**options)

    def _report(
        self,
        *,
        kind,
        province,
        district,
        agency_kind,
        nation,
        year,
        output,
        wait,
        timeout,
        username,
        verbosity,
        **_,
    ):
        if wait and not output:
            raise CommandError("ระบุ -o FILE.zip (หรือใช้ --no-wait)")
        by = SYSTEM
        if username:
            by = get_user_model().objects.filter(username=username, is_active=True).first()
            if by is None:
                raise CommandError(f"ไม่พบผู้ใช้ “{username}”")
        if province is not None:
            scope = BulkJob.Scope.PROVINCE
            if not Province.objects.filter(pk=province).exists():
                raise CommandError(f"ไม่มีจังหวัดรหัส {province}")
        elif district is not None:
            scope = BulkJob.Scope.DISTRICT
            if not District.objects.filter(pk=district).exists():
                raise CommandError(f"ไม่มีอำเภอรหัส {district}")
        elif agency_kind:
            scope = BulkJob.Scope.AGENCY_KIND
        else:
            scope = BulkJob.Scope.NATION
        try:
            job = bulk_start(
                kind,
                year,
                scope=scope,
                province=province,
                district=district,
                agency_kind=agency_kind or "",
                by=by,
            )
        except (ActionError, PermissionDenied) as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(f"งานที่ {job.pk}: {job} — {job.total} หน่วยงาน")
        if not wait:
            self.stdout.write(str(job.pk))
            return
        job = self._follow(job, timeout, quiet=verbosity == 0)
        self._copy(job, output)

    def _follow(self, job: BulkJob, timeout: float, quiet: bool) -> BulkJob:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        deadline = time.monotonic() + timeout
        with Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(file=sys.stderr),
            disable=quiet,
        ) as bar:
            task = bar.add_task("สร้างเอกสาร", total=job.total)
            while True:
                job.refresh_from_db()
                bar.update(task, completed=job.progress()["finished"])
                if job.status == BulkJob.Status.DONE:
                    return job
                if time.monotonic() > deadline:
                    raise CommandError(
                        f"งานที่ {job.pk} ยังไม่เสร็จ (มีเครื่องทำงาน celery อยู่หรือไม่?) — "
                        f"ดูต่อด้วย prongsai bulk status {job.pk}"
                    )
                time.sleep(0.5)

    def _copy(self, job: BulkJob, output: str) -> None:
        with default_storage.open(job.result.name, "rb") as src, open(output, "wb") as dst:
            shutil.copyfileobj(src, dst)
        p = job.progress()
        self.stderr.write(
            f"เขียน {output}: สร้างแล้ว {p['built']} ไม่มีข้อมูล {p['skipped']} "
            f"ผิดพลาด {p['failed']} จาก {p['total']}"
        )

    def _status(self, *, job, json: bool, **_):
        found = self._job(job)
        p = found.progress()
        if json:
            p.update(status=found.status, result=found.result.name or "")
            self.stdout.write(_json_dumps(p))
        else:
            self.stdout.write(f"{found}: {found.get_status_display()} {p['finished']}/{p['total']}")

    def _fetch(self, *, job, output, **_):
        found = self._job(job)
        if found.status != BulkJob.Status.DONE:
            raise CommandError(f"งานที่ {job} ยังไม่เสร็จ")
        self._copy(found, output)

    def _job(self, pk: int) -> BulkJob:
        found = BulkJob.objects.filter(pk=pk).first()
        if found is None:
            raise CommandError(f"ไม่มีงานที่ {pk}")
        return found


def _json_dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)
