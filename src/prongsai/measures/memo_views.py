"""The memo of a round, a plan or an analysis and its sign-off chain: draft, send, approve or
return, the trail."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from prongsai.access.scope import object_or_404, require, restrict
from prongsai.analysis.models import Analysis

from .forms import MemoForm
from .models import MeasurePlan, Memo, SignOff
from .signoff import (
    SignOffError,
    can_act,
    current_step,
    decide,
    draft_memo,
    send,
    still_as_approved,
    update_memo,
)

SUBJECTS = {"plan": (MeasurePlan, "measures:plan"), "analysis": (Analysis, "analysis:page")}


@login_required
@require_http_methods(["GET", "POST"])
def memo_page(request, memo_id: int):
    memo = object_or_404(
        request,
        Memo.objects.select_related("agency", "round__plan", "plan", "analysis"),
        "view",
        pk=memo_id,
    )
    editable = memo.status in ("draft", "returned")
    form = MemoForm(request.POST if request.POST.get("action") == "save" else None, instance=memo)
    action = request.POST.get("action")
    if request.method == "POST":
        if action in ("save", "send"):
            require(request.user, memo.agency_id, "edit")
        try:
            if action == "save" and form.is_valid():
                update_memo(memo, form)
                messages.success(request, _("บันทึกข้อความแล้ว"))
                return redirect("measures:memo", memo_id=memo.pk)
            if action == "send":
                send(memo, by=request.user)
                messages.success(request, _("เสนอบันทึกข้อความแล้ว รอผู้พิจารณาตามลำดับ"))
                return redirect("measures:memo", memo_id=memo.pk)
            if action in ("approved", "returned"):
                decide(
                    memo, by=request.user, decision=action, comment=request.POST.get("comment", "")
                )
                messages.success(request, _("บันทึกผลการพิจารณาแล้ว"))
                return redirect("measures:memo", memo_id=memo.pk)
        except SignOffError as exc:
            messages.error(request, exc.message_th)
            if action != "save":
                return redirect("measures:memo", memo_id=memo.pk)
    step = current_step(memo)
    context = {
        "memo": memo,
        "form": form,
        "editable": editable,
        "steps": memo.signoffs.select_related("signatory").order_by("order"),
        "events": memo.events.select_related("actor").order_by("at", "pk"),
        "step": step,
        "can_act": can_act(request.user, step),
        "intact": still_as_approved(memo) if memo.status == "approved" else None,
    }
    return render(request, "measures/memo.html", context)


@login_required
def inbox(request):
    """What waits for the user's signature (everything in review, for an administrator)."""
    pending = SignOff.objects.filter(decision="pending", memo__status="in_review").select_related(
        "memo__agency", "signatory"
    )
    pending = restrict(pending, request.user)
    if not request.user.is_superuser:
        pending = pending.filter(Q(signatory__user=request.user))
    waiting = [s for s in pending.order_by("memo", "order") if current_step(s.memo) == s]
    return render(request, "measures/inbox.html", {"waiting": waiting})


@login_required
@require_POST
def memo_new(request, kind: str, object_id: int):
    """Draft the memo that sends a plan or an analysis up the chain (or open the one drafted)."""
    if kind not in SUBJECTS:
        raise Http404(_("ส่งได้เฉพาะแผนมาตรการหรือการวิเคราะห์"))
    model, page = SUBJECTS[kind]
    subject = object_or_404(request, model.objects.select_related("agency"), "edit", pk=object_id)
    try:
        memo = draft_memo(subject)
    except SignOffError as exc:
        messages.error(request, exc.message_th)
        return redirect(page, pk=subject.agency_id, year=subject.fiscal_year)
    messages.success(request, _("ร่างบันทึกข้อความแล้ว ตรวจแก้ แล้วกด “เสนอ” เพื่อส่งให้ผู้พิจารณาตามลำดับ"))
    return redirect("measures:memo", memo_id=memo.pk)
