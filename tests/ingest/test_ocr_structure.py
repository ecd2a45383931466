"""The structure of a scanned table kept whatever one misread character does: a row's rule
drawn in pieces still parts two measures, a table cut by its page's foot is known from its
ruling, and across a page break a row under a closed table is a measure of its own even when
its number is misread, while a row cut by the page's foot goes on with its measure."""

from __future__ import annotations

import io

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from prongsai.ingest import ocr
from prongsai.ingest.blocks import Table
from prongsai.ingest.columns import header_columns
from prongsai.ingest.measure_rows import measure_rows
from prongsai.ingest.readers import read_blocks
from tests.ingest.test_ocr_cells_and_digits import _font, needs_ocr

XS = [60, 460, 860, 1260]
YS = [100, 220, 340, 460]


def _ruled(*, gaps_in_row: int | None = None) -> np.ndarray:
    """The ink of a 3 × 3 ruled table; the rule at ``YS[gaps_in_row]`` printed in pieces of
    60 pixels with 3-pixel gaps (too short to be found as rules)."""
    dark = np.zeros((520, 1320), dtype=bool)
    for index, y in enumerate(YS):
        dark[y - 1 : y + 2, XS[0] : XS[-1]] = True
        if index == gaps_in_row:
            for x in range(XS[0], XS[-1], 63):
                dark[y - 1 : y + 2, x + 60 : x + 63] = False
    for x in XS:
        dark[YS[0] : YS[-1], x - 1 : x + 2] = True
    return dark


def test_a_rule_in_pieces_too_short_to_be_found_still_closes_the_cells_above_it():
    dark = _ruled(gaps_in_row=1)
    rows, cols = ocr._rules(dark)
    assert not any(abs(y - YS[1]) <= 8 for y, _, _ in rows)  # the rule itself is not found
    rules = sorted([*rows, (YS[1], XS[0] + 100, XS[0] + 200)])  # … but a piece of it is
    without = {(r, c) for r, c, _ in ocr._cells(rules, XS, cols)}
    assert (1, 0) not in without  # from the rules alone, the two rows' cells are one
    within = {(r, c) for r, c, _ in ocr._cells(rules, XS, cols, ruled=dark)}
    assert {(0, 0), (1, 0), (2, 0), (1, 1), (1, 2)} <= within


def test_a_line_of_text_is_no_rule():
    rng = np.random.default_rng(7)
    dark = np.zeros((60, 500), dtype=bool)
    dark[20:40] = rng.random((20, 500)) < 0.35  # letters: ink in a third of the places
    assert not ocr._inked_rule(dark, 30, 0, 500)
    dark[29:32] = True
    assert ocr._inked_rule(dark, 30, 0, 500)


def test_pieces_of_a_row_rule_that_cover_it_are_the_rule():
    rules = [(220, 60, 700), (221, 703, 1260)]
    assert ocr._horizontal_rule(220, 460, 860, rules)
    assert not ocr._horizontal_rule(220, 460, 860, [(220, 60, 600)])


def test_a_table_whose_column_rules_run_past_its_last_rule_is_cut_by_the_page():
    rows = [(y, XS[0], XS[-1]) for y in YS[:-1]]  # no rule under the last row
    cols = [(x, YS[0], YS[-1]) for x in XS]
    ((*_, cut),) = ocr._tables(rows, cols)
    assert cut
    ((*_, closed),) = ocr._tables([*rows, (YS[-1], XS[0], XS[-1])], cols)
    assert not closed


HEADER = ("มาตรการ", "ผู้รับผิดชอบ", "ระยะเวลา")
ROW1 = ("๑. การปรับปรุงขั้นตอน", "กองคลัง", "ตุลาคม ๒๕๖๖")
ROW3 = ("๓. การเปิดเผยข้อมูล", "สำนักปลัด", "มีนาคม ๒๕๖๗")


