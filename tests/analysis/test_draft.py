"""Drafting the analysis: seed 003's agency, with its real scores and the default target, gets
the issues, questions and verdicts that seed 003 itself wrote."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from prongsai.analysis.models import Finding, RecommendationText
from prongsai.analysis.rules import draft_issues
from prongsai.analysis.services import create_analysis, recommendation_for
from prongsai.assessments.models import Assessment
from prongsai.criteria.loader import DATA_DIR, load_catalog
from prongsai.ingest.reader import read_document
from tests.conftest import SEED_003


@pytest.fixture(scope="module")
def seed_analysis():
    """What seed 003 wrote: per issue, per tool, the questions with scores and the verdict."""
    result = read_document(SEED_003.read_bytes(), SEED_003.name)
    written = {}
    for issue in result.analysis.issues:
        tools = {}
        for q in issue.questions:
            tool = tools.setdefault(q.tool, {"questions": {}, "verdict": None})
            tool["questions"][q.code] = q.score
            tool["verdict"] = tool["verdict"] or q.verdict
        written[issue.number] = (issue.title, tools)
    return written


def analyse_json(**kw):
    out = StringIO()
    call_command(
        "analyse", "--agency", "เทศบาลตำบลพนมทวน", "--year", "2566", "--format", "json", stdout=out
    )
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_drafted_analysis_matches_what_seed_003_wrote(demo, seed_analysis):
    data = analyse_json()
    assert [i["number"] for i in data["issues"]] == sorted(seed_analysis)
    for issue in data["issues"]:
        title, tools = seed_analysis[issue["number"]]
        assert "".join(issue["title"].split()) == "".join(title.split())
        assert {t["tool"] for t in issue["tools"]} == set(tools)
        for t in issue["tools"]:
            written = tools[t["tool"]]
            got = {q["code"]: Decimal(str(q["score"])) for q in t["questions"]}
            assert got == written["questions"], (issue["number"], t["tool"])
            assert t["verdict"] == written["verdict"], (issue["number"], t["tool"])


@pytest.mark.django_db
def test_weak_questions_are_those_below_target_or_a_missing_disclosure(demo):
    data = analyse_json()
    issue3 = next(i for i in data["issues"] if i["number"] == 3)
    oit = next(t for t in issue3["tools"] if t["tool"] == "OIT")
    assert oit["weak"] == ["o1"] and oit["verdict"] == "fix"
    issue1_iit = data["issues"][0]["tools"][0]
    assert issue1_iit["weak"] == ["i1", "i2", "i3"]  # 87.19, 89.35, 88.29 < 95; i4–i6 are 100
    assert all(t["recommendation"] for i in data["issues"] for t in i["tools"])


def test_target_moves_the_verdict():
    catalog = load_catalog(DATA_DIR / "ita-2566.yaml")
    scores = {f"i{n}": Decimal("90") for n in range(1, 7)}
    assert draft_issues(catalog, scores)[0].tools[0].verdict == "improve"
    assert draft_issues(catalog, scores, Decimal("90"))[0].tools[0].verdict == "keep"
    scores["o11"] = Decimal(0)
    assert draft_issues(catalog, scores, Decimal("50"))[0].tools[1].verdict == "fix"


@pytest.mark.django_db
def test_the_most_specific_recommendation_wins_and_admins_can_change_it(db):
    generic = recommendation_for(2566, 5, "OIT", "keep")
    assert generic.startswith("ควรรักษาระดับ")
    RecommendationText.objects.create(
        issue_number=5, tool="OIT", verdict="keep", text="ข้อความเฉพาะ"
    )
    assert recommendation_for(2566, 5, "OIT", "keep") == "ข้อความเฉพาะ"
    assert recommendation_for(2566, 4, "OIT", "keep") == generic


@pytest.mark.django_db
def test_create_analysis_stores_findings_once(demo):
    assessment = Assessment.objects.get(fiscal_year=2566)
    analysis = create_analysis(assessment)
    count = Finding.objects.filter(analysis=analysis).count()
    assert count == 3 + 3 + 2 + 2 + 2 + 2 + 3  # tools per issue in seed 003
    assert create_analysis(assessment) == analysis
    assert Finding.objects.filter(analysis=analysis).count() == count


@pytest.mark.django_db
def test_2567_analysis_has_oit_findings_for_items_at_zero(demo):
    """Issue 14: the 2567 criteria once left OIT out, so a drafted 2567 analysis silently had no
    OIT while six items scored 0. Every OIT item of 2567 is now weighed by some issue."""
    from prongsai.agencies.models import Agency
    from prongsai.assessments.services import record_scores
    from prongsai.criteria.services import get_catalog

    catalog = get_catalog(2567)
    zero = ["o1", "o10", "o22", "o36", "o41", "o42"]
    scores = {q.code: 0 if q.code in zero else 100 for q in catalog.questions}
    agency = Agency.objects.get(name="เทศบาลตำบลพนมทวน")
    record_scores(agency=agency, fiscal_year=2567, question_scores=scores)
    out = StringIO()
    call_command(
        "analyse", "--agency", agency.name, "--year", "2567", "--format", "json", stdout=out
    )
    data = json.loads(out.getvalue())
    oit = {
        code: (issue["number"], t["verdict"])
        for issue in data["issues"]
        for t in issue["tools"]
        if t["tool"] == "OIT"
        for code in t["weak"]
    }
    assert set(oit) == set(zero)
    assert {verdict for _, verdict in oit.values()} == {"fix"}
    assert oit["o1"][0] == 3 and oit["o42"][0] == 8  # issue 8: derived from the items
    derived = {issue["number"]: issue["derived"] for issue in data["issues"]}
    assert derived[8] is True and derived[3] is False
