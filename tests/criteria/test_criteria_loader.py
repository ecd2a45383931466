"""The loader's checks: each deliberate mistake is reported with its file, line and reason."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prongsai.criteria import loader
from prongsai.criteria.loader import CriteriaError, Problem

SHIPPED_2566 = (loader.DATA_DIR / "ita-2566.yaml").read_text(encoding="utf-8")


def line_of(text: str, fragment: str) -> int:
    assert text.count(fragment) == 1, f"{fragment!r} is not unique"
    return text[: text.index(fragment)].count("\n") + 1


def broken(tmp_path: Path, *edits: tuple[str, str], year: int = 2566, name: str | None = None):
    """A copy of a shipped file with `edits` applied; returns its path and the edits' lines."""
    text = (loader.DATA_DIR / f"ita-{year}.yaml").read_text(encoding="utf-8")
    lines = []
    for old, new in edits:
        lines.append(line_of(text, old))
        text = text.replace(old, new)
    path = tmp_path / (name or f"ita-{year}.yaml")
    path.write_text(text, encoding="utf-8")
    return path, lines


def only(problems: list[Problem], needle: str) -> Problem:
    found = [p for p in problems if needle in p.message_th or needle in p.message_en]
    assert len(found) == 1, [p.format() for p in problems]
    return found[0]


# --- the mistakes the brief names ----------------------------------------------------------------


def test_unknown_indicator(tmp_path):
    path, (line,) = broken(tmp_path, ("{code: i5, indicator: 1,", "{code: i5, indicator: 11,"))
    problems = loader.check_file(path)
    assert problems == [
        Problem(
            "ita-2566.yaml",
            line,
            "ตัวชี้วัดที่ 11 ไม่มีในปีนี้ (มีตัวชี้วัดที่ 1–10)",
            "indicator 11 does not exist (this year has indicators 1–10)",
        )
    ]
    assert problems[0].format() == (f"ita-2566.yaml บรรทัด {line}: ตัวชี้วัดที่ 11 ไม่มีในปีนี้ (มีตัวชี้วัดที่ 1–10)")
    assert problems[0].format("en") == (
        f"ita-2566.yaml, line {line}: indicator 11 does not exist (this year has indicators 1–10)"
    )


def test_weights_not_summing_to_100(tmp_path):
    path, _ = broken(tmp_path, ("weight: 40,", "weight: 35,"))
    problem = only(loader.check_file(path), "100")
    assert problem.file == "ita-2566.yaml"
    assert problem.line == line_of(SHIPPED_2566, "\ntools:\n") + 1  # the `tools:` line
    assert "รวมกันได้ 95" in problem.message_th and "IIT 30 + EIT 30 + OIT 35" in problem.message_th
    assert "add up to 95" in problem.message_en


def test_duplicate_question_names_both_lines(tmp_path):
    first = line_of(SHIPPED_2566, "{code: e13,")
    path, (line,) = broken(tmp_path, ("{code: e14,", "{code: e13,"))
    (problem,) = loader.check_file(path)
    assert problem.line == line
    assert f"รหัสข้อคำถาม e13 ซ้ำ (มีอยู่แล้วที่บรรทัด {first})" == problem.message_th
    assert f"first at line {first}" in problem.message_en


def test_unknown_key_suggests_the_right_one(tmp_path):
    old = "{code: e14, indicator: 8, kind: perception, scoring_type: perception, confidence: low,"
    new = "{code: e14, indicator: 8, kind: perception, scoring_type: perception, confidnce: low,"
    path, (line,) = broken(tmp_path, (old, new))
    problems = loader.check_file(path)
    unknown = only(problems, "confidnce")
    assert unknown.line == line
    assert unknown.message_th == 'ข้อคำถาม e14 มีคีย์ "confidnce" ที่ไม่รู้จัก (หมายถึง "confidence" หรือไม่?)'
    assert 'did you mean "confidence"?' in unknown.message_en
    missing = only(problems, '"confidence" (ต้องระบุ)')  # and the real key is now missing
    assert missing.line == line


def test_unknown_top_level_key(tmp_path):
    path, (line,) = broken(tmp_path, ("improve_below: 95", "improve_belw: 95"))
    problem = only(loader.check_file(path), "improve_belw")
    assert problem.line == line
    assert 'หมายถึง "improve_below"' in problem.message_th


