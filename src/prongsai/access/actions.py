"""The doors to who may do what in an agency: its members (``membership_add``, ``_remove``,
``_set_role``) and its sign-off chain (``chain_set``: the whole chain in one save). Called by
the team page, and by the demo acting as the system; nothing else writes these rows. The
agency's units (``unit_add``) are added here too."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from prongsai.agencies.models import Agency, Signatory, Unit
from prongsai.core import events
from prongsai.core.actions import action
from prongsai.core.errors import Conflict, Invalid

from . import scope
from .models import AGENCY_ROLES, Membership


@dataclass
class NewMember:
    username: str
    role: str
    password: str = ""


@dataclass
class ChainEntry:
    """One signer of the chain: an existing signatory (``id``) or a new one (``id`` None)."""

    name: str
    position: str
    order: int = 0
    user_id: int | None = None
    active: bool = True
    id: int | None = None


def empty_chain_message(agency) -> str:
    """The refusal of a memo for an agency without a chain, linking to where it is set."""
    url = reverse("access:team", kwargs={"pk": getattr(agency, "pk", agency)})
    return format_html(
        '{} <a href="{}">{}</a>',
        gettext(
            "ยังไม่ได้กำหนดสายการลงนามของหน่วยงาน (ผู้เสนอและผู้พิจารณาอย่างน้อย ๒ คน) — ผู้ดูแลหน่วยงานกำหนดได้ที่"
        ),
        url,
        gettext("หน้าผู้ใช้และสายการลงนาม"),
    )


def _find_user(username: str):
    return get_user_model().objects.filter(username=username).first()


def _locked_agency(agency_id) -> Agency:
    """The agency row locked: member and chain changes of one agency happen one at a time."""
    return Agency.objects.select_for_update().get(pk=getattr(agency_id, "pk", agency_id))


def _role_error(role: str) -> None:
    if role not in AGENCY_ROLES:
        raise Invalid(
            _("เลือกบทบาท: ผู้จัดทำข้อมูล ผู้ลงนาม หรือผู้ดูแลหน่วยงาน"), field="role", code="bad_role"
        )


@action("membership.add")
def membership_add(agency_id: int, new: NewMember, *, by) -> Membership:
    """Give ``username`` a role in the agency; a new user is created when a password is given.
    Two requests at once for the same person give one membership and a clear refusal."""
    scope.require(by, agency_id, "admin")
    agency = _locked_agency(agency_id)
    _role_error(new.role)
    username = new.username.strip()
    User = get_user_model()
    user = _find_user(username)
    if user is None:
        if not new.password:
            raise Invalid(
                _("ยังไม่มีผู้ใช้ชื่อ “%(username)s” — ใส่รหัสผ่านเริ่มต้นเพื่อสร้างผู้ใช้ใหม่"),
                field="username",
                username=username,
            )
        try:
            validate_password(new.password, User(username=username))
        except ValidationError as exc:
            raise Invalid(" ".join(exc.messages), field="password") from None
        try:
            with transaction.atomic():
                user = User.objects.create_user(username=username, password=new.password)
        except IntegrityError:  # created by a request running at the same moment
            raise Conflict(
                _("ผู้ใช้ “%(username)s” เพิ่งถูกสร้างโดยคำขออื่นพร้อมกัน โหลดหน้านี้ใหม่แล้วตรวจรายชื่ออีกครั้ง"),
                field="username",
                username=username,
            ) from None
    elif new.password:
        raise Invalid(
            _("มีผู้ใช้ “%(username)s” อยู่แล้ว ไม่ต้องใส่รหัสผ่าน (ผู้ใช้เปลี่ยนรหัสผ่านเอง)"),
            field="password",
            username=username,
        )
    try:
        with transaction.atomic():
            membership, created = Membership.objects.get_or_create(
                user=user, role=new.role, agency=agency
            )
    except IntegrityError:
        created = False
        membership = Membership.objects.get(user=user, role=new.role, agency=agency)
    if not created:
        raise Conflict(
            _("“%(username)s” เป็น%(role)sของหน่วยงานนี้อยู่แล้ว"),
            field="username",
            username=username,
            role=membership.get_role_display(),
        )
    events.record(
        "membership.add",
        membership,
        by=by,
        agency=agency.pk,
        data={"user": user.username, "role": new.role},
    )
    return membership


def _require_admin_left(membership: Membership, *, by, leaving: bool) -> None:
    """An agency keeps at least one agency admin, and nobody takes away their own admin role
    (so an agency never locks itself out)."""
    if membership.role != "agency_admin" or not leaving:
        return
    if membership.user_id == getattr(by, "pk", None):
        raise Invalid(_("ถอนสิทธิ์ผู้ดูแลหน่วยงานของตนเองไม่ได้"), field="role", code="own_admin")
    others = Membership.objects.filter(agency=membership.agency_id, role="agency_admin").exclude(
        pk=membership.pk
    )
    if not others.exists():
        raise Invalid(_("หน่วยงานต้องมีผู้ดูแลหน่วยงานอย่างน้อย ๑ คน"), field="role", code="last_admin")


def _unlink_if_gone(agency_id: int, user_id: int) -> None:
    """Someone left with no role in the agency is unlinked from its sign-off chain, which would
    otherwise still let them in."""
    if not Membership.objects.filter(user=user_id, agency=agency_id).exists():
        for signatory in Signatory.objects.filter(agency=agency_id, user=user_id):
            signatory.user = None
            signatory.save(update_fields=["user"])


@action("membership.remove")
def membership_remove(membership_id: int, *, by) -> Membership:
    membership = Membership.objects.select_related("user").get(pk=membership_id)
    scope.require(by, membership.agency_id, "admin")
    _locked_agency(membership.agency_id)
    _require_admin_left(membership, by=by, leaving=True)
    agency_id, user_id = membership.agency_id, membership.user_id
    events.record(
        "membership.remove",
        membership,
        by=by,
        agency=agency_id,
        data={"user": membership.user.username, "role": membership.role},
    )
    membership.delete()
    _unlink_if_gone(agency_id, user_id)
    return membership


@action("membership.set_role")
def membership_set_role(membership_id: int, role: str, *, by) -> Membership:
    membership = Membership.objects.select_related("user").get(pk=membership_id)
    scope.require(by, membership.agency_id, "admin")
    _locked_agency(membership.agency_id)
    _role_error(role)
    if role == membership.role:
        return membership
    _require_admin_left(membership, by=by, leaving=True)
    if Membership.objects.filter(
        user=membership.user_id, agency=membership.agency_id, role=role
    ).exists():
        raise Conflict(
            _("“%(username)s” เป็น%(role)sของหน่วยงานนี้อยู่แล้ว"),
            field="role",
            username=membership.user.username,
            role=dict(Membership.ROLE_CHOICES)[role],
        )
    old = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    events.record(
        "membership.set_role",
        membership,
        by=by,
        agency=membership.agency_id,
        data={"user": membership.user.username, "from": old, "to": role},
    )
    return membership


@action("chain.set")
def chain_set(agency_id: int, entries: list[ChainEntry], *, by) -> list[Signatory]:
    """Set the agency's whole sign-off chain in one save: ``entries`` in their order (the
    proposer first, the last approver last). Signatories not given are removed — or, when a
    memo's sign-off names them, kept as no longer in office so the trail stays whole."""
    scope.require(by, agency_id, "admin")
    agency = _locked_agency(agency_id)
    current = {s.pk: s for s in agency.signatories.all()}
    members = set(Membership.objects.filter(agency=agency).values_list("user_id", flat=True))
    national = scope.is_national(by)  # the system and national admins may link any user
    seen: set[tuple[str, str]] = set()
    ordered = sorted(enumerate(entries), key=lambda e: (e[1].order, e[0]))
    for n, (_i, entry) in enumerate(ordered, start=1):
        name, position = entry.name.strip(), entry.position.strip()
        if not name or not position:
            raise Invalid(_("ผู้ลงนามลำดับที่ %(n)s: กรอกชื่อ-สกุลและตำแหน่ง"), field=f"chain.{n}", n=n)
        if (name, position) in seen:
            raise Invalid(
                _("มีผู้ลงนามชื่อและตำแหน่งนี้ซ้ำกัน: %(name)s (%(position)s)"),
                field=f"chain.{n}",
                code="duplicate",
                name=name,
                position=position,
            )
        seen.add((name, position))
        if entry.user_id is not None and entry.user_id not in members and not national:
            raise Invalid(_("ผู้ลงนามลำดับที่ %(n)s: ผูกได้เฉพาะผู้ใช้ของหน่วยงานนี้"), field=f"chain.{n}", n=n)
        if entry.id is not None and entry.id not in current:
            raise Conflict(_("สายการลงนามเปลี่ยนไประหว่างแก้ไข โหลดหน้านี้ใหม่แล้วบันทึกอีกครั้ง"), field="chain")
    given = {e.id for e in entries if e.id is not None}
    for pk, signatory in current.items():
        if pk in given:
            continue
        if signatory.signoffs.exists():
            signatory.active = False
            signatory.order = 0
            signatory.save(update_fields=["active", "order"])
        else:
            signatory.delete()
    saved = []
    for n, (_i, entry) in enumerate(ordered, start=1):
        signatory = current.get(entry.id) if entry.id is not None else Signatory(agency=agency)
        signatory.name, signatory.position = entry.name.strip(), entry.position.strip()
        signatory.order, signatory.user_id, signatory.active = n, entry.user_id, entry.active
        try:
            with transaction.atomic():
                signatory.save()
        except IntegrityError:
            raise Conflict(
                _("มีผู้ลงนามชื่อและตำแหน่งนี้ซ้ำกัน: %(name)s (%(position)s)"),
                field="chain",
                name=signatory.name,
                position=signatory.position,
            ) from None
        saved.append(signatory)
    events.record(
        "chain.set",
        agency,
        by=by,
        agency=agency.pk,
        data={"chain": [[s.order, s.name, s.position, s.user_id, s.active] for s in saved]},
    )
    return saved


