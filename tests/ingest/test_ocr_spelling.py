"""The spelling model of OCR'd Thai (``ocr_spelling``): marks and look-alike letters Tesseract
misread put right where the words they make are clearly likelier, correct Thai left as it is."""

from __future__ import annotations

import pytest

from prongsai.ingest.cleanup import join_cut_words
from prongsai.ingest.ocr_spelling import correct_line, correct_run, segment, skeleton
from prongsai.ingest.ocr_words import _PLACE

from .conftest import SEEDS


def test_a_skeleton_has_no_marks_and_one_letter_per_look_alike_group():
    assert skeleton("เชื่อมั่น") == skeleton("เชื่อมัน") == skeleton("เชอมน")
    assert skeleton("ความรู้") == skeleton("ความวู้")
    assert skeleton("น้ำ") == skeleton("น้า")
    assert skeleton("มี") != skeleton("มา")


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("ความเชื่อมันจากประชาชน", "ความเชื่อมั่นจากประชาชน"),  # one long word beats two
        ("เป็นมาตรฐานเดยวกน", "เป็นมาตรฐานเดียวกัน"),  # two marks dropped from one word
        ("จัดอบรมให้ความวู้เรื่อง", "จัดอบรมให้ความรู้เรื่อง"),  # ร read as ว
        ("รับพังความคิดเห็น", "รับฟังความคิดเห็น"),  # ฟ read as พ
        ("รายงานผลการจัดซื่อจัดจ้าง", "รายงานผลการจัดซื้อจัดจ้าง"),  # a tone mark swapped
        ("หน่วยงานมภาพลักษณ์ที่โปร่งใส", "หน่วยงานมีภาพลักษณ์ที่โปร่งใส"),  # a letter left bare
        ("กองการศกษา", "กองการศึกษา"),
        ("การเปบิดเผยข้อมูล", "การเปิดเผยข้อมูล"),  # a letter read in a vowel's stroke
    ],
)
def test_a_misread_mark_or_look_alike_letter_is_put_right(read, meant):
    assert correct_run(read) == meant


def test_the_cheapest_reading_keeps_what_was_read_beside_the_word_put_right():
    cost, pieces = segment("กองการศกษา")
    assert pieces == [("กอง", "กอง"), ("การศกษา", "การศึกษา")]
    assert cost < segment("กองการศึกษา")[0] + 2 * 4.5 + 1e-9  # the reading pays for the mark


@pytest.mark.parametrize(
    "right",
    [
        "แก้ไขปัญหาความเดือดร้อนของประชาชน",
        "ผู้บริหารท้องถิ่นให้ความสำคัญ",
        "ไม่รับของขวัญและของกำนัลทุกชนิด",
        "ม้าแข่ง",  # a horse is a horse: ม้า is a word in its own right
        "ขก",  # an abbreviation's letters are as read: no look-alike in words this short
        "ต้องมีการพัฒนา",  # a letter and its vowel are never taken away for a longer word
    ],
)
def test_correct_thai_is_left_as_it_is(right):
    assert correct_run(right) == right


def test_lines_naming_places_and_abbreviations_are_left_to_others():
    assert correct_line("เทศบาลตำบลทำศาลา") == "เทศบาลตำบลทำศาลา"  # ocr_places reads it
    assert correct_line("วันที่ ๑ มิ.ย. ๒๕๖๗") == "วันที่ ๑ มิ.ย. ๒๕๖๗"
    assert correct_line("เรียน นายกทต .หัวหิน") == "เรียน นายกทต .หัวหิน"  # a space before the dot
    assert correct_line("ที่ ขก ๐๐๒๓") == "ที่ ขก ๐๐๒๓"  # bare letters: an abbreviation
    assert correct_line("ABC 12 กองการศกษา") == "ABC 12 กองการศึกษา"


def test_the_seeds_correct_text_comes_out_unchanged():
    """Every line of the five real reports (as the OCR reader sees a line: cut words joined
    first) goes through the model as it is: correct Thai is not made wrong."""
    changed, lines = [], 0
    for seed in SEEDS:
        for line in seed.read_text(encoding="utf-8").splitlines():
            line = join_cut_words(line)
            if not line.strip() or _PLACE.search(line):
                continue
            lines += 1
            if (new := correct_line(line)) != line:
                changed.append((line, new))
    assert lines > 200
    assert changed == []


def test_the_seeds_correct_text_comes_out_unchanged_across_its_line_breaks():
    from prongsai.ingest.ocr_spelling import correct_lines

    for seed in SEEDS:
        text = "\n".join(join_cut_words(line) for line in seed.read_text("utf-8").splitlines())
        pairs = zip(text.split("\n"), correct_lines(text).split("\n"), strict=True)
        assert [(old, new) for old, new in pairs if old != new] == []


def test_a_word_a_wrap_cut_in_two_is_put_right_across_the_wrap():
    from prongsai.ingest.ocr_spelling import correct_lines

    assert correct_lines("ได้รับความเชื่อ\nมันจากประชาชน") == "ได้รับความเชื่อมั่น\nจากประชาชน"
    assert correct_lines("การให้บริการ\nมีความรวดเร็ว") == "การให้บริการ\nมีความรวดเร็ว"
    assert correct_lines("เทศบาลตำบลดอน\nแก้ว") == "เทศบาลตำบลดอน\nแก้ว"  # places: ocr_places