@pytest.mark.parametrize(
    ("old", "new", "needle_th"),
    [
        ("  pass_mark: 85", "\tpass_mark: 85", "แท็บ"),
        (
            "title_th: กระบวนการกำกับดูแลการใช้ทรัพย์สินของราชการ",
            "title_th: กระบวนการ: กำกับดูแลการใช้ทรัพย์สินของราชการ",
            "เครื่องหมาย ':'",
        ),
        ("IIT: [i19, i20, i21, i22, i23, i24]", "IIT: [i19, i20, i21, i22, i23, i24", "']'"),
        ('text_th: "E-Service"}', 'text_th: "E-Service}', "'}'"),
    ],
    ids=["tab", "colon", "open-bracket", "open-quote"],
)
def test_bad_yaml_syntax(tmp_path, old, new, needle_th):
    path, (line,) = broken(tmp_path, (old, new))
    (problem,) = loader.check_file(path)
    assert problem.file == "ita-2566.yaml"
    assert problem.line == line
    assert problem.message_th.startswith("เขียน YAML ผิดรูปแบบ")
    assert needle_th in problem.message_th
    assert problem.message_en.startswith("YAML syntax error")


def test_question_under_the_wrong_tool_in_an_issue(tmp_path):
    path, (line,) = broken(tmp_path, ("EIT: [e6, e7, e8, e9, e10]", "EIT: [e6, e7, e8, e9, i10]"))
    (problem,) = loader.check_file(path)
    assert problem.line == line
    assert problem.message_th == "ประเด็นที่ 3: ข้อ i10 เป็นข้อคำถามของ IIT แต่อยู่ใต้ EIT"
    assert problem.message_en == "issue 3: i10 is a IIT question but is listed under EIT"


def test_many_problems_are_reported_together_in_line_order(tmp_path):
    path, lines = broken(
        tmp_path,
        ("weight: 40,", "weight: 45,"),
        ("{code: i5, indicator: 1,", "{code: i5, indicator: 12,"),
        ("{code: e14,", "{code: e13,"),
        ("EIT: [e6, e7, e8, e9, e10]", "EIT: [e6, e7, e8, e9, i10]"),
        ("    - number: 7\n", "    - number: 6\n"),
    )
    problems = loader.check_file(path)
    assert [p.line for p in problems] == sorted(p.line for p in problems)
    weight_line = line_of(SHIPPED_2566, "\ntools:\n") + 1
    assert {p.line for p in problems} == {weight_line, *lines[1:]}
    assert len(problems) == 5
    with pytest.raises(CriteriaError) as info:
        loader.load_catalog(path)
    assert info.value.problems == tuple(problems)
    text = str(info.value)
    assert text.count("ita-2566.yaml บรรทัด") == 5  # str() lists them all, in Thai
    assert "ตัวชี้วัดที่ 12 ไม่มีในปีนี้" in text
    assert "ประเด็นที่ 6 ซ้ำ" in text


# --- the other checks ----------------------------------------------------------------------------

