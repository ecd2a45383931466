"""Structural losses of the scan reader: a line Tesseract reads out of another line's marks left
out, a step's or a title's number that lost its dot still taken for the number (in scans only),
and a Thai word the English model took over read again with the Thai model."""

from __future__ import annotations

from PIL import Image

from prongsai.ingest import ocr
from prongsai.ingest.numbering import leading_number, split_steps

# --- a line read out of another line's marks ----------------------------------------------------


def _line(text: str, line: int, top: int, bottom: int, conf: float = 90.0) -> list[ocr._Word]:
    """One Tesseract line: its text cut into pieces of two letters, side by side."""
    pieces = [text[i : i + 2] for i in range(0, len(text), 2)]
    return [
        ocr._Word(piece, conf, 30 * i + 10, (top + bottom) / 2, 30 * i, 30 * i + 20,
                  (0, 0, line), 10 * line + i, (30 * i, top, 30 * i + 20, bottom))
        for i, piece in enumerate(pieces)
    ]  # fmt: skip


def test_a_short_line_inside_the_marks_over_the_next_line_is_left_out():
    # as Tesseract read a cell: "เร" at 270–300 is the marks of "เว็บไซต์ของ" (277–327)
    words = _line("เผยแพร่ทาง", 1, 216, 263) + _line("เร", 2, 270, 300, conf=70)
    words += _line("เว็บไซต์ของ", 3, 277, 327) + _line("หน่วยงาน", 4, 344, 392)
    text, _ = ocr._text(words)
    assert text.split("\n") == ["เผยแพร่ทาง", "เว็บไซต์ของ", "หน่วยงาน"]


def test_a_short_line_inside_the_marks_under_the_line_above_is_left_out():
    words = _line("ผู้บริหารเพื่อ", 1, 100, 150) + _line("ฆฑ", 2, 125, 155)
    words += _line("ทราบ", 3, 170, 220)
    text, _ = ocr._text(words)
    assert text.split("\n") == ["ผู้บริหารเพื่อ", "ทราบ"]


def test_a_short_line_of_its_own_is_kept_however_close_the_lines():
    # a wrapped last word: a line's height under the line above, however short it is
    words = _line("ได้ดำเนินการแล้ว", 1, 100, 150) + _line("คน", 2, 148, 196)
    text, _ = ocr._text(words)
    assert text.split("\n") == ["ได้ดำเนินการแล้ว", "คน"]


def test_two_lines_at_one_height_are_both_kept():
    # two words of one line of print that Tesseract made two lines: the same middle
    words = _line("ประชาสัมพันธ์", 1, 100, 150) + _line("ทุกคน", 2, 102, 148)
    text, _ = ocr._text(words)
    assert "ทุกคน" in text and "ประชาสัมพันธ์" in text


def test_no_line_is_left_out_of_a_cell_of_long_lines():
    words = _line("ประกาศเจตนารมณ์ของผู้บริหาร", 1, 100, 150)
    words += _line("ต่อต้านการทุจริตทุกรูปแบบ", 2, 125, 175)  # lines set close together
    text, _ = ocr._text(words)
    assert len(text.split("\n")) == 2


# --- numbers that lost their dot ------------------------------------------------------------------


def test_a_first_step_without_its_dot_is_a_step_in_a_scan():
    cell = "๑ จัดทำ\nแผนการใช้จ่าย\nงบประมาณ\n๒. เผยแพร่\nแผนการใช้จ่าย"
    assert split_steps(cell, scanned=True) == [
        "จัดทำ แผนการใช้จ่าย งบประมาณ",
        "เผยแพร่ แผนการใช้จ่าย",
    ]
    assert len(split_steps(cell)) == 1  # a text's own words are as they were written


def test_steps_whose_first_number_is_misread_are_steps_in_a_scan():
    cell = "๖. ประกาศนโยบาย\n๒. จัดทำคู่มือ\n๓. เผยแพร่ช่องทาง"
    assert split_steps(cell, scanned=True) == ["ประกาศนโยบาย", "จัดทำคู่มือ", "เผยแพร่ช่องทาง"]
    assert split_steps(cell) == ["ประกาศนโยบาย ๒. จัดทำคู่มือ ๓. เผยแพร่ช่องทาง"]


def test_a_number_before_words_is_no_step_out_of_sequence():
    assert split_steps("๕ คน\nเข้าร่วมกิจกรรม", scanned=True) == ["๕ คน เข้าร่วมกิจกรรม"]
    # a count at a line's start that does not follow the steps' sequence stays in its step
    assert split_steps("๑. จัดอบรม\n๕ ครั้ง\n๒. ประเมินผล", scanned=True) == [
        "จัดอบรม ๕ ครั้ง",
        "ประเมินผล",
    ]


