"""``{% history_link "plan" plan.pk %}``: the small "ประวัติการแก้ไข" link to an object's history."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def history_link(context, kind: str, pk) -> str:
    if not pk:
        return ""
    url = reverse("audit:history", args=[kind, pk])
    request = context.get("request")
    if request is not None:
        url += "?" + urlencode({"back": request.get_full_path()})
    return format_html('<a class="history-link" href="{}">{}</a>', url, _("ประวัติการแก้ไข"))
