"""Each seed's data, through the demo, makes a document of its kind in every format."""

from __future__ import annotations

import io
import json
from datetime import datetime

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from prongsai.agencies.models import Agency
from prongsai.documents import blocks
from prongsai.documents.builders import DocumentError, build
from prongsai.documents.office import render_docx, render_xlsx
from prongsai.documents.render import render_pdf
from prongsai.measures.models import Memo
from tests.conftest import FIXTURES

from .pdfcheck import (
    assert_text_in_order,
    mid_word_breaks,
    missing_glyphs,
    normal,
    pdffonts,
    pdfinfo,
    pdftotext,
    protected_breaks,
    row_fragments,
)

# seed → (agency, kind, fiscal year): the document of the same kind as the seed
SEEDS = {
    "000": ("องค์การบริหารส่วนตำบลท่ากระเสริม", "progress", 2565),
    "001": ("เทศบาลตำบลขามทะเลสอ", "progress", 2568),
    "002": ("องค์การบริหารส่วนตำบลนาวังหิน", "progress-by-tool", 2567),
    "003": ("เทศบาลตำบลพนมทวน", "analysis", 2566),
    "004": ("องค์การบริหารส่วนตำบลปากช่อง", "progress", 2567),
}


def expected(seed: str) -> dict:
    return json.loads(next((FIXTURES / "expected").glob(f"{seed}_*.json")).read_text())


def document_of(seed: str, digits: str = "thai") -> dict:
    name, kind, year = SEEDS[seed]
    return build(kind, Agency.objects.get(name=name), year, digits=digits)


@pytest.mark.django_db
@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_the_document_carries_everything_the_seed_says(demo, seed):
    document = document_of(seed)
    text = normal(" ".join(blocks.texts(document)))
    data = expected(seed)
    assert normal(data["agency"]["name"]) in text
    for measure in data["measures"]:
        for key in ("title", "result", "outcome", "suggestion"):
            if measure.get(key) and not (seed == "002" and key == "title"):
                assert normal(measure[key]) in text, (key, measure[key][:60])
        for method in measure["methods"]:
            assert normal(method) in text
        for unit in measure.get("responsible") or []:
            assert normal(unit) in text
    if data.get("overall_score") is not None:
        score = data["overall_score"]
        assert normal(str(score.get("stated") if isinstance(score, dict) else score)) in text
    for code, score in (data.get("question_scores") or {}).items():
        assert normal(f"ข้อ {code}") in text
        assert f"{float(score):.2f}" in text
    if seed == "000":  # the memo before the table, with every signer (seed 000)
        memo = Memo.objects.get(agency__name=SEEDS[seed][0])
        for key in ("reference", "subject", "addressee", "background", "facts", "consideration"):
            assert normal(getattr(memo, key)) in text, key
        assert "ที่ขก80501/324" in text
        # signed on paper, imported: every signer as printed, and the record line
        assert memo.status == "paper" and len(memo.paper_signatures) == 5
        for sig in memo.paper_signatures:
            assert normal(sig["name"]) in text
            assert normal(sig["position"]) in text
            assert normal(sig["comment"]) in text
        assert normal("ลงนามในเอกสารกระดาษ นำเข้าโดย ระบบ เมื่อ") in text


@pytest.mark.django_db
@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_pdf_fonts_text_order_and_line_breaks(demo, seed, tmp_path):
    document = document_of(seed)
    pdf = render_pdf(document)

    fonts = pdffonts(pdf, tmp_path)
    assert fonts, "no fonts in the PDF"
    for row in fonts:
        # no fallback font: every glyph came from Laksaman, and the font is named so
        assert row[0].split("+")[1] in ("Laksaman", "Laksaman-Bold"), row
        assert row[-5:-2] == ["yes", "yes", "yes"], row  # embedded, subset, ToUnicode
    assert missing_glyphs(document) == set()

    info = pdfinfo(pdf, tmp_path)
    assert info["Tagged"] == "yes"  # PDF/UA-1: a structure tree for screen readers
    assert info["Author"] == document["agency"] and info["Title"] == document["title"]
    assert info["CreationDate"] and info["Subject"]
    text = pdftotext(pdf, tmp_path, "-raw")  # the exact Thai text layer, in the tagged mode
    assert "\u200b" not in text and "\u2060" not in text
    assert_text_in_order(document, text)
    assert mid_word_breaks(text, document) == []
    assert protected_breaks(text, document) == []  # names, dates, abbreviations kept whole
    assert "- ๑ -" not in text  # page 1 has no number (ระเบียบงานสารบรรณ)
    assert "- ๒ -" in text  # the others have, in Thai digits


