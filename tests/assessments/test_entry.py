"""Entering results in the web app: the grid, paste from Excel, live preview, validation, save."""

import pytest

from prongsai.agencies.models import Agency
from prongsai.assessments.models import Assessment, QuestionScore
from tests.conftest import SEED_003_INDICATORS


@pytest.mark.django_db
def test_the_grid_lists_every_question_of_the_year_by_indicator(admin_client, pakchong):
    html = admin_client.get(f"/agencies/{pakchong.pk}/results/2566/").content.decode()
    for code in ["i1", "i30", "e15", "o1", "o43"]:
        assert f'name="q_{code}"' in html
    assert "ตัวชี้วัดที่ 10 การป้องกันการทุจริต" in html
    assert 'hx-post="/agencies/' in html  # the live preview


@pytest.mark.django_db
def test_indicator_scores_only_preview_gives_80_42(admin_client, pakchong):
    data = {f"ind_{n}": v for n, v in SEED_003_INDICATORS.items()}
    html = admin_client.post(
        f"/agencies/{pakchong.pk}/results/2566/preview/", data
    ).content.decode()
    assert "<strong>80.42</strong>" in html and "ต้องปรับปรุง" in html
    html = admin_client.post(
        f"/agencies/{pakchong.pk}/results/2566/preview/", {**data, "stated_overall": "82"}
    ).content.decode()
    assert "ต่างจากที่คำนวณจากตัวชี้วัด 80.42" in html


@pytest.mark.django_db
def test_paste_fills_questions_in_order_and_saves(admin_client, pakchong):
    paste = "\n".join(["87.19", "๘๙.๓๕", "88.29\tสูง", "100", "100", "100"])
    response = admin_client.post(
        f"/agencies/{pakchong.pk}/results/2566/", {"paste_IIT": paste, "q_o1": "0"}
    )
    assert response.status_code == 302
    a = Assessment.objects.get(agency=pakchong, fiscal_year=2566)
    scores = dict(QuestionScore.objects.filter(assessment=a).values_list("question__code", "score"))
    assert str(scores["i2"]) == "89.35" and str(scores["i6"]) == "100.00" and scores["o1"] == 0
    assert str(a.indicator_scores.get(indicator__number=1).score) == "94.14"
    assert a.source == "manual"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("q_i1", "120", "คะแนนต้องไม่เกิน 100"),
        ("q_o1", "50", "0 หรือ 100 เท่านั้น"),
        ("paste_EIT", "71.71\nabc", "บรรทัด 2 “abc” ไม่ใช่ตัวเลข"),
        ("ind_3", "-1", "คะแนนต้องไม่น้อยกว่า 0"),
    ],
)
def test_bad_scores_are_refused_next_to_the_field_and_kept(
    admin_client, pakchong, field, value, message
):
    response = admin_client.post(
        f"/agencies/{pakchong.pk}/results/2566/", {field: value, "q_i2": "77.77"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="77.77"' in html  # what was typed is still there
    assert not Assessment.objects.filter(agency=pakchong).exists()


@pytest.mark.django_db
def test_entry_needs_login_and_loaded_criteria(client, admin_client, pakchong):
    assert client.get(f"/agencies/{pakchong.pk}/results/2566/").status_code == 302
    response = admin_client.get(f"/agencies/{pakchong.pk}/results/2590/", follow=True)
    assert "ยังไม่มีเกณฑ์การประเมินปี 2590" in response.content.decode()


@pytest.mark.django_db
def test_entry_page_query_count_is_bounded(admin_client, demo, django_assert_max_num_queries):
    agency = Agency.objects.get(name="เทศบาลตำบลพนมทวน")
    with django_assert_max_num_queries(15):
        response = admin_client.get(f"/agencies/{agency.pk}/results/2566/")
    assert 'value="87.19"' in response.content.decode()  # pre-filled from the stored scores


@pytest.mark.django_db
def test_thai_digits_are_accepted(admin_client, pakchong):
    html = admin_client.get(f"/agencies/{pakchong.pk}/results/2566/").content.decode()
    assert 'name="q_i1"' in html and 'type="number" name="q_i1"' not in html
    admin_client.post(f"/agencies/{pakchong.pk}/results/2566/", {"q_i1": "๘๗.๑๙"})
    score = QuestionScore.objects.get(assessment__agency=pakchong, question__code="i1").score
    assert str(score) == "87.19"