CASES = [
    # (id, old, new, words the message must contain, line: "old" = the edited line)
    (
        "sub-indicator",
        '{code: o12, indicator: 9, sub_indicator: "9.2"',
        '{code: o12, indicator: 9, sub_indicator: "9.7"',
        "ตัวชี้วัดย่อย 9.7 ไม่มีในตัวชี้วัดที่ 9 (มี 9.1, 9.2, 9.3, 9.4, 9.5)",
    ),
    (
        "missing-sub-indicator",
        '{code: o12, indicator: 9, sub_indicator: "9.2", ',
        "{code: o12, indicator: 9, ",
        "ต้องระบุ sub_indicator",
    ),
    (
        "undefined-source",
        'confidence: low, source: INFERRED-TOPIC,\n     text_th: "การนำเทคโนโลยีมาใช้',
        'confidence: low, source: INFERED-TOPIC,\n     text_th: "การนำเทคโนโลยีมาใช้',
        'แหล่งอ้างอิง "INFERED-TOPIC" ไม่ได้กำหนดไว้ใน sources (หมายถึง "INFERRED-TOPIC" หรือไม่?)',
    ),
    (
        "kind",
        "{code: e14, indicator: 8, kind: perception,",
        "{code: e14, indicator: 8, kind: scale,",
        '"kind" ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้ perception, checklist แต่พบ "scale"',
    ),
    (
        "confidence",
        "weight: 40, confidence: high",
        "weight: 40, confidence: sure",
        '"confidence" ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้ high, medium, low, none',
    ),
    (
        "aggregation",
        "    aggregation: mean_of_questions\n    confidence: high\n  - number: 2",
        "    aggregation: mean\n    confidence: high\n  - number: 2",
        '"aggregation" ต้องเป็นค่าใดค่าหนึ่ง',
    ),
    ("scheme", "  scheme: pass_labels", "  scheme: labels", '"scheme" ต้องเป็นค่าใดค่าหนึ่ง'),
    (
        "pass-mark",
        "  pass_mark: 85",
        "  pass_mark: 850",
        '"pass_mark" ต้องอยู่ระหว่าง 0 ถึง 100 แต่พบ 850',
    ),
    (
        "rule-range",
        "min_overall: 70, max_overall: 84.99",
        "min_overall: 70, max_overall: 184.99",
        '"max_overall" ต้องอยู่ระหว่าง 0 ถึง 100',
    ),
    (
        "min-above-max",
        "min_overall: 70, max_overall: 84.99",
        "min_overall: 75, max_overall: 74.99",
        "คะแนนต่ำสุด (75) มากกว่าคะแนนสูงสุด (74.99)",
    ),
    (
        "tool-of-indicator",
        "  - number: 6\n    tool: EIT",
        "  - number: 6\n    tool: XIT",
        "ตัวชี้วัดที่ 6: ไม่มีเครื่องมือ XIT ในปีนี้ (มี IIT, EIT, OIT)",
    ),
    ("duplicate-indicator", "  - number: 8\n", "  - number: 7\n", "ตัวชี้วัดที่ 7 ซ้ำ"),
    ("duplicate-tool", "  - {code: EIT,", "  - {code: IIT,", "รหัสเครื่องมือ IIT ซ้ำ"),
    (
        "issue-unknown-question",
        "OIT: [o15, o16, o17]",
        "OIT: [o15, o16, o99]",
        "ไม่มีข้อคำถาม o99 ในปีนี้",
    ),
    (
        "issue-unknown-tool",
        "        EIT: [e10, e15]",
        "        XIT: [e10, e15]",
        "ไม่มีเครื่องมือ XIT ในปีนี้",
    ),
    ("duplicate-issue", "    - number: 7\n", "    - number: 6\n", "ประเด็นที่ 6 ซ้ำ"),
    ("negative-weight", "weight: 40,", "weight: -40,", "น้ำหนักต้องไม่ติดลบ"),
    ("weight-text", "weight: 40,", 'weight: "forty",', '"weight" ต้องเป็นตัวเลข แต่พบ "forty"'),
    (
        "int-indicator",
        "{code: i5, indicator: 1,",
        "{code: i5, indicator: one,",
        '"indicator" ต้องเป็นจำนวนเต็ม',
    ),
    ("bad-code", "{code: e14,", "{code: E14,", 'รหัสข้อคำถาม "E14" ต้องเป็นตัวอักษรภาษาอังกฤษตัวเล็ก'),
    (
        "passed-below-mark",
        '{label: ผ่าน, label_en: "Pass", min_overall: 85,',
        '{label: ผ่าน, label_en: "Pass", min_overall: 80,',
        "ต่ำกว่าเกณฑ์ผ่าน 85",
    ),
    (
        "duplicate-yaml-key",
        "  scheme: pass_labels",
        "  scheme: pass_labels\n  scheme: letter_grades",
        'คีย์ "scheme" ซ้ำในชุดข้อมูลเดียวกัน',
    ),
]


# Where the problem must be: the edited line, or the line of `AT[id]` inside the new text.
AT = {
    "tool-of-indicator": "tool: XIT",
    "duplicate-yaml-key": "scheme: letter_grades",
}


@pytest.mark.parametrize(("case", "old", "new", "words"), CASES, ids=[c[0] for c in CASES])
def test_each_check_names_the_line_and_the_reason(tmp_path, case, old, new, words):
    path, (line,) = broken(tmp_path, (old, new))
    if case in AT:
        line += new[: new.index(AT[case])].count("\n")
    problems = loader.check_file(path)
    hits = [p for p in problems if words in p.message_th]
    assert len(hits) == 1, [p.format() for p in problems]
    assert hits[0].file == "ita-2566.yaml"
    assert hits[0].line == line, hits[0].format()
    assert hits[0].message_en  # every problem is said in English too


