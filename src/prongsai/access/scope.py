"""The permission layer: a user's reach as a queryset filter, applied in one place.

Every view and command that reads or writes an agency's data starts from ``agencies_for`` /
``restrict`` / ``agency_or_404`` / ``object_or_404`` (NetBox's RestrictedQuerySet, as plain
functions). An object out of the user's reach is "not found" (404: its existence is not
revealed); one the user may see but not change is "forbidden" (403, with the reason in Thai).

Roles and what they allow:

=================  =====================================================
editor             view and edit the agency's data
signer             view; act in the sign-off chain (so is a user linked to an active signatory)
agency_admin       view, edit, and manage the agency's users, units and sign-off chain
regional_viewer    view the agencies of a province or of a department
national_admin     everything, everywhere (so is a Django superuser)
anonymous          nothing here: published documents only, on the public pages
=================  =====================================================
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.agencies.models import Agency, Signatory

from .models import Membership

ROLE_ACTIONS: dict[str, frozenset[str]] = {
    "editor": frozenset({"view", "edit"}),
    "signer": frozenset({"view", "sign"}),
    "agency_admin": frozenset({"view", "edit", "admin"}),
    "regional_viewer": frozenset({"view"}),
    "national_admin": frozenset({"view", "edit", "sign", "admin"}),
}
ACTIONS = frozenset().union(*ROLE_ACTIONS.values())

# How each agency-owned model reaches its agency (the lookup path to filter on).
AGENCY_PATH: dict[str, str] = {
    "agencies.agency": "pk",
    "agencies.unit": "agency",
    "agencies.signatory": "agency",
    "assessments.assessment": "agency",
    "analysis.analysis": "agency",
    "analysis.finding": "analysis__agency",
    "measures.measureplan": "agency",
    "measures.measure": "plan__agency",
    "measures.progressround": "plan__agency",
    "measures.measureprogress": "round__plan__agency",
    "measures.evidence": "progress__round__plan__agency",
    "measures.memo": "agency",
    "measures.signoff": "memo__agency",
    "ingest.importeddocument": "agency",
    "ingest.importedpage": "document__agency",
    "dashboards.agencyyear": "agency",
    "oit.oitworkspace": "agency",
    "oit.oititem": "workspace__agency",
    "oit.oitevidence": "item__workspace__agency",
}

FORBIDDEN_TH = {
    "edit": gettext_lazy("คุณมีสิทธิ์ดูข้อมูลของหน่วยงานนี้เท่านั้น แก้ไขไม่ได้"),
    "sign": gettext_lazy("คุณไม่ได้อยู่ในสายการลงนามของหน่วยงานนี้"),
    "admin": gettext_lazy("เฉพาะผู้ดูแลหน่วยงานเท่านั้นที่จัดการผู้ใช้ ส่วนราชการ และสายการลงนามได้"),
}


def is_national(user) -> bool:
    """A national admin (or a Django superuser): reach over every agency. Cached on the user
    object, so a request asks the database at most once."""
    if getattr(user, "is_system", False):  # core.actions.SYSTEM: the system's own work
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if not hasattr(user, "_prongsai_national"):
        user._prongsai_national = user.is_superuser or (
            Membership.objects.filter(user=user, role="national_admin").exists()
        )
    return user._prongsai_national


def action_for(method: str) -> str:
    """Reading is "view"; anything that can change data is "edit"."""
    return "view" if method in ("GET", "HEAD", "OPTIONS") else "edit"


def agencies_for(user, action: str = "view") -> QuerySet[Agency]:
    """The agencies the user may ``action`` (view, edit, sign, admin)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if not getattr(user, "is_authenticated", False):
        return Agency.objects.none()
    if is_national(user):
        return Agency.objects.all()
    roles = [role for role, actions in ROLE_ACTIONS.items() if action in actions]
    mine = Membership.objects.filter(user=user, role__in=roles)
    reach = Q(pk__in=mine.filter(agency__isnull=False).values("agency"))
    if action in ROLE_ACTIONS["signer"]:
        # a signatory linked to the user is a signer of that agency, membership or not
        reach |= Q(pk__in=Signatory.objects.filter(user=user, active=True).values("agency"))
    if "regional_viewer" in roles:
        regional = mine.filter(role="regional_viewer")
        reach |= Q(province__in=regional.filter(province__isnull=False).values("province"))
        reach |= Q(department__in=regional.filter(department__isnull=False).values("department"))
    return Agency.objects.filter(reach)


def can(user, agency: Agency | int, action: str) -> bool:
    pk = agency.pk if isinstance(agency, Agency) else agency
    return agencies_for(user, action).filter(pk=pk).exists()


def restrict(queryset: QuerySet, user, action: str = "view") -> QuerySet:
    """The queryset cut down to the rows of the agencies the user may ``action``."""
    label = queryset.model._meta.label_lower
    if label not in AGENCY_PATH:
        raise LookupError(f"{label} has no agency path in access.scope.AGENCY_PATH")
    if is_national(user):
        return queryset
    path = AGENCY_PATH[label]
    return queryset.filter(**{f"{path}__in": agencies_for(user, action)})


def require(user, agency: Agency | int, action: str) -> None:
    """Raise 403 (with the reason in Thai) unless the user may ``action`` the agency."""
    if not can(user, agency, action):
        raise PermissionDenied(str(FORBIDDEN_TH.get(action, _("ไม่มีสิทธิ์"))))


def object_or_404(request, queryset: QuerySet, action: str | None = None, **lookup):
    """The one object the user may see (404 otherwise); 403 when the request wants to change
    it (or ``action`` asks for more than viewing) and the user may not."""
    action = action or action_for(request.method)
    try:
        obj = restrict(queryset, request.user, "view").get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404(_("ไม่พบข้อมูลนี้ หรือคุณไม่มีสิทธิ์เข้าถึง")) from None
    if action != "view":
        path = AGENCY_PATH[queryset.model._meta.label_lower]
        agency_id = obj.pk if path == "pk" else _agency_id(obj, path)
        require(request.user, agency_id, action)
    return obj


def agency_or_404(request, pk: int, action: str | None = None) -> Agency:
    """The agency of an ``/agencies/<pk>/…`` URL, if the user may reach it."""
    return object_or_404(
        request, Agency.objects.select_related("province", "district"), action, pk=pk
    )


def _agency_id(obj, path: str) -> int:
    for step in path.split("__")[:-1]:
        obj = getattr(obj, step)
    return getattr(obj, f"{path.split('__')[-1]}_id")
