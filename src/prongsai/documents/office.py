"""A document as DOCX (python-docx) for last-minute edits in Word, and its tables as XLSX.

DOCX: A4, ``TH SarabunPSK`` 16 pt set for Latin *and* complex script (``w:cs``, ``w:szCs``; the
theme fonts removed, or Word and LibreOffice draw Thai in the theme's font), a landscape section
for each wide table with a caption paragraph between the section break and the table (LibreOffice
drops the orientation otherwise), the header row repeated on every page, rows allowed to break
across pages, column widths on both the grid and the cells, page numbers in Thai digits
(``PAGE \\* ThaiArabic``). See ../shared/reference/stack-check.md §3.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from . import blocks as b
from .render import chart_png

FONT = "TH SarabunPSK"
SIZE = 16
A4 = (Cm(21), Cm(29.7))
PORTRAIT_MARGINS = (Cm(2.5), Cm(2), Cm(2), Cm(3))  # top, right, bottom, left
LANDSCAPE_MARGINS = (Cm(2), Cm(1.5), Cm(1.5), Cm(1.5))


def _set_font(rpr) -> None:
    """``TH SarabunPSK`` 16 pt for every script on a ``w:rPr`` element, Thai language."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)
    for tag in ("w:sz", "w:szCs"):
        element = rpr.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            rpr.append(element)
        element.set(qn("w:val"), str(SIZE * 2))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "th-TH")
    lang.set(qn("w:bidi"), "th-TH")


def _setup_fonts(document) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_font(rpr)
    for name in ("Normal", "Table Grid", "Header", "Footer"):
        style = document.styles[name]
        _set_font(style.element.get_or_add_rPr())
    normal = document.styles["Normal"].paragraph_format
    normal.space_after = Pt(0)
    normal.space_before = Pt(0)


def _page(section, *, landscape: bool) -> None:
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    margins = LANDSCAPE_MARGINS if landscape else PORTRAIT_MARGINS
    (section.top_margin, section.right_margin, section.bottom_margin, section.left_margin) = margins


def _page_number(section, digits: str) -> None:
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("- ")
    run = paragraph.add_run()
    field = "PAGE \\* ThaiArabic" if digits == "thai" else "PAGE"
    for kind, text in (("begin", None), ("instr", field), ("separate", None), ("end", None)):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
        if kind == "separate":
            placeholder = OxmlElement("w:t")
            placeholder.text = "1"
            run._r.append(placeholder)
    paragraph.add_run(" -")


def _bold(run) -> None:
    run.bold = True
    run.font.cs_bold = True


def _lines(paragraph, text: str) -> None:
    for number, line in enumerate(text.split("\n")):
        if number:
            paragraph.add_run().add_break(WD_BREAK.LINE)
        paragraph.add_run(line)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def _table(document, block: dict, width) -> None:
    columns = block["columns"]
    table = document.add_table(rows=1, cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [int(width * share) for share in b.fitted_widths(block)]
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = column_width
    header = table.rows[0]
    _repeat_header(header)
    for cell, title_text, column_width in zip(header.cells, columns, widths, strict=True):
        cell.width = column_width
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _bold(paragraph.add_run(title_text))
    for row in block["rows"]:
        cells = table.add_row().cells
        for cell, text, column_width in zip(cells, row, widths, strict=True):
            cell.width = column_width
            _lines(cell.paragraphs[0], text)


MEMO_TITLE_PT, MEMO_LABEL_PT = 29, 20  # แบบที่ ๒๙: TH SarabunPSK sizes


def _sized(run, points: int) -> None:
    _bold(run)
    run.font.size = Pt(points)
    rpr = run._r.get_or_add_rPr()
    size = rpr.find(qn("w:szCs"))
    if size is None:
        size = OxmlElement("w:szCs")
        rpr.append(size)
    size.set(qn("w:val"), str(points * 2))


def _dotted_line(docx, usable, *parts: tuple[str, str]) -> None:
    """One line of a memo's head: label (20 pt bold), value, dots to the tab stop that ends
    its share of the line (a tab with a dot leader: the dotted fill an officer types over)."""
    paragraph = docx.add_paragraph()
    share = usable // len(parts)
    for number, (label, value) in enumerate(parts, 1):
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            share * number if number < len(parts) else usable,
            WD_TAB_ALIGNMENT.RIGHT if number == len(parts) else WD_TAB_ALIGNMENT.LEFT,
            WD_TAB_LEADER.DOTS,
        )
        _sized(paragraph.add_run(label), MEMO_LABEL_PT)
        paragraph.add_run(f"  {value}\t")


