"""How the scan reader chooses between readings and parts columns: the better-formed Thai of two
readings of a cell, a word cut by a misread mark joined again, two columns' texts kept apart
where their rule is missing or broken, English phrases kept whole, a Thai letter beside digits
read again by shape, a numbering with Tesseract's space, and a fiscal year after งบประมาณ."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

from prongsai.ingest import ocr, ocr_choice
from prongsai.ingest.ocr_words import MARKS, correct_text, rejoin_lines, rejoin_words
from prongsai.ingest.ocr_years import fix_years
from tests.ingest.test_ocr_cells_and_digits import _digits_image, _font, ruled_table

# --- two readings of a cell -------------------------------------------------------------------


def test_the_reading_of_dictionary_words_wins_over_one_as_sure_of_misread_words():
    misread, right = ("วิธีดาเน้น\nการ", 94.0), ("วิธีดำเนิน\nการ", 94.0)
    assert ocr_choice.better(misread, right) == right
    assert ocr_choice.better(right, misread) == right
    unknown = ("ปจจุบน", 95.0)  # marks lost: no word
    assert ocr_choice.better(unknown, ("ปัจจุบัน", 90.0)) == ("ปัจจุบัน", 90.0)


def test_a_reading_that_lost_a_line_does_not_win_for_being_short():
    whole = ("หน่วยงานมี\nภาพลักษณ์ที่\nโปร่งใสและได้\nรับความเชื่อมั่นจาก\nประชาชน", 93.0)
    cut = ("หน่วยงานมี\nภาพลักษณ์ที่\nประชาชน", 95.0)
    assert ocr_choice.better(cut, whole) == whole
    assert ocr_choice.better(whole, cut) == whole
    # one letter more is no text lost: "มาตรการ" beats the longer misreading
    assert ocr_choice.better(("มาตรการ", 95.0), ("มาตรกาวร", 91.0)) == ("มาตรการ", 95.0)


def test_latin_letters_amid_thai_count_against_a_reading():
    assert ocr_choice.quality("ร้อยละ cro. ของ", 90) < ocr_choice.quality("ร้อยละ ๙๑.๖๗ ของ", 90)


def test_an_empty_reading_never_wins_and_equal_readings_keep_the_first():
    text = ("ตลอดปี\nงบประมาณ", 80.0)
    assert ocr_choice.better(text, ("", 100.0)) == text
    assert ocr_choice.better(("", 100.0), text) == text
    assert ocr_choice.better(text, ("ตลอดปี\nงบประมาณ", 80.0)) is text


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="กขคงจดตนบปมยรลวสหอะาิีึืุู่้็์เแโใไ ๐๑๒ ", max_size=30), st.floats(0, 100))
def test_quality_is_at_most_the_confidence(text, conf):
    assert ocr_choice.quality(text, conf) <= conf
    assert 0.0 <= ocr_choice.unknown_share(text) <= 1.0


# --- a word cut by a misread mark ----------------------------------------------------------------


def test_a_word_cut_in_two_by_a_dropped_mark_is_joined_again():
    # ความเชื่อ|มัน: both pieces are words, so no single word is wrong
    assert correct_text("ได้รับความเชื่อมันจากประชาชน") == "ได้รับความเชื่อมั่นจากประชาชน"
    assert rejoin_words(["ความเชื่อ", "มัน", "จาก"]) == ["ความเชื่อ", "มั่น", "จาก"]


def test_a_word_cut_by_a_dropped_mark_across_a_line_wrap_is_joined_again():
    assert rejoin_lines(["ได้รับความเชื่อ", "มันจาก", "ประชาชน"]) == [
        "ได้รับความเชื่อ",
        "มั่นจาก",
        "ประชาชน",
    ]
    lines = ["ได้รับความ", "เชื่อมั่นจาก"]
    assert rejoin_lines(lines) == lines


def test_words_that_join_to_nothing_are_left_alone():
    for text in (
        "ดำเนินการแล้วเสร็จโดยมีการรายงานผลต่อผู้บริหารเพื่อทราบ",
        "ประชาชนสามารถเข้าถึงข้อมูลได้สะดวกและตรวจสอบการดำเนินงานได้",
        "หน่วยงานมีภาพลักษณ์ที่โปร่งใส",
        "มีผู้มาใช้บริการ",
    ):
        assert correct_text(text) == text


@given(st.lists(st.sampled_from(["ความ", "เชื่อ", "มัน", "การ", "ดำ", "เนิน", "มี", "โดย", "งาน"])))
def test_rejoining_changes_only_marks_of_short_tokens(tokens):
    marks = str.maketrans("", "", MARKS)
    out = rejoin_words(tokens)
    assert len(out) == len(tokens)
    for before, after in zip(tokens, out, strict=True):
        same = after.translate(marks) == before.translate(marks)
        assert after == before or (3 <= len(before) <= 4 and same)


# --- columns whose rule is missing or broken ---------------------------------------------


def _cells_of(image):
    dark = np.asarray(image) < 140
    rows, cols = ocr._rules(dark)
    rules, xs, all_cols, _cut = ocr._tables(rows, cols)[0]
    return {(r, c): box for r, c, box in ocr._cells(rules, xs, all_cols, dark)}


def test_two_columns_whose_rule_is_missing_stay_apart_when_their_texts_do():
    image, xs, _ = ruled_table({(1, 0): "การเปิดเผย", (1, 1): "กองคลัง"}, merged_row=1)
    cells = _cells_of(image)
    assert (1, 1) in cells  # its own cell: the texts stand apart along the missing rule
    assert cells[(1, 0)][2] < xs[1]


def test_a_text_running_over_the_missing_rule_is_one_merged_cell():
    # drawn from the middle of the first column over the line where the rule would be
    image, xs, ys = ruled_table({}, merged_row=1)
    ImageDraw.Draw(image).text((300, ys[1] + 30), "การเปิดเผยข้อมูลสาธารณะ", font=_font(40), fill=0)
    cells = _cells_of(image)
    assert (1, 1) not in cells
    assert cells[(1, 0)][2] > xs[2] - 8


def test_a_rule_in_pieces_is_a_rule():
    cols = [(460, 100, 200), (461, 206, 340)]  # broken by a speck's gap
    assert ocr._vertical_rule(460, 100, 340, cols)
    assert not ocr._vertical_rule(460, 100, 340, [(460, 100, 200)])  # half of it: no rule


def test_the_gutter_is_white_beside_a_faint_rule_and_inked_under_a_crossing_text():
    dark = np.zeros((100, 300), dtype=bool)
    dark[20:80, 20:120] = True  # text of the left column
    dark[20:80, 180:280] = True  # text of the right column
    dark[5:95, 150] = True  # a faint rule, too short to be found
    assert ocr._gutter(dark, [0, 150, 300], 0, 100)
    dark[40:60, 100:200] = True  # a line of text across
    assert not ocr._gutter(dark, [0, 150, 300], 0, 100)


# --- words the reader keeps or reads again ----------------------------------------------


def _word(text, order, left, *, stray=False, line=1, box=None):
    box = box or (left, 0, left + 40, 20)
    return ocr._Word(text, 50.0, left + 20, 10, left, left + 40, (0, 0, line), order, box, stray)


def test_a_short_english_word_between_english_words_is_kept_and_a_speck_is_not():
    words = [_word("(Open", 0, 0), _word("Data", 1, 50, stray=True), _word("Integrity", 2, 100)]
    words += [_word("การ", 3, 0, line=2), _word("Aa", 4, 50, stray=True, line=2)]
    words += [_word("ทุจริต", 5, 100, line=2)]
    ocr._keep_english_phrases(words)
    assert [w.text for w in words] == ["(Open", "Data", "Integrity", "การ", "ทุจริต"]


def test_a_thai_letter_beside_digits_is_read_again_by_shape():
    image, (left, top, right, bottom) = _digits_image("๗๓.๓๓")
    split = left + (right - left) // 5  # Tesseract's ฒ over the ๗, then ๓.๓๓
    words = [
        ocr._Word("ฒ", 90.0, 0, 0, left, split, (0, 0, 1), 0, (left, top, split, bottom)),
        ocr._Word("๓.๓๓", 90.0, 0, 0, split + 2, right, (0, 0, 1), 1,
                  (split + 2, top, right, bottom)),
    ]  # fmt: skip
    ocr._reread_digits(image, words)
    assert [w.text for w in words] == ["๗๓.๓๓"]


def test_a_thai_letter_that_is_no_digit_stays():
    font = _font(44)
    image = Image.new("L", (400, 90), 255)
    ImageDraw.Draw(image).text((20, 15), "๓๐ น", font=font, fill=0)
    ink = np.argwhere(np.asarray(image) < 140)
    (top, left), (bottom, right) = ink.min(axis=0), ink.max(axis=0)
    cut = int(left + (right - left) * 0.55)
    words = [
        ocr._Word("๓๐", 90.0, 0, 0, left, cut, (0, 0, 1), 0, (left, top, cut, bottom)),
        ocr._Word("น", 90.0, 0, 0, cut + 15, right, (0, 0, 1), 1, (cut + 15, top, right, bottom)),
    ]
    ocr._reread_digits(image, words)
    assert [w.text for w in words] == ["๓๐", "น"]


@pytest.mark.parametrize("spaced", ["(๑ )", "( ๑)", "( ๑ )"])
def test_a_numbering_keeps_no_space_inside_its_brackets(spaced):
    assert ocr._clean(f"{spaced} การบริหารทรัพย์สิน").startswith("(๑) การบริหาร")


def test_a_misread_year_after_the_word_budget_is_the_fiscal_year():
    assert fix_years("ตลอดปีงบประมาณ\n๒๕๒๐๓", 2567) == "ตลอดปีงบประมาณ\n๒๕๖๗"
    assert fix_years("ปีงบประมาณ พ.ศ. 2510", 2567) == "ปีงบประมาณ พ.ศ. 2567"
    assert fix_years("ปีงบประมาณ พ.ศ. ๒๕๖๖", 2567) == "ปีงบประมาณ พ.ศ. ๒๕๖๖"  # last year's


def test_an_english_word_wrapped_onto_its_own_line_stays():
    words = [_word("(Internal", 0, 0), _word("Integrity", 1, 50)]
    words += [_word("and", 2, 0, line=2), _word("Transparency", 3, 0, line=3)]
    ocr._drop_stray_latin(words)
    assert [w.text for w in words] == ["(Internal", "Integrity", "and", "Transparency"]
    words = [_word("การ", 0, 0), _word("ea", 1, 0, line=2), _word("ทุจริต", 2, 0, line=3)]
    ocr._drop_stray_latin(words)
    assert [w.text for w in words] == ["การ", "ทุจริต"]


def test_a_short_line_of_small_letters_is_kept_when_it_is_an_abbreviation_or_digits():
    def line(texts, n, top, bottom):
        return [_word(t, n * 10 + i, 50 * i, line=n, box=(50 * i, top, 50 * i + 40, bottom))
                for i, t in enumerate(texts)]  # fmt: skip

    words = line(["ระยะเวลา", "ดำเนินการ", "ตลอดปี"], 1, 0, 30) + line(["ต.ค."], 2, 40, 56)
    words += (
        line(["๖๖"], 5, 40, 56)
        + line(["ขุ", "ง"], 3, 60, 68)
        + line(["งบประมาณ", "ที่ได้", "รับ"], 4, 80, 110)
    )
    kept = {w.text for w in ocr._without_marks(words)}
    assert {"ต.ค.", "๖๖"} <= kept
    assert not {"ขุ", "ง"} & kept


def test_latin_that_is_no_english_is_counted():
    assert ocr_choice.latin_junk("A.A. ๒๕ -") == 2  # ต.ค. read by the English model
    assert ocr_choice.latin_junk("ร้อยละ cro. ของ") == 3
    assert ocr_choice.latin_junk("ระบบ E-Service ของ ITA (Integrity and Transparency)") == 0


@pytest.mark.skipif(not ocr.ocr_available(), reason="needs tesseract-ocr-tha + tesserocr")
def test_a_kept_reading_is_tesseracts_and_is_used_again_without_it(tmp_path, monkeypatch):
    image = Image.new("L", (520, 90), 255)
    ImageDraw.Draw(image).text((20, 15), "การประเมิน ๒๕๖๘", font=_font(40), fill=0)
    fresh = ocr._recognize(image, psm=6)
    monkeypatch.setenv("PRONGSAI_OCR_CACHE", str(tmp_path))
    kept = ocr._recognize(image, psm=6)
    assert [w.text for w in kept] == [w.text for w in fresh] and fresh
    assert len(list(tmp_path.iterdir())) == 1

    def no_tesseract(*_args, **_kwargs):
        raise AssertionError("Tesseract asked again")

    monkeypatch.setattr(ocr, "_engine", no_tesseract)
    again = ocr._recognize(image, psm=6)
    assert [(w.text, w.conf, w.left, w.line) for w in again] == [
        (w.text, w.conf, w.left, w.line) for w in fresh
    ]
    other = image.rotate(1, fillcolor=255)
    with pytest.raises(AssertionError, match="asked again"):
        ocr._recognize(other, psm=6)  # another image is no kept reading
