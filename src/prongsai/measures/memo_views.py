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

from prongsai.access.scope import object_or_404, restrict
from prongsai.analysis.models import Analysis
from prongsai.core.concurrency import EditConflict, rebound_with_version
from prongsai.core.errors import ActionError, Invalid

from . import actions
from .forms import MemoForm
from .models import MeasurePlan, Memo, SignOff
from .rules import can_act, current_step, still_as_approved

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
    action = request.POST.get("action")
    # the page's one form carries the text to both buttons: "เสนอ" saves what was typed
    typed = request.method == "POST" and action in ("save", "send") and editable
    form = MemoForm(request.POST if typed else None, instance=memo)
    conflict = None
    status = 200
    if request.method == "POST":
        try:
            if action in ("save", "send"):
                if typed and not form.is_valid():
                    names = ", ".join(
                        str(form.fields[n].label) for n in form.errors if n in form.fields
                    )
                    raise Invalid(_("ยังไม่ได้บันทึกและยังไม่ได้เสนอ: โปรดแก้ช่อง %(fields)s"), fields=names)
                if typed:  # what was typed is saved first, whichever button was pressed
                    actions.memo_save(
                        memo.pk,
                        form.text(),
                        by=request.user,
                        version=form.cleaned_data.get("version") or "",
                    )
                if action == "save":
                    messages.success(request, _("บันทึกข้อความแล้ว"))
                else:
                    try:
                        actions.memo_send(memo.pk, by=request.user)
                    except ActionError as exc:
                        if not typed:
                            raise
                        messages.error(
                            request,
                            _("บันทึกข้อความที่กรอกไว้แล้ว แต่ยังเสนอไม่ได้: %(reason)s") % {"reason": exc},
                        )
                        return redirect("measures:memo", memo_id=memo.pk)
                    messages.success(request, _("เสนอบันทึกข้อความแล้ว รอผู้พิจารณาตามลำดับ"))
                return redirect("measures:memo", memo_id=memo.pk)
            if action in ("approved", "returned"):
                actions.memo_decide(
                    memo.pk, action, by=request.user, comment=request.POST.get("comment", "")
                )
                messages.success(request, _("บันทึกผลการพิจารณาแล้ว"))
                return redirect("measures:memo", memo_id=memo.pk)
        except actions.Stale as exc:
            conflict = EditConflict(exc.current, form.differences(exc.current))
            form = rebound_with_version(MemoForm, request.POST, exc.current)
            form.is_valid()
            form.add_error(None, conflict.message_th)
            status = 409
        except ActionError as exc:
            status = exc.status
            if typed:
                # what was typed stays on the page, the reason next to its field (or on top)
                if exc.field in form.fields and exc.field not in form.errors:
                    form.add_error(exc.field, str(exc))
                else:
                    form.add_error(None, str(exc))
            else:
                messages.error(request, str(exc))
                return redirect("measures:memo", memo_id=memo.pk)
    step = current_step(memo)
    context = {
        "memo": memo,
        "form": form,
        "conflict": conflict,
        "editable": editable,
        "steps": memo.signoffs.select_related("signatory").order_by("order"),
        "events": memo.events.select_related("actor").order_by("at", "pk"),
        "step": step,
        "can_act": can_act(request.user, step),
        "intact": still_as_approved(memo) if memo.status == "approved" else None,
    }
    return render(request, "measures/memo.html", context, status=status)


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


def _subject(request, kind: str, object_id: int):
    """The plan or analysis a memo button acts on (within the user's edit reach), and its page."""
    if kind not in SUBJECTS:
        raise Http404(_("ส่งได้เฉพาะแผนมาตรการหรือการวิเคราะห์"))
    model, page = SUBJECTS[kind]
    subject = object_or_404(request, model.objects.select_related("agency"), "edit", pk=object_id)
    return subject, page


@login_required
@require_POST
def memo_new(request, kind: str, object_id: int):
    """Draft the memo that sends a plan or an analysis up the chain (or open the one drafted)."""
    subject, page = _subject(request, kind, object_id)
    try:
        memo = actions.memo_draft(kind, subject.pk, by=request.user)
    except ActionError as exc:
        messages.error(request, str(exc))
        return redirect(page, pk=subject.agency_id, year=subject.fiscal_year)
    messages.success(request, _("ร่างบันทึกข้อความแล้ว ตรวจแก้ แล้วกด “เสนอ” เพื่อส่งให้ผู้พิจารณาตามลำดับ"))
    return redirect("measures:memo", memo_id=memo.pk)


@login_required
@require_POST
def reopen(request, kind: str, object_id: int):
    """Correct an approved plan or analysis: a new draft version (the action says why not)."""
    subject, page = _subject(request, kind, object_id)
    try:
        reopened = actions.REOPEN[kind](
            subject.pk, by=request.user, reason=request.POST.get("reason", "")
        )
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("เปิดเป็นร่างฉบับที่ %(version)s แล้ว แก้ไขแล้วเสนอผ่านบันทึกข้อความใหม่")
            % {"version": actions.revision(reopened)},
        )
    return redirect(page, pk=subject.agency_id, year=subject.fiscal_year)
