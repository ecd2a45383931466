"""Reading a column pasted from Excel (pure functions of the entry form, no database)."""

from decimal import Decimal

import pytest

from prongsai.assessments.forms import PasteError, fill_from_paste, parse_pasted, tool_questions
from prongsai.assessments.scoring import score
from prongsai.criteria.loader import DATA_DIR, load_catalog
from prongsai.ingest.analysis_report import read_stated_scores
from tests.conftest import SEED_003


@pytest.fixture(scope="module")
def c2566():
    return load_catalog(DATA_DIR / "ita-2566.yaml")


def values(text):
    return [(pl.line, pl.code, pl.value) for pl in parse_pasted(text)]


def test_a_plain_column_with_thai_digits_tabs_commas_and_blanks():
    text = "87.19\r\n๘๙.๓๕\n88.29\tสูง\n\n84,5\n100%\n-\n 71.71 \n\n\n"
    assert values(text) == [
        (1, None, "87.19"),
        (2, None, "89.35"),
        (3, None, "88.29"),
        (4, None, None),  # blank line: unknown
        (5, None, "84.5"),  # decimal comma
        (6, None, "100"),
        (7, None, None),  # "-" as Excel shows an empty score
        (8, None, "71.71"),
    ]  # trailing blank lines dropped


def test_lines_with_a_code_keep_their_code_and_take_the_last_cell():
    text = "i1\tเจ้าหน้าที่ปฏิบัติงาน…\t87.19\nI2, 89.35\nข้อ o12 100\n"
    assert values(text) == [(1, "i1", "87.19"), (2, "i2", "89.35"), (3, "o12", "100")]


def test_garbage_is_named_line_by_line_in_thai():
    with pytest.raises(PasteError) as exc:
        parse_pasted("คะแนน\n87.19\nabc\n1e2\ni5\n")
    assert exc.value.messages_th == [
        "บรรทัด 1 “คะแนน” ไม่ใช่ตัวเลข (ถ้าเป็นหัวคอลัมน์ ให้ลบบรรทัดนั้นออก)",
        "บรรทัด 3 “abc” ไม่ใช่ตัวเลข",
        "บรรทัด 4 “1e2” ไม่ใช่ตัวเลข",
        "บรรทัด 5 มีแต่รหัสข้อ i5 ไม่มีคะแนน",
    ]


def test_a_column_fills_the_tools_questions_in_order(c2566):
    filled = fill_from_paste(c2566, "EIT", "71.71\n\n73")
    assert filled == {"e1": "71.71", "e2": None, "e3": "73"}
    codes = [q.code for q in tool_questions(c2566, "OIT")]
    assert codes[0] == "o1" and codes[-1] == "o43" and len(codes) == 43


def test_too_many_lines_unknown_codes_and_codes_of_another_tool_are_refused(c2566):
    with pytest.raises(PasteError) as exc:
        fill_from_paste(c2566, "EIT", "\n".join(["80"] * 16))
    assert exc.value.messages_th == ["วางมา 16 บรรทัด แต่ EIT มี 15 ข้อ (e1–e15)"]
    with pytest.raises(PasteError) as exc:
        fill_from_paste(c2566, "IIT", "i1\t80\ni99\t80\ne1\t80")
    assert exc.value.messages_th == [
        "บรรทัด 2: ไม่มีข้อ i99 ในเกณฑ์ปี 2566",
        "บรรทัด 3: ข้อ e1 เป็นของ EIT ไม่ใช่ IIT",
    ]


def test_seed_003s_iit_column_pasted_gives_its_indicator_scores(c2566):
    seed = read_stated_scores(SEED_003.read_text(encoding="utf-8"))
    column = "\n".join(str(seed.questions[f"i{n}"]) for n in range(1, 31))
    filled = fill_from_paste(c2566, "IIT", column)
    report = score(c2566, {c: Decimal(v) for c, v in filled.items()})
    assert [report.indicators[n].value for n in range(1, 6)] == [
        seed.indicators[n] for n in range(1, 6)
    ]
