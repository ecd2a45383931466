"""The same seeds as Word and PDF files: the DOCX and PDF readers must find the same measures.

The files are made in the tests (``builders``): a DOCX with python-docx holding the seed's
paragraphs and tables; a PDF written by hand (LibreOffice and WeasyPrint are not installed
here) whose tables run over pages with the header repeated and rows cut at the page end.
"""

import io
import zipfile

import pytest

from prongsai.ingest import IngestError, Paragraph, Table, read_blocks, read_document, to_json
from tests.ingest.builders import docx_from_document, pdf_from_document
from tests.ingest.conftest import SEED_IDS, core, seed_path

SAME = ("kind", "agency", "fiscal_year", "round", "overall_score", "indicator_scores")


def squeeze(text):
    return "".join((text or "").split())


@pytest.fixture(scope="module")
def seeds():
    out = {}
    for seed in SEED_IDS:
        data = seed_path(seed).read_bytes()
        out[seed] = (data, read_blocks(data), to_json(read_document(data, f"{seed}.txt")))
    return out


@pytest.mark.parametrize("seed", SEED_IDS)
def test_docx_gives_the_same_result(seeds, seed):
    _, document, from_text = seeds[seed]
    data = docx_from_document(document)
    assert data[:4] == b"PK\x03\x04"
    from_docx = to_json(read_document(data, f"{seed}.docx"))
    assert from_docx["format"] == "docx"
    assert core(from_docx) | {"file": None} == core(from_text) | {"file": None}
    assert from_docx["analysis"] == from_text["analysis"]
    assert from_docx["memo"] == from_text["memo"]


@pytest.mark.parametrize("seed", SEED_IDS)
def test_pdf_gives_the_same_measures(seeds, seed):
    _, document, from_text = seeds[seed]
    data = pdf_from_document(document)
    assert data.startswith(b"%PDF-")
    from_pdf = to_json(read_document(data, f"{seed}.pdf"))
    assert from_pdf["format"] == "pdf"
    for key in SAME:
        assert from_pdf[key] == from_text[key], key
    assert from_pdf["question_scores"] == from_text["question_scores"]
    assert len(from_pdf["measures"]) == len(from_text["measures"])
    for got, want in zip(from_pdf["measures"], from_text["measures"], strict=True):
        # Lines wrapped in a PDF cell may leave a space inside a word: compare without spaces.
        assert squeeze(got["title"]) == squeeze(want["title"])
        assert [squeeze(m) for m in got["methods"]] == [squeeze(m) for m in want["methods"]]
        assert got["responsible"] == want["responsible"]
        assert (got["period_start"], got["period_end"]) == (
            want["period_start"],
            want["period_end"],
        )
        assert got["kpi"] == want["kpi"]
        for key in ("result", "outcome", "suggestion"):
            assert squeeze(got[key]) == squeeze(want[key]), key


def test_pdf_tables_really_run_over_pages(seeds):
    """The seed 000 PDF has more tables than the text (a page break cuts one) and rows cut."""
    _, document, _ = seeds["000"]
    pdf = read_blocks(pdf_from_document(document))
    assert len(pdf.tables) > len(document.tables)
    headers = [t.rows[0][0] for t in pdf.tables]
    assert headers.count("มาตรการ/ แนวทาง") >= len(document.tables)


def test_docx_merged_cells_keep_columns_aligned():
    import docx

    out = docx.Document()
    table = out.add_table(rows=3, cols=3)
    for c, text in enumerate(("มาตรการ", "ผู้รับผิดชอบ", "ระยะเวลา")):
        table.cell(0, c).text = text
    table.cell(1, 0).text = "๑. จัดทำคู่มือ"
    table.cell(1, 1).text = "สำนักปลัด"
    table.cell(1, 2).text = "ต.ค.๖๖"
    table.cell(1, 0).merge(table.cell(2, 0))  # vertical merge: the title spans two rows
    table.cell(2, 1).merge(table.cell(2, 2))  # horizontal merge
    table.cell(2, 1).text = "กองคลัง"
    buffer = io.BytesIO()
    out.save(buffer)
    document = read_blocks(buffer.getvalue())
    rows = document.tables[0].rows
    assert rows[1] == ("๑. จัดทำคู่มือ", "สำนักปลัด", "ต.ค.๖๖")
    assert rows[2] == ("", "กองคลัง", "")  # the continued title cell is empty


def test_html_document():
    html = """<!DOCTYPE html><html><head><title>x</title><style>p{}</style></head><body>
    <h1>รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๗</h1>
    <p>องค์การบริหารส่วนตำบลปากช่อง<br>อำเภอจอมบึง จังหวัดราชบุรี</p>
    <table><tr><th>มาตรการ</th><th>วิธีดำเนินการ</th><th>ผู้รับผิดชอบ</th><th>ระยะเวลา</th>
    <th>ผลการดำเนินงาน</th></tr>
    <tr><td>๑. ด้านงบประมาณ</td><td><p>๑. จัดทำแผน</p><p>๒. เผยแพร่ &amp; ประกาศ</p></td>
    <td>สำนักปลัด, กองคลัง</td><td>๑ ต.ค.๖๖ - ๓๑ มี.ค. ๖๗</td>
    <td>เผยแพร่ที่ <a href="http://x.go.th">x.go.th</a></td></tr></table></body></html>"""
    result = to_json(read_document(html.encode(), "report.html"))
    assert result["kind"] == "measures_report"
    assert result["fiscal_year"] == 2567
    assert result["agency"]["province"] == "ราชบุรี"
    (measure,) = result["measures"]
    assert measure["title"] == "ด้านงบประมาณ"
    assert measure["methods"] == ["จัดทำแผน", "เผยแพร่ & ประกาศ"]
    assert measure["responsible"] == ["สำนักปลัด", "กองคลัง"]
    assert (measure["period_start"], measure["period_end"]) == ("2023-10-01", "2024-03-31")
    assert measure["result"] == "เผยแพร่ที่ x.go.th"
    assert "<" not in str(result["measures"])


def test_the_content_decides_the_format_not_the_name(seeds):
    data, document, from_text = seeds["004"]
    pdf = pdf_from_document(document)
    as_docx = read_document(pdf, "report.docx")
    assert as_docx.format == "pdf"
    assert len(as_docx.measures) == len(from_text["measures"])
    assert any("ชื่อไฟล์" in w and "pdf" in w for w in as_docx.warnings)
    as_pdf = read_document(data, "report.pdf")
    assert as_pdf.format == "text"
    assert len(as_pdf.measures) == 5


def test_a_zip_that_is_not_a_word_file():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(IngestError) as error:
        read_blocks(buffer.getvalue())
    assert error.value.code == "unsupported_format"
    assert "Word" in error.value.message_th


def test_blocks_of_markdown_with_html_cells():
    text = (
        "**หัวเรื่อง**\n\n| มาตรการ | ผู้รับผิดชอบ |\n|---|---|\n"
        "| <p>๑. ก</p> <p>- ข</p> | <ul><li>กองคลัง</li><li>กองช่าง</li></ul> |\n"
        "\nย่อหน้า\tมีแท็บ\n"
    )
    document = read_blocks(text.encode())
    assert document.blocks[0] == Paragraph("หัวเรื่อง")
    assert document.blocks[1] == Table((("มาตรการ", "ผู้รับผิดชอบ"), ("๑. ก\n- ข", "กองคลัง\nกองช่าง")))
    assert document.blocks[2] == Table((("ย่อหน้า", "มีแท็บ"),))
