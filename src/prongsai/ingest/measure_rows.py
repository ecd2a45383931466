"""The rows of a measures table put back together, one group of cells per measure.

A report's table is cut by page breaks: each page repeats the header row, a measure's row goes on
in the next page's first row, whose first cell is empty or carries on the cut title
(``…ประเมินผลการ ปฏิบัติงานตาม`` / ``ระดับคุณภาพ ของงานโดยไม่ เลือกปฏิบัติ``); a rendering may
even put each page's part in a table of its own with an empty header (seed 001). Here:

* a header row sets the columns until the next header; a table without one keeps the columns;
  a repeated header that names a part of the columns the last one named (its second row lost
  at a page break) keeps the last one's;
* a row whose title cell is empty continues the measure before it, unless its number cell
  (a ``ที่``/``ลำดับ`` column) starts a new one: a measure cut at a page break may leave only
  its number and a short cell on the page, its title coming on the next page's first row;
* a measure begun without a title takes the next row as its continuation, and so does one
  whose title breaks off inside brackets at a page break;
* so does the first row after a page break whose title is not numbered, when the measures are;
  or whose number cell (a ที่ column) is empty; or, when the measures are not numbered, whose
  responsible and period cells are both empty (a row LibreOffice or Word split at the page's
  foot: the short cells all fit above the break); or, in a by-tool table, whose tool cell
  does not start a tool's name while the one before the break named no tool yet;
* any other row starts a measure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from prongsai.ingest.blocks import Block, Table
from prongsai.ingest.columns import (
    NUMBER,
    PERIOD,
    RESPONSIBLE,
    RESPONSIBLE_PERIOD,
    TITLE,
    TOOL,
    header_columns,
    is_measures_header,
)
from prongsai.ingest.numbering import leading_number, starts_with_marker

_THAI_START = re.compile("^[\u0e01-\u0e4e]")
_THAI_END = re.compile("[\u0e01-\u0e4e]$")  # "การ-" is a word cut; "๒๕๖๕ -" a range going on
# a following vowel or a mark begins no Thai syllable: a text that starts with one goes on a word
_NO_SYLLABLE_START = re.compile("^[\u0e30-\u0e3a\u0e45\u0e47-\u0e4e]")


@dataclass
class MeasureRows:
    """The cells of one measure by role, as the rows that hold it were found."""

    parts: list[dict[str, str]] = field(default_factory=list)

    def cell(self, role: str) -> str:
        """The text of ``role`` over every row of the measure, continued rows joined."""
        text = ""
        for part in self.parts:
            text = join_continued(text, part.get(role, ""))
        return text


def measure_rows(blocks: Iterable[Block], *, accept=is_measures_header) -> list[MeasureRows]:
    """The measures of the tables among ``blocks`` whose header ``accept`` takes."""
    measures: list[MeasureRows] = []
    columns: dict[str, int] | None = None
    numbered = False
    after_cut: bool | None = None  # whether the table before was cut by its page's foot (scans)
    header: tuple[str, ...] = ()
    blocks = list(blocks)
    whole = _whole_headers(blocks)
    for block in blocks:
        if not isinstance(block, Table):
            continue
        at_break = True
        for row in block.rows:
            found = header_columns(row)
            if found is not None:
                if block.cut is not None:  # a scan: each page's reading of the header makes it up
                    found = whole.get((len(row), frozenset(found.items())), found)
                if columns and found.items() < columns.items():
                    continue  # the header again with a row of it missing: keep the whole one
                columns = found if accept(found) else None
                header = row
                continue
            if at_break and block.cut is not None and columns and _header_again(row, header):
                continue  # a page's header repeated, misread past knowing: no measure's row
            if columns is None or not any(cell.strip() for cell in row):
                continue
            cells = _cells(row, columns)
            key = TOOL if TOOL in columns else TITLE
            title = cells.get(key, "").strip()
            number = cells.get(NUMBER, "").strip()
            # a row without a title whose number cell starts a new measure is never a continuation
            new_number = bool(measures) and not title and _new_number(number, measures)
            if not new_number and (
                _continues(title, measures, numbered=numbered, at_break=at_break, cut=after_cut)
                or (
                    at_break
                    and measures
                    and (
                        _short_cells_empty(cells, numbered=numbered)
                        or (key == TOOL and _tool_name_cut(measures[-1].cell(TOOL), title))
                    )
                )
            ):
                measures[-1].parts.append(cells)
            else:
                if not measures:
                    numbered = leading_number(title)[0] is not None
                measures.append(MeasureRows([cells]))
            at_break = False
        after_cut = block.cut
    return measures


def _whole_headers(blocks: list[Block]) -> dict[tuple[int, frozenset], dict[str, int]]:
    """For a scan, each header row's columns made whole by the other pages' readings of the
    same header (as wide, no column given two roles nor a role two columns): a role misread on
    one page (``วิธีดาเน้นการ``) is read on another, and the column is not lost for the rows
    of that page."""
    readings = [
        (len(row), found)
        for block in blocks
        if isinstance(block, Table) and block.cut is not None
        for row in block.rows
        if (found := header_columns(row)) is not None
    ]
    out: dict[tuple[int, frozenset], dict[str, int]] = {}
    for width, found in readings:
        whole = dict(found)
        for other_width, other in readings:
            merged = {**whole, **other}
            if other_width == width and len(set(merged.values())) == len(merged):
                if all(whole.get(role, index) == index for role, index in other.items()):
                    whole = merged
        out[(width, frozenset(found.items()))] = whole
    return out


def _header_again(row: tuple[str, ...], header: tuple[str, ...]) -> bool:
    """Whether ``row``, at the top of a scanned page's table, is the header row read before,
    misread so that it names its columns no more (``ผูรับผดซอบ``): as wide, and most of the
    header's cells nearly the same letters."""
    from difflib import SequenceMatcher

    if len(row) != len(header):
        return False
    pairs = [("".join(h.split()), "".join(r.split())) for h, r in zip(header, row, strict=True)]
    named = [(h, r) for h, r in pairs if h]
    alike = sum(SequenceMatcher(None, h, r).ratio() >= 0.6 for h, r in named)
    return bool(named) and 2 * alike > len(named)