def test_required_key_missing(tmp_path):
    path, _ = broken(tmp_path, ("\nconfidence: medium\n", "\n"))
    problem = only(loader.check_file(path), '"confidence" (ต้องระบุ)')
    assert problem.message_th == 'ไฟล์เกณฑ์ ไม่มี "confidence" (ต้องระบุ)'
    assert problem.message_en == 'the criteria file has no "confidence" (it is required)'


def test_rules_must_cover_every_score(tmp_path):
    old = (
        '\n    - {label: ต้องปรับปรุงโดยด่วน, label_en: "Needs urgent improvement", '
        "min_overall: 0, max_overall: 69.99, passed: false, confidence: low}"
    )
    path, _ = broken(tmp_path, (old, ""))
    problem = only(loader.check_file(path), "ไม่มีระดับใดรับคะแนน")
    assert problem.line == line_of(SHIPPED_2566, "  rules:\n")
    assert "0.00–69.99" in problem.message_th
    assert "0.00–69.99" in problem.message_en


def test_rules_must_cover_gaps_in_the_middle(tmp_path):
    path, _ = broken(
        tmp_path, ("min_overall: 70, max_overall: 84.99", "min_overall: 71, max_overall: 84.99")
    )
    problem = only(loader.check_file(path), "ไม่มีระดับใดรับคะแนน")
    assert "69.99" not in problem.message_th and "70.00–70.99" in problem.message_th


def test_at_least_one_rule(tmp_path):
    text = SHIPPED_2566
    start = text.index("  rules:\n")
    end = text.index("\nanalysis:")
    path = tmp_path / "ita-2566.yaml"
    path.write_text(text[:start] + "  rules: []\n" + text[end:], encoding="utf-8")
    problem = only(loader.check_file(path), "อย่างน้อย 1 ข้อ")
    assert problem.line == line_of(text, "  rules:\n")


def test_file_name_must_match_the_year(tmp_path):
    path, _ = broken(tmp_path, name="ita-2567.yaml")
    problem = only(loader.check_file(path), "ชื่อไฟล์")
    assert problem.file == "ita-2567.yaml"
    assert problem.line == line_of(SHIPPED_2566, "fiscal_year: 2566")
    assert "fiscal_year เป็น 2566 แต่ชื่อไฟล์เป็นของปี 2567" in problem.message_th


def test_file_name_must_follow_the_pattern(tmp_path):
    path, _ = broken(tmp_path, name="criteria.yaml")
    problem = only(loader.check_file(path), "ita-<")
    assert problem.line is None


def test_unused_source_is_reported(tmp_path):
    path, _ = broken(tmp_path, ("\nsources:\n", '\nsources:\n  SPARE: "nothing cites this"\n'))
    problem = only(loader.check_file(path), "SPARE")
    assert "ไม่ได้ใช้ที่ใดเลย" in problem.message_th


def test_questions_known_false_means_no_questions(tmp_path):
    old = "    aggregation: mean_of_questions\n    confidence: high\n  - number: 2"
    new = old.replace("    confidence", "    questions_known: false\n    confidence")
    path, _ = broken(tmp_path, (old, new))
    problems = loader.check_file(path)
    assert len(problems) == 6  # i1…i6
    assert all("questions_known: false" in p.message_th for p in problems)
    assert problems[0].line == line_of(path.read_text(encoding="utf-8"), "{code: i1,")
    assert problems[0].line == line_of(SHIPPED_2566, "{code: i1,") + 1  # pushed down by one


def test_indicator_without_questions(tmp_path):
    text = (loader.DATA_DIR / "ita-2565.yaml").read_text(encoding="utf-8")
    old = "    questions_known: false\n    confidence: high\n    note:"
    end = text.index("  - number: 2") + len("  - number: 2")
    old = text[text.index(old) : end]  # the tail of indicator 1
    path, _ = broken(tmp_path, (old, old.replace("    questions_known: false\n", "")), year=2565)
    problem = only(loader.check_file(path), "ไม่มีข้อคำถามเลย")
    assert problem.line == line_of(text, "  - number: 1\n")
    assert "questions_known: false" in problem.message_th


