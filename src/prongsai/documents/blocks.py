"""The shape every document kind is built into, and what all renderers read (pure, no Django).

A document is a JSON-able dict::

    {"kind": "progress", "title": "…", "filename": "…", "agency": "…", "fiscal_year": 2565,
     "round": "6m" | None, "digits": "thai" | "arabic", "blocks": [block, …]}

Blocks, in reading order:

- ``{"type": "title", "lines": [str, …]}`` centred, bold
- ``{"type": "heading", "text": str}`` a bold paragraph
- ``{"type": "para", "text": str}`` a paragraph (``\\n`` separates paragraphs)
- ``{"type": "fields", "items": [[label, value], …]}`` a memo's header lines (label in bold)
- ``{"type": "signature", "label": str, "comment": str, "name": str, "position": str,
  "decision": str, "date": str}`` one signer of a memo, with the comment above the signature
- ``{"type": "table", "caption": str, "columns": [str, …], "widths": [number, …],
  "rows": [[cell, …], …], "landscape": bool}`` cells are strings, ``\\n`` between paragraphs
- ``{"type": "pagebreak"}``

Builders write numbers with Arabic digits; :func:`localise` turns them into Thai digits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from prongsai.thai import to_thai_digits

_LATIN = re.compile(r"[A-Za-z@/:]")


def title(*lines: str) -> dict:
    return {"type": "title", "lines": [line for line in lines if line]}


def heading(text: str) -> dict:
    return {"type": "heading", "text": text}


def para(text: str) -> dict:
    return {"type": "para", "text": text}


def fields(*items: tuple[str, str]) -> dict:
    return {"type": "fields", "items": [[label, value] for label, value in items if value]}


def table(
    caption: str,
    columns: list[str],
    rows: list[list[str]],
    widths: list[float] | None = None,
    *,
    landscape: bool = False,
) -> dict:
    widths = widths or [1] * len(columns)
    if len(widths) != len(columns) or any(len(row) != len(columns) for row in rows):
        raise ValueError("every row of a table needs one cell per column")
    return {
        "type": "table",
        "caption": caption,
        "columns": columns,
        "widths": widths,
        "rows": rows,
        "landscape": landscape,
    }


def pagebreak() -> dict:
    return {"type": "pagebreak"}


def numbered(items: list[str]) -> str:
    """``["a", "b"]`` → ``"1. a\\n2. b"``; a single item stays as it is."""
    items = [item for item in items if item]
    if len(items) == 1:
        return items[0]
    return "\n".join(f"{number}. {item}" for number, item in enumerate(items, 1))


def _thai_digits(text: str) -> str:
    """Thai digits in every word that has no Latin letters (``ข้อ i1``, URLs stay as they are)."""
    return "".join(
        part if _LATIN.search(part) else to_thai_digits(part) for part in re.split(r"(\s+)", text)
    )


def map_texts(value, function):
    """``value`` with ``function`` applied to every string in it (dicts, lists, strings)."""
    if isinstance(value, str):
        return function(value)
    if isinstance(value, list):
        return [map_texts(item, function) for item in value]
    if isinstance(value, dict):
        return {key: map_texts(item, function) for key, item in value.items()}
    return value


def localise(document: dict, digits: str) -> dict:
    """The document with Thai digits in its blocks and title when ``digits == "thai"``."""
    if digits not in ("thai", "arabic"):
        raise ValueError(f"ชุดตัวเลข “{digits}” ไม่มี (ใช้ได้: thai, arabic)")
    if digits == "arabic":
        return {**document, "digits": digits}
    return {
        **document,
        "digits": digits,
        "title": _thai_digits(document["title"]),
        "blocks": map_texts(document["blocks"], _thai_digits),
    }


def texts(document: dict) -> Iterator[str]:
    """Every visible string of the document in reading order (tests compare PDFs against it)."""
    for block in document["blocks"]:
        kind = block["type"]
        if kind == "title":
            yield from block["lines"]
        elif kind in ("heading", "para"):
            yield block["text"]
        elif kind == "fields":
            for label, value in block["items"]:
                yield f"{label} {value}"
        elif kind == "signature":
            for key in ("label", "comment", "name", "position", "decision", "date"):
                if block.get(key):
                    yield block[key]
        elif kind == "table":
            if block["caption"]:
                yield block["caption"]
            yield from block["columns"]
            for row in block["rows"]:
                yield from row


def tables(document: dict) -> list[dict]:
    return [block for block in document["blocks"] if block["type"] == "table"]