@pytest.mark.django_db
def test_the_line_break_check_finds_pango_breaking_inside_words(demo, tmp_path, monkeypatch):
    """Without the word segmentation, Pango breaks inside words and names ("อบต.ปาก⏎ช่อง",
    "๓๐⏎ก.ย. ๖๗" in seed 004), and the checks see it."""
    from prongsai.documents import render

    monkeypatch.setattr(render, "wrap_html", render.plain_html)
    document = document_of("004")
    text = pdftotext(render_pdf(document), tmp_path, "-raw")
    assert mid_word_breaks(text, document) != []
    assert protected_breaks(text, document) != []


@pytest.mark.django_db
@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_docx_and_xlsx_give_back_the_tables(demo, seed):
    document = document_of(seed)
    tables = blocks.tables(document)

    docx = Document(io.BytesIO(render_docx(document)))
    assert len(docx.tables) == len(tables)
    for table, block in zip(docx.tables, tables, strict=True):
        got = [[cell.text for cell in row.cells] for row in table.rows]
        assert got == [block["columns"], *block["rows"]]
        header = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
        assert header is not None  # repeated on every page
    fonts = docx.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts"))
    assert fonts.get(qn("w:cs")) == fonts.get(qn("w:ascii")) == "TH SarabunPSK"
    assert fonts.get(qn("w:cstheme")) is None
    size = docx.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:szCs"))
    assert size.get(qn("w:val")) == "32"
    if any(t["landscape"] for t in tables):
        assert any(s.page_width > s.page_height for s in docx.sections)
    assert all(round(min(s.page_width, s.page_height).cm, 1) == 21.0 for s in docx.sections)

    workbook = load_workbook(io.BytesIO(render_xlsx(document)))
    assert len(workbook.sheetnames) == len(tables)
    for sheet, block in zip(workbook.worksheets, tables, strict=True):
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        header = rows.index(block["columns"])
        assert rows[0][0] == document["title"] and rows[1][0] == document["agency"]
        assert sheet.print_title_rows == f"${header + 1}:${header + 1}"  # repeated when printed
        above = None
        for got, want in zip(rows[header + 1 :], block["rows"], strict=True):
            want = [want[0] or above, *want[1:]]  # the first column filled down
            above = want[0]
            assert [_as_text(value, text) for value, text in zip(got, want, strict=True)] == want


@pytest.mark.django_db
def test_thai_digits_by_default_arabic_on_request(demo):
    thai = " ".join(blocks.texts(document_of("003")))
    arabic = " ".join(blocks.texts(document_of("003", digits="arabic")))
    assert "๘๐.๔๒" in thai and "80.42" not in thai
    assert "80.42" in arabic and "๘๐.๔๒" not in arabic
    assert "ข้อ i1" in thai  # question codes keep their Latin form


@pytest.mark.django_db
def test_clear_thai_errors(demo):
    agency = Agency.objects.get(name="องค์การบริหารส่วนตำบลท่ากระเสริม")
    with pytest.raises(DocumentError, match="ยังไม่มีแผนมาตรการปีงบประมาณ 2570"):
        build("plan", agency, 2570)
    with pytest.raises(DocumentError, match="ยังไม่มีผลการดำเนินงานรอบ 12 เดือน"):
        build("progress", agency, 2565, "12m")
    with pytest.raises(DocumentError, match="ยังไม่มีการวิเคราะห์"):
        build("analysis", agency, 2565)
    with pytest.raises(DocumentError, match="ไม่มีเอกสารชนิด"):
        build("letter", agency, 2565)


