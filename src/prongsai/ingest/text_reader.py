"""Plain text and Markdown: paragraphs, Markdown pipe tables and tab-separated tables.

Text renderings of reports hold three kinds of table: Markdown pipe tables (``| a | b |`` with a
``|---|`` line), tab-separated rows, and either with HTML fragments in the cells. A blank line
ends a tab-separated table, so a table broken over pages comes out as several tables, each
starting with the repeated header row: the understanding layer puts them back together.
"""

from __future__ import annotations

import re

from prongsai.ingest.blocks import Block, Document, Paragraph, Table
from prongsai.ingest.cleanup import normalize_chars
from prongsai.ingest.html_text import html_to_text, tidy_lines

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_EMPHASIS = re.compile(r"\*\*|__")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MAX_CELLS = 200
_BLANK_RUNS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def read_text(text: str) -> Document:
    lines = _BLANK_RUNS.sub("\n\n", normalize_chars(text)).split("\n")
    blocks: list[Block] = []
    paragraph: list[str] = []
    table: list[tuple[str, ...]] = []
    table_kind = ""

    def flush_paragraph() -> None:
        if not paragraph:
            return
        joined = tidy_lines("\n".join(paragraph))
        if joined:
            blocks.append(Paragraph(joined))
        paragraph.clear()

    def flush_table() -> None:
        nonlocal table_kind
        rows = tuple(row for row in table if any(row))
        if rows:
            blocks.append(Table(rows))
        table.clear()
        table_kind = ""

    for line in lines:
        kind = _line_kind(line)
        if kind != "blank" and kind == table_kind:
            table.extend(_row(line, kind))
            continue
        if table_kind:
            flush_table()
        if kind == "blank":
            flush_paragraph()
        elif kind in ("pipe", "tab"):
            flush_paragraph()
            table_kind = kind
            table.extend(_row(line, kind))
        else:
            paragraph.append(_paragraph_line(line))
    flush_table()
    flush_paragraph()
    return Document(tuple(blocks), "text")


def _line_kind(line: str) -> str:
    if not line.strip():
        return "blank"
    if _PIPE_ROW.match(line):
        return "pipe"
    if "\t" in line.strip(" ") and line.strip():
        return "tab"
    return "text"


def _row(line: str, kind: str) -> list[tuple[str, ...]]:
    if kind == "pipe":
        if _PIPE_RULE.match(line):
            return []
        inner = line.strip()[1:-1]
        cells = re.split(r"(?<!\\)\|", inner)
    else:
        cells = line.split("\t")
    cells = cells[:_MAX_CELLS]
    return [tuple(html_to_text(cell.replace("\\|", "|")) for cell in cells)]


def _paragraph_line(line: str) -> str:
    line = _HEADING.sub("", _EMPHASIS.sub("", line))
    if "<" in line or "&" in line:
        return html_to_text(line).replace("\n", " ")
    return line
