"""The page where the officer sets the words a plan's documents keep: the column labels of its
tables and the introduction of each round's report (actions in :mod:`.wording`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from prongsai.access.scope import object_or_404
from prongsai.core.errors import ActionError
from prongsai.measures.models import MeasurePlan

from .wording import draft_introduction, plan_labels, plan_labels_save, round_introduction_save


@login_required
@require_http_methods(["GET", "POST"])
def wording(request, pk: int, year: int):
    plan = object_or_404(
        request, MeasurePlan.objects.select_related("agency"), agency_id=pk, fiscal_year=year
    )
    rounds = list(plan.rounds.order_by("round"))
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("part") == "labels":
                labels = {
                    role: request.POST.get(f"label-{role}", "")
                    for role, _written, _usual in plan_labels(plan)
                }
                plan_labels_save(plan.pk, labels, by=request.user)
                messages.success(request, _("บันทึกหัวคอลัมน์แล้ว"))
            else:
                round_ = next(r for r in rounds if r.round == request.POST.get("part"))
                text = request.POST.get("introduction", "")
                round_introduction_save(round_.pk, text, by=request.user)
                messages.success(request, _("บันทึกย่อหน้านำของรายงานแล้ว"))
        except StopIteration:
            messages.error(request, _("ยังไม่มีรายงานรอบนี้"))
            status = 400
        except ActionError as exc:
            messages.error(request, str(exc))
            status = exc.status
        else:
            return redirect("documents:wording", pk=pk, year=year)
    for round_ in rounds:
        round_.drafted = "" if round_.introduction else draft_introduction(round_)
    context = {
        "plan": plan,
        "agency": plan.agency,
        "year": year,
        "labels": plan_labels(plan),
        "rounds": rounds,
    }
    return render(request, "documents/wording.html", context, status=status)
