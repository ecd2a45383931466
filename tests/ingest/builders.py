"""Test helpers: a seed's paragraphs and tables written out as a DOCX (python-docx) and as a PDF.

The PDF is written by hand, as simply as a PDF can hold Thai text that a reader can extract:
one Type0 font with Identity-H encoding whose character codes are the Unicode code points and
whose ToUnicode map says so, no embedded glyphs (the file shows boxes if printed, but its text
layer is exact), and tables ruled with lines so pdfplumber finds them. Lines wrap at spaces; a
table that runs off a page goes on, after its header row again, on the next one, and a row
too tall for what is left of a page is cut there and goes on in the next page's first row —
as the seed reports were.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from prongsai.ingest.blocks import Document, Paragraph, Table
from prongsai.ingest.columns import header_columns

PAGE_W, PAGE_H, MARGIN = 842.0, 595.0, 30.0
FONT_SIZE, LEADING, PAD = 7.0, 9.0, 2.0
ADVANCE = 0.5  # every character is half an em wide


def docx_from_document(document: Document) -> bytes:
    import docx

    out = docx.Document()
    for block in document.blocks:
        if isinstance(block, Paragraph):
            paragraph = out.add_paragraph()
            for n, line in enumerate(block.text.split("\n")):
                run = paragraph.add_run()
                if n:
                    run.add_break()  # a line break inside the paragraph, then the line
                run.add_text(line)
            continue
        width = block.width
        table = out.add_table(rows=len(block.rows), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(block.rows):
            for c in range(width):
                cell = table.cell(r, c)
                lines = (row[c] if c < len(row) else "").split("\n")
                cell.paragraphs[0].text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)
        out.add_paragraph("")
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def pdf_from_document(document: Document) -> bytes:
    pages = _Layout().lay_out(document)
    return _write_pdf(pages)


# --- layout -----------------------------------------------------------------------------------


def _wrap(text: str, width: float) -> list[str]:
    per_line = max(4, int(width / (FONT_SIZE * ADVANCE)))
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            while len(word) > per_line:  # a word longer than the column: cut it
                if line:
                    lines.append(line)
                    line = ""
                cut = per_line - 1 if word[per_line] in "-*•" else per_line  # not a bullet
                lines.append(word[:cut])
                word = word[cut:]
            candidate = f"{line} {word}" if line else word
            if len(candidate) > per_line and line:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return [line for line in lines if line.strip()] or [""]


class _Layout:
    def __init__(self) -> None:
        self.pages: list[list[str]] = []
        self._new_page()

    def _new_page(self) -> None:
        self.ops: list[str] = []
        self.pages.append(self.ops)
        self.y = PAGE_H - MARGIN

    def lay_out(self, document: Document) -> list[list[str]]:
        for block in document.blocks:
            if isinstance(block, Paragraph):
                self._paragraph(block.text)
            else:
                self._table(block)
        return self.pages

    def _text(self, x: float, y: float, line: str) -> None:
        codes = "".join(f"{min(ord(ch), 0xFFFF):04X}" for ch in line)
        self.ops.append(f"BT /F1 {FONT_SIZE} Tf {x:.2f} {y:.2f} Td <{codes}> Tj ET")

    def _paragraph(self, text: str) -> None:
        for line in _wrap(text, PAGE_W - 2 * MARGIN):
            if self.y - LEADING < MARGIN:
                self._new_page()
            self.y -= LEADING
            self._text(MARGIN, self.y, line)
        self.y -= LEADING  # a blank line after each paragraph

    def _table(self, table: Table) -> None:
        width = table.width
        col_w = (PAGE_W - 2 * MARGIN) / width
        header = table.rows[0] if header_columns(table.rows[0]) else None
        for index, row in enumerate(table.rows):
            cells = [_wrap(row[c] if c < len(row) else "", col_w - 2 * PAD) for c in range(width)]
            while True:
                room = int((self.y - MARGIN - 2 * PAD) // LEADING)
                tallest = max(len(lines) for lines in cells)
                if tallest <= room:
                    self._row(cells, col_w)
                    break
                if room < 3:  # no room: next page, header first
                    self._new_page()
                    if index > 0 and header is not None:
                        head = [_wrap(c, col_w - 2 * PAD) for c in header]
                        self._row(head, col_w)
                    continue
                self._row([lines[:room] for lines in cells], col_w)
                cells = [lines[room:] or [""] for lines in cells]
        self.y -= LEADING

    def _row(self, cells: list[list[str]], col_w: float) -> None:
        height = max(len(lines) for lines in cells) * LEADING + 2 * PAD
        top = self.y
        for c, lines in enumerate(cells):
            x = MARGIN + c * col_w
            self.ops.append(f"{x:.2f} {top - height:.2f} {col_w:.2f} {height:.2f} re S")
            for n, line in enumerate(lines):
                if line:
                    self._text(x + PAD, top - PAD - (n + 1) * LEADING + 2, line)
        self.y = top - height


# --- the file ---------------------------------------------------------------------------------


def _write_pdf(pages: list[list[str]]) -> bytes:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(data: bytes, extra: str = "") -> bytes:
        packed = zlib.compress(data)
        head = f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n".encode()
        return head + packed + b"\nendstream"

    used = sorted(
        {
            int(code[i : i + 2], 16)
            for ops in pages
            for op in ops
            if "Tj" in op
            for code in [op.split("<")[1].split(">")[0]]
            for i in range(0, len(code), 4)
        }
    )
    ranges = "\n".join(f"<{h:02X}00> <{h:02X}FF> <{h:02X}00>" for h in used)
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(used)} beginbfrange\n{ranges}\nendbfrange\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end\n"
    )
    to_unicode = add(stream(cmap.encode()))
    descriptor = add(
        b"<< /Type /FontDescriptor /FontName /ProngsaiTest /Flags 32 "
        b"/FontBBox [0 -200 1000 800] /ItalicAngle 0 /Ascent 800 /Descent -200 "
        b"/CapHeight 700 /StemV 80 >>"
    )
    cid_font = add(
        f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ProngsaiTest "
        f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        f"/FontDescriptor {descriptor} 0 R /DW {int(ADVANCE * 1000)} "
        f"/CIDToGIDMap /Identity >>".encode()
    )
    font = add(
        f"<< /Type /Font /Subtype /Type0 /BaseFont /ProngsaiTest /Encoding /Identity-H "
        f"/DescendantFonts [{cid_font} 0 R] /ToUnicode {to_unicode} 0 R >>".encode()
    )
    pages_id = len(objects) + 2 * len(pages) + 1
    page_ids = []
    for ops in pages:
        content = add(stream("\n".join(ops).encode()))
        page_ids.append(
            add(
                f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] "
                f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>".encode()
            )
        )
    kids = " ".join(f"{p} 0 R" for p in page_ids)
    assert add(f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()) == pages_id
    catalog = add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode())

    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    trailer = f"<< /Size {len(objects) + 1} /Root {catalog} 0 R >>"
    out.write(f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def scanned_pdf() -> bytes:
    """A one-page PDF holding only a picture (a 2×2 grey image), as a scanner makes: no text."""
    image = b"\x80\x40\x40\x80"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 4 >>\nstream\n" + image + b"\nendstream",
    ]
    content = b"q 500 0 0 700 40 60 cm /Im1 Do Q"
    objects.append(f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R >>"
    out.write(f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            # A fixed date: the same entries give the same bytes, so pytest-xdist's
            # workers collect identical parameters.
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