def test_a_titles_number_with_half_its_brackets_or_no_dot_is_its_number_in_a_scan():
    assert leading_number("(2 การส่งเสริม\nคุณธรรม", scanned=True) == (2, "การส่งเสริม\nคุณธรรม")
    assert leading_number("๔ การจัดซื้อจัดจ้าง", scanned=True) == (4, "การจัดซื้อจัดจ้าง")
    assert leading_number("๔การจัดซื้อจัดจ้าง", scanned=True) == (4, "การจัดซื้อจัดจ้าง")
    assert leading_number("๔ การจัดซื้อจัดจ้าง") == (None, "๔ การจัดซื้อจัดจ้าง")
    assert leading_number("การจัดซื้อ ๒ ครั้ง", scanned=True) == (None, "การจัดซื้อ ๒ ครั้ง")


# --- a Thai word the English model took over ------------------------------------------------------


def test_a_cell_that_lost_a_word_read_as_latin_is_read_again_with_thai_alone(monkeypatch):
    def tesseract(image, *, psm, scale, langs):
        last = "ทราบผล" if langs == "tha" else "nsw"  # Latin amid Thai: left out as a mark
        words = [("ผู้บริหาร", 93.0, (0, 0, 90, 20)), ("เพื่อ", 93.0, (100, 0, 150, 20))]
        words += [(last, 90.0, (160, 0, 200, 20)), ("มีผู้เข้า", 90.0, (210, 0, 290, 20))]
        s = scale
        return [("", -1.0, None, True)] + [
            (t, c, (a * s, b * s, x * s, y * s), False) for t, c, (a, b, x, y) in words
        ]

    monkeypatch.setattr(ocr, "_tesseract", tesseract)
    words = ocr._recognize(Image.new("L", (320, 40), 255), psm=6)
    assert words.dropped_latin == 1 and "nsw" not in [w.text for w in words]
    text, _ = ocr._read_cell(Image.new("L", (320, 40), 255), (6, 6, 314, 34))
    assert "ทราบผล" in text


def test_a_speck_read_as_latin_costs_no_third_reading(monkeypatch):
    langs_read = []

    def tesseract(image, *, psm, scale, langs):
        langs_read.append(langs)
        words = [("ผู้บริหาร", 93.0, (0, 0, 90, 20)), ("ea", 40.0, (100, 0, 110, 20))]
        return [("", -1.0, None, True)] + [(t, c, b, False) for t, c, b in words]

    monkeypatch.setattr(ocr, "_tesseract", tesseract)
    text, _ = ocr._read_cell(Image.new("L", (320, 40), 255), (6, 6, 314, 34))
    assert text == "ผู้บริหาร" and "tha" not in langs_read


# --- the round from a misread title --------------------------------------------------------------


def _round(*paragraphs: str, fiscal_year: int = 2567) -> str | None:
    from prongsai.ingest.about import round_of_document
    from prongsai.ingest.blocks import Document, Paragraph

    document = Document(tuple(Paragraph(p) for p in paragraphs), "scan")
    return round_of_document(document, fiscal_year)


def test_a_round_whose_number_is_lost_is_read_from_its_last_month():
    title = "รายงานผลการดำเนินการตามมาตรการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"
    assert _round(title, "รอบเดือน (A.A.- มี.ค.)") == "6m"
    assert _round(title, "รอบเดือน (A.A.- ก.ย.)") == "12m"
    assert _round(title, "รอบเดือน") is None  # nothing says which


def test_a_round_whose_months_are_misread_is_read_from_what_is_left_of_them():
    assert _round("รายงานผลการดำเนินการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ (ตุลาคม",
                  "๒๕๖๔ - กันยาย ๒๕๖๕)", fiscal_year=2565) == "12m"  # fmt: skip
    assert _round("รายงานผลการดำเนินการ ประจำปีงบประมาณ",
                  "พ.ศ. ๒๕๖๗ (AIAN ๒๕๖๖ - กันยายน ๒๕๖๗\nเทศบาลตำบล") == "12m"  # fmt: skip


def test_a_round_after_the_titles_year_without_its_word_is_the_round():
    assert _round("รายงานผลการดำเนินการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ ๑๒", "เดือน") == "12m"
    assert _round("รายงานผลการดำเนินการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗", "หน่วยงาน") is None
