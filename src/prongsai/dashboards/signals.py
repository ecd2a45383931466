"""Keep the summaries in step when an agency-year is saved through the app (bulk loads call
``summaries.refresh`` themselves). Handlers only take note; the work happens on commit."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from prongsai.agencies.models import Agency
from prongsai.analysis.models import Analysis
from prongsai.assessments.models import Assessment
from prongsai.measures.models import Measure, MeasurePlan, MeasureProgress, ProgressRound

from .models import AgencyYear
from .summaries import schedule

SAVED = [post_save, post_delete]


@receiver(SAVED, sender=Assessment)
@receiver(SAVED, sender=MeasurePlan)
def _agency_year_changed(sender, instance, **kwargs):
    schedule("agency", instance.agency_id, instance.fiscal_year)


@receiver(SAVED, sender=Measure)
@receiver(SAVED, sender=ProgressRound)
def _plan_changed(sender, instance, **kwargs):
    schedule("plan", instance.plan_id)


@receiver(SAVED, sender=MeasureProgress)
def _progress_changed(sender, instance, **kwargs):
    schedule("round", instance.round_id)


@receiver(SAVED, sender=Analysis)
def _analysis_changed(sender, instance, **kwargs):
    # the analysis of year Y's results is a step of year Y + 1's cycle
    schedule("agency", instance.agency_id, instance.fiscal_year + 1)


@receiver(post_save, sender=Agency)
def _agency_changed(sender, instance, created, **kwargs):
    # the summaries copy the name, province, district and kind (a rename, a move)
    if not created:
        for year in AgencyYear.objects.filter(agency=instance).values_list(
            "fiscal_year", flat=True
        ):
            schedule("agency", instance.pk, year)
