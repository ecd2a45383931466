"""What a measure addresses: issues, indicators and questions, drafted from the analysis,
checked against the analysed year's criteria, typed by the officer with Thai digits."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.core.actions import SYSTEM
from prongsai.criteria import loader
from prongsai.measures.actions import plan_copy, plan_from_analysis
from prongsai.measures.models import Measure
from prongsai.measures.targets import check_targets, split_codes
from prongsai.thai import to_thai_digits
from tests.measures.test_plans import drafted  # noqa: F401  (fixture)

DATA = Path(__file__).parents[2] / "src/prongsai/criteria/data"
CATALOG_2566 = loader.parse_catalog((DATA / "ita-2566.yaml").read_text("utf-8"), "ita-2566.yaml")


def test_thai_digits_and_separators_are_read():
    targets = check_targets(CATALOG_2566, "๑, ๓", "", "I1 e๕;o12")
    assert targets.errors == {}
    assert targets.issues == [1, 3]
    assert targets.questions == ["i1", "e5", "o12"]
    # the indicators of the chosen questions are added: i1 → 1, e5 → 6, o12 → 9
    assert targets.indicators == sorted(
        {CATALOG_2566.question(c).indicator for c in ("i1", "e5", "o12")}
    )


def test_unknown_codes_are_named_in_thai():
    targets = check_targets(CATALOG_2566, "1, 99", "11", "i1, x7, e999")
    assert "99" in targets.errors["issue_numbers_text"]
    assert "ไม่มีตัวชี้วัดที่ 11" in targets.errors["indicator_numbers_text"]
    assert "x7" in targets.errors["question_codes_text"]
    targets = check_targets(CATALOG_2566, "", "", "e999")
    assert targets.errors["question_codes_text"] == "ไม่มีข้อ e999 ในเกณฑ์ปี 2566"


def test_without_criteria_only_the_form_is_checked():
    assert check_targets(None, "1", "2", "i1").errors == {}
    assert "question_codes_text" in check_targets(None, "", "", "ข้อ1").errors


@given(st.lists(st.integers(min_value=1, max_value=10), max_size=10))
def test_indicator_lists_round_trip_in_either_digits(numbers):
    text = ", ".join(map(str, numbers))
    for written in (text, to_thai_digits(text)):
        targets = check_targets(CATALOG_2566, "", written, "")
        assert targets.errors == {}
        assert targets.indicators == sorted(set(numbers))


@given(st.text())
def test_split_codes_never_fails_and_is_idempotent(text):
    parts = split_codes(text)
    assert split_codes(" ".join(parts)) == parts
    assert len(parts) == len(set(parts))


@pytest.mark.django_db
def test_plan_drafted_from_seed_003_links_each_measure_to_its_weak_questions(drafted):  # noqa: F811
    plan = plan_from_analysis(drafted.pk, by=SYSTEM)
    measures = {m.number: m for m in plan.measures.all()}
    # issue 3: EIT improve (e6–e10) and the OIT item o1 at 0 (fix); o2… at 100 are not weak
    assert measures[3].issue_numbers == [3]
    assert measures[3].question_codes == ["e6", "e7", "e8", "e9", "e10", "o1"]
    assert measures[3].indicator_numbers == [7, 9]
    # issue 5 is IIT only: i10–i12 are above the target of 95 and are left out
    assert (measures[5].tool, measures[5].question_codes) == ("IIT", ["i7", "i8", "i9"])
    for m in measures.values():
        assert m.issue_numbers == [m.number]  # seed 003: one measure per issue, in order
        for code in m.question_codes:
            assert CATALOG_2566.question(code).indicator in m.indicator_numbers
    copied = plan_copy(plan.pk, by=SYSTEM)
    assert list(copied.measures.order_by("number").values_list("question_codes", flat=True)) == [
        m.question_codes for _, m in sorted(measures.items())
    ]


@pytest.mark.django_db
def test_measure_form_checks_the_codes_and_keeps_what_was_typed(admin_client, drafted):  # noqa: F811
    plan = plan_from_analysis(drafted.pk, by=SYSTEM)
    measure = plan.measures.get(number=1)
    url = f"/agencies/{plan.agency_id}/plans/2567/measures/{measure.pk}/"
    page = admin_client.get(url).content.decode()
    assert 'value="i1, i2, i3, e1, e2, e3, e4, e11, e12"' in page
    data = {
        "title": "มาตรการทดสอบ",
        "methods_text": "ขั้นที่หนึ่ง",
        "issue_numbers_text": "๑",
        "indicator_numbers_text": "",
        "question_codes_text": "i1, e99",
        "period_start": "1/10/2566",
        "period_end": "30/9/2567",
        "tool": "",
        "kpi_target": "",
        "kpi_unit": "",
        "budget": "",
        "new_unit": "",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 400  # refused, what was typed shown again
    text = response.content.decode()
    assert "ไม่มีข้อ e99 ในเกณฑ์ปี 2566" in text
    assert 'value="i1, e99"' in text and "มาตรการทดสอบ" in text
    measure.refresh_from_db()
    assert measure.title != "มาตรการทดสอบ"  # nothing saved
    data["question_codes_text"] = "i1, e5"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    measure = Measure.objects.get(pk=measure.pk)
    assert (measure.issue_numbers, measure.question_codes) == ([1], ["i1", "e5"])
    assert measure.indicator_numbers == [1, 6]
    plan_page = admin_client.get(f"/agencies/{plan.agency_id}/plans/2567/").content.decode()
    assert "ประเด็นที่ 1 · ตัวชี้วัดที่ 1, 6 · ข้อ i1, e5" in plan_page
