"""PDF files through pdfplumber: the text of each page, and its ruled tables, top to bottom.

Only the text layer is read. A scanned PDF (pictures of pages, no text) is refused with a message
that says so: OCR is not done here.
"""

from __future__ import annotations

import io

from prongsai.core.files.errors import IngestError
from prongsai.ingest.blocks import Block, Document, Paragraph, Table
from prongsai.ingest.cleanup import normalize_chars
from prongsai.ingest.html_text import tidy_lines
from prongsai.ingest.numbering import starts_with_marker

MAX_PAGES = 300


def read_pdf(data: bytes) -> Document:
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
            blocks: list[Block] = []
            chars = 0
            for page in pages:
                chars += len(page.chars)
                blocks.extend(_page_blocks(page))
    except IngestError:
        raise
    except Exception as error:  # pdfminer raises many kinds on damaged files
        raise IngestError(
            "corrupt_pdf",
            "ไฟล์ PDF เสียหายหรือไม่สมบูรณ์ เปิดอ่านไม่ได้",
            "The PDF is damaged or incomplete and cannot be opened.",
        ) from error
    if not chars or not blocks:
        raise IngestError(
            "pdf_no_text",
            "PDF นี้ไม่มีชั้นข้อความ (น่าจะเป็นเอกสารที่สแกนเป็นภาพ) ระบบไม่ทำ OCR "
            "โปรดนำเข้าไฟล์ต้นฉบับ (Word) หรือ PDF ที่สร้างจากโปรแกรมพิมพ์เอกสาร",
            "This PDF has no text layer (it looks scanned); OCR is not done. Import the "
            "original (Word) file or a PDF made by a word processor.",
        )
    return Document(tuple(blocks), "pdf")


def _page_blocks(page) -> list[Block]:
    """Paragraphs of the text between the tables, and the tables, in order down the page."""
    found = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    blocks: list[Block] = []
    top = 0.0
    for table in found:
        _, t_top, _, t_bottom = table.bbox
        blocks.extend(_text_between(page, top, t_top))
        rows = tuple(tuple(_cell_text(cell) for cell in row) for row in table.extract())
        rows = tuple(row for row in rows if any(row))
        if rows:
            blocks.append(Table(rows))
        top = max(top, t_bottom)
    blocks.extend(_text_between(page, top, page.height))
    return blocks


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


def _text_between(page, top: float, bottom: float) -> list[Block]:
    """The text lines between two heights, as paragraphs split where a blank line falls."""
    x0, page_top, x1, page_bottom = page.bbox
    top, bottom = max(top, page_top), min(bottom, page_bottom)
    if bottom - top < 1:
        return []
    region = page.crop((x0, top, x1, bottom), strict=False)
    blocks: list[Block] = []
    lines: list[str] = []
    previous_bottom = None
    for line in region.extract_text_lines(return_chars=False):
        height = max(line["bottom"] - line["top"], 1.0)
        if previous_bottom is not None and line["top"] - previous_bottom > 0.8 * height:
            blocks.extend(_paragraph(lines))
            lines = []
        lines.append(line["text"])
        previous_bottom = line["bottom"]
    blocks.extend(_paragraph(lines))
    return blocks


def _paragraph(lines: list[str]) -> list[Block]:
    text = tidy_lines(normalize_chars("\n".join(lines)))
    return [Paragraph(text)] if text else []
