"""The shipped criteria files: they load, and they say what the evidence says (and no more)."""

from __future__ import annotations

import os
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from prongsai.criteria import loader
from prongsai.criteria.catalog import Catalog

SEED_3 = Path(__file__).parents[1] / "fixtures" / "seeds" / "003_381929908bc1db9e.txt"
SHIPPED = sorted(loader.DATA_DIR.glob("ita-*.yaml"))
YEARS = [int(p.stem.split("-")[1]) for p in SHIPPED]
TOOL_OF_PREFIX = {"i": "IIT", "e": "EIT", "o": "OIT"}


# --- what seed 003 says, read off the file -----------------------------------------------------


def seed_text() -> str:
    return SEED_3.read_text(encoding="utf-8")


def seed_issues() -> dict[int, tuple[str, dict[str, list[str]]]]:
    """Issue number → (title, {tool: [codes in the seed's order]}) from the seed's tables."""
    text = seed_text()
    heads = list(re.finditer(r"^ประเด็นที่ (\d+) (.+)$", text, flags=re.M))
    out = {}
    for m in heads:
        end = text.index("วิเคราะห์บรรยายเชิงพรรณนา", m.end())
        table = text[m.end() : end]
        by_tool: dict[str, list[str]] = {}
        for code in re.findall(r"ข้อ ([ieo]\d+)", table):
            by_tool.setdefault(TOOL_OF_PREFIX[code[0]], []).append(code)
        out[int(m.group(1))] = (m.group(2).strip(), by_tool)
    return out


def seed_question_scores() -> dict[str, Decimal]:
    scores: dict[str, Decimal] = {}
    for code, value in re.findall(r"ข้อ ([ieo]\d+)\s+(\d+(?:\.\d+)?)", seed_text()):
        assert scores.get(code, Decimal(value)) == Decimal(value), code  # repeated consistently
        scores[code] = Decimal(value)
    return scores


def seed_indicator_scores() -> dict[int, Decimal]:
    text = seed_text()
    table = text[text.index("แบบ\tลำดับ") : text.index("ส่วนที่ 1")]
    return {
        int(n): Decimal(v)
        for n, v in re.findall(r"^(?:\w+)?\t(\d+)\t[^\t]+\t([\d.]+)$", table, re.M)
    }


def mean(values) -> Decimal:
    values = list(values)
    return sum(values, Decimal(0)) / len(values)


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.fixture(scope="module")
def catalogs() -> dict[int, Catalog]:
    return loader.load_all()


@pytest.fixture(scope="module")
def c2566(catalogs) -> Catalog:
    return catalogs[2566]


# --- every file ----------------------------------------------------------------------------------


def test_the_expected_years_are_shipped():
    assert YEARS == [2565, 2566, 2567, 2568, 2569]


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_shipped_file_has_no_problem(path):
    assert loader.check_file(path) == []
    catalog = loader.load_catalog(path)
    assert catalog.fiscal_year == int(path.stem.split("-")[1])
    assert catalog.file == path.name


def test_load_all_gives_every_year(catalogs):
    assert list(catalogs) == YEARS


@pytest.mark.parametrize("year", YEARS)
def test_weights_are_percent_and_sum_to_100(catalogs, year):
    tools = catalogs[year].tools
    assert [t.code for t in tools] == ["IIT", "EIT", "OIT"]
    assert all(isinstance(t.weight, Decimal) for t in tools)
    assert [t.weight for t in tools] == [30, 30, 40]
    assert sum(t.weight for t in tools) == 100


@pytest.mark.parametrize("year", YEARS)
def test_ten_indicators_on_their_tools(catalogs, year):
    c = catalogs[year]
    assert [i.number for i in c.indicators] == list(range(1, 11))
    assert [i.tool for i in c.indicators] == ["IIT"] * 5 + ["EIT"] * 3 + ["OIT"] * 2
    for q in c.questions:
        assert c.indicator(q.indicator).tool == TOOL_OF_PREFIX[q.code[0]], q.code
        assert q.kind == ("checklist" if q.code.startswith("o") else "perception"), q.code