def test_a_long_table_repeats_its_header_on_every_page(tmp_path):
    cell = "ดำเนินการประชาสัมพันธ์ให้ประชาชนรับทราบผ่านช่องทางต่าง ๆ ของหน่วยงาน ประจำปีงบประมาณ " * 3
    rows = [[f"{n}. มาตรการที่ {n}", f"{cell} ข้อ {n}", "สำนักปลัด", "ต.ค. ๖๗ – ก.ย. ๖๘"]
            for n in range(1, 61)]  # fmt: skip
    columns = ["มาตรการ/แนวทาง", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา"]
    document = {
        "kind": "plan", "title": "ทดสอบ", "digits": "thai", "round": None,
        "blocks": [blocks.title("แผนทดสอบ"), blocks.table("", columns, rows, [2, 5, 2, 2],
                                                          landscape=True)],
    }  # fmt: skip
    pdf = render_pdf(document)
    pages = pdftotext(pdf, tmp_path, "-raw").split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) >= 4
    for page in pages:
        assert "".join(columns) in "".join(page.split()), page[:200]
    assert_text_in_order(document, "\f".join(pages))


@pytest.mark.django_db
def test_a_docx_that_starts_with_a_wide_table_has_no_empty_first_page(demo):
    docx = Document(io.BytesIO(render_docx(document_of("002"))))
    assert len(docx.sections) == 1
    assert docx.sections[0].page_width > docx.sections[0].page_height


@pytest.mark.django_db
def test_seed_003s_steps_reach_the_measures_and_part_2(demo, tmp_path):
    """Part 2 of seed 003 gives each measure its steps (ขั้นตอน/วิธีปฏิบัติ) beside its methods:
    the importer keeps them, the analysis report shows them in their own column."""
    from prongsai.measures.models import Measure

    first = Measure.objects.get(plan__agency__name=SEEDS["003"][0], number=1)
    assert any("แจ้งเวียนให้บุคลากรภายในให้รับทราบ" in step for step in first.steps)
    assert any("จัดประชุมเพื่อสร้างกระบวนการปฏิบัติงาน" in step for step in first.steps)
    assert not any(step.startswith("รายละเอียด") for step in first.steps)  # a lead-in, no step
    document = document_of("003", digits="arabic")
    (part_2,) = [t for t in blocks.tables(document) if t["caption"].startswith("การนำผล")]
    assert part_2["columns"][3] == "ขั้นตอน/วิธีปฏิบัติ"
    assert "แจ้งเวียนให้บุคลากรภายในให้รับทราบ" in part_2["rows"][0][3]
    text = normal(pdftotext(render_pdf(document), tmp_path))
    assert normal("แจ้งเวียนให้บุคลากรภายในให้รับทราบ") in text


@pytest.mark.django_db
@pytest.mark.parametrize("seed", ["000", "003"])
def test_a_document_is_thai_whatever_the_readers_language(demo, seed):
    """Built while an English page is being served (the language of the request is active),
    a document still says ปรับปรุงให้ดีขึ้น, อนุมัติ… in Thai: the same content, the same hash."""
    from django.utils import translation

    from prongsai.documents.services import content_hash

    thai = document_of(seed)
    with translation.override("en"):
        english_reader = document_of(seed)
    assert content_hash(english_reader) == content_hash(thai)


def _words(page) -> list[dict]:
    return page.extract_words(extra_attrs=["size"], keep_blank_chars=False)


@pytest.mark.django_db
def test_seed_000s_memo_is_in_the_official_form(demo, tmp_path):
    """แบบที่ ๒๙: บันทึกข้อความ at 29 pt and the head's labels at 20 pt (TH Sarabun sizes, so
    ÷ 1.5042 in Laksaman), ที่ and วันที่ on one line, page 1 without a number and "- ๒ -" at
    the top of page 2, the continuation cue at the foot of page 1, the chain as it was signed:
    each step's own label, nothing said where nothing was (no invented เห็นชอบ)."""
    import pdfplumber

    document = document_of("000")
    pdf = render_pdf(document)
    text = pdftotext(pdf, tmp_path, "-raw")
    assert "เห็นชอบ" not in text
    for label in ("ความเห็นหัวหน้าสำนักปลัด", "ความเห็นรองปลัดฯ", "ความเห็นปลัดฯ",
                  "ข้อสั่งการ นายก อบต."):  # fmt: skip
        assert label in text, label
    assert "จึงเรียนมาเพื่อโปรดทราบและพิจารณา" in text
    assert "สิ่งที่ส่งมาด้วย รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรม" in " ".join(text.split())
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        first, second = doc.pages[0], doc.pages[1]
        words = {w["text"]: w for w in _words(first)}
        assert round(words["บันทึกข้อความ"]["size"], 1) == round(29 / 1.5042, 1)
        for label in ("ส่วนราชการ", "ที่", "วันที่", "เรื่อง"):
            assert round(words[label]["size"], 1) == round(20 / 1.5042, 1), label
        assert abs(words["ที่"]["bottom"] - words["วันที่"]["bottom"]) < 1  # one line
        assert words["บันทึกข้อความ"]["top"] < 2.5 / 2.54 * 72  # under the emblem's 1.5 cm
        top_of_first = [w["text"] for w in _words(first) if w["top"] < 2 / 2.54 * 72]
        assert not any(w.startswith("-") for w in top_of_first)  # no number on page 1
        top_of_second = " ".join(w["text"] for w in _words(second) if w["top"] < 72)
        assert "- ๒ -" in top_of_second
        foot = [w for w in _words(first) if w["top"] > first.height - 2.5 / 2.54 * 72]
        assert [w["text"] for w in foot] == ["/ความเห็น..."]
        assert foot[0]["x1"] > first.width * 0.8  # at the right
        assert second.extract_text().lstrip().startswith("- ๒ -\nความเห็นรองปลัดฯ")
    # five steps on the memo's two pages, then the report: no page left empty
    pages = [page for page in text.split("\f")]
    assert "ข้อสั่งการ" in pages[1] and "รายงานผลการดำเนินการ" in pages[2]


