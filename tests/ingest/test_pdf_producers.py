"""PDFs from other producers (LibreOffice in each Thai font) and Word text boxes: the repairs of
what their text layers and cells get wrong, the PDFium-only fast path, and fuzzing of both.

The LibreOffice files are the corpus's own (tests/fixtures/corpus/libreoffice.py, built on first
use and cached); their field accuracy is checked with the rest in test_corpus.py.
"""

import io
import re

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prongsai.ingest.blocks import Paragraph, Table
from prongsai.ingest.docx_reader import read_docx
from prongsai.ingest.kpi import read_kpi
from prongsai.ingest.pdf_reader import _fast_reading, _marks_home, read_pdf
from prongsai.ingest.thai_text import invalid_count, repair_text_layer
from prongsai.ingest.units import split_units
from tests.fixtures.corpus import libreoffice
from tests.fixtures.corpus.build import BUILD, build
from tests.ingest.test_fuzz import read_or_refuse

WORDS = ("ดำเนินการ", "ประจำปี", "คำร้อง", "เว็บไซต์", "จัดทำ", "สำนักปลัด", "กำหนด", "เพื่อ")
FUZZ = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def lo_files():
    manifest = build(quiet=True)
    return {
        m["format"]: (BUILD / m["file"]).read_bytes()
        for m in manifest
        if m["format"] in libreoffice.FORMATS and not m["held_back"]
    }


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))
def test_am_read_with_its_aa_twice_is_repaired(words):
    text = "".join(words)
    doubled = text.replace("\u0e33", "\u0e33\u0e32")
    if doubled != text:
        assert invalid_count(doubled) > 0
    assert repair_text_layer(doubled) == text
    assert invalid_count(text) == 0


@given(st.sampled_from(WORDS), st.integers(0, 8))
def test_a_wrap_after_a_leading_vowel_is_joined(word, at):
    positions = [k + 1 for k, c in enumerate(word) if c in "เแโใไ" and k + 1 < len(word)]
    if not positions:
        return
    cut = positions[at % len(positions)]
    assert repair_text_layer(word[:cut] + " " + word[cut:]) == word


def test_a_mark_past_the_column_rule_goes_back_to_its_letter():
    over = lambda k: True  # noqa: E731 — the mark's glyph lies across the rule
    assert _marks_home(("หน้าท", "\u0e35\u0e48 กองช่าง"), over) == ("หน้าที่", "กองช่าง")
    # PDFium finds the vowel in both cells: it is kept once
    assert _marks_home(("หน้าที", "\u0e35\u0e48 กองช่าง"), over) == ("หน้าที่", "กองช่าง")
    assert _marks_home(("", "\u0e48x"), over) == ("", "\u0e48x")
    # a cell that starts with a mark drawn inside it (a word cut at a page break) keeps it
    inside = lambda k: False  # noqa: E731
    assert _marks_home(("ประจำป", "\u0e35การ"), inside) == ("ประจำป", "\u0e35การ")


def test_the_libreoffice_plan_reads_the_mark_past_its_rule(lo_files):
    """c111 (HTML → LibreOffice): the ี่ of หน้าที่ is drawn across the column rule; it is read
    in its own cell, not at the start of the next one."""
    cells = [cell for t in read_pdf((BUILD / "c111.pdf").read_bytes()).tables for r in t.rows
             for cell in r]  # fmt: skip
    assert any(cell.endswith("หน้าที่") for cell in cells)
    assert not any(re.search("(?:^|\\s)[\u0e35\u0e48]", cell) for cell in cells)


def test_a_unit_name_cut_by_a_line_wrap_is_one_unit():
    assert split_units("สำนัก ปลัด") == ["สำนักปลัด"]
    assert split_units("กองคลัง สำนักปลัด") == ["กองคลัง", "สำนักปลัด"]


def test_kpi_phrases_cut_inside_their_words():
    kpi, _ = read_kpi("มีผู้เข้าร่วม ๕๗ คน คิดเป็นร้อ ยละ ๘๑.๔๓ ของกลุ่มเป้า หมาย ๗๐ คน")
    assert (kpi.target, kpi.actual, str(kpi.percent)) == (70, 57, "81.43")