@pytest.mark.parametrize("year", YEARS)
def test_every_rating_has_a_label_for_every_score(catalogs, year):
    rules = [r for r in catalogs[year].rating_rules if r.min_each_tool is None]
    for hundredths in range(10001):
        score = Decimal(hundredths) / 100
        assert any(
            r.min_overall <= score and (r.max_overall is None or score <= r.max_overall)
            for r in rules
        ), score


@pytest.mark.parametrize("year", YEARS)
def test_guesses_are_never_marked_as_certain(catalogs, year):
    """Only evidence (a quoted wording, an arithmetic proof) may be `high`."""
    c = catalogs[year]
    for q in c.questions:
        if q.source in ("INFERRED-TOPIC", "ASSUMED-FROM-2566"):
            assert q.confidence in ("medium", "low", "none"), q.code
        if q.confidence == "high":
            assert q.source == "SEED-3" and year == 2566, q.code
        # uncertainty is said by `confidence` (the pages show a mark), never in the text
        assert "ยังไม่ยืนยัน" not in q.text_th, q.code
    assert c.notes.startswith("ไม่ใช่เอกสารทางการ")  # every file says it is not official


# --- 2566: the year proven from seed 003 ---------------------------------------------------------


def test_2566_question_counts(c2566):
    by_tool = {"IIT": [], "EIT": [], "OIT": []}
    for q in c2566.questions:
        by_tool[c2566.indicator(q.indicator).tool].append(q.code)
    assert by_tool["IIT"] == [f"i{n}" for n in range(1, 31)]
    assert by_tool["EIT"] == [f"e{n}" for n in range(1, 16)]
    assert by_tool["OIT"] == [f"o{n}" for n in range(1, 44)]


def test_2566_iit_eit_grouping(c2566):
    for n in range(1, 6):
        assert [q.code for q in c2566.questions_of(n)] == [
            f"i{k}" for k in range(6 * n - 5, 6 * n + 1)
        ]
        assert c2566.indicator(n).aggregation == "mean_of_questions"
    for n in range(6, 9):
        first = 5 * (n - 6) + 1
        assert [q.code for q in c2566.questions_of(n)] == [f"e{k}" for k in range(first, first + 5)]
        assert c2566.indicator(n).aggregation == "mean_of_questions"


def test_2566_oit_sub_indicators(c2566):
    expected = {
        "9.1": range(1, 11),
        "9.2": range(11, 19),
        "9.3": range(19, 23),
        "9.4": range(23, 27),
        "9.5": range(27, 31),
        "10.1": range(31, 39),
        "10.2": range(39, 44),
    }
    for number in (9, 10):
        ind = c2566.indicator(number)
        assert ind.aggregation == "mean_of_sub_indicators"
        for sub in ind.sub_indicators:
            codes = [q.code for q in c2566.questions_of(number) if q.sub_indicator == sub.code]
            assert codes == [f"o{k}" for k in expected[sub.code]], sub.code
    assert [s.code for s in c2566.indicator(9).sub_indicators] == [
        "9.1",
        "9.2",
        "9.3",
        "9.4",
        "9.5",
    ]
    assert [s.code for s in c2566.indicator(10).sub_indicators] == ["10.1", "10.2"]


def test_2566_rating_is_pass_labels(c2566):
    assert c2566.rating_scheme == "pass_labels"
    assert c2566.pass_mark == 85
    assert [r.label for r in c2566.rating_rules] == [
        "ผ่านดีเยี่ยม",
        "ผ่านดี",
        "ผ่าน",
        "ต้องปรับปรุง",
        "ต้องปรับปรุงโดยด่วน",
    ]
    needs = c2566.rating_rules[3]
    assert needs.max_overall == Decimal("84.99") and not needs.passed
    assert c2566.improve_below == 95


def test_2566_seed_wordings_are_quoted_from_the_seed(c2566):
    seed = squash(seed_text())
    quoted = [q for q in c2566.questions if q.source == "SEED-3"]
    assert {q.code for q in quoted} == {"i1", "i8", "i21", "i27", "i29", "e1", "e7", "e15"}
    for q in quoted:
        assert squash(q.text_th) in seed, q.code
        assert q.confidence == "high"


