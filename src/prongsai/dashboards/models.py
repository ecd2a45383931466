"""What the roll-ups read: one summary row per agency × fiscal year, and a version stamp.

The rows are derived data, rebuilt by :func:`prongsai.dashboards.summaries.refresh` from the
assessments and the measures plans (the national loader calls it once for everything; saving
an agency-year's scores or progress refreshes that agency-year). Province, district, kind and
name are copied in so a roll-up is one indexed ``GROUP BY``/``ORDER BY`` on this table alone.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, District, Province

SCORE = {"max_digits": 5, "decimal_places": 2, "null": True, "blank": True}


class AgencyYear(models.Model):
    agency = models.ForeignKey(Agency, models.CASCADE, related_name="+", verbose_name=_("หน่วยงาน"))
    fiscal_year = models.PositiveIntegerField(_("ปีงบประมาณ (พ.ศ.)"))
    province = models.ForeignKey(Province, models.CASCADE, related_name="+")
    district = models.ForeignKey(District, models.CASCADE, null=True, blank=True, related_name="+")
    kind = models.CharField(max_length=30)
    name = models.CharField(max_length=200)
    overall = models.DecimalField(_("คะแนนรวม"), **SCORE)
    rating = models.CharField(max_length=50, blank=True)
    passed = models.BooleanField(null=True)
    pass_mark = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    # {"IIT": 88.1, …} and {"1": 90.2, …}: the year's own tools and indicators, as scored.
    tools = models.JSONField(default=dict)
    indicators = models.JSONField(default=dict)
    # " i3 o12 " — questions / indicators below the year's pass mark, space-delimited so that
    # "agencies weak on i3" is a portable LIKE '% i3 %' on SQLite and PostgreSQL alike.
    weak_questions = models.TextField(blank=True, default="")
    weak_indicators = models.TextField(blank=True, default="")
    measures_total = models.PositiveIntegerField(default=0)
    measures_done = models.PositiveIntegerField(default=0)
    measures_in_progress = models.PositiveIntegerField(default=0)
    measures_overdue = models.PositiveIntegerField(default=0)
    measures_not_started = models.PositiveIntegerField(default=0)
    as_of = models.DateField(_("ข้อมูล ณ วันที่"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "fiscal_year"], name="agencyyear_unique")
        ]
        indexes = [
            models.Index(fields=["fiscal_year", "overall"], name="agencyyear_year_overall"),
            models.Index(fields=["fiscal_year", "province", "overall"], name="agencyyear_prov"),
            models.Index(fields=["fiscal_year", "district", "overall"], name="agencyyear_dist"),
            models.Index(fields=["fiscal_year", "kind", "overall"], name="agencyyear_kind"),
        ]
        verbose_name = _("สรุปรายหน่วยงานรายปี")
        verbose_name_plural = _("สรุปรายหน่วยงานรายปี")

    def __str__(self) -> str:
        return f"{self.name} {self.fiscal_year}"


class RollupVersion(models.Model):
    """One row; its number changes whenever summaries change, so cached roll-ups expire."""

    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("รุ่นข้อมูลสรุป")

    def __str__(self) -> str:
        return str(self.version)


class GeneratedCountry(models.Model):
    """The national demo data set (``prongsai demo --national``), so it can be replaced."""

    seed = models.IntegerField()
    agencies = models.PositiveIntegerField()
    first_agency_id = models.PositiveBigIntegerField()
    last_agency_id = models.PositiveBigIntegerField()
    district_ids = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ประเทศจำลอง")

    def __str__(self) -> str:
        return f"seed {self.seed}: {self.agencies} agencies"
