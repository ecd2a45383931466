"""Saving the entry page: record_scores with source manual, or the form back with Thai errors
next to the fields and everything typed kept."""

import re
from decimal import Decimal

import pytest

from prongsai.agencies.models import Agency
from prongsai.assessments.models import Assessment, QuestionScore
from prongsai.ingest.analysis_report import read_stated_scores
from tests.conftest import SEED_003

D = Decimal


@pytest.fixture
def post(admin_client, pakchong):
    def send(data, follow=False):
        return admin_client.post(f"/agencies/{pakchong.pk}/results/2566/", data, follow=follow)

    return send


def stored(agency):
    a = Assessment.objects.get(agency=agency, fiscal_year=2566)
    scores = dict(QuestionScore.objects.filter(assessment=a).values_list("question__code", "score"))
    return a, scores


def field_html(html, name):
    """The table row or block of one field, to check that its error is next to it."""
    at = html.index(f'name="{name}"')
    start = max(html.rfind("<tr", 0, at), html.rfind('<div class="paste', 0, at))
    end = min(i for i in (html.find("</tr>", at), html.find("</section>", at)) if i > 0)
    return html[start:end]


@pytest.mark.django_db
def test_saving_stores_the_scores_and_goes_back_to_the_agency(post, pakchong):
    seed = read_stated_scores(SEED_003.read_text(encoding="utf-8"))
    data = {f"q_{code}": str(v) for code, v in seed.questions.items()}
    data |= {f"ind_{n}": str(v) for n, v in seed.indicators.items()}
    data["stated_overall"] = "80.42"
    response = post(data, follow=True)
    assert response.redirect_chain == [(f"/agencies/{pakchong.pk}/", 302)]
    assert "บันทึกผลการประเมินปี 2566 แล้ว — คะแนนรวม 80.42 ระดับต้องปรับปรุง" in (response.content.decode())
    a, scores = stored(pakchong)
    assert a.source == "manual" and a.criteria.fiscal_year == 2566
    assert (a.overall, a.computed_overall, a.stated_overall) == (D("80.42"), D("80.42"), D("80.42"))
    assert (a.rating, a.passed) == ("ต้องปรับปรุง", False)
    assert len(scores) == len(seed.questions) + 1  # + e14, inferred from indicator 8
    assert scores["i1"] == D("87.19") and scores["o1"] == seed.questions["o1"]
    e14 = QuestionScore.objects.get(assessment=a, question__code="e14")
    assert e14.inferred and e14.score == D("68.53")
    ind6 = a.indicator_scores.get(indicator__number=6)
    assert (ind6.stated, ind6.computed, ind6.score) == (D("78.36"), D("78.35"), D("78.36"))
    assert [t.score for t in a.tool_scores.all()] == [D("87.64"), D("75.94"), D("78.38")]


@pytest.mark.django_db
def test_pasted_columns_fill_the_questions_in_order_without_javascript(post, pakchong):
    iit = "87.19\n๘๙.๓๕\n88.29\tสูง\n100\n100\n100\n\n90"
    oit = "\n".join(["100"] * 10 + ["0"])
    response = post({"paste_IIT": iit, "paste_OIT": oit, "tool_EIT": "75.94"})
    assert response.status_code == 302
    a, scores = stored(pakchong)
    assert [scores[f"i{n}"] for n in (1, 2, 3, 4, 5, 6)] == [
        D("87.19"),
        D("89.35"),
        D("88.29"),
        D("100"),
        D("100"),
        D("100"),
    ]
    assert "i7" not in scores and scores["i8"] == D("90")
    assert [scores[f"o{n}"] for n in range(1, 12)] == [D("100")] * 10 + [D("0")]
    assert a.indicator_scores.get(indicator__number=1).computed == D("94.14")
    assert a.tool_scores.get(tool__code="EIT").stated == D("75.94")


@pytest.mark.django_db
def test_a_score_over_100_is_refused_next_to_its_field_and_the_form_kept(post, pakchong):
    response = post({"q_i1": "120", "q_i2": "๗๗.๗๗", "ind_3": "90.39", "paste_EIT": ""})
    html = response.content.decode()
    assert response.status_code == 200
    row = field_html(html, "q_i1")
    assert 'value="120"' in row and '<p class="error" role="alert">คะแนนต้องไม่เกิน 100</p>' in row
    assert 'value="๗๗.๗๗"' in html and 'name="ind_3" value="90.39"' in html
    assert "ยังบันทึกไม่ได้" in html and '<a href="#id_q_i1">ข้อ i1</a>' in html
    assert not Assessment.objects.filter(agency=pakchong).exists()


