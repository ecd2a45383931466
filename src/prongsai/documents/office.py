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
import re

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from . import blocks as b
from .render import chart_png
from .wrap import URL, href

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


HEADING_STYLES = ("Title", "Heading 1", "Heading 2", "Heading 3")


def heading_level(text: str, *, memo: bool = False) -> int:
    """ส่วนที่ … is a part (1), ประเด็นที่ … an issue within it (2), the rest under those (3);
    a memo's เรื่องเดิม / ข้อเท็จจริง / ข้อพิจารณา are its parts (2)."""
    if text.startswith("ส่วนที่"):
        return 1
    return 2 if memo or text.startswith("ประเด็นที่") else 3


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
    normal.line_spacing = 1.0  # single, 0 pt after: as Thai offices set it (not 1.15 and 10 pt)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    if spacing is not None:
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")
    for name in HEADING_STYLES:
        style = document.styles[name]
        rpr = style.element.get_or_add_rPr()
        _set_font(rpr)
        for tag in ("w:color", "w:i", "w:iCs"):  # the built-in blue and italics
            for element in rpr.findall(qn(tag)):
                rpr.remove(element)
        style.font.bold = True
        style.font.cs_bold = True
        style.font.size = Pt(SIZE)
        rpr.find(qn("w:szCs")).set(qn("w:val"), str(SIZE * 2))
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(6), Pt(0), 1.0
        fmt.keep_with_next = True
    title = document.styles["Title"]
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(0)
    pbdr = title.element.find(qn("w:pPr")).find(qn("w:pBdr"))
    if pbdr is not None:  # the built-in Title's rule under it
        pbdr.getparent().remove(pbdr)


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


def _hyperlink(paragraph, url: str, text: str) -> None:
    """A ``w:hyperlink`` to ``url`` (an external relationship) around one run of ``text``."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True))
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    style = OxmlElement("w:u")
    style.set(qn("w:val"), "single")
    rpr.append(style)
    run.append(rpr)
    element = OxmlElement("w:t")
    element.text = text
    element.set(qn("xml:space"), "preserve")
    run.append(element)
    link.append(run)
    paragraph._p.append(link)


def _text(paragraph, text: str) -> None:
    """``text`` added to ``paragraph``, its web addresses as hyperlinks."""
    last = 0
    for match in URL.finditer(text):
        if match.start() > last:
            paragraph.add_run(text[last : match.start()])
        _hyperlink(paragraph, href(match.group(0)), match.group(0))
        last = match.end()
    if last < len(text) or not text:
        paragraph.add_run(text[last:])


def _lines(paragraph, text: str) -> None:
    for number, line in enumerate(text.split("\n")):
        if number:
            paragraph.add_run().add_break(WD_BREAK.LINE)
        _text(paragraph, line)


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
    paragraph = docx.add_paragraph(style="Title")
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
        if kind == "title":  # one Title paragraph, its lines broken: one entry in navigation
            paragraph = docx.add_paragraph(style="Title")
            _lines(paragraph, "\n".join(block["lines"]))
        elif kind == "heading":
            level = heading_level(block["text"], memo=bool(block.get("memo")))
            paragraph = docx.add_paragraph(style=f"Heading {level}")
            _text(paragraph, block["text"])
            if block.get("memo"):
                paragraph.paragraph_format.first_line_indent = Cm(2.5)
        elif kind == "para":
            for line in block["text"].split("\n"):
                paragraph = docx.add_paragraph()
                _text(paragraph, line)
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
    _properties(docx, document)
    out = io.BytesIO()
    docx.save(out)
    return out.getvalue()


def _properties(docx, document: dict) -> None:
    """Title, author (the agency), subject, created now: not python-docx's 2013 defaults."""
    from datetime import UTC, datetime

    now = datetime.now(UTC).replace(microsecond=0)
    props = docx.core_properties
    props.title = document["title"]
    props.author = props.last_modified_by = document.get("agency") or ""
    props.subject = " ".join(filter(None, [document["title"], document.get("agency")]))
    props.keywords = "ITA, คุณธรรมและความโปร่งใส"
    props.language = "th-TH"
    props.comments = "จัดทำโดยโปร่งใส (Prongsai)"
    props.created = props.modified = now
    props.revision = 1


SHEET_NAME = 31  # Excel's limit on a sheet's name
_NUMBER = re.compile(r"^[+-]?[0-9๐-๙]+(?:[.,][0-9๐-๙]+)*$")
_DATE_LIKE = re.compile(r"^[0-9๐-๙]{1,2}\s*\S+\s*[0-9๐-๙]{2,4}$")
XLSX_FONT = ("TH SarabunPSK", 16)
# number formats: Thai digits where the document has them ([$-D000000] = Thai digit shapes;
# Excel and LibreOffice keep the value a number), dates in the Buddhist era (bbbb, Thai locale)
NUMBER_FORMATS = {"thai": "[$-D000000]0", "arabic": "0"}
DATE_FORMATS = {"thai": "[$-D07041E]d mmmm bbbb", "arabic": "[$-107041E]d mmmm bbbb"}


