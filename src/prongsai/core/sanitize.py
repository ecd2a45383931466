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


# --- what people type or paste: control characters (every form and API request) -------------
# Word pastes a manual line break as \x0b (vertical tab) and a page break as \x0c: both become a
# line break. NUL (PostgreSQL cannot store it in text), the other C0 controls, DEL and the C1
# controls are removed; tab, line feed and carriage return stay. Unicode's line and paragraph
# separators become line breaks too.
_CONTROLS = {c: None for c in (*range(0x00, 0x09), 0x0E, *range(0x0F, 0x20), 0x7F)}
_CONTROLS |= {c: None for c in range(0x80, 0xA0)}
_CONTROLS |= {0x0B: "\n", 0x0C: "\n", 0x2028: "\n", 0x2029: "\n"}


def clean_text(text: str) -> str:
    """``text`` without control characters; Word's ``\\x0b`` and ``\\x0c`` as line breaks."""
    return text.translate(_CONTROLS)


def clean_deep(value: Any) -> Any:
    """Every string (keys included) inside dicts and lists passed through :func:`clean_text`."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_deep(k): clean_deep(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_deep(v) for v in value]
    return value


# --- what is written to a spreadsheet: no formula from data (XLSX and CSV) --------------------
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A cell value that Excel or LibreOffice will not run as a formula: text starting with
    ``= + - @``, a tab or a carriage return gets a leading apostrophe (OWASP's "CSV
    injection" advice), so ``=HYPERLINK(...)`` typed as a progress result stays text. Numbers,
    dates and empty cells are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
