"""Measures plans (มาตรการส่งเสริมคุณธรรมและความโปร่งใส) and their progress rounds.

A plan belongs to one agency and one fiscal year; its measures carry methods (ordered steps),
responsible units, a period and a KPI. A progress round (6-month Oct–Mar, 12-month Oct–Sep)
records, per measure, its status, result, outcome, suggestion and KPI actual.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, Unit
from prongsai.core.choices import Decision, MemoStatus, ProgressStatus, Source, Status, Tool
from prongsai.core.choices import Round as RoundCode


class MeasurePlan(models.Model):
    agency = models.ForeignKey(
        Agency, models.PROTECT, related_name="plans", verbose_name=_("หน่วยงาน")
    )
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    title = models.CharField(_("ชื่อแผน"), max_length=300, blank=True)
    status = models.CharField(_("สถานะ"), max_length=20, choices=Status, default=Status.DRAFT)
    source = models.CharField(_("ที่มา"), max_length=20, choices=Source, default=Source.MANUAL)
    column_labels = models.JSONField(
        _("หัวคอลัมน์ตามเอกสารของหน่วยงาน"),
        default=list,
        blank=True,
        help_text=_("[[บทบาท, หัวคอลัมน์], …] ตามลำดับในเอกสาร; ว่าง = หัวคอลัมน์ตามปกติของปี"),
    )
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขเมื่อ"), auto_now=True)

    class Meta:
        ordering = ["agency__name", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "fiscal_year"], name="plan_one_per_year")
        ]
        verbose_name = _("แผนมาตรการ")
        verbose_name_plural = _("แผนมาตรการ")

    def __str__(self) -> str:
        return f"มาตรการ {self.agency.name} ปี {self.fiscal_year}"


class Measure(models.Model):
    TOOL_CHOICES = [("", "-"), *Tool.choices]

    plan = models.ForeignKey(
        MeasurePlan, models.CASCADE, related_name="measures", verbose_name=_("แผน")
    )
    number = models.PositiveSmallIntegerField(_("ลำดับ"))
    title = models.TextField(_("มาตรการ/แนวทาง"))
    tool = models.CharField(_("เครื่องมือการประเมิน"), max_length=3, choices=TOOL_CHOICES, blank=True)
    methods = models.JSONField(_("วิธีการดำเนินการ (ขั้นตอน)"), default=list, blank=True)
    # an analysis report's part 2 gives each measure its own steps (ขั้นตอน/วิธีปฏิบัติ) beside
    # the methods (seed 003)
    steps = models.JSONField(_("ขั้นตอน/วิธีปฏิบัติ"), default=list, blank=True)
    # What the measure addresses, as numbers and codes of the analysed year's criteria (the
    # year before the plan's): kept as codes so a plan copied to a new year keeps its links.
    method_rows = models.JSONField(
        _("วิธีการแต่ละข้อพร้อมขั้นตอน (ตามเอกสาร)"),
        default=list,
        blank=True,
        help_text=_("[{methods, steps, responsible, period}, …] ส่วนที่ ๒ ของรายงานการวิเคราะห์"),
    )
    issue_numbers = models.JSONField(_("ประเด็นที่แก้ไข"), default=list, blank=True)
    indicator_numbers = models.JSONField(_("ตัวชี้วัดที่เกี่ยวข้อง"), default=list, blank=True)
    question_codes = models.JSONField(_("ข้อคำถามที่เกี่ยวข้อง"), default=list, blank=True)
    responsible_units = models.ManyToManyField(Unit, blank=True, verbose_name=_("ผู้รับผิดชอบ"))
    responsible_text = models.CharField(_("ผู้รับผิดชอบ (ตามเอกสาร)"), max_length=300, blank=True)
    period_start = models.DateField(_("วันเริ่ม"), null=True, blank=True)
    period_end = models.DateField(_("วันสิ้นสุด"), null=True, blank=True)
    period_text = models.CharField(_("ระยะเวลา (ตามเอกสาร)"), max_length=200, blank=True)
    kpi_target = models.DecimalField(
        _("เป้าหมาย"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    kpi_unit = models.CharField(_("หน่วยนับ"), max_length=50, blank=True, help_text=_("เช่น คน ครั้ง"))
    budget = models.DecimalField(
        _("งบประมาณ (บาท)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # the one-time token of the "new measure" form that created it: the same form sent again
    # (browser back, then save; a double click) finds this measure instead of adding another
    form_token = models.CharField(max_length=64, blank=True, default="", editable=False)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขเมื่อ"), auto_now=True)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="measure_unique_number"),
            models.UniqueConstraint(
                fields=["plan", "form_token"],
                condition=~models.Q(form_token=""),
                name="measure_one_per_form",
            ),
            models.CheckConstraint(
                condition=models.Q(period_start__isnull=True)
                | models.Q(period_end__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="measure_period_in_order",
            ),
        ]
        verbose_name = _("มาตรการ")
        verbose_name_plural = _("มาตรการ")

    def __str__(self) -> str:
        return f"{self.number}. {self.title[:60]}"


class ProgressRound(models.Model):
    ROUND_CHOICES = RoundCode.choices

    plan = models.ForeignKey(
        MeasurePlan, models.CASCADE, related_name="rounds", verbose_name=_("แผน")
    )
    round = models.CharField(_("รอบรายงาน"), max_length=3, choices=ROUND_CHOICES)
    round_stated = models.BooleanField(
        _("ระบุรอบไว้"),
        default=True,
        help_text=_("ไม่ได้ระบุ: เอกสารที่นำเข้าไม่ได้บอกรอบ รายงานจึงไม่พิมพ์รอบ"),
    )
    introduction = models.TextField(_("ย่อหน้านำ"), blank=True)
    status = models.CharField(_("สถานะ"), max_length=20, choices=Status, default=Status.DRAFT)
    source = models.CharField(_("ที่มา"), max_length=20, choices=Source, default=Source.MANUAL)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขเมื่อ"), auto_now=True)

    class Meta:
        ordering = ["plan", "round"]
        constraints = [models.UniqueConstraint(fields=["plan", "round"], name="round_unique")]
        verbose_name = _("รอบรายงานผล")
        verbose_name_plural = _("รอบรายงานผล")

    def __str__(self) -> str:
        return f"{self.plan} {self.get_round_display()}"


class MeasureProgress(models.Model):
    STATUS_CHOICES = ProgressStatus.choices

    round = models.ForeignKey(
        ProgressRound, models.CASCADE, related_name="progress", verbose_name=_("รอบ")
    )
    measure = models.ForeignKey(
        Measure, models.CASCADE, related_name="progress", verbose_name=_("มาตรการ")
    )
    status = models.CharField(_("สถานะ"), max_length=20, choices=STATUS_CHOICES, blank=True)
    cancel_reason = models.TextField(_("เหตุผลที่ยกเลิก"), blank=True)
    result = models.TextField(_("ผลการดำเนินงาน"), blank=True)
    outcome = models.TextField(_("ผลลัพธ์หรือความสำเร็จ"), blank=True)
    suggestion = models.TextField(_("ข้อเสนอแนะ"), blank=True)
    kpi_actual = models.DecimalField(
        _("ผลที่ได้"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    updated_at = models.DateTimeField(_("แก้ไขเมื่อ"), auto_now=True)

    class Meta:
        ordering = ["round", "measure__number"]
        constraints = [models.UniqueConstraint(fields=["round", "measure"], name="progress_unique")]
        verbose_name = _("ผลการดำเนินงานตามมาตรการ")
        verbose_name_plural = _("ผลการดำเนินงานตามมาตรการ")

    def __str__(self) -> str:
        return f"{self.measure} — {self.get_status_display() or '-'}"

    @property
    def kpi_percent(self) -> Decimal | None:
        target = self.measure.kpi_target
        if self.kpi_actual is None or not target:
            return None
        actual, target = Decimal(str(self.kpi_actual)), Decimal(str(target))
        return (actual * 100 / target).quantize(Decimal("0.01"))


class MemoQuerySet(models.QuerySet):
    def open(self):
        """The memos not yet decided for good (drafted, in review or returned)."""
        return self.exclude(status__in=[MemoStatus.APPROVED, MemoStatus.PAPER])


class Memo(models.Model):
    """บันทึกข้อความ: the internal memo that sends a round, a plan or an analysis up for sign-off.

    Exactly one of ``round``, ``plan`` or ``analysis`` is what the memo is about.
    """

    STATUS_CHOICES = MemoStatus.choices

    agency = models.ForeignKey(
        Agency, models.PROTECT, related_name="memos", verbose_name=_("หน่วยงาน")
    )
    round = models.ForeignKey(
        ProgressRound,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="memos",
        verbose_name=_("รอบรายงาน"),
    )
    plan = models.ForeignKey(
        MeasurePlan,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="memos",
        verbose_name=_("แผนมาตรการ"),
    )
    analysis = models.ForeignKey(
        "analysis.Analysis",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="memos",
        verbose_name=_("การวิเคราะห์"),
    )
    department = models.CharField(_("ส่วนราชการ"), max_length=300)
    reference = models.CharField(
        _("ที่"), max_length=100, blank=True, help_text=_("เช่น ขก ๘๐๕๐๑/๓๒๔")
    )
    date = models.DateField(_("วันที่"))
    subject = models.CharField(_("เรื่อง"), max_length=500)
    addressee = models.CharField(_("เรียน"), max_length=300)
    background = models.TextField(_("เรื่องเดิม"))
    facts = models.TextField(_("ข้อเท็จจริง"))
    consideration = models.TextField(_("ข้อพิจารณา"))
    status = models.CharField(
        _("สถานะ"), max_length=20, choices=MemoStatus, default=MemoStatus.DRAFT
    )
    # the paper record (status "paper"): a memo signed on paper, read from an imported
    # document — who imported it, when, and the signatures as printed. Never an approval in
    # Prongsai's chain: it has no sign-off steps and adds nobody to the chain.
    paper_imported_by = models.ForeignKey(
        "auth.User",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("นำเข้าโดย"),
    )
    paper_imported_by_name = models.CharField(_("ชื่อผู้นำเข้า"), max_length=150, blank=True)
    paper_imported_at = models.DateTimeField(_("นำเข้าเมื่อ"), null=True, blank=True)
    paper_signatures = models.JSONField(_("ผู้ลงนามในเอกสารกระดาษ"), default=list, blank=True)
    created_at = models.DateTimeField(_("สร้างเมื่อ"), auto_now_add=True)
    updated_at = models.DateTimeField(_("แก้ไขเมื่อ"), auto_now=True)

    objects = MemoQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [
            # at most one open memo per subject (not approved, not a paper record): drafting is
            # idempotent
            # under concurrency, and a second memo can never return what the first approved
            *(
                models.UniqueConstraint(
                    fields=[field],
                    condition=~models.Q(status__in=[MemoStatus.APPROVED, MemoStatus.PAPER]),
                    name=f"memo_one_open_per_{field}",
                )
                for field in ("round", "plan", "analysis")
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(round__isnull=False, plan__isnull=True, analysis__isnull=True)
                    | models.Q(round__isnull=True, plan__isnull=False, analysis__isnull=True)
                    | models.Q(round__isnull=True, plan__isnull=True, analysis__isnull=False)
                ),
                name="memo_about_exactly_one_thing",
            ),
        ]
        verbose_name = _("บันทึกข้อความ")
        verbose_name_plural = _("บันทึกข้อความ")

    def __str__(self) -> str:
        return self.subject

    @property
    def is_paper_record(self) -> bool:
        return self.status == "paper"


class SignOff(models.Model):
    """One step of a memo's sign-off chain (ผู้เสนอ → หัวหน้าสำนักปลัด → … → นายก)."""

    DECISION_CHOICES = Decision.choices

    memo = models.ForeignKey(
        Memo, models.CASCADE, related_name="signoffs", verbose_name=_("บันทึกข้อความ")
    )
    order = models.PositiveSmallIntegerField(_("ลำดับ"))
    signatory = models.ForeignKey(
        "agencies.Signatory", models.PROTECT, related_name="signoffs", verbose_name=_("ผู้ลงนาม")
    )
    comment_label = models.CharField(
        _("หัวข้อความเห็น"),
        max_length=100,
        blank=True,
        help_text=_("เช่น ความเห็นหัวหน้าสำนักปลัด, ข้อสั่งการ"),
    )
    decision = models.CharField(
        _("ผลการพิจารณา"), max_length=10, choices=Decision, default=Decision.PENDING
    )
    comment = models.TextField(_("ความเห็น"), blank=True)
    decided_at = models.DateTimeField(_("เมื่อ"), null=True, blank=True)
    content_hash = models.CharField(_("ค่าแฮชของเนื้อหาที่พิจารณา"), max_length=64, blank=True)

    class Meta:
        ordering = ["memo", "order"]
        constraints = [
            models.UniqueConstraint(fields=["memo", "order"], name="signoff_unique_order")
        ]
        verbose_name = _("การลงนาม")
        verbose_name_plural = _("การลงนาม")

    def __str__(self) -> str:
        return f"{self.order}. {self.signatory} — {self.get_decision_display()}"