def sheet_name(caption: str, used: set[str]) -> str:
    """A sheet's name from the table's caption: whole Thai words up to Excel's 31 letters
    (PyThaiNLP's word boundaries: never cut inside a word), unique in the workbook."""
    from pythainlp.tokenize import word_tokenize

    text = caption
    for bad in "[]:*?/\\":
        text = text.replace(bad, " ")
    name = ""
    for word in word_tokenize(" ".join(text.split()), engine="newmm", keep_whitespace=True):
        if len(name + word) > SHEET_NAME:
            break
        name += word
    name = name.strip() or "ตาราง"
    number = 2
    while name in used:
        suffix = f" ({number})"
        name = f"{name[: SHEET_NAME - len(suffix)].rstrip()}{suffix}"
        number += 1
    used.add(name)
    return name


def typed(text: str, digits: str):
    """A cell's value as Excel should hold it: an int or a float for a number written alone
    (Thai or Arabic digits), a date for a date written alone, else the text itself; with its
    number format (Thai digits kept as a format, never as text)."""
    from prongsai.thai import ThaiDateError, parse_date, to_arabic_digits

    bare = text.strip()
    if _NUMBER.match(bare) and not (bare.lstrip("+-").startswith(("0", "๐")) and len(bare) > 1
                                     and bare.lstrip("+-")[1:2] not in ".,"):  # fmt: skip
        arabic = to_arabic_digits(bare).replace(",", "")
        if "." in arabic:
            places = len(arabic.split(".")[1])
            return float(arabic), NUMBER_FORMATS[digits] + "." + "0" * places
        return int(arabic), NUMBER_FORMATS[digits]
    if _DATE_LIKE.match(bare):
        try:
            return parse_date(bare), DATE_FORMATS[digits]
        except ThaiDateError:
            pass
    return text, None


def _tables_with_titles(document: dict) -> list[tuple[dict, str]]:
    """Each table with what names it: its caption, else the heading above it ("ประเด็นที่ ๑ …")."""
    found, heading = [], ""
    for block in document["blocks"]:
        if block["type"] == "heading":
            heading = block["text"]
        elif block["type"] == "table":
            found.append((block, block["caption"] or heading))
    return found


def render_xlsx(document: dict) -> bytes:
    """Each table of the document on its own sheet, for working with it: headed by the
    document, the agency and the year; numbers as numbers and dates as dates; the first column
    filled down on continuation rows (so rows sort and filter); TH SarabunPSK; A4 landscape,
    fitted to the page's width, the header row repeated on every printed page. A text that
    starts with "=" stays text (never a live formula)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    digits = document.get("digits", "thai")
    year = f"ปีงบประมาณ พ.ศ. {document.get('fiscal_year', '')}"
    if digits == "thai":
        year = b._thai_digits(year)
    heading = [document["title"], document.get("agency", ""), year]
    font, bold = (
        Font(name=XLSX_FONT[0], size=XLSX_FONT[1]),
        Font(name=XLSX_FONT[0], size=XLSX_FONT[1], bold=True),
    )
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for number, (block, title) in enumerate(_tables_with_titles(document), 1):
        sheet = workbook.create_sheet(sheet_name(title or f"ตาราง {number}", used))
        for line in [*heading, *([title] if title and title != block["caption"] else [])]:
            sheet.append([line])
            sheet.cell(sheet.max_row, 1).font = bold
        header_row = sheet.max_row + 1
        sheet.append(block["columns"])
        for cell in sheet[header_row]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        above = ""
        for row in block["rows"]:
            first = row[0] if row and row[0].strip() else above
            above = first
            sheet.append([None] * len(row))
            for column, text in enumerate([first, *row[1:]], 1):
                cell = sheet.cell(sheet.max_row, column)
                value, number_format = typed(text, digits)
                cell.value = value
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # what was typed, not a formula
                if number_format:
                    cell.number_format = number_format
                cell.font = font
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        for index, width in enumerate(b.fitted_widths(block), 1):
            sheet.column_dimensions[get_column_letter(index)].width = max(8, 160 * width)
        sheet.freeze_panes = sheet.cell(header_row + 1, 1)
        sheet.print_title_rows = f"{header_row}:{header_row}"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.print_options.gridLines = True
    if not workbook.sheetnames:
        workbook.create_sheet("ไม่มีตาราง")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
