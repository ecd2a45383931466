"""The shape every document kind is built into, and what all renderers read (pure, no Django).

A document is a JSON-able dict::

    {"kind": "progress", "title": "…", "filename": "…", "agency": "…", "fiscal_year": 2565,
     "round": "6m" | None, "digits": "thai" | "arabic", "blocks": [block, …]}

Blocks, in reading order:

- ``{"type": "title", "lines": [str, …]}`` centred, bold
- ``{"type": "heading", "text": str}`` a bold paragraph
- ``{"type": "para", "text": str}`` a paragraph (``\\n`` separates paragraphs)
- ``{"type": "fields", "items": [[label, value], …]}`` a memo's header lines (label in bold)
- ``{"type": "memo_head", "department", "reference", "date", "subject", "addressee",
  "enclosure": str, "emblem": path | None}`` the head of a บันทึกข้อความ (แบบที่ ๒๙)
- ``{"type": "signature", "label": str, "comment": str, "lines": int, "name": str,
  "position": str, "date": str, "writer": bool}`` one step of a memo's chain as it was signed:
  the step's label, what was said (nothing when nothing was), ``lines`` dotted lines to write on
  by hand (a step still waiting), then the signer
- ``{"type": "table", "caption": str, "columns": [str, …], "widths": [number, …],
  "rows": [[cell, …], …], "landscape": bool}`` cells are strings, ``\\n`` between paragraphs
- ``{"type": "pagebreak"}``
- ``{"type": "chart", "caption": str, "labels": [str, …], "series": [{"name": str, "values":
  [number | None, …], "shown": [str, …]}, …], "maximum": number, "mark": number | None,
  "mark_label": str, "ticks": [str, …]}`` (``shown`` and ``ticks``: the numbers as written)
  horizontal bars (:mod:`prongsai.documents.charts`), drawn in the PDF and on the app's page,
  a picture of the same in the DOCX; XLSX leaves it out (its numbers are in the table beside it)

Builders write numbers with Arabic digits; :func:`localise` turns them into Thai digits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from prongsai.thai import to_thai_digits

_LATIN = re.compile(r"[A-Za-z@/:]")


# a memo's head (แบบที่ ๒๙) in reading order: label, key of the ``memo_head`` block
MEMO_HEAD = (
    ("ส่วนราชการ", "department"),
    ("ที่", "reference"),
    ("วันที่", "date"),
    ("เรื่อง", "subject"),
    ("เรียน", "addressee"),
    ("สิ่งที่ส่งมาด้วย", "enclosure"),
)


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


CHART_TICKS = (0, 25, 50, 75, 100)  # per cent of a chart's maximum


def chart(
    caption: str,
    labels: list[str],
    series: list[tuple[str, list[float | None]]],
    *,
    maximum: float = 100,
    mark: float | None = None,
    mark_label: str = "",
) -> dict:
    if any(len(values) != len(labels) for _, values in series):
        raise ValueError("every series of a chart needs one value per label")
    return {
        "type": "chart",
        "caption": caption,
        "labels": labels,
        "series": [
            {
                "name": name,
                "values": values,
                "shown": ["–" if v is None else f"{float(v):.2f}" for v in values],
            }
            for name, values in series
        ],
        "maximum": maximum,
        "mark": mark,
        "mark_label": mark_label,
        "ticks": [f"{maximum * tick / 100:g}" for tick in CHART_TICKS],
    }


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
        elif kind == "memo_head":
            yield "บันทึกข้อความ"
            for label, key in MEMO_HEAD:
                if block.get(key):
                    yield f"{label} {block[key]}"
        elif kind == "signature":
            for key in ("label", "comment", "name", "position", "date"):
                if block.get(key):
                    yield block[key]
        elif kind == "chart":
            if block["caption"]:
                yield block["caption"]
            yield from (one["name"] for one in block["series"])
            if block.get("mark") is not None and block.get("mark_label"):
                yield block["mark_label"]
            yield from block["labels"]
        elif kind == "table":
            if block["caption"]:
                yield block["caption"]
            yield from block["columns"]
            for row in block["rows"]:
                yield from row


# A4 width inside the margins of the PDF's pages, and the width of a letter (10.64 pt Laksaman,
# bold, with the cell's padding taken as three more letters): enough to keep a word on one line.
USABLE_CM = {False: 16.0, True: 26.7}
LETTER_CM = 0.25


def _longest_word(text: str, protected=None) -> int:
    """The widest word of ``text``, or text kept whole (a ``protected`` name or date)."""
    from pythainlp.tokenize import word_tokenize

    from prongsai.thai.text import display_width

    words = word_tokenize(text, engine="newmm", keep_whitespace=False) if text else []
    if protected is not None and text:
        words += [match.group(0) for match in protected.finditer(text)]
    return max((display_width(word) for word in words), default=0)


def fitted_widths(block: dict, protected=None) -> list[float]:
    """Column widths (fractions of 1) between the table's own and what its text needs.

    Half the share comes from the widths the builder chose, half from how much text each column
    holds, so that a column with one long cell does not leave the others pages of empty space;
    no column is narrower than its longest word (a word is never broken across lines).
    """
    given = block["widths"]
    total_given = sum(given) or 1
    columns = range(len(given))
    lengths = [
        sum(len(row[i]) for row in block["rows"]) + len(block["columns"][i]) for i in columns
    ]
    total_length = sum(lengths) or 1
    usable = USABLE_CM[bool(block.get("landscape"))]
    texts = [[block["columns"][i], *(row[i] for row in block["rows"])] for i in columns]
    floors = [
        LETTER_CM * (3 + max(_longest_word(text, protected) for text in column)) / usable
        for column in texts
    ]
    blend = [
        0.5 * w / total_given + 0.5 * n / total_length for w, n in zip(given, lengths, strict=True)
    ]
    fixed: dict[int, float] = {}  # columns held at their floor
    while True:
        free = max(0.0, 1 - sum(fixed.values()))
        rest = [i for i in columns if i not in fixed]
        rest_blend = sum(blend[i] for i in rest) or 1
        narrow = [i for i in rest if free * blend[i] / rest_blend < floors[i]]
        if not narrow or len(fixed) == len(given):
            break
        fixed.update((i, floors[i]) for i in narrow)
    shares = [fixed.get(i, free * blend[i] / rest_blend) for i in columns]
    total = sum(shares)
    return [share / total for share in shares]


def tables(document: dict) -> list[dict]:
    return [block for block in document["blocks"] if block["type"] == "table"]


LEAD_INS = ("title", "heading", "para")


def on_landscape(document_blocks: list[dict]) -> list[bool]:
    """Which blocks go on landscape pages: the wide tables, and the title, headings and
    paragraphs that lead into one (a part keeps one orientation: its title and introduction
    on the table's page, not alone on a portrait page)."""
    wide = [bool(block.get("landscape")) for block in document_blocks]
    for index in range(len(document_blocks) - 2, -1, -1):
        if document_blocks[index]["type"] in LEAD_INS and wide[index + 1]:
            wide[index] = True
    return wide


KEEP_LINES = 16  # a row up to this many lines is kept whole on one page


def row_lines(block: dict, widths: list[float]) -> list[int]:
    """An estimate of each row's height in lines: its tallest cell's paragraphs, each as many
    lines as its letters fill the column (a letter ``LETTER_CM`` wide, three for padding)."""
    from math import ceil

    from prongsai.thai.text import display_width

    usable = USABLE_CM[bool(block.get("landscape"))]
    per_line = [max(1, usable * w / LETTER_CM - 3) for w in widths]
    return [
        max(
            (sum(ceil(display_width(p) / room) or 1 for p in cell.split("\n")) if cell else 0)
            for cell, room in zip(row, per_line, strict=True)
        )
        for row in block["rows"]
    ]
