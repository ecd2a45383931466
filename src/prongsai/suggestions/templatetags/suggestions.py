"""``{% suggestions_for agency analysed_year plan_year %}``: what worked elsewhere for the
agency's weak indicators; ``{% suggestions_table %}``: families × indicators (dashboards)."""

from __future__ import annotations

from django import template

from prongsai.access.scope import can

from ..selectors import CAVEAT_TH, for_agency, table

register = template.Library()


@register.filter
def signed(value) -> str:
    """``+2.35`` / ``-0.40``: an estimate with its sign."""
    try:
        return f"{float(value):+.2f}"
    except (TypeError, ValueError):
        return ""


@register.inclusion_tag("suggestions/_for_agency.html", takes_context=True)
def suggestions_for(context, agency, analysed_year: int, plan_year: int):
    request = context.get("request")
    user = getattr(request, "user", None)
    weak = for_agency(agency.pk, analysed_year)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "agency": agency,
        "plan_year": plan_year,
        "weak": weak,
        "with_effects": [w for w in weak if w.effects],
        "without_effects": [w for w in weak if not w.effects],
        "may_add": bool(user and user.is_authenticated and can(user, agency.pk, "edit")),
        "caveat": CAVEAT_TH,
    }


@register.inclusion_tag("suggestions/_table.html", takes_context=True)
def suggestions_table(context):
    """Under the dashboards' version the page has read already (one query less)."""
    return {"tables": table(context.get("version")), "caveat": CAVEAT_TH}
