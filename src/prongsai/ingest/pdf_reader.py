"""PDF files: the text of each page, and its ruled tables, top to bottom.

pdfplumber finds the tables (from their ruling lines), their cells and the text lines between
them. The text inside each of those boxes is then read twice — by pdfplumber (pdfminer), which
orders glyphs by position, and by PDFium (pypdfium2), which keeps the order the producer wrote
them in — and, per file, the reading whose Thai is more valid is kept
(``thai_text.invalid_count``: marks on nothing, two tone marks on a letter…), after the repairs
of ``thai_text.repair_text_layer`` (the ำ and ู that Thai fonts' glyph maps lose).

A PDF with no text layer (a scan) goes to OCR (``ocr``) when Tesseract is installed.
"""

from __future__ import annotations

import io
import re
from bisect import bisect_left, bisect_right

from prongsai.core.files.errors import IngestError
from prongsai.ingest.blocks import Block, Document, Paragraph, Table
from prongsai.ingest.cleanup import normalize_chars
from prongsai.ingest.html_text import tidy_lines
from prongsai.ingest.numbering import starts_with_marker
from prongsai.ingest.pdf_wraps import Char, cell_lines, join_runs, text_edges
from prongsai.ingest.thai_text import (
    has_confused_marks,
    invalid_count,
    repair_confused_marks,
    repair_stray_glyphs,
    repair_stray_tones,
    repair_text_layer,
)

MAX_PAGES = 300


def read_pdf(data: bytes) -> Document:
    fast = _fast_reading(data)
    if fast is not None:
        return Document(tuple(fast), "pdf")
    try:
        import pdfplumber  # imported here so that the text readers do not need it

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = pdf.pages
            if len(pages) > MAX_PAGES:
                raise IngestError(
                    "too_large",
                    f"PDF มี {len(pages):,} หน้า เกินกว่าที่ระบบอ่านได้ ({MAX_PAGES} หน้า)",
                    f"The PDF has {len(pages):,} pages, more than can be read ({MAX_PAGES}).",
                )
            chars = sum(len(page.chars) for page in pages)
            blocks = _best_reading(data, pages) if chars else []
    except IngestError:
        raise
    except Exception as error:  # pdfminer raises many kinds on damaged files
        raise IngestError(
            "corrupt_pdf",
            "ไฟล์ PDF เสียหายหรือไม่สมบูรณ์ เปิดอ่านไม่ได้",
            "The PDF is damaged or incomplete and cannot be opened.",
        ) from error
    if not chars or not blocks:
        from prongsai.ingest.ocr import read_scanned_pdf

        return read_scanned_pdf(data)  # OCR, or a message that it is not installed
    return Document(tuple(blocks), "pdf")


def _fast_reading(data: bytes) -> list[Block] | None:
    """PDFium alone (no pdfminer parse of the pages, the slow part): the ruling lines from the
    page's path objects, the tables from them by pdfplumber's table finder, the text by PDFium.
    ``None`` when that reading is not valid Thai (or PDFium cannot read the file, or it has no
    text, or too many pages): the full comparison of the extractors decides then."""
    try:
        import pypdfium2

        document = pypdfium2.PdfDocument(data)
    except Exception:
        return None
    try:
        if len(document) > MAX_PAGES:
            return None
        blocks: list[Block] = []
        chars = 0
        plumber = None
        for index, pdfium_page in enumerate(document):
            text = _PdfiumText(pdfium_page)
            page = _PdfiumPage(pdfium_page, text)
            chars += text.textpage.count_chars()
            if not page.text_lost:
                blocks.extend(_page_blocks(page, text))
                continue
            import pdfplumber  # that page read by glyph position instead

            plumber = plumber or pdfplumber.open(io.BytesIO(data))
            blocks.extend(_page_blocks(plumber.pages[index], None))
    except Exception:
        return None
    finally:
        document.close()
        if plumber is not None:
            plumber.close()
    if not chars or not blocks:
        return None
    blocks = _repaired(blocks)
    return blocks if _invalid(blocks) == 0 else None