def test_the_chain_prints_what_was_said_and_lines_for_what_is_still_to_be_said():
    from datetime import datetime
    from types import SimpleNamespace

    from prongsai.documents.builders import signature_block

    def step(decision="pending", comment="", decided=None, label=""):
        return SimpleNamespace(
            comment_label=label, comment=comment, decision=decision, decided_at=decided,
            signatory=SimpleNamespace(name="นายทดสอบ ใจดี", position="ปลัด อบต."),
            get_decision_display=lambda: {"approved": "เห็นชอบ", "returned": "ส่งกลับแก้ไข"}[
                decision],
        )  # fmt: skip

    when = datetime(2025, 1, 15, 10, 0)
    writer = signature_block(step("approved", decided=when), 0, 3)
    assert writer["label"] == writer["comment"] == "" and writer["lines"] == 0 and writer["writer"]
    signed_on_paper = signature_block(step("approved", label="ความเห็นรองปลัดฯ"), 1, 3)
    assert signed_on_paper["label"] == "ความเห็นรองปลัดฯ"
    assert signed_on_paper["comment"] == "" and signed_on_paper["lines"] == 0  # nothing said
    in_the_app = signature_block(step("approved", decided=when), 1, 3)
    assert in_the_app["comment"] == "เห็นชอบ" and in_the_app["date"]
    assert in_the_app["label"] == "ความเห็นปลัด อบต."
    said = signature_block(step("returned", "แก้ไขตารางหน้า ๒", when), 2, 3)
    assert said["comment"] == "แก้ไขตารางหน้า ๒" and said["label"] == "ข้อสั่งการ"
    waiting = signature_block(step(), 2, 3)
    assert waiting["comment"] == "" and waiting["lines"] == 2 and waiting["date"] == ""


INTRODUCTIONS = {
    "000": "ตามที่ได้ดำเนินการวิเคราะห์ผลการประเมิน ITA ของ องค์การบริหารส่วนตำบลท่ากระเสริม",
    "002": "ผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานตามมาตรการ",
    "004": "ตามที่ องค์การบริหารส่วนตำบลปากช่อง ได้ดำเนินการวิเคราะห์การประเมิน ITA",
}


@pytest.mark.django_db
@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_only_what_the_data_has_under_the_sources_words(demo, seed):
    """No column without a value in some row; the round only when the seed states it (000's
    6 months; 001, 002, 004 state none); the introduction paragraph of 000, 002, 004."""
    document = document_of(seed)
    for table in blocks.tables(document):
        for index, column in enumerate(table["columns"][1:], 1):
            assert any(row[index].strip() for row in table["rows"]), (table["caption"], column)
    titles = " ".join(" ".join(b["lines"]) for b in document["blocks"] if b["type"] == "title")
    text = titles + document["title"]
    if seed == "000":
        assert "รอบ ๖ เดือน (ตุลาคม ๒๕๖๔ – มีนาคม ๒๕๖๕)" in text
    else:
        assert "รอบ ๑๒ เดือน" not in text and "รอบ ๖ เดือน" not in text
        assert "ตุลาคม ๒๕" not in document["title"]
    if seed in INTRODUCTIONS:
        paragraphs = [b["text"] for b in document["blocks"] if b["type"] == "para"]
        assert any(p.startswith(INTRODUCTIONS[seed]) for p in paragraphs)