def test_empty_and_missing_files(tmp_path):
    empty = tmp_path / "ita-2566.yaml"
    empty.write_text("", encoding="utf-8")
    assert [p.message_th for p in loader.check_file(empty)] == ["ไฟล์ว่างเปล่า"]
    missing = loader.check_file(tmp_path / "ita-2599.yaml")
    assert [(p.file, p.line, p.message_th) for p in missing] == [("ita-2599.yaml", None, "ไม่พบไฟล์")]
    not_a_map = tmp_path / "ita-2598.yaml"
    not_a_map.write_text("- 1\n- 2\n", encoding="utf-8")
    (problem,) = loader.check_file(not_a_map)
    assert problem.line == 1 and "คีย์: ค่า" in problem.message_th


def test_load_all_reports_every_file(tmp_path):
    broken(tmp_path, ("weight: 40,", "weight: 41,"), year=2566)
    broken(tmp_path, ("  pass_mark: 85", "  pass_mark: -1"), year=2568)
    broken(tmp_path, year=2567)  # a good one
    with pytest.raises(CriteriaError) as info:
        loader.load_all(tmp_path)
    assert sorted({p.file for p in info.value.problems}) == ["ita-2566.yaml", "ita-2568.yaml"]


def test_parse_catalog_works_on_text():
    catalog = loader.parse_catalog(SHIPPED_2566, "ita-2566.yaml")
    assert catalog.fiscal_year == 2566 and catalog.file == "ita-2566.yaml"
    with pytest.raises(CriteriaError):
        loader.parse_catalog(SHIPPED_2566, "ita-2567.yaml")


def test_command_line_check(tmp_path):
    good = loader.DATA_DIR / "ita-2566.yaml"
    bad, _ = broken(tmp_path, ("weight: 40,", "weight: 41,"))
    out: list[str] = []
    assert loader.main([str(good)], out=out.append) == 0
    assert out == ["ita-2566.yaml: ถูกต้อง"]
    out.clear()
    assert loader.main(["--en", str(bad)], out=out.append) == 1
    assert "add up to 101" in out[0]


# --- numbers are exact ---------------------------------------------------------------------------

MINIMAL = """\
fiscal_year: 2566
title_th: ทดสอบ
confidence: low
notes: ตัวอย่างที่เล็กที่สุด
sources: {{X: "a source"}}
source: [X]
tools:
  - {{code: IIT, name_th: ภายใน, name_en: Internal, weight: {w1}, confidence: low}}
  - {{code: EIT, name_th: ภายนอก, name_en: External, weight: {w2}, confidence: low}}
  - {{code: OIT, name_th: เปิดเผย, name_en: Open data, weight: {w3}, confidence: low}}
indicators:
  - {{number: 1, tool: IIT, name_th: ก, name_en: A, aggregation: mean_of_questions,
      confidence: low}}
  - {{number: 2, tool: EIT, name_th: ข, name_en: B, aggregation: mean_of_questions,
      confidence: low}}
  - {{number: 3, tool: OIT, name_th: ค, name_en: C, aggregation: mean_of_sub_indicators,
      sub_indicators: [{{code: "3.1"}}], confidence: low}}
questions:
  - {{code: i1, indicator: 1, text_th: ก, kind: perception, confidence: low, source: X}}
  - {{code: e1, indicator: 2, text_th: ข, kind: perception, confidence: low, source: X}}
  - {{code: o1, indicator: 3, sub_indicator: "3.1", text_th: ค, kind: checklist,
      confidence: low, source: X}}
rating:
  scheme: pass_labels
  pass_mark: 85
  rules:
    - {{label: ผ่าน, label_en: Pass, min_overall: 85, passed: true, confidence: low}}
    - {{label: ไม่ผ่าน, label_en: Fail, min_overall: 0, max_overall: 84.99, passed: false,
        confidence: low}}
"""


def test_minimal_file_and_decimal_weights():
    catalog = loader.parse_catalog(MINIMAL.format(w1="30.1", w2="29.9", w3="40"), "ita-2566.yaml")
    assert [t.weight for t in catalog.tools] == [Decimal("30.1"), Decimal("29.9"), Decimal("40")]
    assert all(isinstance(t.weight, Decimal) for t in catalog.tools)
    assert catalog.rating_rules[1].max_overall == Decimal("84.99")
    assert catalog.improve_below == 95 and catalog.analysis_issues == ()