class _PdfiumPage:
    """What ``_page_blocks`` asks of a pdfplumber page, from PDFium: the ruling lines (thin
    path objects, and a box's four sides), the tables they draw, and the text lines.

    ``text_lost``: PDFium's text leaves out a text object of the page. One drawn in a font with
    no glyph boxes and holding a single character (a letter alone on a cell's last line, in the
    tests' own PDF writer) has no size, and PDFium finds no character where it stands; pdfminer,
    which reads the glyphs by position, has it, and reads that page."""

    def __init__(self, page, text: _PdfiumText) -> None:
        import pypdfium2.raw as raw

        self.width, self.height = page.get_size()
        self.bbox = (0.0, 0.0, self.width, self.height)
        self.text = text
        self._boxes: list[tuple[float, float]] | None = None
        self.edges: list[dict] = []
        self.text_lost = False
        kinds = [raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_TEXT]
        for obj in page.get_objects(filter=kinds, max_depth=1):
            left, low, right, high = obj.get_bounds()
            if obj.type == raw.FPDF_PAGEOBJ_TEXT:
                if right - left < 0.01 and high - low < 0.01 and not self.text_lost:
                    found = text.textpage.get_index(left + 0.5, low + 0.5, 2, 2)
                    self.text_lost = found is None
                continue
            top, bottom = self.height - high, self.height - low
            if right - left < 3 and bottom - top < 3:
                continue
            if right - left < 3:
                self._edge("v", (left + right) / 2, top, bottom)
            elif bottom - top < 3:
                self._edge("h", (top + bottom) / 2, left, right)
            else:
                for x in (left, right):
                    self._edge("v", x, top, bottom)
                for y in (top, bottom):
                    self._edge("h", y, left, right)

    def _edge(self, orientation: str, at: float, start: float, end: float) -> None:
        if orientation == "v":
            edge = {"x0": at, "x1": at, "top": start, "bottom": end, "width": 0.0}
            edge["height"] = end - start
        else:
            edge = {"x0": start, "x1": end, "top": at, "bottom": at, "height": 0.0}
            edge["width"] = end - start
        edge |= {"orientation": orientation, "object_type": "line"}
        self.edges.append(edge)

    def find_tables(self, settings: dict):
        from pdfplumber.table import TableFinder

        return TableFinder(self, {"snap_tolerance": 3, **settings}).tables

    def text_lines(self, top: float, bottom: float) -> list[dict]:
        """The text lines between two heights: PDFium's characters (their loose boxes, from
        the font's ascent and descent), by line."""
        lines: list[dict] = []
        for r_top, r_bottom in sorted(self._char_boxes()):
            if not top <= (r_top + r_bottom) / 2 < bottom:
                continue
            if lines and r_top < (lines[-1]["top"] + lines[-1]["bottom"]) / 2:
                lines[-1]["bottom"] = max(lines[-1]["bottom"], r_bottom)
                continue
            lines.append({"top": r_top, "bottom": r_bottom})
        return lines

    def _char_boxes(self) -> list[tuple[float, float]]:
        if self._boxes is None:
            self._boxes = [
                (top, bottom) for _, top, _, bottom, _ in self.text.boxes() if bottom - top > 0.5
            ]
        return self._boxes


def _best_reading(data: bytes, pages) -> list[Block]:
    """The blocks of every page as pdfplumber reads them and as PDFium does; the more valid."""
    plumber = _repaired([block for page in pages for block in _page_blocks(page, None)])
    plumber_invalid = _invalid(plumber)
    if plumber_invalid == 0:
        return plumber  # valid Thai already: a second reading has nothing to add
    try:
        import pypdfium2

        document = pypdfium2.PdfDocument(data)
    except Exception:  # PDFium refuses some files pdfminer reads: keep pdfminer's reading
        return plumber
    try:
        pdfium = []
        for page, pdfium_page in zip(pages, document, strict=False):
            pdfium.extend(_page_blocks(page, _PdfiumText(pdfium_page)))
        pdfium = _repaired(pdfium)
    except Exception:
        return plumber
    finally:
        document.close()
    if _invalid(pdfium) < plumber_invalid:
        return pdfium
    return plumber


def _repaired(blocks: list[Block]) -> list[Block]:
    """The text layer's misread glyphs put back; where the file shows a font that confuses
    its marks, each doubtful word read again against the dictionary."""
    confused = has_confused_marks(Document(tuple(blocks), "pdf").text())

    def repair(text: str) -> str:
        text = tidy_lines(repair_text_layer(repair_stray_tones(repair_stray_glyphs(text))))
        return repair_confused_marks(text) if confused else text

    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(Paragraph(repair(block.text)))
        else:
            out.append(Table(tuple(tuple(repair(cell) for cell in row) for row in block.rows)))
    return out


def _invalid(blocks: list[Block]) -> int:
    return invalid_count(Document(tuple(blocks), "pdf").text())


_LINE_END_HYPHEN = re.compile("[\x02\u00ad]\n?")


