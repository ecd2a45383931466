"""``prongsai import FILE… [--dry-run] [--format text|json] [--lang th|en]``."""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from rich.progress import Progress

from prongsai.core.actions import SYSTEM
from prongsai.core.errors import ActionError
from prongsai.ingest.errors import IngestError
from prongsai.ingest.importing import import_file, safe_file_name
from prongsai.ingest.reader import read_document
from prongsai.ingest.result import to_json

TEXT = {
    "th": {
        "saved": "บันทึกแล้ว",
        "again": "เคยนำเข้าแล้ว ไม่มีการบันทึกซ้ำ",
        "failed": "ไม่สำเร็จ",
        "read": "อ่านแล้ว (ไม่บันทึก --dry-run)",
        "summary": "ไฟล์ทั้งหมด {n} ไฟล์: สำเร็จ {ok} ไม่สำเร็จ {bad}",
        "missing": "ไม่พบไฟล์",
    },
    "en": {
        "saved": "saved",
        "again": "imported before; nothing saved again",
        "failed": "failed",
        "read": "read (not saved: --dry-run)",
        "summary": "{n} file(s): {ok} succeeded, {bad} failed",
        "missing": "no such file",
    },
}


class Command(BaseCommand):
    help = "Read legacy ITA documents (txt/md/html/docx/pdf) and save what they say."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="files, or folders (every document in them)")
        parser.add_argument(
            "--queue",
            action="store_true",
            help="ให้เครื่องทำงาน (celery worker) นำเข้าทีละไฟล์พร้อมกันหลายไฟล์ / import on the workers",
        )
        parser.add_argument("--dry-run", action="store_true", help="read and report, save nothing")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--lang", choices=["th", "en"], default="th")
        parser.add_argument(
            "--as",
            dest="username",
            help="ชื่อผู้ใช้ที่นำเข้า (บันทึกในประวัติ และตรวจสิทธิ์ของผู้ใช้นั้น) ค่าเริ่มต้น: ระบบ",
        )

    def handle(self, *args, files, dry_run, format, lang, username=None, queue=False, **options):
        t = TEXT[lang]
        files = _expand(files)
        self.by = SYSTEM
        if username:
            self.by = get_user_model().objects.filter(username=username).first()
            if self.by is None:
                raise CommandError(f"ไม่พบผู้ใช้ “{username}”")
        if queue and not dry_run:
            return self._enqueue(files)
        ok = bad = 0
        show_bar = len(files) > 1 and format == "text"
        with Progress(transient=True, disable=not show_bar) as bar:
            task = bar.add_task("import", total=len(files))
            for name in files:
                line, data = self._one(Path(name), dry_run, lang, t)
                if data is not None and format == "json":
                    self.stdout.write(json.dumps(data, ensure_ascii=False))
                if line.startswith("✗"):
                    bad += 1
                    self.stderr.write(line)
                else:
                    ok += 1
                    if format == "text":
                        self.stdout.write(line)
                bar.advance(task)
        if len(files) > 1 or bad:
            self.stderr.write(t["summary"].format(n=len(files), ok=ok, bad=bad))
        if bad:
            raise CommandError(t["failed"])

    def _enqueue(self, files: list[str]) -> None:
        from prongsai.ingest.tasks import import_file as task
        from prongsai.ingest.tasks import stash

        user_id = getattr(self.by, "pk", None)
        sent = 0
        for name in files:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"✗ {path}: ไม่พบไฟล์")
            task.delay(stash(path.read_bytes(), path.name), path.name, user_id)
            sent += 1
        self.stdout.write(f"ส่ง {sent} ไฟล์ให้เครื่องทำงานนำเข้าแล้ว (ดูผลที่หน้า นำเข้าเอกสาร)")

    def _one(self, path: Path, dry_run: bool, lang: str, t: dict) -> tuple[str, dict | None]:
        if not path.is_file():
            return f"✗ {path}: {t['missing']}", None
        data = path.read_bytes()
        try:
            if dry_run:
                result = to_json(read_document(data, safe_file_name(path.name)))
                return f"• {path.name}: {t['read']} — {_summary(result, lang)}", result
            outcome = import_file(data, path.name, by=self.by)
        except IngestError as exc:
            message = exc.message_en if lang == "en" else exc.message_th
            return f"✗ {path.name}: {message}", None
        except (ActionError, PermissionDenied) as exc:  # refused by a rule: nothing was saved
            with translation.override(lang):
                return f"✗ {path.name}: {exc}", None
        result = outcome.document.result
        status = t["again"] if outcome.saved is None else t["saved"]
        return f"✓ {path.name}: {status} — {_summary(result, lang)}", result


SUFFIXES = {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}


def _expand(names: list[str]) -> list[str]:
    """Files as given; a folder becomes the documents in it (and its subfolders), sorted."""
    out = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            out += sorted(
                str(p) for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        else:
            out.append(name)
    return out


def _summary(result: dict, lang: str) -> str:
    agency = (result.get("agency") or {}).get("name") or "?"
    measures = len(result.get("measures") or [])
    year = result.get("fiscal_year") or "?"
    if lang == "en":
        return f"{result['kind']}, {agency}, FY {year}, {measures} measure(s)"
    return f"{result['kind']} {agency} ปีงบประมาณ {year} มาตรการ {measures} รายการ"