def test_point_one_stays_exact():
    # 70.1 + 29.8 + 0.1 is exactly 100 as decimals; as floats it is 99.99999999999999
    assert 70.1 + 29.8 + 0.1 != 100
    catalog = loader.parse_catalog(MINIMAL.format(w1="70.1", w2="29.8", w3="0.1"), "ita-2566.yaml")
    assert sum(t.weight for t in catalog.tools) == 100


weights = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(w1=weights, w2=weights, w3=weights, complete=st.booleans())
def test_weights_are_accepted_iff_they_sum_to_100(w1, w2, w3, complete):
    if complete and w1 + w2 <= 100:
        w3 = Decimal(100) - w1 - w2  # half the cases sum to exactly 100
    text = MINIMAL.format(w1=w1, w2=w2, w3=w3)
    problems, catalog = loader._parse(text, "ita-2566.yaml")
    if w1 + w2 + w3 == 100:
        assert problems == [] and catalog is not None
    else:
        assert [p.line for p in problems] == [7]  # the `tools:` line
        assert "100" in problems[0].message_th


def test_criteria_error_survives_pickling(tmp_path):
    import pickle

    path, _ = broken(tmp_path, ("weight: 40,", "weight: 41,"))
    with pytest.raises(CriteriaError) as info:
        loader.load_catalog(path)
    again = pickle.loads(pickle.dumps(info.value))
    assert again.problems == info.value.problems and str(again) == str(info.value)


def _one_problem(tmp_path, old, new):
    path, (line,) = broken(tmp_path, (old, new))
    problems = loader.check_file(path)
    assert len(problems) == 1, [p.format() for p in problems]
    return problems[0], line


def test_placeholder_text_is_refused_with_its_line(tmp_path):
    old = 'text_th: "โครงสร้าง",'
    problem, line = _one_problem(tmp_path, old, 'text_th: "(โครงสร้าง — ยังไม่ยืนยัน)",')
    assert problem.line == line
    assert "ยังไม่ยืนยัน" in problem.message_th and "confidence" in problem.message_th
    assert "not confirmed" in problem.message_en


def test_oit_fields_are_checked(tmp_path):
    old = 'text_th: "โครงสร้าง",'
    problem, line = _one_problem(tmp_path, old, 'text_th: "โครงสร้าง", fulfilled_by: [memo],')
    assert problem.line == line
    assert '"memo"' in problem.message_th and "analysis" in problem.message_th
    problem, _ = _one_problem(tmp_path, old, 'text_th: "โครงสร้าง", period: last,')
    assert "current, previous" in problem.message_th


def test_oit_window_closes_after_it_opens(tmp_path):
    text = SHIPPED_2566 + (
        "\noit_window:\n  opens: 2023-06-30\n  closes: 2023-01-01\n"
        "  confidence: low\n  source: SEED-3\n"
    )
    path = tmp_path / "ita-2566.yaml"
    path.write_text(text, encoding="utf-8")
    (problem,) = loader.check_file(path)
    assert problem.line == line_of(text, "  closes: 2023-01-01")
    assert "วันปิด" in problem.message_th


def test_an_indicator_number_and_its_sub_indicators_are_checked_on_their_line(tmp_path):
    """Two cross-checks that are validators of the schema (IndicatorModel), reported by the
    loader with file and line."""
    path, (line,) = broken(
        tmp_path, ("  - number: 1\n    tool: IIT", "  - number: 0\n    tool: IIT")
    )
    problem = only(loader.check_file(path), "1 ขึ้นไป")
    assert (problem.file, problem.line) == ("ita-2566.yaml", line)
    assert problem.message_th == "หมายเลขตัวชี้วัดต้องเป็น 1 ขึ้นไป (พบ 0)"
    assert problem.message_en == "an indicator number must be 1 or more (found 0)"
    subs = (
        '    sub_indicators:\n      - {code: "10.1", name_th: "การดำเนินการเพื่อป้องกันการทุจริต"}\n'
        '      - {code: "10.2", name_th: "มาตรการภายในเพื่อส่งเสริมคุณธรรมและความโปร่งใส"}\n'
    )
    path, _ = broken(tmp_path, (subs, ""))
    text = path.read_text(encoding="utf-8")
    problem = only(loader.check_file(path), "needs a sub_indicators list")
    assert problem.line == line_of(text, "  - number: 10\n") + 4  # its `aggregation:` line
    assert problem.message_th.startswith(
        "ตัวชี้วัดที่ 10: คิดคะแนนแบบ mean_of_sub_indicators ต้องระบุ sub_indicators"
    )