def test_2566_indicator_scores_recomputed_from_the_seed_questions(c2566):
    """Seed 003's per-question scores, grouped by the catalog, give its indicator table."""
    questions = seed_question_scores()
    indicators = seed_indicator_scores()
    assert len(indicators) == 10
    checked = 0
    for ind in c2566.indicators_of("IIT") + c2566.indicators_of("EIT"):
        codes = [q.code for q in c2566.questions_of(ind.number)]
        if all(c in questions for c in codes):  # e14 is not in the seed, so 8 is skipped
            got = mean(questions[c] for c in codes)
            # the seed's inputs are themselves rounded, so allow a hundredth or two
            assert abs(got - indicators[ind.number]) <= Decimal("0.02"), ind.number
            checked += 1
    assert checked == 7


def test_2566_overall_from_the_seed_indicators(c2566):
    indicators = seed_indicator_scores()
    tool_scores = {
        t.code: mean(indicators[i.number] for i in c2566.indicators_of(t.code)) for t in c2566.tools
    }
    overall = sum(t.weight * tool_scores[t.code] for t in c2566.tools) / 100
    assert overall.quantize(Decimal("0.01")) == Decimal("80.42")
    rounded = overall.quantize(Decimal("0.01"))
    label = next(
        r.label
        for r in c2566.rating_rules
        if rounded >= r.min_overall
        and (r.max_overall is None or rounded <= r.max_overall)
        and (r.min_each_tool is None or all(v >= r.min_each_tool for v in tool_scores.values()))
    )
    assert label == "ต้องปรับปรุง"
    assert "ต้องปรับปรุง" in seed_text()


def test_2566_oit_grouping_explains_the_seed_indicator_9(c2566):
    """With o1 = 0 and o25 = 0 (the seed's two zeros) the sub-indicator mean gives 93.00."""
    items = {q.code: Decimal(0 if q.code in ("o1", "o25") else 100) for q in c2566.questions_of(9)}
    subs = [
        mean(items[q.code] for q in c2566.questions_of(9) if q.sub_indicator == s.code)
        for s in c2566.indicator(9).sub_indicators
    ]
    assert mean(subs) == seed_indicator_scores()[9] == Decimal("93.00")
    assert mean(items.values()).quantize(Decimal("0.01")) != Decimal("93.00")  # plain mean fails


def test_2566_oit_grouping_explains_the_seed_indicator_10(c2566):
    sizes = [
        len([q for q in c2566.questions_of(10) if q.sub_indicator == s.code])
        for s in c2566.indicator(10).sub_indicators
    ]
    assert sizes == [8, 5]
    target = seed_indicator_scores()[10]
    solutions = [
        (k, m)
        for k in range(9)
        for m in range(6)
        if (Decimal(100 * k) / 8 + Decimal(100 * m) / 5) / 2 == target
    ]
    assert solutions == [(7, 2)]  # exactly one way: 10.1 = 7/8, 10.2 = 2/5


def test_2566_analysis_issues_match_the_seed(c2566):
    seed = seed_issues()
    assert sorted(seed) == list(range(1, 8))
    assert [i.number for i in c2566.analysis_issues] == list(range(1, 8))
    for issue in c2566.analysis_issues:
        title, by_tool = seed[issue.number]
        assert squash(issue.title_th) == squash(title)
        assert {t: list(c) for t, c in issue.questions.items()} == by_tool
        assert issue.confidence == "medium" and issue.source == "SEED-3"


# --- the other years -----------------------------------------------------------------------------


def test_2565_uses_letter_grades_and_has_no_iit_eit_questions(catalogs):
    c = catalogs[2565]
    assert c.rating_scheme == "letter_grades"
    assert [r.label for r in c.rating_rules] == ["AA", "A", "B", "C", "D", "E", "F"]
    assert [r.passed for r in c.rating_rules] == [True, True] + [False] * 5
    for n in range(1, 9):
        assert c.indicator(n).questions_known is False
        assert c.questions_of(n) == ()
    assert len([q for q in c.questions if q.code.startswith("o")]) == 43
    assert c.analysis_issues == ()


