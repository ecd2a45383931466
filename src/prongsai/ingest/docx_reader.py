"""Word (.docx) files through python-docx: body paragraphs and tables in document order.

Merged cells keep the table's columns aligned: a cell spanning several columns is followed by
empty cells, and a cell that continues a vertical merge is empty (as a continuation row is in
a report broken over pages). The lines of a cell are its paragraphs.

Text in shapes and text boxes (``w:txbxContent``: a letterhead, a title or the agency's name in
a frame) is read where the shape is anchored, before the text of its paragraph; Word writes each
shape twice (DrawingML and, for older readers, VML in ``mc:Fallback``): the fallback is skipped.
"""

from __future__ import annotations

import io

from prongsai.core.files.errors import IngestError
from prongsai.core.files.zipguard import corrupt_docx, open_checked_zip
from prongsai.ingest.blocks import Block, Document, Paragraph, Table
from prongsai.ingest.cleanup import normalize_chars
from prongsai.ingest.html_text import tidy_lines

MAX_BLOCKS = 20_000


def read_docx(data: bytes) -> Document:
    archive = open_checked_zip(data)
    names = set(archive.namelist())
    if "word/document.xml" not in names:
        raise IngestError(
            "unsupported_format",
            "ไฟล์ ZIP นี้ไม่ใช่เอกสาร Word (.docx) (อาจเป็น Excel หรือ PowerPoint)",
            "This ZIP file is not a Word document (.docx) (it may be Excel or PowerPoint).",
        )
    try:
        import docx  # python-docx; imported here so that the text readers do not need it

        document = docx.Document(io.BytesIO(data))
        return Document(tuple(_blocks(document.element.body)), "docx")
    except IngestError:
        raise
    except Exception as error:  # python-docx and lxml raise many kinds on damaged files
        raise corrupt_docx() from error


def _blocks(body) -> list[Block]:
    from docx.oxml.ns import qn

    blocks: list[Block] = []
    for child in body.iterchildren():
        if len(blocks) >= MAX_BLOCKS:
            break
        if child.tag == qn("w:p"):
            for box in _text_boxes(child):
                blocks.extend(_blocks(box))
            text = tidy_lines(normalize_chars(_paragraph_text(child)))
            if text:
                blocks.append(Paragraph(text))
        elif child.tag == qn("w:tbl"):
            rows = tuple(row for row in _rows(child) if any(row))
            if rows:
                blocks.append(Table(rows))
    return blocks


def _rows(table) -> list[tuple[str, ...]]:
    from docx.oxml.ns import qn

    rows = []
    for tr in table.iterchildren(qn("w:tr")):
        cells: list[str] = []
        for tc in tr.iterchildren(qn("w:tc")):
            props = tc.find(qn("w:tcPr"))
            span, continues = 1, False
            if props is not None:
                grid = props.find(qn("w:gridSpan"))
                if grid is not None:
                    span = _int(grid.get(qn("w:val")), 1)
                merge = props.find(qn("w:vMerge"))
                if merge is not None and merge.get(qn("w:val")) in (None, "continue"):
                    continues = True
            text = "" if continues else _cell_text(tc)
            cells.append(text)
            cells.extend("" for _ in range(min(span, 64) - 1))
        rows.append(tuple(cells))
    return rows


def _cell_text(tc) -> str:
    from docx.oxml.ns import qn

    lines = []
    counters: dict[str, int] = {}
    for p in tc.iter(qn("w:p")):
        if _in_shape(p, tc):
            continue  # a text box's paragraphs: read with their anchor's text below
        text = _paragraph_text(p)
        marker = _list_marker(p, counters)
        lines.append(f"{marker} {text}" if marker and text.strip() else text)
    return tidy_lines(normalize_chars("\n".join(lines)))


def _list_marker(p, counters: dict[str, int]) -> str:
    """The number Word would show before a list paragraph (``1.``, ``2.``…) or a bullet: Word's
    automatic numbering is not in the text. Numbered from 1 in each cell, by list."""
    from docx.oxml.ns import qn

    props = p.find(qn("w:pPr"))
    if props is None:
        return ""
    style = props.find(qn("w:pStyle"))
    style_name = (style.get(qn("w:val")) or "") if style is not None else ""
    numbering = props.find(qn("w:numPr"))
    if numbering is not None:
        num = numbering.find(qn("w:numId"))
        key = (num.get(qn("w:val")) if num is not None else None) or style_name or "list"
        if key == "0":
            return ""  # numbering switched off
    elif style_name.replace(" ", "").lower().startswith(("listnumber", "listbullet")):
        key = style_name
    else:
        return ""
    if "bullet" in style_name.lower():
        return "-"
    counters[key] = counters.get(key, 0) + 1
    return f"{counters[key]}."


def _paragraph_text(p) -> str:
    """The visible text of a ``w:p``: runs, hyperlinks, tabs and line breaks."""
    from docx.oxml.ns import qn

    parts: list[str] = []
    for node in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        if _in_shape(node, p):
            continue
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


_TXBX = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}txbxContent"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _text_boxes(p) -> list:
    """The text boxes anchored in paragraph ``p`` (not those inside another box, nor the VML
    copies Word keeps in ``mc:Fallback``), each with its own paragraphs and tables."""
    return [box for box in p.iter(_TXBX) if not _in_shape(box, p)]


def _in_shape(node, top) -> bool:
    """Whether ``node`` lies inside a text box or a compatibility fallback below ``top``."""
    parent = node.getparent()
    while parent is not None and parent is not top:
        if parent.tag in (_TXBX, _FALLBACK):
            return True
        parent = parent.getparent()
    return False


def _int(value: str | None, default: int) -> int:
    try:
        return max(1, int(value or default))
    except ValueError:
        return default