@pytest.mark.django_db
def test_tables_keep_the_agencys_column_labels_and_unit_names(demo):
    (table,) = blocks.tables(document_of("000"))
    assert table["columns"] == [
        "มาตรการ/แนวทาง",
        "วิธีการดำเนินการ",
        "ผู้รับผิดชอบ",
        "ระยะเวลาดำเนินการ",
        "ผลการดำเนินงาน",
        "ข้อเสนอแนะ",
    ]  # fmt: skip  (no ผลลัพธ์ column: the seed has none)
    (table,) = blocks.tables(document_of("001"))
    assert table["columns"] == [
        "มาตรการ/โครงการ/กิจกรรม", "ขั้นตอนหรือวิธีการปฏิบัติ",
        "ผลการดำเนินการตามมาตรการหรือกิจกรรม", "ผลลัพธ์หรือความสำเร็จของการดำเนินการ",
        "ผู้รับผิดชอบ", "ระยะเวลา",
    ]  # fmt: skip
    (table,) = blocks.tables(document_of("002"))
    assert "สำนักปลัด อบต. และทุกกองงาน" in table["rows"][0][3]
    assert table["columns"][3] == "ผู้รับผิดชอบ / ระยะเวลาดำเนินการ"
    (table,) = blocks.tables(document_of("000"))
    assert table["rows"][1][2] == "หัวหน้าส่วนราชการ ทุกส่วนงาน"
    document = document_of("003")
    part_2 = next(t for t in blocks.tables(document) if t["caption"].startswith("การนำผล"))
    assert part_2["rows"][0][2] == "สำนักปลัดเทศบาล งานการเจ้าหน้าที่"
    # part 2 keeps each method with its own steps: topic 1 has three methods, three rows
    first_topic = part_2["rows"][:3]
    assert first_topic[0][0].startswith("๑.") and first_topic[1][0] == first_topic[2][0] == ""
    assert "จัดประชุมประจำเดือน" in first_topic[1][1]
    assert first_topic[1][3].startswith("๑. จัดประชุมเพื่อสร้างกระบวนการปฏิบัติงาน")
    assert first_topic[2][3].startswith("๑. จัดทำแบบประเมินความพึงพอใจ")
    assert part_2["rows"][3][0].startswith("๒.")


@pytest.mark.django_db
def test_seed_003s_cover_title_and_verdicts_as_written(demo):
    document = document_of("003", digits="arabic")
    cover = document["blocks"][0]
    assert cover["lines"][:3] == [
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        "แสดงการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน",
        "ของหน่วยงานภาครัฐ ในปีงบประมาณ พ.ศ. 2566",
    ]
    for table in blocks.tables(document):
        for row in table["rows"]:
            assert not any(cell.startswith(("แก้ไขโดยเร่งด่วน:", "ปรับปรุงให้ดีขึ้น:",
                                            "รักษาระดับ:")) for cell in row)  # fmt: skip


def _as_text(value, text: str) -> str:
    """A cell's typed value back as the document's text (a number as its digits)."""
    from prongsai.thai import to_arabic_digits

    if value is None:
        return ""
    if isinstance(value, (int, float)):
        assert float(to_arabic_digits(text)) == value, (value, text)
        return text
    if isinstance(value, datetime):  # a date written alone is a date
        from prongsai.thai import parse_date

        assert parse_date(text) == value.date(), (value, text)
        return text
    return value