class _PdfiumText:
    """The text PDFium finds inside a box given in pdfplumber's coordinates (top-down)."""

    def __init__(self, page) -> None:
        self.textpage = page.get_textpage()
        self.height = page.get_height()
        self._boxes: list[tuple[float, float, float, float, bool]] | None = None

    def boxes(self) -> list[tuple[float, float, float, float, bool]]:
        """Each character's loose box (left, top, right, bottom; top-down) and whether it is
        white space."""
        if self._boxes is None:
            count = self.textpage.count_chars()
            text = self.textpage.get_text_range(0, count) if count else ""
            self._boxes = []
            for index in range(count):
                left, low, right, high = self.textpage.get_charbox(index, loose=True)
                space = len(text) != count or text[index].isspace()
                self._boxes.append((left, self.height - high, right, self.height - low, space))
        return self._boxes

    def visible_chars(self) -> list[Char]:
        """The loose boxes of the characters that are not white space."""
        return [box[:4] for box in self.boxes() if not box[4]]

    def __call__(self, x0: float, top: float, x1: float, bottom: float) -> str:
        text = self.textpage.get_text_bounded(
            left=x0, bottom=self.height - bottom, right=x1, top=self.height - top
        )
        # PDFium marks a hyphen that ends a line as \x02 (or a soft hyphen) and drops the line
        # break after it: the hyphen and its break put back, as pdfminer reads them, so that a
        # word hyphenated at a wrap ("การ-" / "เพิ่มพูน") is joined like any other
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return _LINE_END_HYPHEN.sub("-\n", text)


def _page_blocks(page, pdfium: _PdfiumText | None) -> list[Block]:
    """Paragraphs of the text between the tables, and the tables, in order down the page."""
    found = sorted(page.find_tables(_table_settings(page)), key=lambda t: t.bbox[1])
    found = [t for t in found if len(t.rows) > 0]
    blocks: list[Block] = []
    top = 0.0
    chars = _visible_chars(page, pdfium) if found else []
    for table in found:
        _, t_top, _, t_bottom = table.bbox
        blocks.extend(_text_between(page, top, t_top, pdfium))
        if pdfium is None:
            texts = table.extract()
        else:
            texts = [[pdfium(*cell) if cell else None for cell in row.cells] for row in table.rows]
        texts = _runs_joined(table, texts, chars)
        rows = tuple(
            _marks_home(
                tuple(_cell_text(cell) for cell in texts[r]),
                lambda k, row=row: _mark_over_rule(page, pdfium, row.cells[k]),
            )
            for r, row in enumerate(table.rows)
        )
        rows = tuple(row for row in rows if any(row))
        if rows:
            blocks.append(Table(rows))
        top = max(top, t_bottom)
    blocks.extend(_text_between(page, top, page.height, pdfium))
    return blocks


def _visible_chars(page, pdfium: _PdfiumText | None) -> list[Char]:
    """The boxes (x0, top, x1, bottom) of the page's characters that are not white space,
    from the text layer the cells are read from."""
    if pdfium is None:
        return [(c["x0"], c["top"], c["x1"], c["bottom"]) for c in page.chars if c["text"].strip()]
    return pdfium.visible_chars()


def _runs_joined(table, texts: list[list[str | None]], chars: list[Char]) -> list[list]:
    """Each cell's lines with the wraps inside a run of Thai letters joined (``pdf_wraps``)."""
    by_height = sorted(chars, key=lambda c: (c[1] + c[3]) / 2)
    centres = [(c[1] + c[3]) / 2 for c in by_height]
    lines = []
    for row, row_texts in zip(table.rows, texts, strict=False):
        _, top, _, bottom = row.bbox  # each cell looks only at the characters beside its row
        beside = by_height[bisect_left(centres, top) : bisect_right(centres, bottom)]
        lines.append(
            [
                cell_lines(cell, beside) if cell and text and "\n" in text else None
                for cell, text in zip(row.cells, row_texts, strict=False)
            ]
        )
    edges = text_edges([cell for row in lines for cell in row if cell], chars)
    return [
        [
            join_runs(text, cell, edges) if text and cell else text
            for text, cell in zip(row_texts, row_lines, strict=False)
        ]
        for row_texts, row_lines in zip(texts, lines, strict=False)
    ]


_LEADING_MARKS = re.compile("^[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+")


_TRAILING_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+$")


