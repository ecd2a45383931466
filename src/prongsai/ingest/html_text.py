"""HTML to plain text: fragments inside table cells, and whole HTML documents.

Text renderings of reports carry HTML inside cells (``<p>…</p> <p>…</p>``, ``<ul><li>``,
``<br>``, ``<a href>``). Each paragraph, list item and line break becomes a line of its own, so
numbered steps stay apart; every other tag is dropped and entities are decoded. Nothing of the
markup survives, so no sanitising is needed downstream: the result is text, never HTML.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from prongsai.ingest.blocks import Block, Document, Paragraph, Table

# Tags whose start or end separates lines.
_BREAKS = frozenset(
    "p div br li ul ol tr h1 h2 h3 h4 h5 h6 blockquote pre section article header footer "
    "title dt dd hr caption".split()
)
_SKIP = frozenset(("script", "style", "head", "template", "noscript"))
_TAG_HINT = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|&#?\w+;")
_HTML_DOC = re.compile(r"<\s*(?:!doctype\s+html|html|body|head)\b", re.I)
_MAX_DEPTH = 200


def looks_like_html_document(text: str) -> bool:
    start = text.lstrip()[:2000]
    return start.startswith("<") and bool(_HTML_DOC.search(start))


def html_to_text(fragment: str) -> str:
    """``<p>๑.จัดทำ</p> <p>๒.เผยแพร่</p>`` → ``"๑.จัดทำ\\n๒.เผยแพร่"``."""
    if "<" not in fragment and "&" not in fragment:
        return tidy_lines(fragment)
    if not _TAG_HINT.search(fragment):
        return tidy_lines(fragment)
    parser = _BlockParser()
    parser.feed(fragment)
    parser.close()
    texts = []
    for block in parser.finish():
        if isinstance(block, Paragraph):
            texts.append(block.text)
        else:
            texts.extend("\n".join(cell for cell in row if cell) for row in block.rows)
    return tidy_lines("\n".join(texts))


def read_html(text: str) -> Document:
    parser = _BlockParser()
    parser.feed(text)
    parser.close()
    return Document(tuple(parser.finish()), "html")


def tidy_lines(text: str) -> str:
    """Spaces collapsed inside each line, blank lines dropped."""
    lines = (" ".join(line.split()) for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


class _BlockParser(HTMLParser):
    """Paragraphs outside tables, tables of cells; a table inside a cell is flattened to lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.text: list[str] = []  # current paragraph, outside tables
        self.rows: list[list[str]] | None = None  # the open table
        self.spans: list[list[tuple[int, int]]] = []  # (colspan, rowspan) of each cell
        self.cell: list[str] | None = None
        self.cell_span = (1, 1)
        self.nested = 0  # tables open inside the open cell
        self.skip = 0

    # --- events -------------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif self.nested or (tag == "table" and self.rows is not None):
            # a table inside a table: its text joins the cell it is in, line by line
            if tag == "table":
                self.nested = min(self.nested + 1, _MAX_DEPTH)
            self._write("\n" if tag in _BREAKS or tag == "table" else " ")
        elif tag == "table":
            self._flush_paragraph()
            self.rows = []
            self.spans = []
        elif tag == "tr" and self.rows is not None:
            self._close_cell()
            self.rows.append([])
            self.spans.append([])
        elif tag in ("td", "th") and self.rows is not None:
            self._close_cell()
            if not self.rows:
                self.rows.append([])
                self.spans.append([])
            self.cell = []
            found = dict(attrs)
            self.cell_span = (_span(found.get("colspan")), _span(found.get("rowspan")))
        elif tag in _BREAKS:
            self._write("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif self.nested:
            if tag == "table":
                self.nested -= 1
            self._write("\n" if tag in _BREAKS or tag == "table" else " ")
        elif tag == "table" and self.rows is not None:
            self._close_cell()
            self._add_table(self.rows)
            self.rows = None
        elif tag in ("td", "th"):
            self._close_cell()
        elif tag in _BREAKS:
            self._write("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKS:
            self._write("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self._write(data)

    # --- helpers ------------------------------------------------------------------------------

    def _write(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)
        elif self.rows is not None:
            return  # text between the cells of a table (whitespace, stray words): not content
        else:
            self.text.append(data)
            if data == "\n":
                self._flush_paragraph()

    def _close_cell(self) -> None:
        if self.cell is not None and self.rows:
            self.rows[-1].append(tidy_lines("".join(self.cell)))
            self.spans[-1].append(self.cell_span)
        self.cell = None
        self.cell_span = (1, 1)

    def _flush_paragraph(self) -> None:
        text = tidy_lines("".join(self.text))
        self.text = []
        if text:
            self.blocks.append(Paragraph(text))

    def _add_table(self, rows: list[list[str]]) -> None:
        rows = _grid(rows, self.spans)
        kept = tuple(tuple(row) for row in rows if any(cell for cell in row))
        if kept:
            self.blocks.append(Table(kept))

    def finish(self) -> list[Block]:
        if self.rows is not None:
            self._close_cell()
            self._add_table(self.rows)
            self.rows = None
        self._flush_paragraph()
        return self.blocks


_MAX_SPAN = 64


def _span(value: str | None) -> int:
    try:
        return min(_MAX_SPAN, max(1, int(str(value).strip())))
    except (TypeError, ValueError):
        return 1


def _grid(rows: list[list[str]], spans: list[list[tuple[int, int]]]) -> list[list[str]]:
    """Cells laid out on the table's grid, as the DOCX reader does: a cell spanning columns is
    followed by empty cells, the rows a cell spans down have an empty cell in its place."""
    if len(spans) != len(rows) or all(span == (1, 1) for row in spans for span in row):
        return rows
    taken: dict[tuple[int, int], str] = {}  # (row, column) → "" under a rowspan
    out: list[list[str]] = []
    for r, (row, row_spans) in enumerate(zip(rows, spans, strict=True)):
        cells: list[str] = []
        column = 0
        for text, (colspan, rowspan) in zip(row, row_spans, strict=True):
            while (r, column) in taken:
                cells.append(taken.pop((r, column)))
                column += 1
            cells.append(text)
            cells.extend("" for _ in range(colspan - 1))
            for below in range(1, min(rowspan, len(rows) - r)):
                for c in range(column, column + colspan):
                    taken[(r + below, c)] = ""
            column += colspan
        while (r, column) in taken:
            cells.append(taken.pop((r, column)))
            column += 1
        out.append(cells)
    return out