@pytest.mark.django_db
def test_an_oit_item_of_50_is_refused_and_still_shown(post, pakchong):
    html = post({"q_o1": "50", "q_o2": "100", "q_i2": "77.77"}).content.decode()
    row = field_html(html, "q_o1")
    assert '<option value="50" selected>50 (ไม่ถูกต้อง)</option>' in row
    assert "รายการเปิดเผยข้อมูลได้คะแนน 0 หรือ 100 เท่านั้น (ได้ 50)" in row
    assert re.search(r'name="q_o2".*?<option value="100" selected>', html, re.S)
    assert 'value="77.77"' in html
    assert not Assessment.objects.filter(agency=pakchong).exists()


@pytest.mark.django_db
def test_pasted_garbage_is_refused_next_to_the_paste_box_and_kept(post, pakchong):
    paste = "71.71\nabc\n73"
    html = post({"paste_EIT": paste, "q_i2": "77.77"}).content.decode()
    box = field_html(html, "paste_EIT")
    assert "บรรทัด 2 “abc” ไม่ใช่ตัวเลข" in box
    assert ">\n71.71\nabc\n73</textarea>" in box  # what was pasted, as it was
    assert 'name="q_e1" value=' not in html  # nothing of a wrong paste is applied
    assert 'value="77.77"' in html
    assert not Assessment.objects.filter(agency=pakchong).exists()


@pytest.mark.django_db
def test_a_pasted_value_out_of_range_lands_in_its_field_with_the_error(post, pakchong):
    html = post({"paste_IIT": "80\n81\n120"}).content.decode()
    row = field_html(html, "q_i3")
    assert 'value="120"' in row and "คะแนนต้องไม่เกิน 100" in row
    assert 'name="q_i1" value="80"' in html
    # the box is emptied: its numbers are in the fields now, where they can be corrected
    assert "เติมคะแนนจากที่วางแล้ว 3 ข้อ" in html
    assert re.search(r'name="paste_IIT"[^>]*>\n</textarea>', html)


@pytest.mark.django_db
def test_a_code_not_in_the_years_criteria_is_refused(post, pakchong):
    html = post({"q_i99": "80", "q_i1": "80"}).content.decode()
    assert "ข้อ i99 ไม่มีในเกณฑ์ปี 2566" in html
    html = post({"paste_IIT": "i1\t80\ni99\t70"}).content.decode()
    assert "บรรทัด 2: ไม่มีข้อ i99 ในเกณฑ์ปี 2566" in field_html(html, "paste_IIT")
    assert not Assessment.objects.filter(agency=pakchong).exists()


@pytest.mark.django_db
def test_an_empty_form_saves_nothing(post, pakchong):
    html = post({"q_i1": "", "stated_overall": ""}).content.decode()
    assert "ยังไม่มีคะแนนให้บันทึก" in html
    assert not Assessment.objects.filter(agency=pakchong).exists()


@pytest.mark.django_db
def test_editing_an_imported_assessment_keeps_what_was_not_changed(admin_client, demo):
    agency = Agency.objects.get(name="เทศบาลตำบลพนมทวน")
    before = Assessment.objects.get(agency=agency, fiscal_year=2566)
    count = before.question_scores.count()
    page = admin_client.get(f"/agencies/{agency.pk}/results/2566/").content.decode()
    # post the page back as it is (what a browser sends), with one score changed
    data = dict(re.findall(r'<input type="text" name="(\w+)" value="([^"]*)"', page))
    data |= dict(
        re.findall(r'<select name="(\w+)"[^>]*>.*?<option value="([^"]*)" selected>', page, re.S)
    )
    data["q_i1"] = "90"
    response = admin_client.post(f"/agencies/{agency.pk}/results/2566/", data)
    assert response.status_code == 302
    after = Assessment.objects.get(pk=before.pk)
    assert after.source == "manual" and after.stated_rating == before.stated_rating
    assert after.stated_overall == D("80.42")
    assert QuestionScore.objects.get(assessment=after, question__code="i1").score == D("90")
    assert QuestionScore.objects.filter(assessment=after).count() == count
    # indicator 1 keeps its stated 94.14; computed from the questions now, it differs
    ind1 = after.indicator_scores.get(indicator__number=1)
    assert (ind1.stated, ind1.computed) == (D("94.14"), D("94.61"))