def _marks_home(row: tuple[str, ...], over_rule) -> tuple[str, ...]:
    """A mark drawn over the last letter of a cell can stick out past the column's rule and be
    found in the next cell (``หน้าที`` | ``ี่ กองช่าง``): it goes back to the letter it is on,
    when ``over_rule(k)`` says cell ``k`` has a mark drawn across its left rule (a cell whose
    text starts with a mark for another reason, a word cut by a page break, keeps it)."""
    cells = list(row)
    for k in range(1, len(cells)):
        if (marks := _LEADING_MARKS.match(cells[k])) and cells[k - 1] and over_rule(k):
            moved = marks.group(0)
            trailing = _TRAILING_MARKS.search(cells[k - 1])
            if trailing and moved.startswith(trailing.group(0)):  # read in both cells
                moved = moved[len(trailing.group(0)) :]
            cells[k - 1] += moved
            cells[k] = cells[k][marks.end() :].lstrip()
    return tuple(cells)


def _mark_over_rule(page, pdfium: _PdfiumText | None, cell) -> bool:
    """Whether a Thai mark's glyph lies across the left edge of ``cell`` (x0, top, x1, bottom)."""
    if not cell:
        return False
    x0, top, _x1, bottom = cell
    if pdfium is None:
        return any(
            _LEADING_MARKS.match(char["text"])
            and char["x0"] < x0 < char["x1"]
            and top <= (char["top"] + char["bottom"]) / 2 <= bottom
            for char in page.chars
        )
    textpage = pdfium.textpage
    for index in range(textpage.count_chars()):
        left, low, right, high = textpage.get_charbox(index)
        if left < x0 < right and top <= pdfium.height - (low + high) / 2 <= bottom:
            if _LEADING_MARKS.match(textpage.get_text_range(index, 1)):
                return True
    return False


def _table_settings(page) -> dict:
    """A table cut by a page break has no rule under its last row (or over its first): the
    ends of its column rules close it there, so that the cut row is read as a row."""
    vertical = [e for e in page.edges if e["orientation"] == "v" and e["height"] > 20]
    horizontal = [e for e in page.edges if e["orientation"] == "h"]
    if not vertical or not horizontal:
        return {}
    extra = []
    low, high = max(e["bottom"] for e in vertical), min(e["top"] for e in vertical)
    if low > max(e["top"] for e in horizontal) + 3:
        extra.append(low)
    if high < min(e["top"] for e in horizontal) - 3:
        extra.append(high)
    return {"explicit_horizontal_lines": extra} if extra else {}


def _cell_text(cell: str | None) -> str:
    """A cell's lines: a wrapped line joins the one before it with a space; a line that starts
    a numbered or bulleted item stays a line of its own."""
    lines = tidy_lines(normalize_chars(cell or "")).split("\n")
    text = ""
    for line in lines:
        if not text:
            text = line
        elif starts_with_marker(line):
            text += "\n" + line
        else:
            text += " " + line
    return text


def _text_between(page, top: float, bottom: float, pdfium=None) -> list[Block]:
    """The text lines between two heights, as paragraphs split where a blank line falls.

    With PDFium, each paragraph's text is what PDFium finds in the paragraph's box, widened by
    a little above and below for the marks over the first line and under the last."""
    x0, page_top, x1, page_bottom = page.bbox
    top, bottom = max(top, page_top), min(bottom, page_bottom)
    if bottom - top < 1:
        return []
    if isinstance(page, _PdfiumPage):
        found = page.text_lines(top, bottom)
    else:
        found = page.crop((x0, top, x1, bottom), strict=False).extract_text_lines(
            return_chars=False
        )
    groups: list[list[dict]] = []
    previous_bottom = None
    for line in found:
        height = max(line["bottom"] - line["top"], 1.0)
        if not groups or line["top"] - previous_bottom > 0.8 * height:
            groups.append([])
        groups[-1].append(line)
        previous_bottom = line["bottom"]
    blocks: list[Block] = []
    for group in groups:
        if pdfium is None:
            blocks.extend(_paragraph([line["text"] for line in group]))
            continue
        margin = 0.3 * max(group[0]["bottom"] - group[0]["top"], 1.0)
        g_top = max(top, group[0]["top"] - margin)
        g_bottom = min(bottom, group[-1]["bottom"] + margin)
        blocks.extend(_paragraph(pdfium(x0, g_top, x1, g_bottom).split("\n")))
    return blocks


def _paragraph(lines: list[str]) -> list[Block]:
    text = tidy_lines(normalize_chars("\n".join(lines)))
    return [Paragraph(text)] if text else []