def _memo_head(docx, block: dict, section) -> None:
    """The head of a บันทึกข้อความ without a table: the emblem's place, the title, then
    ส่วนราชการ; ที่ and วันที่ on one line; เรื่อง; เรียน; สิ่งที่ส่งมาด้วย."""
    usable = section.page_width - section.left_margin - section.right_margin
    paragraph = docx.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.line_spacing = Pt(35)
    paragraph.paragraph_format.space_before = Pt(6)
    if block.get("emblem"):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        paragraph.add_run().add_picture(block["emblem"], height=Cm(1.5))
        paragraph.paragraph_format.tab_stops.add_tab_stop(usable // 2, WD_TAB_ALIGNMENT.CENTER)
        paragraph.add_run("\t")
    _sized(paragraph.add_run("บันทึกข้อความ"), MEMO_TITLE_PT)
    _dotted_line(docx, usable, ("ส่วนราชการ", block["department"]))
    _dotted_line(docx, usable, ("ที่", block["reference"]), ("วันที่", block["date"]))
    _dotted_line(docx, usable, ("เรื่อง", block["subject"]))
    docx.add_paragraph(f"เรียน  {block['addressee']}")
    if block.get("enclosure"):
        docx.add_paragraph(f"สิ่งที่ส่งมาด้วย  {block['enclosure']}")


def _signature(docx, block: dict) -> None:
    """A step of the chain as it was signed: label and what was said, lines to write on when
    it waits for a wet signature, then ลงชื่อ, (name), position, date."""
    if block["label"] or block["comment"]:
        paragraph = docx.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(6)
        paragraph.paragraph_format.keep_with_next = True
        if block["label"]:
            _bold(paragraph.add_run(block["label"]))
        if block["comment"]:
            paragraph.add_run(f" {block['comment']}")
    for _ in range(block.get("lines") or 0):
        paragraph = docx.add_paragraph()
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            Cm(16), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        paragraph.paragraph_format.keep_with_next = True
        paragraph.add_run("\t")
    lines = ["ลงชื่อ ..................................................", block["name"]]
    lines += [block["position"], block.get("date") or ""]
    lines = [line for line in lines if line]
    for number, line in enumerate(lines):
        paragraph = docx.add_paragraph(line)
        paragraph.paragraph_format.left_indent = Cm(6.5)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if number == 0 and block.get("writer"):
            paragraph.paragraph_format.space_before = Pt(12)
        paragraph.paragraph_format.keep_with_next = number < len(lines) - 1


def render_docx(document: dict) -> bytes:
    docx = Document()
    _setup_fonts(docx)
    section = docx.sections[0]
    _page(section, landscape=False)
    section.different_first_page_header_footer = True  # page 1 has no number (ระเบียบ)
    _page_number(section, document["digits"])
    landscape = False
    pending_break = False
    wide = b.on_landscape(document["blocks"])
    for index, block in enumerate(document["blocks"]):
        kind = block["type"]
        wants_landscape = wide[index]
        if wants_landscape != landscape:
            if index:  # the first block sets the first section's orientation
                section = docx.add_section(WD_SECTION.NEW_PAGE)
            _page(section, landscape=wants_landscape)
            landscape = wants_landscape
            pending_break = False
        elif pending_break:
            docx.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            pending_break = False
        if kind == "title":
            for line in block["lines"]:
                paragraph = docx.add_paragraph()
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _bold(paragraph.add_run(line))
        elif kind == "heading":
            paragraph = docx.add_paragraph()
            paragraph.paragraph_format.space_before = Pt(6)
            _bold(paragraph.add_run(block["text"]))
        elif kind == "para":
            for line in block["text"].split("\n"):
                paragraph = docx.add_paragraph(line)
                paragraph.paragraph_format.first_line_indent = Cm(2.5)
                paragraph.alignment = WD_ALIGN_PARAGRAPH.THAI_JUSTIFY
        elif kind == "fields":
            for label, value in block["items"]:
                paragraph = docx.add_paragraph()
                _bold(paragraph.add_run(label))
                paragraph.add_run(f" {value}")
        elif kind == "memo_head":
            _memo_head(docx, block, section)
        elif kind == "signature":
            _signature(docx, block)
        elif kind == "pagebreak":
            pending_break = True
        elif kind == "chart":
            # Word takes no SVG: the chart as the PDF draws it, as a picture
            paragraph = docx.add_paragraph()
            paragraph.paragraph_format.keep_with_next = True
            _bold(paragraph.add_run(block["caption"]))
            usable = section.page_width - section.left_margin - section.right_margin
            picture = chart_png(block)
            if picture is None:
                docx.add_paragraph("(แผนภูมิอยู่ในฉบับ PDF; ตัวเลขอยู่ในตารางคะแนนรายตัวชี้วัด)")
            else:
                docx.add_picture(io.BytesIO(picture), width=usable)
                docx.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind == "table":
            # a paragraph between a section break and a table keeps the section's orientation
            paragraph = docx.add_paragraph()
            if block["caption"]:
                _bold(paragraph.add_run(block["caption"]))
            usable = section.page_width - section.left_margin - section.right_margin
            _table(docx, block, usable)
    out = io.BytesIO()
    docx.save(out)
    return out.getvalue()


def render_xlsx(document: dict) -> bytes:
    """Each table of the document on its own sheet: header row in bold, frozen, cells wrapped."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for number, block in enumerate(b.tables(document), 1):
        name = (block["caption"] or f"ตาราง {number}")[:28]
        for bad in "[]:*?/\\":
            name = name.replace(bad, " ")
        if name in used:
            name = f"{name[:24]} ({number})"
        used.add(name)
        sheet = workbook.create_sheet(name)
        sheet.append(block["columns"])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        for row in block["rows"]:
            sheet.append(row)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        total = sum(block["widths"]) or 1
        for index, width in enumerate(block["widths"], 1):
            sheet.column_dimensions[get_column_letter(index)].width = max(8, 120 * width / total)
        sheet.freeze_panes = "A2"
    if not workbook.sheetnames:
        workbook.create_sheet("ไม่มีตาราง")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
