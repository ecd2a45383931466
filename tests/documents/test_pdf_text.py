"""The PDFs' text layer gives back the exact Thai text (prongsai.documents.pdf_text).

Without the fix, WeasyPrint 70 + Laksaman writes PDFs in which "ดำเนินการ" reads
back as "ดำเนินกำร" and "น้ำ" as "นำ". These tests render Thai with WeasyPrint,
read the text back with poppler's pdftotext (raw and layout modes), pdfplumber
and PDFium (the engine of Chrome's viewer), and compare it with the source text,
allowing only line breaks and runs of white space to differ. They need the
Debian packages fonts-tlwg-laksaman-ttf and poppler-utils (scripts/setup.sh).
"""

import html
import re
import subprocess
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest
import weasyprint
from PIL import Image, ImageChops, ImageFilter
from weasyprint.draw import text as weasyprint_draw_text

from prongsai.documents import pdf_text

SEED = Path(__file__).parent.parent / "fixtures" / "seeds" / "004_3bc7e1b26b525055.txt"
FONTS = Path("/usr/share/fonts/truetype/tlwg")

THAI = (
    "ดำเนินการ ประจำปีงบประมาณ น้ำ ทำงาน ตำบล กำหนด คำสั่ง ที่ นี่ นี้ ปี่ ฝั่ง ฟื้น ป้ำ "
    "กั้น ญู ฐุ ฎุ ฏู ป่ำ ก็ ปิ๊ก ตั๋ว สั่ง เป็น ไม่ ฤๅ ฦๅ ๑๒๓ ABC 2566 "
    "เทศบาลตำบลพนมทวน องค์การบริหารส่วนตำบลท่ากระเสริม"
)

CSS = f"""
@font-face {{ font-family: DocFont; src: url('file://{FONTS}/Laksaman.ttf') }}
@font-face {{ font-family: DocFont; font-weight: 700;
              src: url('file://{FONTS}/Laksaman-Bold.ttf') }}
@page {{ size: A4; margin: 2.5cm 2cm 2cm 3cm;
         @bottom-right {{ content: "หน้า " counter(page, thai) " จาก " counter(pages, thai);
                          font-family: DocFont }} }}
html {{ font-family: DocFont; font-size: 10.64pt }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed }}
td {{ border: 1px solid black; vertical-align: top; orphans: 1; widows: 1 }}
"""

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def thai(number: int) -> str:
    return str(number).translate(THAI_DIGITS)


PAGE_NUMBER = re.compile(r"^หน้า ([๐-๙]+) จาก ([๐-๙]+)$")


@pytest.fixture
def fixed():
    was_installed = pdf_text.is_installed()
    pdf_text.install()
    yield
    if not was_installed:
        pdf_text.uninstall()


@pytest.fixture
def unfixed():
    was_installed = pdf_text.is_installed()
    pdf_text.uninstall()
    yield
    if was_installed:
        pdf_text.install()


def render(body: str, **options) -> bytes:
    document = f'<html lang="th"><style>{CSS}</style><body>{body}</body></html>'
    return weasyprint.HTML(string=document).write_pdf(**options)


def paragraphs(*texts: str, tag: str = "p") -> str:
    return "".join(f"<{tag}>{text}</{tag}>" for text in texts)


def pdftotext(pdf: bytes, tmp_path: Path, *options: str) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def pdfplumber_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    with pdfplumber.open(path) as document:
        return "\n".join(page.extract_text() for page in document.pages)


def pdfium_text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def page_numbers(text: str) -> tuple[str, list[str]]:
    """Take the "หน้า ๑ จาก ๓" lines out of ``text``; return the rest and them."""
    lines = text.splitlines()
    numbers = [line.strip() for line in lines if PAGE_NUMBER.match(line.strip())]
    rest = "\n".join(line for line in lines if not PAGE_NUMBER.match(line.strip()))
    return rest, numbers


def assert_same_text(extracted: str, *expected: str) -> None:
    """Assert that ``extracted`` is the ``expected`` texts, in order, exactly.

    White space runs count as one space, and a line may end anywhere (Thai
    wraps between letters, Latin text at a space that is then not drawn); any
    other difference, a stray space inside a word included, fails.
    """
    source = " ".join(" ".join(expected).split())
    position = 0
    for line in extracted.splitlines():
        line = " ".join(line.split())
        if not line:
            continue
        if source[position : position + 1] == " ":
            position += 1
        found = source[position : position + len(line)]
        if found != line:
            at = next(
                i for i, (a, b) in enumerate(zip(line + "\0", found + "\0", strict=False)) if a != b
            )
            pytest.fail(
                f"text differs at character {position + at} of the source:\n"
                f"  read back: {line[max(0, at - 25) : at + 25]!r}\n"
                f"  source:    {source[position + max(0, at - 25) : position + at + 25]!r}"
            )
        position += len(line)
    assert source[position:] == "", f"missing from the PDF text: {source[position:][:80]!r}"


def test_without_the_fix_the_bug_is_there(unfixed, tmp_path):
    text = " ".join(pdftotext(render(paragraphs(THAI)), tmp_path, "-raw").split())

    assert "ดำเนินกำร" in text  # every า after the first ำ reads back as ำ
    assert "ประจำปีงบประมำณ" in text
    assert " นำ " in text  # น้ำ: the tone mark is lost
    with pytest.raises(pytest.fail.Exception):
        assert_same_text(text, THAI)