class Evidence(models.Model):
    """A file or a link that shows a measure's progress (e.g. a photo, a web page, an order)."""

    progress = models.ForeignKey(
        MeasureProgress, models.CASCADE, related_name="evidence", verbose_name=_("ผลการดำเนินงาน")
    )
    title = models.CharField(_("คำอธิบาย"), max_length=200)
    url = models.URLField(_("ลิงก์"), blank=True)
    file = models.FileField(_("ไฟล์"), upload_to="evidence/%Y/", blank=True)
    created_at = models.DateTimeField(_("เพิ่มเมื่อ"), auto_now_add=True)

    class Meta:
        ordering = ["progress", "created_at"]
        verbose_name = _("หลักฐาน")
        verbose_name_plural = _("หลักฐาน")

    def __str__(self) -> str:
        return self.title


class MemoEvent(models.Model):
    """The trail of a memo: every sending, approval and return, with who, when, what and the
    hash of the content that was in front of them. Never changed once written."""

    ACTIONS = [
        ("sent", _("เสนอ")),
        ("approved", _("เห็นชอบ")),
        ("returned", _("ส่งกลับแก้ไข")),
    ]

    memo = models.ForeignKey(
        Memo, models.CASCADE, related_name="events", verbose_name=_("บันทึกข้อความ")
    )
    action = models.CharField(_("การดำเนินการ"), max_length=10, choices=ACTIONS)
    signoff = models.ForeignKey(
        SignOff, models.SET_NULL, null=True, blank=True, related_name="events"
    )
    actor = models.ForeignKey(
        "auth.User", models.SET_NULL, null=True, blank=True, verbose_name=_("ผู้ดำเนินการ")
    )
    signatory_name = models.CharField(_("ในนามของ"), max_length=300, blank=True)
    comment = models.TextField(_("ความเห็น"), blank=True)
    content_hash = models.CharField(_("ค่าแฮชของเนื้อหา"), max_length=64)
    at = models.DateTimeField(_("เมื่อ"), auto_now_add=True)

    class Meta:
        ordering = ["memo", "at", "pk"]
        verbose_name = _("ประวัติการเสนอ")
        verbose_name_plural = _("ประวัติการเสนอ")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.signatory_name}"