def test_2567_oit_is_the_2566_list_from_the_lao_form(catalogs):
    """oit.md: an LAO template's 2567 form hard-codes o1–o43 (the 2566 list) → medium."""
    c, c66 = catalogs[2567], catalogs[2566]
    oit = [q for q in c.questions if q.code.startswith("o")]
    assert [q.code for q in oit] == [q.code for q in c66.questions if q.code.startswith("o")]
    assert all(q.confidence == "medium" and q.source == "LAO-2567-FORM" for q in oit)
    assert "Thongtanee" in c.sources["LAO-2567-FORM"]
    assert "35" in c.notes  # the other count is still said
    assert c.question("o42").fulfilled_by == ("analysis", "plan")
    assert c.question("o43").fulfilled_by == ("progress-6m", "progress-12m")
    assert c.question("o22").period == "previous" and c.question("o21").period == "current"


def test_2567_and_2568_reuse_the_seed_issues_for_iit_and_eit(catalogs):
    seed = seed_issues()
    for year in (2567, 2568):
        c = catalogs[year]
        assert [i.number for i in c.analysis_issues if not i.derived] == list(range(1, 8))
        for issue in (i for i in c.analysis_issues if not i.derived):
            title, by_tool = seed[issue.number]
            assert squash(issue.title_th) == squash(title)
            for tool in ("IIT", "EIT"):
                assert list(issue.questions.get(tool, ())) == by_tool.get(tool, []), (year, tool)
    # 2567: the seed's OIT items (same list as 2566) plus one derived issue for the rest, so
    # every OIT item of the year is weighed by some issue
    c67 = catalogs[2567]
    oit_67 = {q.code for q in c67.questions if q.kind == "checklist"}
    weighed = {code for i in c67.analysis_issues for code in i.questions.get("OIT", ())}
    assert weighed == oit_67
    assert [i.number for i in c67.analysis_issues if i.derived] == [8]
    mapped = [i for i in catalogs[2568].analysis_issues if "OIT" in i.questions]
    assert mapped and all(i.confidence == "low" for i in mapped)


def test_2568_and_2569_oit_lists(catalogs):
    for year in (2568, 2569):
        c = catalogs[year]
        oit = [q for q in c.questions if q.code.startswith("o")]
        assert [q.code for q in oit] == [f"o{n}" for n in range(1, 27)]
        unknown = [q.code for q in oit if q.confidence == "none"]
        assert unknown == (["o5", "o6", "o7"] if year == 2568 else ["o6", "o7"])
        for n in (9, 10):
            assert c.indicator(n).confidence == "low"


def test_2569_is_low_confidence_throughout(catalogs):
    c = catalogs[2569]
    assert c.confidence == "low"
    assert all(t.confidence == "low" for t in c.tools)
    assert all(i.confidence == "low" for i in c.indicators)
    assert all(r.confidence == "low" for r in c.rating_rules)
    assert all(not c.indicator(n).questions_known for n in range(1, 9))


# --- catalog_for_year ----------------------------------------------------------------------------


def test_catalog_for_year_is_cached_until_the_file_changes(tmp_path):
    shutil.copy(loader.DATA_DIR / "ita-2566.yaml", tmp_path / "ita-2566.yaml")
    first = loader.catalog_for_year(2566, data_dir=tmp_path)
    assert loader.catalog_for_year(2566, data_dir=tmp_path) is first
    path = tmp_path / "ita-2566.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("improve_below: 95", "improve_below: 90")
    )
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    second = loader.catalog_for_year(2566, data_dir=tmp_path)
    assert second is not first and second.improve_below == 90


def test_catalog_for_year_of_the_shipped_data():
    assert loader.catalog_for_year(2566).fiscal_year == 2566
    assert loader.available_years() == YEARS


def test_catalog_for_a_year_without_a_file():
    with pytest.raises(loader.CriteriaError) as info:
        loader.catalog_for_year(2570)
    (problem,) = info.value.problems
    assert problem.file == "ita-2570.yaml" and problem.line is None
    assert "2570" in problem.message_th and "2570" in problem.message_en
