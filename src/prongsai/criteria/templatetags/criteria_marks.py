"""``{% unconfirmed q %}``: the small "ยังไม่ยืนยัน" mark beside a wording that is a guess.

The criteria files say how sure each wording is (``confidence``) and where it comes from
(``source``); a page never shows placeholder text, it shows the topic and, when the
confidence is low or none, this mark with the source in its tooltip. An analysis issue that
Prongsai derived from the items (``derived``: the NACC's grouping is not known) always has the
mark, its tooltip saying so.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


def _get(obj, name, default=""):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


@register.simple_tag
def unconfirmed(obj, confidence=None, source=None):
    """The mark for ``obj`` (a QuestionDef or a dict with ``confidence``/``source_text``), or
    for an explicit confidence and source; nothing when the wording is confirmed."""
    confidence = confidence or _get(obj, "confidence")
    derived = bool(_get(obj, "derived", False))
    if confidence not in ("low", "none") and not derived:
        return ""
    source = source or _get(obj, "source_text") or _get(obj, "source")
    if derived:
        tip = _("ประเด็นนี้โปร่งใสจัดกลุ่มเองจากรายการที่ประเมิน เพราะยังไม่ทราบการจัดกลุ่มของ ป.ป.ช.")
    else:
        tip = _("ข้อความนี้ยังไม่ได้ยืนยันกับคู่มือของ ป.ป.ช.")
    if source:
        tip = f"{tip} — {_('ที่มา')}: {source}"
    return format_html(
        '<abbr class="unconfirmed" title="{}" tabindex="0">{}</abbr>', tip, _("ยังไม่ยืนยัน")
    )