@pytest.mark.parametrize("mode", [("-raw",), ()], ids=["raw", "layout"])
def test_pdftotext_gives_the_exact_thai(fixed, tmp_path, mode):
    pdf = render(paragraphs(THAI) + paragraphs(THAI, tag="b"))

    text, numbers = page_numbers(pdftotext(pdf, tmp_path, *mode))

    assert_same_text(text, THAI, THAI)
    assert numbers == ["หน้า ๑ จาก ๑"]


def test_other_extractors_give_the_exact_thai(fixed, tmp_path):
    pdf = render(paragraphs(THAI))

    assert_same_text(page_numbers(pdfplumber_text(pdf, tmp_path))[0], THAI)
    assert_same_text(page_numbers(pdfium_text(pdf))[0], THAI)


def test_long_document_over_pages_in_table_cells_and_bold(fixed, tmp_path):
    seed = [" ".join(line.split()) for line in SEED.read_text(encoding="utf-8").splitlines()]
    seed = [line for line in seed if line]
    long_thai = " ".join([THAI] * 12)
    cells = [THAI, long_thai, "ที่ ๑๒๓/๒๕๖๖ วันที่ ๑ ตุลาคม ๒๕๖๖"]
    body = (
        "".join(
            f"<p><b>{html.escape(line)}</b></p>"
            if number % 5 == 0
            else f"<p>{html.escape(line)}</p>"
            for number, line in enumerate(seed)
        )
        + paragraphs(long_thai)
        + "<table>"
        + "".join(f"<tr><td>{number}</td><td>{cell}</td></tr>" for number, cell in enumerate(cells))
        + "</table>"
    )
    pdf = render(body)
    expected = [*seed, long_thai]
    for number, cell in enumerate(cells):
        expected += [str(number), cell]

    text, numbers = page_numbers(pdftotext(pdf, tmp_path, "-raw"))

    assert_same_text(text, *expected)
    total = len(numbers)
    assert total >= 3
    assert numbers == [f"หน้า {thai(page)} จาก {thai(total)}" for page in range(1, total + 1)]


def test_long_paragraphs_in_layout_mode(fixed, tmp_path):
    texts = [" ".join([THAI] * 30), " ".join([THAI] * 10)]
    pdf = render(paragraphs(texts[0]) + paragraphs(texts[1], tag="b"))

    text, numbers = page_numbers(pdftotext(pdf, tmp_path))

    assert_same_text(text, *texts)
    assert len(numbers) >= 2


@pytest.mark.parametrize(
    "options",
    [{"full_fonts": True}, {"pdf_variant": "pdf/ua-1"}, {"pdf_variant": "pdf/a-1b"}],
    ids=["full-fonts", "pdf-ua-1", "pdf-a-1b"],
)
def test_pdf_options(fixed, tmp_path, options):
    pdf = render(paragraphs(THAI), **options)

    assert_same_text(page_numbers(pdftotext(pdf, tmp_path, "-raw"))[0], THAI)


def test_a_document_written_twice(fixed, tmp_path):
    document = weasyprint.HTML(
        string=f'<html lang="th"><style>{CSS}</style><p>{THAI}</p></html>'
    ).render()

    for _ in range(2):
        text = pdftotext(document.write_pdf(), tmp_path, "-raw")
        assert_same_text(page_numbers(text)[0], THAI)


def test_fonts_are_embedded(fixed, tmp_path):
    path = tmp_path / "out.pdf"
    path.write_bytes(render(paragraphs(THAI) + paragraphs(THAI, tag="b")))

    rows = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, check=True, text=True
    ).stdout.splitlines()[2:]

    assert len(rows) == 2
    for row in rows:
        assert row.split()[-5:-2] == ["yes", "yes", "yes"], row  # emb sub uni


def png(pdf: bytes, tmp_path: Path) -> Image.Image:
    (tmp_path / "page.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", "page.pdf", "page"],
        cwd=tmp_path,
        check=True,
    )
    with Image.open(tmp_path / "page.png") as image:
        return image.convert("L")


def test_the_page_looks_the_same(tmp_path):
    body = paragraphs(THAI) + paragraphs(THAI, tag="b")
    was_installed = pdf_text.is_installed()
    try:
        pdf_text.uninstall()
        before = png(render(body), tmp_path)
        pdf_text.install()
        after = png(render(body), tmp_path)
    finally:
        (pdf_text.install if was_installed else pdf_text.uninstall)()

    assert before.size == after.size
    # Glyphs may move by a fraction of a pixel (WeasyPrint rounds each mark's
    # offset, the composite glyphs do not); a mark missing or out of place
    # differs by far more than this, even blurred.
    blur = ImageFilter.GaussianBlur(1.5)
    difference = ImageChops.difference(before.filter(blur), after.filter(blur))
    assert difference.getextrema()[1] < 40


def test_install_checks_the_weasyprint_version(monkeypatch):
    was_installed = pdf_text.is_installed()
    pdf_text.uninstall()
    try:
        monkeypatch.setattr(weasyprint, "__version__", "71.0")
        with pytest.raises(RuntimeError, match=re.escape("written for WeasyPrint 70.0, not 71.0")):
            pdf_text.install()
        assert not pdf_text.is_installed()

        monkeypatch.undo()
        pdf_text.install()
        patched = weasyprint_draw_text.draw_first_line
        pdf_text.install()
        assert weasyprint_draw_text.draw_first_line is patched
    finally:
        (pdf_text.install if was_installed else pdf_text.uninstall)()