@pytest.mark.django_db
def test_seed_003s_analysis_xlsx_is_for_working(demo):
    """Every score a number (Thai digits only as a number format), whole Thai words in the sheet
    names, each sheet headed by document, agency and year, the tool column filled on
    continuation rows, TH SarabunPSK, A4 landscape fitted to the width."""
    from pythainlp.tokenize import word_tokenize

    document = document_of("003")
    workbook = load_workbook(io.BytesIO(render_xlsx(document)))
    scores = 0
    for sheet in workbook.worksheets:
        rows = list(sheet.iter_rows())
        header = next(i for i, row in enumerate(rows) if row[0].font.b and row[1].value)
        columns = [cell.value for cell in rows[header]]
        assert [r[0].value for r in rows[:3]] == [
            document["title"], "เทศบาลตำบลพนมทวน", "ปีงบประมาณ พ.ศ. ๒๕๖๖"
        ]  # fmt: skip
        for row in rows[header + 1 :]:
            assert row[0].value  # filled down
            for cell, column in zip(row, columns, strict=True):
                if column == "คะแนน" and cell.value is not None:
                    assert isinstance(cell.value, (int, float)), (sheet.title, cell.value)
                    assert cell.number_format == "[$-D000000]0.00"
                    scores += 1
                if column == "ลำดับ":
                    assert isinstance(cell.value, int)
            assert row[-1].font.name == "TH SarabunPSK"
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
    written = sum(  # every score cell the document has, each a number in the workbook
        1
        for table in blocks.tables(document)
        for index, column in enumerate(table["columns"])
        if column == "คะแนน"
        for row in table["rows"]
        if row[index]
    )
    assert scores == written and written >= 10 + len(expected("003")["question_scores"])
    titles = [t["caption"] for t in blocks.tables(document)]
    headings = [b["text"] for b in document["blocks"] if b["type"] == "heading"]
    for name in workbook.sheetnames:
        source = next(t for t in [*titles, *headings] if t and t.startswith(name))
        cut, boundaries = len(name), {0}
        for token in word_tokenize(source, engine="newmm", keep_whitespace=True):
            boundaries.add(max(boundaries) + len(token))
        assert cut in boundaries or source[cut : cut + 1] == " ", name  # never inside a word
        assert len(name) <= 31


def test_a_typed_formula_stays_text_in_the_xlsx():
    document = {
        "kind": "plan", "title": "ทดสอบ", "agency": "อบต.ทดสอบ", "fiscal_year": 2567,
        "digits": "arabic",
        "blocks": [blocks.table("มาตรการ", ["มาตรการ", "ผล"],
                                [["=HYPERLINK(\"http://x\")", "=1+1"], ["1. ก", "12.50"]])],
    }  # fmt: skip
    sheet = load_workbook(io.BytesIO(render_xlsx(document))).active
    assert sheet["A5"].data_type == "s" and sheet["A5"].value.startswith("=HYPERLINK")
    assert sheet["B5"].data_type == "s" and sheet["B5"].value == "=1+1"
    assert sheet["B6"].value == 12.5 and sheet["B6"].number_format == "0.00"


@pytest.mark.django_db
def test_the_pdf_is_tagged_with_links_and_a_clean_outline(demo):
    """Seed 004's web addresses are link annotations; the outline has every title and heading,
    without the zero-width spaces put between words; the catalogue says /Lang th and has a
    structure tree (StructTreeRoot) whose elements name headings, paragraphs, tables, links."""
    import pdfplumber
    from pdfminer.pdftypes import resolve1

    document = document_of("004")
    pdf = render_pdf(document)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        links = {link["uri"] for page in doc.pages for link in page.hyperlinks}
        assert links == {"https://www.pakchong.go.th"}
        catalog = resolve1(doc.doc.catalog)
        assert catalog["Lang"] == b"th" and resolve1(catalog["MarkInfo"])["Marked"]
        kinds = set()

        def walk(element, depth=0):
            element = resolve1(element)
            if isinstance(element, dict):
                if "S" in element:
                    kinds.add(element["S"].name)
                kids = element.get("K")
                for kid in resolve1(kids) if isinstance(resolve1(kids), list) else [kids]:
                    if depth < 12 and kid is not None:
                        walk(kid, depth + 1)

        walk(catalog["StructTreeRoot"])
        assert {"H1", "P", "Table", "TR", "TH", "TD", "Link"} <= kinds, kinds
    document = document_of("003")
    with pdfplumber.open(io.BytesIO(render_pdf(document))) as doc:
        outline = [title for _, title, *_ in doc.doc.get_outlines()]
    headings = [b["text"] for b in document["blocks"] if b["type"] == "heading"]
    assert outline[2:] == headings and not any("\u200b" in title for title in outline)
    assert outline[0].startswith("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน แสดงการ")


