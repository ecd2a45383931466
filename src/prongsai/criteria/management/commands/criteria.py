"""``prongsai criteria load [FILE…]``, ``prongsai criteria check FILE…`` and
``prongsai criteria schema`` (the JSON Schema of a criteria file, for editors)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from prongsai.criteria import loader, schema, services

STATUS_TH = {"created": "เพิ่มใหม่", "updated": "ปรับปรุง", "unchanged": "ไม่เปลี่ยนแปลง"}


class Command(BaseCommand):
    help = (
        "Load the ITA criteria files into the database, check a file without loading it, or "
        "print the JSON Schema of a criteria file."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["load", "check", "schema"])
        parser.add_argument("files", nargs="*", help="criteria YAML files (default: all shipped)")
        parser.add_argument("--lang", choices=["th", "en"], default="th")

    def handle(self, *args, action, files, lang, **options):
        if action == "schema":
            self.stdout.write(schema.json_schema_text())
            return
        paths = [Path(f) for f in files] or sorted(loader.DATA_DIR.glob("ita-*.yaml"))
        if action == "check":
            if not files:
                raise CommandError("ระบุไฟล์ที่จะตรวจ" if lang == "th" else "name a file to check")
            self._check(paths, lang)
        else:
            self._load(paths, lang)

    def _check(self, paths, lang):
        bad = 0
        for path in paths:
            problems = loader.check_file(path)
            if problems:
                bad += 1
                for p in problems:
                    self.stderr.write(p.format(lang))
            else:
                ok = "ถูกต้อง" if lang == "th" else "OK"
                self.stdout.write(f"{path.name}: {ok}")
        if bad:
            raise CommandError(
                f"พบข้อผิดพลาดใน {bad} ไฟล์" if lang == "th" else f"{bad} file(s) have problems"
            )

    def _load(self, paths, lang):
        for path in paths:
            try:
                result = services.load_year_file(path)
            except loader.CriteriaError as exc:
                for p in exc.problems:
                    self.stderr.write(p.format(lang))
                raise CommandError(
                    f"โหลด {path.name} ไม่สำเร็จ ไม่มีการบันทึกข้อมูลจากไฟล์นี้"
                    if lang == "th"
                    else f"{path.name} was not loaded; nothing of it was saved"
                ) from exc
            status = STATUS_TH[result.status] if lang == "th" else result.status
            self.stdout.write(f"ITA {result.fiscal_year} ({result.file_name}): {status}")
