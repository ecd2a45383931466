"""The indicator chart of the analysis report: bars in proportion, the year before beside this
year, the pass mark; in the PDF its Thai labels come back exact from the text layer."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.agencies.models import Agency
from prongsai.assessments.services import record_scores
from prongsai.documents import blocks
from prongsai.documents.builders import build
from prongsai.documents.charts import layout
from prongsai.documents.render import render_body, render_pdf

from .pdfcheck import missing_glyphs, pdftotext

AGENCY = "เทศบาลตำบลพนมทวน"  # seed 003: the analysis of 2566
LABELS = ["1. การปฏิบัติหน้าที่", "6. คุณภาพการดำเนินงาน"]


def _width(svg: str) -> float | None:
    found = re.search(r'<rect x="0" y="1" width="([\d.]+)"', svg)
    return float(found.group(1)) if found else None


@given(
    st.lists(
        st.one_of(st.none(), st.floats(min_value=-10, max_value=150, allow_nan=False)),
        min_size=2,
        max_size=2,
    )
)
def test_bars_are_in_proportion_clamped_and_carry_no_text(values):
    block = blocks.chart("แผนภูมิ", LABELS, [("ปี 2566", values)], mark=85, mark_label="เกณฑ์")
    chart = layout(block)
    for row, value in zip(chart["rows"], values, strict=True):
        (bar,) = row["bars"]
        assert "<text" not in bar["svg"]  # SVG text would tear the Thai marks apart
        if value is None:
            assert _width(bar["svg"]) is None and bar["value"] == "–"
        else:
            assert _width(bar["svg"]) == pytest.approx(min(max(value, 0), 100), abs=0.01)
            assert bar["value"] == f"{value:.2f}"
        assert 'x1="85.00"' in bar["svg"]  # the pass mark on every row


def test_thai_digits_and_a_series_per_year():
    block = blocks.chart(
        "แผนภูมิ", LABELS, [("ปี 2566", [94.14, 78.36]), ("ปี 2565", [90.0, None])], maximum=100
    )
    chart = layout(blocks.localise({"title": "", "blocks": [block]}, "thai")["blocks"][0])
    assert [item["name"] for item in chart["legend"]] == ["ปี ๒๕๖๖", "ปี ๒๕๖๕"]
    assert [bar["value"] for bar in chart["rows"][0]["bars"]] == ["๙๔.๑๔", "๙๐.๐๐"]
    assert chart["rows"][1]["bars"][1]["value"] == "–"
    assert chart["ticks"] == ["๐", "๒๕", "๕๐", "๗๕", "๑๐๐"]
    with pytest.raises(ValueError):
        blocks.chart("แผนภูมิ", LABELS, [("ปี 2566", [1.0])])


@pytest.mark.django_db
def test_the_analysis_report_draws_the_indicators_beside_the_year_before(demo, tmp_path):
    agency = Agency.objects.get(name=AGENCY)
    record_scores(
        agency=agency,
        fiscal_year=2565,
        indicator_scores={n: 70 + n for n in range(1, 11)},
        source="manual",
    )
    document = build("analysis", agency, 2566)
    (chart,) = [b for b in document["blocks"] if b["type"] == "chart"]
    assert chart["caption"] == "แผนภูมิคะแนนรายตัวชี้วัด เทียบกับปี ๒๕๖๕"
    assert [s["name"] for s in chart["series"]] == ["ปี ๒๕๖๖", "ปี ๒๕๖๕"]
    assert chart["series"][0]["values"][0] == pytest.approx(94.14)
    assert chart["series"][1]["values"][0] == pytest.approx(71)
    assert chart["mark"] is not None and chart["mark_label"].startswith("เกณฑ์ผ่าน")

    pdf = render_pdf(document)
    text = pdftotext(pdf, tmp_path)
    assert "แผนภูมิคะแนนรายตัวชี้วัด เทียบกับปี ๒๕๖๕" in text
    for label in chart["labels"]:  # ำ, tone marks: the text layer gives the exact Thai back
        assert label in text
    assert "๙๔.๑๔" in text and "๗๑.๐๐" in text
    assert not missing_glyphs(document)

    page = render_body(document)
    assert 'class="chart"' in page and "style=" not in page.split('class="doc-chart"')[1]


@pytest.mark.django_db
def test_without_the_year_before_one_series(demo):
    document = build("analysis", Agency.objects.get(name=AGENCY), 2566, digits="arabic")
    (chart,) = [b for b in document["blocks"] if b["type"] == "chart"]
    assert chart["caption"] == "แผนภูมิคะแนนรายตัวชี้วัด"
    assert [s["name"] for s in chart["series"]] == ["ปี 2566"]
    assert len(chart["labels"]) == 10


@pytest.mark.django_db
def test_the_docx_carries_the_chart_as_a_picture(demo):
    """Word takes no SVG: the chart goes into the DOCX as a PNG of what the PDF draws."""
    import io

    from docx import Document
    from PIL import Image

    from prongsai.documents.office import render_docx

    document = build("analysis", Agency.objects.get(name=AGENCY), 2566)
    docx = Document(io.BytesIO(render_docx(document)))
    (shape,) = docx.inline_shapes
    section = docx.sections[0]
    assert shape.width == section.page_width - section.left_margin - section.right_margin
    blob = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
    picture = Image.open(io.BytesIO(docx.part.related_parts[blob].blob)).convert("RGB")
    assert picture.width > picture.height and 300 < picture.height < 1000  # the drawing, no page
    bar = (0x1F, 0x4E, 0x79)  # this year's colour
    assert dict((colour, n) for n, colour in picture.getcolors(1 << 20)).get(bar, 0) > 1000
    captions = [p.text for p in docx.paragraphs if p.text.startswith("แผนภูมิคะแนนรายตัวชี้วัด")]
    assert captions == ["แผนภูมิคะแนนรายตัวชี้วัด"]
