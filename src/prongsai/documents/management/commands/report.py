"""``prongsai report KIND --agency NAME --year YEAR [--round 6m|12m] --format pdf|docx|html|xlsx
[--digits thai|arabic] -o FILE`` — one official document, from the data in the database."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from prongsai.agencies.selectors import AgencyNotFound, find_agency
from prongsai.documents.builders import KINDS, DocumentError, build
from prongsai.documents.output import FORMATS, render


class Command(BaseCommand):
    help = (
        "Write an official document: analysis (ITA analysis report), plan (measures plan), "
        "progress (progress report of a round, with its memo), progress-by-tool."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(KINDS), help="ชนิดเอกสาร")
        parser.add_argument("--agency", required=True, help="ชื่อหน่วยงาน เช่น ทต.พนมทวน")
        parser.add_argument("--province", help="จังหวัด เมื่อชื่อหน่วยงานซ้ำกัน")
        parser.add_argument(
            "--year",
            type=int,
            required=True,
            help="ปีงบประมาณ พ.ศ. (ปีของผลการประเมินสำหรับ analysis)",
        )
        parser.add_argument(
            "--round", choices=["6m", "12m"], help="รอบรายงาน (ค่าเริ่มต้น: รอบล่าสุดที่มีข้อมูล)"
        )
        parser.add_argument("--format", choices=list(FORMATS), default="pdf")
        parser.add_argument("--digits", choices=["thai", "arabic"], default="thai")
        parser.add_argument("-o", "--output", required=True, help="ไฟล์ที่จะเขียน (- = stdout)")

    def handle(self, *args, kind, agency, province, year, round, format, digits, output, **kw):
        try:
            found = find_agency(agency, province)
            document = build(kind, found, year, round, digits)
        except AgencyNotFound as exc:
            raise CommandError(exc.message_th) from exc
        except DocumentError as exc:
            raise CommandError(exc.message_th) from exc
        data = render(document, format)
        if output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        Path(output).write_bytes(data)
        self.stderr.write(
            f"เขียน {document['title']} ({format.upper()}, {len(data):,} ไบต์) ที่ {output}"
        )
