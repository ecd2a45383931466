"""HTML that came from outside (imported documents) made harmless with nh3 (Ammonia).

``strip_markup`` turns text that may hold HTML into plain text: tags dropped, ``<script>`` and
``<style>`` dropped with their content, entities decoded. The importer passes every string it
read through it, so what is stored and later shown, in a page, a DOCX or a PDF, holds no markup
(``&lt;script&gt;`` in a source becomes the text "<script>" once decoded, and is stripped here).

``clean_html`` keeps a small set of formatting tags (paragraphs, lists, tables, emphasis, links
without scripts) for a page that must show imported rich text as HTML: ``{{ value|clean_html }}``.
"""

from __future__ import annotations

import html
from typing import Any

import nh3

ALLOWED_TAGS = {
    "p", "br", "b", "strong", "i", "em", "u", "ul", "ol", "li", "table", "thead", "tbody",
    "tr", "th", "td", "a", "span", "div", "h3", "h4",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan"}}


def strip_markup(text: str) -> str:
    """Plain text: no tags, no script or style content; ``1 < 2`` stays ``1 < 2``."""
    if "<" not in text:
        return text
    return html.unescape(nh3.clean(text, tags=set(), attributes={}))


def clean_html(fragment: str) -> str:
    """Safe HTML: only :data:`ALLOWED_TAGS`, links limited to http(s) and mailto."""
    return nh3.clean(
        fragment or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def strip_markup_deep(value: Any) -> Any:
    """Every string inside dicts and lists passed through :func:`strip_markup`."""
    if isinstance(value, str):
        return strip_markup(value)
    if isinstance(value, dict):
        return {k: strip_markup_deep(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [strip_markup_deep(v) for v in value]
    return value