def test_libreoffice_pdfs_take_the_fast_path_with_their_tables(lo_files):
    for fmt in ("pdf-lo-docx", "pdf-lo-html"):
        blocks = _fast_reading(lo_files[fmt])
        assert blocks is not None, fmt
        tables = [b for b in blocks if isinstance(b, Table)]
        assert tables and max(len(t.rows[0]) for t in tables) >= 4, fmt
        assert invalid_count("\n".join(b.text for b in blocks if isinstance(b, Paragraph))) == 0
        assert read_pdf(lo_files[fmt]).blocks == tuple(blocks)


def _docx_with_box(lines: list[str]) -> bytes:
    document = docx.Document()
    anchor = document.add_paragraph()
    anchor._p.append(libreoffice._text_box_run(lines, "Garuda"))
    document.add_paragraph("ตามที่ หน่วยงานได้ดำเนินการ ดังนี้")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_text_box_is_read_once_line_by_line():
    lines = ["รายงานผลการดำเนินการ ประจำปีงบประมาณ พ.ศ. ๒๕๖๗", "องค์การบริหารส่วนตำบลโคกสูง"]
    blocks = read_docx(_docx_with_box(lines)).blocks
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert texts == [*lines, "ตามที่ หน่วยงานได้ดำเนินการ ดังนี้"]


def test_the_corpus_text_box_document_names_its_agency():
    manifest = build(quiet=True)
    entry = next(m for m in manifest if m["format"] == "docx-textbox" and not m["held_back"])
    blocks = read_docx((BUILD / entry["file"]).read_bytes()).blocks
    first = [b.text for b in blocks[:4] if isinstance(b, Paragraph)]
    assert any(t.startswith(("องค์การบริหารส่วนตำบล", "เทศบาล")) for t in first), first


@FUZZ
@given(st.data())
def test_mutated_libreoffice_pdfs_and_text_box_docx(lo_files, data):
    from tests.ingest.test_fuzz import mutated

    fmt = data.draw(st.sampled_from(sorted(lo_files)))
    ext = "docx" if fmt.startswith("docx") else "pdf"
    read_or_refuse(data.draw(mutated(lo_files[fmt])), f"fuzz.{ext}")


def test_stray_glyph_tone_marks_are_put_back_by_the_dictionary():
    from prongsai.ingest.thai_text import repair_stray_glyphs

    # WeasyPrint with Laksaman: the nikhahit and the raised tone named with Latin letters
    text = repair_text_layer(repair_stray_glyphs("ตĺาบลวังนĺĶาเย็น ดังนีķ"))
    assert text == "ตำบลวังน้ำเย็น ดังนี้"
    assert invalid_count(text) == 0


def test_a_mark_written_apart_at_the_line_end_goes_back():
    from prongsai.ingest.thai_text import repair_stray_tones

    assert repair_stray_tones("แผนผัง\nขันตอนการ ้\nให้บริการ") == "แผนผัง\nขั้นตอนการ\nให้บริการ"
    assert repair_stray_tones("บุคลากรมีความ\nร้ความเข้าใจ ู") == "บุคลากรมีความ\nรู้ความเข้าใจ"
    assert repair_stray_tones("สิ ่ง") == "สิ ่ง"  # a mark before a letter: not this repair
    # a line that starts with the vowel of its first letter (LibreOffice wrote ู before ผ)
    assert repair_stray_tones("อุปสรรค\nูผ้เข้าร่วม") == "อุปสรรค\nผู้เข้าร่วม"
    # … but a vowel cut off the last letter of the line before stays for it
    assert repair_stray_tones("ส่วนเส\nียภายใน") == "ส่วนเส\nียภายใน"


def test_the_dictionary_pass_keeps_valid_words():
    from prongsai.ingest.thai_text import repair_confused_marks

    assert repair_confused_marks("องค์การบริหารส่วนตำบลท่าช้าง") == "องค์การบริหารส่วนตำบลท่าช้าง"
    assert repair_confused_marks("กอง สาธารณสุ ขและสิ่ง") == "กอง สาธารณสุ ขและสิ่ง"
    assert repair_confused_marks("อำเภอบางปลาม้า") == "อำเภอบางปลาม้า"
    assert repair_confused_marks("บริการออนไลน์แกูประชาชน") == "บริการออนไลน์แก่ประชาชน"
    assert repair_confused_marks("การเปิดเผยข้อมุลการใช้จ่าย") == "การเปิดเผยข้อมูลการใช้จ่าย"
    assert repair_text_layer("ของผูู้มีส่วนได้") == "ของผู้มีส่วนได้"
