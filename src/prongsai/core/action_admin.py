"""The Django admin as a door like any other: a superuser's change in the admin runs inside an
action (``admin.change``) and leaves an event row per object saved or deleted, so the guard
on workflow models lets it through and the change is on the record."""

from __future__ import annotations

from . import events
from .actions import action


@action("admin.change")
def _run(view, request, *args, by, **kwargs):
    return view(request, *args, **kwargs)


def _agency_id(obj):
    for path in ("agency_id", "analysis.agency_id", "assessment.agency_id", "memo.agency_id"):
        target = obj
        for step in path.split("."):
            target = getattr(target, step, None)
        if target is not None:
            return target
    return None


class ActionAdmin:
    """Mix into a ``ModelAdmin`` of a guarded model (before ``admin.ModelAdmin``)."""

    def changeform_view(self, request, *args, **kwargs):
        return _run(super().changeform_view, request, *args, by=request.user, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        return _run(super().delete_view, request, *args, by=request.user, **kwargs)

    def changelist_view(self, request, *args, **kwargs):  # list_editable, "delete selected"
        return _run(super().changelist_view, request, *args, by=request.user, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        events.record("admin.save", obj, by=request.user, agency=_agency_id(obj))

    def delete_model(self, request, obj):
        events.record("admin.delete", obj, by=request.user, agency=_agency_id(obj))
        super().delete_model(request, obj)