@given(
    misread=st.sampled_from(["ษ. ", "@. ", "b ", "(๒ ", "", "๒ ", "lo. "]),
    title=st.sampled_from(["การบริหารทรัพย์สิน", "การส่งเสริมคุณธรรม"]),
)
def test_a_misread_number_under_a_closed_table_merges_no_measures(misread, title):
    row2 = (misread + title, "กองช่าง", "ธันวาคม ๒๕๖๖")
    pages = [Table((HEADER, ROW1), cut=False), Table((HEADER, row2, ROW3), cut=False)]
    found = measure_rows(pages)
    assert len(found) == 3
    assert found[1].cell("title").endswith(title)
    assert found[0].cell("responsible") == "กองคลัง"


def test_a_row_cut_by_the_page_foot_goes_on_with_its_measure_unless_numbered():
    tail = ("ให้บริการประชาชน", "", "๑ ตุลาคม ๒๕๖๖")
    pages = [Table((HEADER, ROW1), cut=True), Table((HEADER, tail, ROW3), cut=False)]
    found = measure_rows(pages)
    assert [m.cell("title") for m in found] == [
        "๑. การปรับปรุงขั้นตอน ให้บริการประชาชน",
        "๓. การเปิดเผยข้อมูล",
    ]
    numbered = [Table((HEADER, ROW1), cut=True), Table((HEADER, ROW3), cut=None)]
    assert len(measure_rows(numbered)) == 2  # the page cut just at a row's end


def test_without_the_ruling_a_misread_number_after_a_break_still_goes_on():
    """Readers that know nothing of the ruling (cut None) keep the rule of numbered rows: a
    row after a break whose title is not numbered goes on with the measure before."""
    row2 = ("การบริหารทรัพย์สิน", "", "")
    found = measure_rows([Table((HEADER, ROW1)), Table((HEADER, row2, ROW3))])
    assert len(found) == 2


def test_a_repeated_header_misread_past_knowing_is_no_measure():
    misread = ("มาตรกา", "ผูรับผดซอบ", "ระยะวลา")
    assert header_columns(misread) is None
    pages = [Table((HEADER, ROW1), cut=False), Table((misread, ROW3), cut=False)]
    found = measure_rows(pages)
    assert [m.cell("title") for m in found] == [ROW1[0], ROW3[0]]
    # a row of a measure with the header's width is no header
    assert len(measure_rows([Table((HEADER, ROW1), cut=False), Table((ROW3,), cut=False)])) == 2


@needs_ocr
def test_a_scanned_table_cut_by_the_page_foot_is_known_cut_after_reading():
    image = Image.new("L", (1400, 900), 255)
    draw = ImageDraw.Draw(image)
    for y in (100, 220):  # the header's rules; no rule under the row below
        draw.line([(60, y), (1260, y)], fill=0, width=3)
    for x in (60, 660, 1260):
        draw.line([(x, 100), (x, 860)], fill=0, width=3)
    font = _font(40)
    for x, text in ((80, "มาตรการ"), (680, "ผู้รับผิดชอบ"), (80, "การเปิดเผยข้อมูล"), (680, "กองคลัง")):
        draw.text((x, 130 if text in ("มาตรการ", "ผู้รับผิดชอบ") else 260), text, font=font, fill=0)
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(200, 200))
    (table,) = read_blocks(out.getvalue()).tables
    assert table.cut is True
    assert table.rows[0][0] == "มาตรการ"


def test_a_column_whose_header_one_page_misread_is_known_from_the_other_pages():
    header = ("มาตรการ", "วิธีการดำเนินการ", "ผู้รับผิดชอบ")
    misread = ("มาตรการ", "วธดาเนนกร", "ผู้รับผิดชอบ")
    assert "methods" not in header_columns(misread)
    row1 = ("๑. การปรับปรุงขั้นตอน", "จัดทำคู่มือ", "กองคลัง")
    row2 = ("๒. การเปิดเผยข้อมูล", "ปรับปรุงเว็บไซต์", "สำนักปลัด")
    pages = [Table((misread, row1), cut=False), Table((header, row2), cut=False)]
    assert [m.cell("methods") for m in measure_rows(pages)] == ["จัดทำคู่มือ", "ปรับปรุงเว็บไซต์"]
    # not a scan: each header stands as read
    plain = [Table((misread, row1)), Table((header, row2))]
    assert [m.cell("methods") for m in measure_rows(plain)] == ["", "ปรับปรุงเว็บไซต์"]
