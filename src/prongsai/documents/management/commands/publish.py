"""``prongsai publish KIND --agency NAME --year YEAR [--round 6m|12m] [--as USER]`` — publish
an approved document as its next version (the same action as the publish button: refused,
with the reason, unless what it presents was approved through its memo)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from prongsai.agencies.selectors import AgencyNotFound, find_agency
from prongsai.core.actions import SYSTEM
from prongsai.core.errors import ActionError
from prongsai.documents.actions import document_publish
from prongsai.documents.builders import KINDS, DocumentError


class Command(BaseCommand):
    help = "เผยแพร่เอกสารที่อนุมัติแล้วเป็นฉบับใหม่ / publish an approved document as a new version"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=list(KINDS), help="ชนิดเอกสาร")
        parser.add_argument("--agency", required=True, help="ชื่อหน่วยงาน เช่น ทต.พนมทวน")
        parser.add_argument("--province", help="จังหวัด เมื่อชื่อหน่วยงานซ้ำกัน")
        parser.add_argument("--year", type=int, required=True, help="ปีงบประมาณ พ.ศ.")
        parser.add_argument("--round", choices=["6m", "12m"], help="รอบรายงาน")
        parser.add_argument("--note", default="", help="หมายเหตุการแก้ไข")
        parser.add_argument(
            "--as", dest="username", help="ผู้เผยแพร่ (ชื่อผู้ใช้) ถ้าไม่ระบุ: ระบบ / the publishing user"
        )

    def handle(self, *args, kind, agency, province, year, round, note, username, **options):
        by = SYSTEM
        if username:
            by = get_user_model().objects.filter(username=username, is_active=True).first()
            if by is None:
                raise CommandError(f"ไม่พบผู้ใช้ “{username}”")
        try:
            found = find_agency(agency, province)
            publication = document_publish(kind, found.pk, year, round, by=by, note=note)
        except AgencyNotFound as exc:
            raise CommandError(exc.message_th) from exc
        except DocumentError as exc:
            raise CommandError(exc.message_th) from exc
        except ActionError as exc:
            raise CommandError(exc.message_th) from exc
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"เผยแพร่ {publication.title} ฉบับที่ {publication.version} แล้ว "
            f"(/p/{found.pk}/{year}/{publication.slug}/v{publication.version}/)"
        )