@pytest.mark.django_db
@pytest.mark.parametrize("seed", ["000", "003", "004"])
def test_docx_for_editing_styles_links_properties(demo, seed):
    """Every title in the Title style and every heading in Heading 1–3, those styles in TH
    SarabunPSK for Thai too (w:cs) and black; the body single-spaced with 0 pt after; web
    addresses as w:hyperlink; core properties of the document, not python-docx's."""
    from datetime import UTC, datetime, timedelta

    document = document_of(seed)
    docx = Document(io.BytesIO(render_docx(document)))
    styles = [p.style.name for p in docx.paragraphs]
    titles = [b for b in document["blocks"] if b["type"] == "title"]
    headings = [b for b in document["blocks"] if b["type"] == "heading"]
    memo = any(b["type"] == "memo_head" for b in document["blocks"])
    assert styles.count("Title") == len(titles) + memo  # + บันทึกข้อความ
    assert sum(s.startswith("Heading") for s in styles) == len(headings)
    assert [p.text for p in docx.paragraphs if p.style.name.startswith("Heading")] == [
        h["text"] for h in headings
    ]
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        rpr = docx.styles[name].element.rPr
        fonts = rpr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:cs")) == fonts.get(qn("w:ascii")) == "TH SarabunPSK", name
        assert fonts.get(qn("w:asciiTheme")) is None and rpr.find(qn("w:color")) is None
    normal = docx.styles["Normal"].paragraph_format
    assert normal.space_after == 0 and normal.line_spacing == 1.0
    props = docx.core_properties
    assert props.title == document["title"] and props.author == document["agency"]
    assert datetime.now(UTC) - props.created < timedelta(minutes=5)
    assert props.last_modified_by != "python-docx"
    links = docx.element.body.findall(".//" + qn("w:hyperlink"))
    if seed == "004":
        assert links
        targets = {docx.part.rels[link.get(qn("r:id"))].target_ref for link in links}
        assert targets == {"https://www.pakchong.go.th"}
    if seed == "000":
        first = docx.sections[0]
        assert first.different_first_page_header_footer  # no page number on page 1
        head = [p.text for p in docx.paragraphs[:4]]
        assert head[0] == "บันทึกข้อความ"
        assert head[2].startswith("ที่") and "\tวันที่" in head[2]  # one line, dotted tabs
        assert docx.tables[0].cell(0, 0).text == "มาตรการ/แนวทาง"  # the memo is table-free
        assert "เห็นชอบ" not in "\n".join(p.text for p in docx.paragraphs)


@pytest.mark.django_db
@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_no_row_fragment_under_three_lines(demo, seed):
    """A row split by a page break leaves at least three lines of it on each page (cells
    break at line boundaries with orphans and widows of 3; a short row moves whole)."""
    fragments = row_fragments(document_of(seed))
    assert all(lines >= 3 for _, lines in fragments), fragments


def test_the_protected_names_check_sees_a_name_broken_over_two_lines():
    text = "เทศบาลตำบลขามทะเลสอ ๑ ตุลาคม ๒๕๖๖"
    document = {"protected": ["ขามทะเลสอ"], "blocks": [blocks.para(text)]}
    assert protected_breaks("เทศบาลตำบลขามทะเลสอ ๑ ตุลาคม ๒๕๖๖", document) == []
    assert protected_breaks("เทศบาลตำบลขามทะเล\nสอ ๑ ตุลาคม\n๒๕๖๖", document) == [
        "ขามทะเล⏎สอ", "๑ ตุลาคม⏎๒๕๖๖"
    ]  # fmt: skip


@pytest.mark.django_db
def test_the_memo_places_the_emblem_a_national_admin_gave(demo, tmp_path, settings):
    """The ครุฑ is 1.5 cm high at the top left (1.5 cm from the paper's top edge, at the 3 cm
    margin) when the national setting has one; without it the place stays empty."""
    import pdfplumber
    from PIL import Image

    assert document_of("000")["blocks"][0]["emblem"] is None  # the project ships none
    emblem = tmp_path / "garuda.png"
    Image.new("RGB", (150, 150), "black").save(emblem)
    settings.PRONGSAI_EMBLEM = str(emblem)
    document = document_of("000")
    with pdfplumber.open(io.BytesIO(render_pdf(document))) as doc:
        (image,) = doc.pages[0].images
        cm = 72 / 2.54
        assert round(image["height"] / cm, 2) == round(image["width"] / cm, 2) == 1.5
        assert round(image["top"] / cm, 2) == 1.5 and round(image["x0"] / cm, 2) == 3.0
    docx = Document(io.BytesIO(render_docx(document)))
    assert docx.inline_shapes and round(docx.inline_shapes[0].height.cm, 2) == 1.5
