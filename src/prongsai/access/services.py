"""Changing who may do what in an agency: plain functions, one transaction each, called by the
agency admin's page (and usable from the shell or a command)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.agencies.models import Agency, Signatory

from .models import AGENCY_ROLES, Membership


class MembershipError(ValueError):
    def __init__(self, field: str, message_th: str):
        self.field, self.message_th = field, message_th
        super().__init__(message_th)


@transaction.atomic
def add_member(agency: Agency, *, username: str, role: str, password: str = "") -> Membership:
    """Give ``username`` a role in the agency; a new user is created when a password is given."""
    if role not in AGENCY_ROLES:
        raise MembershipError("role", _("เลือกบทบาท: ผู้จัดทำข้อมูล ผู้ลงนาม หรือผู้ดูแลหน่วยงาน"))
    username = username.strip()
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        if not password:
            raise MembershipError(
                "username",
                _("ยังไม่มีผู้ใช้ชื่อ “%(username)s” — ใส่รหัสผ่านเริ่มต้นเพื่อสร้างผู้ใช้ใหม่")
                % {"username": username},
            )
        candidate = User(username=username)
        try:
            validate_password(password, candidate)
        except ValidationError as exc:
            raise MembershipError("password", " ".join(exc.messages)) from None
        user = User.objects.create_user(username=username, password=password)
    elif password:
        raise MembershipError(
            "password",
            _("มีผู้ใช้ “%(username)s” อยู่แล้ว ไม่ต้องใส่รหัสผ่าน (ผู้ใช้เปลี่ยนรหัสผ่านเอง)")
            % {"username": username},
        )
    membership, created = Membership.objects.get_or_create(user=user, role=role, agency=agency)
    if not created:
        raise MembershipError(
            "username",
            _("“%(username)s” เป็น%(role)sของหน่วยงานนี้อยู่แล้ว")
            % {"username": username, "role": membership.get_role_display()},
        )
    return membership


@transaction.atomic
def remove_member(membership: Membership, *, by) -> None:
    """Take a role away; an agency keeps at least one agency admin, and nobody removes their
    own admin role (so an agency never locks itself out). Someone left with no role in the
    agency is also unlinked from its sign-off chain, which would otherwise still let them in."""
    if membership.role == "agency_admin":
        if membership.user_id == by.pk:
            raise MembershipError("role", _("ถอนสิทธิ์ผู้ดูแลหน่วยงานของตนเองไม่ได้"))
        # locked, so two admins removing each other at once cannot leave the agency without one
        admins = Membership.objects.select_for_update().filter(
            agency=membership.agency_id, role="agency_admin"
        )
        if not [pk for pk in admins.values_list("pk", flat=True) if pk != membership.pk]:
            raise MembershipError("role", _("หน่วยงานต้องมีผู้ดูแลหน่วยงานอย่างน้อย ๑ คน"))
    membership.delete()
    left = Membership.objects.filter(user=membership.user_id, agency=membership.agency_id)
    if not left.exists():
        for signatory in Signatory.objects.filter(
            agency=membership.agency_id, user=membership.user_id
        ):
            signatory.user = None
            signatory.save(update_fields=["user"])
