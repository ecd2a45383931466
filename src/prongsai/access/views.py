"""The agency admin's page: who works in the agency, its units, its sign-off chain."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from prongsai.core.errors import ActionError

from .actions import (
    ChainEntry,
    NewMember,
    chain_set,
    membership_add,
    membership_remove,
    membership_set_role,
    unit_add,
)
from .forms import MemberForm, SignatoryFormSet, UnitForm
from .models import AGENCY_ROLES, Membership
from .scope import agency_or_404


@require_http_methods(["GET", "POST"])
def team(request, pk: int):
    agency = agency_or_404(request, pk, "admin")
    action = request.POST.get("action")
    member_form = MemberForm(request.POST if action == "add_member" else None)
    unit_form = UnitForm(request.POST if action == "add_unit" else None)
    chain = agency.signatories.order_by("order", "pk")
    chain_forms = SignatoryFormSet(
        request.POST if action == "save_chain" else None,
        queryset=chain,
        prefix="s",
        form_kwargs={"agency": agency},
    )
    if action == "add_member" and member_form.is_valid():
        try:
            membership = membership_add(
                agency.pk, NewMember(**member_form.cleaned_data), by=request.user
            )
        except ActionError as exc:
            field = exc.field if exc.field in member_form.fields else None
            member_form.add_error(field, str(exc))
        else:
            messages.success(
                request,
                _("เพิ่ม %(user)s เป็น%(role)sแล้ว")
                % {"user": membership.user.username, "role": membership.get_role_display()},
            )
            return redirect("access:team", pk=pk)
    elif action == "remove_member":
        chosen = request.POST.get("membership", "")
        if not chosen.isdigit():
            raise Http404(_("ไม่พบสิทธิ์ที่เลือก"))
        membership = get_object_or_404(Membership, pk=chosen, agency=agency)
        try:
            membership_remove(membership.pk, by=request.user)
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("ถอนสิทธิ์ %(user)s แล้ว") % {"user": membership.user.username})
        return redirect("access:team", pk=pk)
    elif action == "set_role":
        chosen = request.POST.get("membership", "")
        if not chosen.isdigit():
            raise Http404(_("ไม่พบสิทธิ์ที่เลือก"))
        membership = get_object_or_404(Membership, pk=chosen, agency=agency)
        try:
            membership = membership_set_role(
                membership.pk, request.POST.get("role", ""), by=request.user
            )
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("เปลี่ยนบทบาทของ %(user)s เป็น%(role)sแล้ว")
                % {"user": membership.user.username, "role": membership.get_role_display()},
            )
        return redirect("access:team", pk=pk)
    elif action == "add_unit" and unit_form.is_valid():
        try:
            unit = unit_add(agency.pk, unit_form.cleaned_data["name"], by=request.user)
        except ActionError as exc:
            unit_form.add_error("name" if exc.field == "name" else None, str(exc))
        else:
            messages.success(request, _("เพิ่ม %(name)s แล้ว") % {"name": unit.name})
            return redirect("access:team", pk=pk)
    elif action == "save_chain" and chain_forms.is_valid():
        try:
            chain_set(agency.pk, _chain_entries(chain_forms), by=request.user)
        except ActionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("บันทึกสายการลงนามแล้ว"))
            return redirect("access:team", pk=pk)
    context = {
        "agency": agency,
        "members": agency.memberships.select_related("user").order_by("role", "user__username"),
        "roles": [c for c in Membership.ROLE_CHOICES if c[0] in AGENCY_ROLES],
        "member_form": member_form,
        "unit_form": unit_form,
        "units": agency.units.all(),
        "chain_forms": chain_forms,
    }
    return render(request, "access/team.html", context)


def _chain_entries(formset) -> list[ChainEntry]:
    """The whole chain as the team page's rows give it (deleted and empty rows left out)."""
    entries = []
    for form in formset.forms:
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        if form.instance.pk is None and not form.has_changed():
            continue
        user = data.get("user")
        entries.append(
            ChainEntry(
                id=form.instance.pk,
                order=data.get("order") or 0,
                name=data.get("name") or "",
                position=data.get("position") or "",
                user_id=user.pk if user else None,
                active=bool(data.get("active")),
            )
        )
    return entries
