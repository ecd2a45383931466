"""The HTML of a document (for its page in the app and for the PDF) and its PDF (WeasyPrint).

Every PDF goes through :func:`prongsai.documents.pdf_text.install`, so its text layer gives back
the exact Thai (ำ, tone marks). The font is Laksaman from Debian's ``fonts-tlwg-laksaman-ttf``
at 10.64 pt (= TH Sarabun 16 pt), loaded by ``@font-face`` under a private family name.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from . import pdf_text
from .blocks import KEEP_LINES, fitted_widths, on_landscape, row_lines
from .charts import layout as chart_layout
from .wrap import ZERO_WIDTH_SPACE, plain_html, protected_pattern, wrap_html

FONT_DIR = Path("/usr/share/fonts/truetype/tlwg")
FONT_FILES = {"regular": FONT_DIR / "Laksaman.ttf", "bold": FONT_DIR / "Laksaman-Bold.ttf"}
_TEXT_KEYS = {
    "lines",
    "text",
    "items",
    "label",
    "comment",
    "name",
    "position",
    "date",
    "department",
    "reference",
    "subject",
    "addressee",
    "enclosure",
    "caption",
    "columns",
    "rows",
    "labels",
}


PDF_VARIANT = "pdf/ua-1"


class FontMissing(RuntimeError):
    pass


def _markup(value, to_html):
    if isinstance(value, str):
        return mark_safe(to_html(value))
    if isinstance(value, list):
        return [_markup(item, to_html) for item in value]
    return value


def prepare(document: dict, *, for_pdf: bool) -> list[dict]:
    """The blocks with every text turned into safe HTML (Thai words kept whole for the PDF,
    and the document's names, dates and abbreviations never broken inside)."""
    pattern = protected_pattern(tuple(document.get("protected") or ()))

    def to_html(text: str) -> str:
        return wrap_html(text, pattern) if for_pdf else plain_html(text)

    return [
        {
            key: _markup(value, to_html) if key in _TEXT_KEYS else value
            for key, value in block.items()
        }
        for block in document["blocks"]
    ]


def _context(
    document: dict, *, for_pdf: bool, in_app: bool = False, cues: list | None = None
) -> dict:
    blocks = prepare(document, for_pdf=for_pdf)
    wide = on_landscape(document["blocks"])
    for block, source, landscape in zip(blocks, document["blocks"], wide, strict=True):
        if landscape:  # a table's title and introduction go on its page
            block["landscape"] = True
        if block["type"] == "table" and not in_app:  # widths from the text, as the DOCX's
            widths = fitted_widths(
                source, protected_pattern(tuple(document.get("protected") or ()))
            )
            block["percents"] = [f"{100 * w:.2f}" for w in widths]
            # short rows whole on one page; long ones split between lines, 3 at least a side
            keep = [n <= KEEP_LINES for n in row_lines(source, widths)]
            block["kept_rows"] = list(zip(block["rows"], keep, strict=True))
        elif block["type"] == "chart":  # its labels already the page's text (words kept whole)
            block["chart"] = chart_layout(block)
        elif block["type"] == "signature":
            block["blank"] = range(block.get("lines") or 0)
        elif block["type"] == "memo_head" and block.get("emblem") and not in_app:
            block["emblem"] = Path(block["emblem"]).as_uri()
        elif block["type"] == "memo_head":
            block["emblem"] = None  # the app's page has no file:// images
    # the column widths are style attributes, which the app's Content-Security-Policy forbids:
    # on the app's page the browser lays the tables out by itself
    return {
        "document": document,
        "blocks": blocks,
        "fonts": FONT_FILES,
        "in_app": in_app,
        "has_memo": any(block["type"] == "memo_head" for block in blocks),
        "created": timezone.localtime().isoformat(timespec="seconds"),
        "cues": cues or [],
    }


def render_body(document: dict) -> str:
    """The document's body for a page of the app (inside base.html)."""
    return render_to_string("documents/_body.html", _context(document, for_pdf=False, in_app=True))


def render_html(document: dict, *, for_pdf: bool = False, cues: list | None = None) -> str:
    """A standalone HTML file with the print stylesheet (what WeasyPrint lays out)."""
    return render_to_string("documents/print.html", _context(document, for_pdf=for_pdf, cues=cues))


def render_pdf(document: dict) -> bytes:
    for path in FONT_FILES.values():
        if not path.exists():
            raise FontMissing(
                f"ไม่พบแบบอักษร {path} (ติดตั้งแพ็กเกจ Debian fonts-tlwg-laksaman-ttf "
                "ด้วย scripts/setup.sh)"
            )
    pdf_text.install()
    import weasyprint

    source = render_html(document, for_pdf=True, cues=memo_cues(document))
    laid_out = weasyprint.HTML(string=source, base_url=str(FONT_DIR)).render()
    for page in laid_out.pages:  # the outline without the zero-width spaces between words
        page.bookmarks = [
            (level, " ".join(label.replace(ZERO_WIDTH_SPACE, "").split()), target, state)
            for level, label, target, state in page.bookmarks
        ]
    # tagged (a structure tree for screen readers, /Lang th, the title shown), PDF/UA-1
    return laid_out.write_pdf(pdf_variant=PDF_VARIANT)


def _first_words(box) -> str:
    """The first word of the text a page's body starts with (its margin boxes left out)."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.MarginBox):
        return ""
    if isinstance(box, boxes.TextBox):
        words = [word for word in box.text.replace("\u2060", "").split("\u200b") if word.strip()]
        return words[0].split()[0] if words else ""
    for child in getattr(box, "children", ()):
        if found := _first_words(child):
            return found
    return ""


def memo_cues(document: dict) -> list[dict]:
    """The continuation cue of each page of a memo but its last: "/" and the first word of the
    next page, at the foot on the right (the ระเบียบงานสารบรรณ's คำต่อเนื่อง). The memo, which
    ends with a page break, is laid out alone once to find where its pages start."""
    import weasyprint

    blocks = document["blocks"]
    if not blocks or blocks[0]["type"] != "memo_head":
        return []
    end = next((i for i, block in enumerate(blocks) if block["type"] == "pagebreak"), len(blocks))
    memo = {**document, "blocks": blocks[:end]}
    source = render_html(memo, for_pdf=True)
    pages = weasyprint.HTML(string=source, base_url=str(FONT_DIR)).render().pages
    cues = []
    for number, page in enumerate(pages[1:], start=1):
        if word := _first_words(page._page_box):
            cues.append({"page": number, "text": word.replace("\\", "").replace('"', "")})
    return cues


def chart_png(block: dict, dpi: int = 200) -> bytes | None:
    """A ``chart`` block as a PNG picture (for the DOCX): laid out exactly as in the PDF, turned
    into pixels by poppler's ``pdftoppm`` (Debian ``poppler-utils``, which scripts/setup.sh
    installs) and cropped to the drawing. None when ``pdftoppm`` is not there."""
    from PIL import Image, ImageOps

    if shutil.which("pdftoppm") is None:
        return None

    bare = {"title": block["caption"], "digits": "thai", "bare": True}  # bare: no page number
    pdf = render_pdf({**bare, "blocks": [{**block, "caption": ""}]})
    pixels = subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout
    image = Image.open(io.BytesIO(pixels)).convert("RGB")
    box = ImageOps.invert(image.convert("L")).getbbox()  # what is not white
    if box:
        image = ImageOps.expand(image.crop(box), border=dpi // 20, fill="white")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
