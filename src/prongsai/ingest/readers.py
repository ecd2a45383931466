"""From bytes to a ``Document``: the size limit, the format by content, then the right reader."""

from __future__ import annotations

from prongsai.core.files.errors import IngestError
from prongsai.core.files.sniff import check_size, check_text_length, sniff
from prongsai.ingest.blocks import Document, Table
from prongsai.ingest.columns import merge_header_rows
from prongsai.ingest.docx_reader import read_docx
from prongsai.ingest.encoding import decode_text
from prongsai.ingest.html_text import looks_like_html_document, read_html
from prongsai.ingest.pdf_reader import read_pdf
from prongsai.ingest.text_reader import read_text


def read_blocks(data: bytes) -> Document:
    """The paragraphs and tables of a file, two-row table headers made one (see ``_read``)."""
    document = _read(data)
    if not any(isinstance(block, Table) for block in document.blocks):
        return document
    blocks = tuple(
        Table(merge_header_rows(block.rows), block.cut) if isinstance(block, Table) else block
        for block in document.blocks
    )
    return Document(blocks, document.format, document.confidence, document.page_images)


def _read(data: bytes) -> Document:
    """The paragraphs and tables of a file (text, Markdown, HTML, DOCX or PDF), in order.

    Raises ``IngestError`` for an empty, oversized, binary, damaged or unsupported file.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("read_blocks takes the file's bytes")
    data = bytes(data)
    check_size(data)
    kind = sniff(data)
    if kind == "pdf":
        return read_pdf(data)
    if kind == "zip":
        return read_docx(data)
    if kind == "image":
        from prongsai.ingest.ocr import read_image_file

        return read_image_file(data)
    text, _encoding = decode_text(data)
    text = text.strip()
    if not text:
        raise IngestError("empty", "ไฟล์ว่างเปล่า ไม่มีเนื้อหา", "The file is empty.")
    check_text_length(text)
    if looks_like_html_document(text):
        return read_html(text)
    return read_text(text)
