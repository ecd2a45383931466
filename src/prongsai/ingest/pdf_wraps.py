"""Lines of a PDF table cell that a wrap cut inside a run of Thai letters: one run again.

Thai puts no spaces between words, and a run of letters may be longer than a cell is wide; a
writer that wraps at spaces then cuts the run where the line is full. The text layer has two
lines and nothing says whether a space stood between them, but the line's end does: a run cut
for want of room ends less than one letter (the next line's first) short of the cell's text
edge — the cell's right edge less the text's inset from its left edge (the same on both sides,
as producers pad cells). So a line that holds no space, ends so close to the edge in a Thai
letter or mark and is followed by a line that starts with one (and no numbered or bulleted
step) is joined to that line with no space; any other wrap keeps its line break
(``pdf_reader._cell_text`` joins it with a space).

Left alone: a line holding a space (it may have wrapped at a space that is not drawn), Latin
text and digits (a justified line reaches the edge whatever the wrap, and a lost space there
changes words), and columns too narrow for prose (a name one to a line may fill a line there).
A run that exactly fills its lines and was followed by a space reads as cut: the PDF does not
show that space.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from prongsai.ingest.numbering import starts_with_marker

_THAI_END = re.compile("[\u0e01-\u0e4e]$")
_THAI_START = re.compile("^[\u0e01-\u0e4e]")

# a column narrower than this many letters holds names and dates, one to a line
PROSE_LETTERS = 16

Box = tuple[float, float, float, float]  # x0, top, x1, bottom (top-down, as pdfplumber)
Char = tuple[float, float, float, float]  # left, top, right, bottom of one visible character


@dataclass(frozen=True)
class Line:
    left: float
    right: float
    first_width: float  # the width of its first character


@dataclass(frozen=True)
class CellLines:
    """The visual lines of one cell, top to bottom."""

    box: Box
    lines: tuple[Line, ...]


def cell_lines(box: Box, chars: Sequence[Char]) -> CellLines:
    """The lines of the characters whose centre lies in ``box``."""
    x0, top, x1, bottom = box
    inside = sorted(
        (c for c in chars if x0 <= (c[0] + c[2]) / 2 < x1 and top <= (c[1] + c[3]) / 2 < bottom),
        key=lambda c: (c[1] + c[3]) / 2,
    )
    lines: list[list[float]] = []  # left, right, first width, centre, height
    for left, c_top, right, c_bottom in inside:
        centre, height = (c_top + c_bottom) / 2, max(c_bottom - c_top, 0.5)
        if lines and centre - lines[-1][3] < 0.5 * max(height, lines[-1][4]):
            line = lines[-1]
            if left < line[0]:
                line[0], line[2] = left, right - left
            line[1] = max(line[1], right)
        else:
            lines.append([left, right, right - left, centre, height])
    return CellLines(box, tuple(Line(line[0], line[1], line[2]) for line in lines))


def text_edges(cells: Sequence[CellLines], chars: Sequence[Char]) -> dict[tuple[int, int], float]:
    """Per column (cells of the same left and right edges) wide enough for prose: where its
    text ends on the right, as far in from the cell's edge as the text is on the left."""
    width = median([c[2] - c[0] for c in chars if c[2] - c[0] > 0.5] or [0.0])
    edges: dict[tuple[int, int], float] = {}
    for key, group in _by_column(cells).items():
        lefts = [line.left for cell in group for line in cell.lines]
        if not lefts:
            continue
        x0, x1 = group[0].box[0], group[0].box[2]
        edge = x1 - max(0.0, min(lefts) - x0)
        if edge - min(lefts) >= PROSE_LETTERS * width:
            edges[key] = edge
    return edges


def join_runs(text: str, cell: CellLines, edges: dict[tuple[int, int], float]) -> str:
    """``text`` (a cell's lines, as the text layer gives them) with the lines wrapped inside a
    run of Thai letters joined; unchanged when its lines do not match the cell's."""
    edge = edges.get(_column_key(cell.box))
    lines = [line for line in text.split("\n") if line.strip()]
    if edge is None or len(lines) != len(cell.lines) or len(lines) < 2:
        return text
    out = lines[0]
    for k in range(1, len(lines)):
        before, line = lines[k - 1], lines[k].lstrip()
        cut = edge - cell.lines[k - 1].right < cell.lines[k].first_width - 0.01
        one_run = cut and not any(ch.isspace() for ch in before.strip())
        if one_run and _THAI_END.search(before) and _THAI_START.match(line):
            if not starts_with_marker(line):
                out += line
                continue
        out += "\n" + line
    return out


def _column_key(box: Box) -> tuple[int, int]:
    return (round(box[0]), round(box[2]))


def _by_column(cells: Sequence[CellLines]) -> dict[tuple[int, int], list[CellLines]]:
    out: dict[tuple[int, int], list[CellLines]] = {}
    for cell in cells:
        out.setdefault(_column_key(cell.box), []).append(cell)
    return out