@action("membership.grant")
def membership_grant(*, user, role: str, by, **where) -> Membership:
    """Grant any role with its scope (``agency=``, ``province=``/``province_id=``,
    ``department=``, or none for a national admin): what a national admin does (and the demo
    and tests, as the system). An agency's own admin uses :func:`membership_add`."""
    agency = where.get("agency") or where.get("agency_id")
    if not scope.is_national(by):
        if agency is None:
            raise Invalid(_("เฉพาะผู้ดูแลระดับประเทศให้สิทธิ์นี้ได้"), field="role", code="national_only")
        scope.require(by, getattr(agency, "pk", agency), "admin")
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, role=role, **where)
    except IntegrityError:
        raise Conflict(
            _("“%(username)s” มีสิทธิ์นี้อยู่แล้ว"), field="username", username=user.get_username()
        ) from None
    events.record(
        "membership.add",
        membership,
        by=by,
        agency=getattr(agency, "pk", agency),
        data={"user": user.get_username(), "role": role},
    )
    return membership


@action("chain.add")
def signatory_add(*, agency, name: str, position: str, order: int = 0, by, **fields) -> Signatory:
    """Add one signer to the end (or at ``order``) of the agency's chain — the shell's and the
    tests' shorthand; the team page sets the whole chain with :func:`chain_set`."""
    agency_id = getattr(agency, "pk", agency)
    scope.require(by, agency_id, "admin")
    _locked_agency(agency_id)
    try:
        with transaction.atomic():
            signatory = Signatory.objects.create(
                agency_id=agency_id, name=name, position=position, order=order, **fields
            )
    except IntegrityError:
        raise Conflict(
            _("มีผู้ลงนามชื่อและตำแหน่งนี้ซ้ำกัน: %(name)s (%(position)s)"),
            field="chain",
            name=name,
            position=position,
        ) from None
    events.record(
        "chain.set", signatory, by=by, agency=agency_id, data={"added": [order, name, position]}
    )
    return signatory


@action("unit.add")
def unit_add(agency_id: int, name: str, *, by) -> Unit:
    """Add a unit (ส่วนราชการ/กอง) to the agency: its admin's power; a name it has already is
    refused (:class:`Conflict`, on the ``name`` field)."""
    agency_id = getattr(agency_id, "pk", agency_id)
    scope.require(by, agency_id, "admin")
    _locked_agency(agency_id)
    name = " ".join((name or "").split())
    if not name:
        raise Invalid(_("โปรดกรอกชื่อส่วนราชการ/กอง"), field="name", code="required")
    if Unit.objects.filter(agency_id=agency_id, name=name).exists():
        raise Conflict(_("มีส่วนราชการชื่อนี้แล้ว"), field="name", code="unit_exists")
    unit = Unit.objects.create(agency_id=agency_id, name=name)
    events.record("unit.add", unit, by=by, agency=agency_id, data={"name": name})
    return unit
