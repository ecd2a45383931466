"""เพิ่มเป็นมาตรการ: a suggested family drafted into the agency's plan through the actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.access.scope import agency_or_404
from prongsai.core.errors import ActionError
from prongsai.measures import actions
from prongsai.measures.models import MeasurePlan

from .models import MeasureFamily
from .services import form_token, measure_from


@login_required
@require_POST
def adopt(request, pk: int, year: int):
    """Add the family ``key`` as a measure of the plan of ``year`` (created if there is none)."""
    agency = agency_or_404(request, pk, "edit")
    family = get_object_or_404(MeasureFamily, key=request.POST.get("family", ""))
    try:
        indicator = int(request.POST.get("indicator", ""))
    except ValueError:
        indicator = 0
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
        back = ""
    try:
        plan = MeasurePlan.objects.filter(agency=agency, fiscal_year=year).first()
        if plan is None:
            plan = actions.plan_create(agency.pk, year, by=request.user)
        actions.measure_save(
            plan.pk,
            measure_from(family, indicator),
            by=request.user,
            form_token=form_token(family, indicator),
        )
    except ActionError as exc:
        messages.error(request, str(exc))
        if back:
            return redirect(back)
    else:
        messages.success(
            request,
            _("เพิ่ม “%(title)s” เป็นร่างมาตรการในแผนปี %(year)s แล้ว ตรวจและแก้ไขได้")
            % {"title": family.name, "year": year},
        )
    return redirect("measures:plan", pk=pk, year=year)