def join_continued(text: str, more: str) -> str:
    """A cell and its continuation on the next page: one text."""
    text, more = text.strip(), more.strip()
    if not text or not more:
        return text or more
    if _THAI_END.search(text) and _NO_SYLLABLE_START.match(more):
        return text + more  # "…จัดซื้อจัดจ้" / "างฯ": a word cut by the page break
    if starts_with_marker(more) or "\n" in text or "\n" in more:
        return f"{text}\n{more}"
    if text.endswith("-") and _THAI_END.search(text[:-1]) and _THAI_START.match(more):
        return text[:-1] + more
    return f"{text} {more}"


def _new_number(number: str, measures: list[MeasureRows]) -> bool:
    """A number cell (up to three characters: a scan may misread a digit as a letter) unlike
    the measure before's."""
    short = "".join(number.split())
    return 0 < len(short) <= 3 and short != "".join(measures[-1].cell(NUMBER).split())


def _continues(
    title: str, measures: list[MeasureRows], *, numbered: bool, at_break: bool, cut: bool | None
) -> bool:
    """Whether a row with ``title`` goes on with the measure before. ``cut`` is what a scan's
    ruling says of the page break before the row (None: not known): a row cut by the page's
    foot goes on on the next page unless the row there is numbered; under a table closed by its
    rule, a row with a title of its own is a measure of its own, even when its number is
    misread (the measures would merge)."""
    if not measures:
        return False
    last_title = " ".join(part.get(key, "") for part in measures[-1].parts for key in (TITLE, TOOL))
    if not title or not last_title.strip():
        return True
    if at_break and cut is not None:
        return cut and not (numbered and leading_number(title)[0] is not None)
    if at_break and last_title.count("(") > last_title.count(")"):
        return True  # "… (Open" on one page, "Integrity … OIT)" on the next: one title cut
    return numbered and at_break and leading_number(title)[0] is None


_TOOL_CODE = re.compile(r"\b(?:IIT|EIT|OIT)\b")
_TOOL_START = re.compile(r"^\s*(?:แบบ\s*วัด|IIT|EIT|OIT)")


def _tool_name_cut(before: str, title: str) -> bool:
    """A by-tool row cut at a page break: the tool cell before the break names no tool yet
    (``แบบวัดการรับรู้ของผู้มีส่วนได้``) and the one after it does not start a tool's name
    (``ส่วนเสียภายนอก (… EIT)``)."""
    return bool(before) and not _TOOL_CODE.search(before) and not _TOOL_START.match(title)


def _short_cells_empty(cells: dict[str, str], *, numbered: bool) -> bool:
    """A row cut at a page break: its number cell is empty, or (for measures not numbered)
    every responsible/period cell it has is."""
    if NUMBER in cells:
        return not cells[NUMBER].strip()
    if numbered:
        return False
    short = [cells[r] for r in (RESPONSIBLE, PERIOD, RESPONSIBLE_PERIOD) if r in cells]
    return bool(short) and not any(c.strip() for c in short)


def _cells(row: tuple[str, ...], columns: dict[str, int]) -> dict[str, str]:
    return {role: row[index] if index < len(row) else "" for role, index in columns.items()}
