"""Roles shown honestly: ``{% may agency "edit" as may_edit %}`` in a template, so a viewer or
a signer is never shown a form they cannot save (the views refuse it with 403 anyway).

The answer comes from the permission layer (:func:`prongsai.access.scope.can`) and is kept on
the request, so a page asks at most once per agency and action."""

from __future__ import annotations

from django import template

from prongsai.access.scope import can, is_national

register = template.Library()


@register.simple_tag(takes_context=True)
def may(context, agency, action: str, also=True) -> bool:
    """Whether the user may ``action`` the agency (and ``also`` holds: ``also=editable``)."""
    if not also:
        return False
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None or agency is None:
        return False
    pk = getattr(agency, "pk", agency)
    cache = getattr(request, "_prongsai_may", None)
    if cache is None:
        cache = {}
        if request is not None:
            request._prongsai_may = cache
    if (pk, action) not in cache:
        cache[(pk, action)] = can(user, pk, action)
    return cache[(pk, action)]


@register.simple_tag(takes_context=True)
def national(context) -> bool:
    """Whether the user is a national admin (``{% national as is_national %}``)."""
    user = context.get("user")
    return bool(user is not None and user.is_authenticated and is_national(user))
