"""``prongsai import FILE|DIR|ZIP… [--queue] [--dry-run] [--format F] [--summary F] [--lang L]``.

Folders are read recursively and ZIP archives member by member (``batch.sources``). Each file
gets one line (or one JSON object): saved, imported before, or refused with the reason, with the
reader that read it and, for a scan, how sure the OCR was. ``--summary`` writes the whole run as
one JSON document (per file: kind, fields read, warnings, status).
"""

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
from prongsai.core.files.errors import IngestError
from prongsai.ingest.batch import Source, sources
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
        "ocr": "อ่านจากภาพด้วย OCR ความมั่นใจเฉลี่ย {conf}% ช่องที่ไม่ชัด {low} ช่อง",
    },
    "en": {
        "saved": "saved",
        "again": "imported before; nothing saved again",
        "failed": "failed",
        "read": "read (not saved: --dry-run)",
        "summary": "{n} file(s): {ok} succeeded, {bad} failed",
        "missing": "no such file",
        "ocr": "read from the image by OCR, mean confidence {conf}%, {low} unsure field(s)",
    },
}


class Command(BaseCommand):
    help = "Read legacy ITA documents (txt/md/html/docx/pdf) and save what they say."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="files, folders (recursive) or ZIP archives")
        parser.add_argument(
            "--queue",
            action="store_true",
            help="ให้เครื่องทำงาน (celery worker) นำเข้าทีละไฟล์พร้อมกันหลายไฟล์ / import on the workers",
        )
        parser.add_argument("--dry-run", action="store_true", help="read and report, save nothing")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--summary", help="write a JSON summary of the run to this file")
        parser.add_argument("--lang", choices=["th", "en"], default="th")
        parser.add_argument(
            "--as",
            dest="username",
            help="ชื่อผู้ใช้ที่นำเข้า (บันทึกในประวัติ และตรวจสิทธิ์ของผู้ใช้นั้น) ค่าเริ่มต้น: ระบบ",
        )

    def handle(
        self,
        *args,
        files,
        dry_run,
        format,
        lang,
        summary=None,
        username=None,
        queue=False,
        **options,
    ):
        t = TEXT[lang]
        self.by = SYSTEM
        if username:
            self.by = get_user_model().objects.filter(username=username).first()
            if self.by is None:
                raise CommandError(f"ไม่พบผู้ใช้ “{username}”")
        todo = list(sources(files))
        if queue and not dry_run:
            return self._enqueue(todo, t)
        ok = bad = 0
        report: list[dict] = []
        show_bar = len(todo) > 1 and format == "text"
        with Progress(transient=True, disable=not show_bar) as bar:
            task = bar.add_task("import", total=len(todo))
            for source in todo:
                bar.update(task, description=source.name[-40:])
                line, data, entry = self._one(source, dry_run, lang, t)
                report.append(entry)
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
        if summary:
            Path(summary).write_text(
                json.dumps(_run_summary(report), ensure_ascii=False, indent=1) + "\n",
                encoding="utf-8",
            )
        if len(todo) > 1 or bad:
            self.stderr.write(t["summary"].format(n=len(todo), ok=ok, bad=bad))
        if bad:
            raise CommandError(t["failed"])

    def _enqueue(self, todo: list[Source], t: dict) -> None:
        """One task per document (archives opened, folders walked here); each worker imports
        its file through the same door, idempotent by content."""
        from prongsai.ingest.tasks import import_file as task
        from prongsai.ingest.tasks import stash

        user_id = getattr(self.by, "pk", None)
        sent = 0
        for source in todo:
            if source.error is not None or source.data is None:
                self.stderr.write(f"✗ {source.name}: {source.error or t['missing']}")
                continue
            task.delay(stash(source.data, Path(source.name).name), source.name, user_id)
            sent += 1
        self.stdout.write(f"ส่ง {sent} ไฟล์ให้เครื่องทำงานนำเข้าแล้ว (ดูผลที่หน้า นำเข้าเอกสาร)")

    def _one(self, source: Source, dry_run: bool, lang: str, t: dict):
        name = source.name
        entry = {"file": name, "status": None, "kind": None, "reader": None, "fields": 0,
                 "warnings": [], "reason": None}  # fmt: skip
        if source.error is not None or source.data is None:
            error = source.error
            entry |= {"status": "refused", "reason": error.code if error else "missing"}
            message = (error.message_en if lang == "en" else error.message_th) if error else ""
            return f"✗ {name}: {message or t['missing']}", None, entry
        data = source.data
        try:
            if dry_run:
                result = to_json(read_document(data, safe_file_name(name)))
                entry |= _entry(result, "read")
                return f"• {name}: {t['read']} — {_summary(result, lang, t)}", result, entry
            outcome = import_file(data, name, by=self.by)
        except IngestError as exc:
            message = exc.message_en if lang == "en" else exc.message_th
            entry |= {"status": "refused", "reason": exc.code, "message": message}
            return f"✗ {name}: {message}", None, entry
        except (ActionError, PermissionDenied) as exc:  # refused by a rule: nothing was saved
            with translation.override(lang):
                entry |= {"status": "refused", "reason": "refused", "message": str(exc)}
                return f"✗ {name}: {exc}", None, entry
        result = outcome.document.result
        status = t["again"] if outcome.saved is None else t["saved"]
        entry |= _entry(result, "duplicate" if outcome.saved is None else "saved")
        return f"✓ {name}: {status} — {_summary(result, lang, t)}", result, entry


def _entry(result: dict, status: str) -> dict:
    from prongsai.ingest.result import field_count

    return {
        "status": status,
        "kind": result.get("kind"),
        "reader": result.get("reader"),
        "fields": field_count(result),
        "warnings": list(result.get("warnings") or []),
        "low_confidence": list(result.get("low_confidence") or []),
    }


def _run_summary(report: list[dict]) -> dict:
    counts: dict[str, int] = {}
    for entry in report:
        counts[entry["status"]] = counts.get(entry["status"], 0) + 1
    return {"files": len(report), "by_status": counts, "results": report}


def _summary(result: dict, lang: str, t: dict) -> str:
    agency = (result.get("agency") or {}).get("name") or "?"
    measures = len(result.get("measures") or [])
    year = result.get("fiscal_year") or "?"
    reader = result.get("reader") or "?"
    ocr = ""
    if reader == "ocr":
        values = list((result.get("confidence") or {}).values())
        conf = round(sum(values) / len(values)) if values else 0
        ocr = " · " + t["ocr"].format(conf=conf, low=len(result.get("low_confidence") or []))
    if lang == "en":
        return f"{result['kind']}, {agency}, FY {year}, {measures} measure(s) [{reader}]{ocr}"
    return f"{result['kind']} {agency} ปีงบประมาณ {year} มาตรการ {measures} รายการ [{reader}]{ocr}"
