"""The shared vocabulary of the cycle: every status and code value, as ``TextChoices`` used by
all apps (labels are Thai msgids, shown in the active language)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Where an analysis, a plan or a progress round stands."""

    DRAFT = "draft", _("ร่าง")
    SUBMITTED = "submitted", _("เสนอแล้ว")
    APPROVED = "approved", _("อนุมัติแล้ว")
    PUBLISHED = "published", _("เผยแพร่แล้ว")


class MemoStatus(models.TextChoices):
    DRAFT = "draft", _("ร่าง")
    IN_REVIEW = "in_review", _("อยู่ระหว่างเสนอ")
    RETURNED = "returned", _("ส่งกลับแก้ไข")
    APPROVED = "approved", _("อนุมัติแล้ว")
    # a memo signed on paper, read from an imported document: a record, never an approval
    PAPER = "paper", _("ลงนามในเอกสารกระดาษ (นำเข้า)")


class Decision(models.TextChoices):
    PENDING = "pending", _("รอพิจารณา")
    APPROVED = "approved", _("เห็นชอบ")
    RETURNED = "returned", _("ส่งกลับแก้ไข")


class Tool(models.TextChoices):
    IIT = "IIT", "IIT"
    EIT = "EIT", "EIT"
    OIT = "OIT", "OIT"


class Round(models.TextChoices):
    SIX = "6m", _("รอบ 6 เดือน")
    TWELVE = "12m", _("รอบ 12 เดือน")


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("ยังไม่เริ่ม")
    IN_PROGRESS = "in_progress", _("อยู่ระหว่างดำเนินการ")
    DONE = "done", _("ดำเนินการแล้ว")
    CANCELLED = "cancelled", _("ยกเลิก")


class Source(models.TextChoices):
    MANUAL = "manual", _("จัดทำในระบบ")
    IMPORT = "import", _("นำเข้าจากเอกสาร")
