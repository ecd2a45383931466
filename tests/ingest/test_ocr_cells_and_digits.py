"""The pieces of the scan reader: table cells cut from a page's ruling lines, Thai digits read
again by their shape, and a scan of nothing refused with nothing saved."""

import io

import numpy as np
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFont

from prongsai.ingest import ocr, ocr_digits
from prongsai.ingest.models import ImportedDocument
from prongsai.ingest.ocr import ocr_available

LAKSAMAN = "/usr/share/fonts/truetype/tlwg/Laksaman.ttf"
needs_ocr = pytest.mark.skipif(not ocr_available(), reason="needs tesseract-ocr-tha + tesserocr")


def _font(size: int):
    try:
        return ImageFont.truetype(LAKSAMAN, size)
    except OSError:
        pytest.skip("no Laksaman font (fonts-tlwg-laksaman-ttf, scripts/setup.sh)")


def ruled_table(texts: dict[tuple[int, int], str], *, merged_row: int | None = None):
    """A 3-column, 3-row ruled table at 200 dpi; in ``merged_row`` the rule between the first
    two columns is missing (one cell over two columns)."""
    xs, ys = [60, 460, 860, 1260], [100, 220, 340, 460]
    image = Image.new("L", (1320, 520), 255)
    draw = ImageDraw.Draw(image)
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=3)
    for index, x in enumerate(xs):
        for r in range(len(ys) - 1):
            if index == 1 and r == merged_row:
                continue
            draw.line([(x, ys[r]), (x, ys[r + 1])], fill=0, width=3)
    font = _font(40)
    for (r, c), text in texts.items():
        draw.text((xs[c] + 20, ys[r] + 30), text, font=font, fill=0)
    return image, xs, ys


def test_cells_are_cut_from_the_ruling_lines_and_a_missing_rule_merges_two():
    image, xs, ys = ruled_table({}, merged_row=1)
    rows, cols = ocr._rules(np.asarray(image) < 140)
    tables = ocr._tables(rows, cols)
    assert len(tables) == 1
    rules, found_xs, all_cols, cut = tables[0]
    assert not cut  # ruled under its last row: the table ends on its page
    assert all(abs(a - b) <= 3 for a, b in zip([y for y, _, _ in rules], ys, strict=True))
    assert len(found_xs) == 4 and all(abs(a - b) <= 3 for a, b in zip(found_xs, xs, strict=True))
    cells = ocr._cells(rules, found_xs, all_cols)
    at = {(r, c): box for r, c, box in cells}
    assert len(cells) == 8  # nine cells, two of them one
    assert (1, 1) not in at  # covered by the merged cell
    left, top, right, bottom = at[(1, 0)]
    assert left < xs[0] + 8 and right > xs[2] - 8  # spans two columns
    assert top > ys[1] and bottom < ys[2]  # inside its rules, not on them
    l2, _, r2, _ = at[(0, 1)]
    assert xs[1] < l2 and r2 < xs[2]


def test_a_cell_without_its_lower_rule_spans_the_next_row():
    rules = [(100, 60, 1260), (220, 460, 1260), (340, 60, 1260)]  # under column 0: no rule
    xs = [60, 460, 860, 1260]
    cols = [(x, 100, 340) for x in xs]
    cells = {(r, c): box for r, c, box in ocr._cells(rules, xs, cols)}
    assert (1, 0) not in cells
    assert cells[(0, 0)][3] > 330  # down to the last rule
    assert (1, 1) in cells and (1, 2) in cells


