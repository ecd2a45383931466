"""Thai text wrapped in a PDF table cell: a run cut at the column's edge is one run again.

The seeds written as PDF by the tests' own writer (``builders.pdf_from_document``: lines wrap at
spaces, a run of letters longer than a line is cut where the line is full) read field for field
as the seeds' text does — spaces included — except where the PDF cannot show a space: after a
run that fills a whole line of its column, the wrap looks the same whether a space stood there
or not (the reader takes it for a cut run, the likelier). The test removes exactly those
spaces from the text before comparing, by laying the cells out as the writer does.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.ingest import Paragraph, Table, read_blocks, read_document, to_json
from prongsai.ingest.measure_rows import join_continued
from prongsai.ingest.numbering import starts_with_marker
from prongsai.ingest.pdf_wraps import PROSE_LETTERS, cell_lines, join_runs, text_edges
from tests.ingest.builders import (
    ADVANCE,
    FONT_SIZE,
    MARGIN,
    PAD,
    PAGE_W,
    _wrap,
    docx_from_document,
    pdf_from_document,
)
from tests.ingest.conftest import SEED_IDS, core, seed_path

THAI = "กขคงจฉชซดตถทธนบปผพฟภมยรลวศษสหอ"
CHAR_W = FONT_SIZE * ADVANCE


def fields(result: dict) -> dict:
    """The stable shape's fields, measures one by one, white space runs made one space."""
    out = core(result) | {"file": None}
    measures = out.pop("measures")
    out |= {f"measure{n}.{k}": _spaced(v) for n, m in enumerate(measures) for k, v in m.items()}
    return out


def _spaced(value):
    if isinstance(value, str):
        return " ".join(value.split())
    return [_spaced(v) for v in value] if isinstance(value, list) else value


def _is_thai(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e4e"


def _hidden_spaces(text: str, width: float) -> str:
    """``text`` without the spaces the writer's wrap leaves invisible: a space right after a
    line that is one run of letters filling the line, between Thai letters."""
    per_line = max(4, int(width / CHAR_W))
    out = []
    for paragraph in text.split("\n"):
        lines, pos, kept = _wrap(paragraph, width), 0, []
        for n, line in enumerate(lines):
            start = paragraph.index(line, pos)
            kept.append(paragraph[pos:start])
            kept.append(line)
            pos = start + len(line)
            gap_end = pos + len(paragraph[pos:]) - len(paragraph[pos:].lstrip(" "))
            if (
                n + 1 < len(lines)
                and gap_end > pos
                and len(line) == per_line
                and " " not in line
                and _is_thai(line[-1])
                and _is_thai(lines[n + 1][0])
                and not starts_with_marker(lines[n + 1])
            ):
                pos = gap_end  # the space is not drawn and cannot be read
        kept.append(paragraph[pos:])
        out.append("".join(kept))
    return "\n".join(out)


def _as_the_pdf_shows(document):
    blocks = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            blocks.append(block)
            continue
        width = (PAGE_W - 2 * MARGIN) / block.width - 2 * PAD
        blocks.append(Table(tuple(tuple(_hidden_spaces(c, width) for c in r) for r in block.rows)))
    return type(document)(tuple(blocks), document.format)


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_pdf_reads_field_for_field_as_its_text(seed):
    data = seed_path(seed).read_bytes()
    document = read_blocks(data)
    shown = _as_the_pdf_shows(document)
    expected = fields(to_json(read_document(docx_from_document(shown), f"{seed}.docx")))
    from_pdf = fields(to_json(read_document(pdf_from_document(document), f"{seed}.pdf")))
    assert from_pdf == expected
    # and the spaces the PDF cannot show are few: the text reading itself differs in few fields
    from_text = fields(to_json(read_document(data, f"{seed}.txt")))
    assert sum(from_text[k] != expected[k] for k in from_text) <= 2


def test_a_run_longer_than_its_cell_reads_whole_with_its_last_letter():
    """A run of letters cut twice by the writer, its last letter alone on the cell's last line
    (PDFium's text drops that letter: the reading by glyph position keeps it)."""
    header = ("มาตรการ", "วิธีการ", "ผู้รับผิดชอบ")
    width = (PAGE_W - 2 * MARGIN) / 3 - 2 * PAD
    per_line = int(width / CHAR_W)
    run = (THAI * 10)[: 2 * per_line + 1]
    document = type(read_blocks(b"x"))((Table((header, ("๑. มาตรการ", run, "กองช่าง"))),), "pdf")
    table = read_blocks(pdf_from_document(document)).tables[0]
    assert table.rows[1][1] == run


def test_a_cell_cut_by_a_page_break_inside_a_syllable_joins_without_a_space():
    assert join_continued("จัดซื้อจัดจ้", "างฯ ของหน่วยงาน") == "จัดซื้อจัดจ้างฯ ของหน่วยงาน"
    assert join_continued("ความรู", "้ความเข้าใจ") == "ความรู้ความเข้าใจ"
    assert join_continued("การประชุม", "คณะทำงาน") == "การประชุม คณะทำงาน"  # may be two words


words = st.text(alphabet=THAI, min_size=1, max_size=60)


@settings(max_examples=200, deadline=None)
@given(tokens=st.lists(words, min_size=1, max_size=12), per_line=st.integers(PROSE_LETTERS, 40))
def test_wrapped_cell_lines_join_back_to_the_text(tokens, per_line):
    """Laid out as a space-wrapping writer does (a run longer than a line cut where the line is
    full), a cell's lines joined again give its text: spaces where the wraps were at spaces,
    none inside a cut run — but for a run that exactly fills its lines, whose space is unseen."""
    text = " ".join(tokens)
    box = (0.0, 0.0, per_line * CHAR_W + 2 * PAD, 1000.0)
    lines = _wrap(text, per_line * CHAR_W)
    chars = [
        (PAD + k * CHAR_W, 10.0 * n, PAD + (k + 1) * CHAR_W, 10.0 * n + 7)
        for n, line in enumerate(lines)
        for k, ch in enumerate(line)
        if ch != " "
    ]
    cell = cell_lines(box, chars)
    assert len(cell.lines) == len(lines)
    joined = join_runs("\n".join(lines), cell, text_edges([cell], chars)).replace("\n", " ")
    assert joined == _hidden_spaces(text, per_line * CHAR_W)
    if not any(len(t) % per_line == 0 for t in tokens[:-1]):
        assert joined == text


def test_a_narrow_column_of_names_keeps_its_lines():
    """Names one to a line in a column too narrow for prose (a responsible unit's cell) stay
    apart even when one fills the line."""
    lines = ["กองช่าง", "สำนักปลัด"]
    box = (0.0, 0.0, 7 * CHAR_W + 2 * PAD, 100.0)
    chars = [
        (PAD + k * CHAR_W, 10.0 * n, PAD + (k + 1) * CHAR_W, 10.0 * n + 7)
        for n, line in enumerate(lines)
        for k in range(len(line))
    ]
    cell = cell_lines(box, chars)
    assert join_runs("\n".join(lines), cell, text_edges([cell], chars)) == "กองช่าง\nสำนักปลัด"