@needs_ocr
def test_each_cell_is_read_on_its_own_and_columns_stay_apart():
    texts = {(0, 0): "มาตรการ", (0, 1): "ผู้รับผิดชอบ", (0, 2): "ระยะเวลา",
             (1, 0): "การเปิดเผยข้อมูลสาธารณะ", (1, 2): "ตลอดปี",
             (2, 0): "สำนักปลัด", (2, 1): "กองคลัง", (2, 2): "๒๕๖๗"}  # fmt: skip
    image, _, _ = ruled_table(texts, merged_row=1)
    page = ocr.read_page(image)
    tables = [b for b in page.blocks if isinstance(b, ocr.Table)]
    assert len(tables) == 1
    rows = tables[0].rows
    assert [len(row) for row in rows] == [3, 3, 3]
    assert "".join(rows[1][0].split()) == "การเปิดเผยข้อมูลสาธารณะ"  # the merged cell, whole
    assert rows[1][1] == ""
    assert rows[2][0] == "สำนักปลัด" and rows[2][1] == "กองคลัง"
    assert rows[2][2] == "๒๕๖๗"
    assert all(0 <= page.confidence[text] <= 100 for row in rows for text in row if text)


# --- Thai digits read by shape ------------------------------------------------------------------


def _digits_image(text: str, size: int = 44):
    font = _font(size)
    image = Image.new("L", (60 + size * len(text), 2 * size), 255)
    ImageDraw.Draw(image).text((30, size // 3), text, font=font, fill=0)
    ink = np.argwhere(np.asarray(image) < 140)
    (top, left), (bottom, right) = ink.min(axis=0), ink.max(axis=0)
    return image, (int(left), int(top), int(right) + 1, int(bottom) + 1)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ocr_digits.THAI_DIGITS, min_size=1, max_size=6))
def test_thai_digits_are_read_by_their_shape(digits):
    image, box = _digits_image(digits)
    assert ocr_digits.read_run(image, box, digits) == digits


@settings(max_examples=30, deadline=None)
@given(
    st.text(alphabet=ocr_digits.THAI_DIGITS, min_size=1, max_size=3),
    st.text(alphabet=ocr_digits.THAI_DIGITS, min_size=1, max_size=2),
)
def test_a_score_keeps_its_dot_and_brackets_stay(whole, part):
    text = f"{whole}.{part}"
    image, box = _digits_image(text)
    assert ocr_digits.read_run(image, box, text) == text
    image, box = _digits_image(f"({whole})")
    assert ocr_digits.read_run(image, box, f"({whole})") == f"({whole})"


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet=ocr_digits.THAI_DIGITS, min_size=1, max_size=4))
def test_what_is_read_is_only_digits_and_as_many_as_drawn(digits):
    image, box = _digits_image(digits, size=30)
    mask = np.asarray(image.crop(box)) < 140
    pieces = ocr_digits.glyphs(mask)
    assert [kind for kind, *_ in pieces] == ["digit"] * len(digits)
    read = ocr_digits.read_run(image, box, digits)
    assert read is None or (len(read) == len(digits) and set(read) <= set(ocr_digits.THAI_DIGITS))


def test_letters_are_no_digits():
    image, box = _digits_image("กขค")
    assert ocr_digits.read_run(image, box, "กขค") is None


@needs_ocr
def test_a_misread_year_in_a_line_is_read_again():
    """Tesseract's Thai model reads ๖ as ๒ and ๘ as ๕: the line's digits come back right."""
    font = _font(44)
    image = Image.new("L", (1100, 100), 255)
    ImageDraw.Draw(image).text((20, 20), "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ได้ ๘๘.๑๘", font=font, fill=0)
    words = ocr._recognize(image, psm=7)
    text, _ = ocr._text(words)
    assert "๒๕๖๖" in text and "๘๘.๑๘" in text


# --- a scan of nothing ---------------------------------------------------------------------


@needs_ocr
@pytest.mark.django_db
def test_an_upload_of_a_blank_scan_says_so_in_thai_and_saves_nothing(admin_client, criteria):
    blank = io.BytesIO()
    Image.new("L", (1654, 2339), 255).save(blank, "PNG", dpi=(200, 200))
    upload = SimpleUploadedFile("blank.png", blank.getvalue())
    response = admin_client.post(reverse("ingest:upload"), {"file": upload})
    assert "อ่านข้อความจากภาพไม่ได้" in response.content.decode()
    assert ImportedDocument.objects.count() == 0
