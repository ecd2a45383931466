"""The live summary of the entry page: computed as the officer types, differences shown."""

import re

import pytest

from prongsai.agencies.models import Agency
from prongsai.assessments.models import Assessment
from tests.conftest import SEED_003_INDICATORS


@pytest.fixture
def preview(admin_client, demo):
    agency = Agency.objects.get(name="องค์การบริหารส่วนตำบลปากช่อง")

    def post(data):
        response = admin_client.post(f"/agencies/{agency.pk}/results/2566/preview/", data)
        assert response.status_code == 200
        return response.content.decode()

    return post


def summary_of(html):
    """The #summary part of a preview response (the rest is swapped out of band)."""
    start = html.index('<div id="summary"')
    return html[start : html.index('<span id="tool-status-', start)]


def test_seed_003s_ten_indicator_scores_give_80_42_and_needs_improvement(preview):
    html = preview({f"ind_{n}": v for n, v in SEED_003_INDICATORS.items()})
    summary = summary_of(html)
    assert "คะแนนรวม <strong>80.42</strong>" in summary
    assert '<span class="rating fail">ต้องปรับปรุง</span>' in summary
    assert "เกณฑ์ผ่าน 85 คะแนน" in summary
    for tool, value in (("IIT", "87.64"), ("EIT", "75.94"), ("OIT", "78.38")):
        assert re.search(
            rf"<th>{tool} <small>.*?</small></th>\s*<td class=\"num\">{value}</td>", summary
        )
    assert "diff-note" not in summary and "differs" not in summary
    assert not Assessment.objects.filter(agency__name="องค์การบริหารส่วนตำบลปากช่อง").exists()


def test_a_stated_overall_that_differs_is_shown_with_the_difference(preview):
    data = {f"ind_{n}": v for n, v in SEED_003_INDICATORS.items()}
    summary = summary_of(preview({**data, "stated_overall": "๘๒"}))
    assert "คะแนนรวม <strong>82.00</strong>" in summary  # the stated one is the official one
    assert (
        '<p class="diff-note">คะแนนรวมตามประกาศ 82.00 ต่างจากที่คำนวณจากตัวชี้วัด 80.42 (ต่างกัน +1.58)</p>'
    ) in summary
    # a difference of one hundredth is rounding, still shown but not highlighted
    summary = summary_of(preview({**data, "stated_overall": "80.43"}))
    assert "diff-note" not in summary and "(80.42) 0.01 จากการปัดเศษ" in summary


def test_a_stated_indicator_that_differs_from_its_questions_is_highlighted(preview):
    questions = {f"q_e{n}": "70" for n in range(1, 6)}  # indicator 6 computes to 70.00
    html = preview({**questions, "ind_6": "78.36"})
    summary = summary_of(html)
    assert '<tr class="ind differs">' in summary
    assert "ตามประกาศ 78.36 · คำนวณได้ 70.00 · ต่าง +8.36" in summary
    # and beside the indicator in the grid, swapped out of band
    oob = html[html.index('<span id="ind-status-6" class="ind-status" hx-swap-oob="true">') :]
    oob = oob[: oob.index('<span id="ind-status-7"')]
    assert "ตามประกาศ <b>78.36</b> แต่คำนวณจากรายข้อได้ <b>70.00</b> ต่างกัน +8.36" in oob


def test_a_question_inferred_from_its_stated_indicator_is_shown_as_inferred(preview):
    data = {f"q_e{n}": "70" for n in range(1, 5)}  # e5 missing
    html = preview({**data, "ind_6": "72"})
    assert "ข้อ e5 คำนวณย้อนจากคะแนนตัวชี้วัด = 80.00" in html
    assert "<b>คำนวณย้อนจากคะแนนตัวชี้วัด:</b>" in summary_of(html)


def test_the_summary_follows_the_valid_fields_and_lists_the_wrong_ones(preview):
    html = preview({"q_i1": "120", "q_o1": "50", "ind_1": "90", "tool_EIT": "abc"})
    summary = summary_of(html)
    assert "ยังไม่นับ 3 ช่องที่กรอกไม่ถูกต้อง" in summary
    assert '<a href="#id_q_i1">ข้อ i1</a>: คะแนนต้องไม่เกิน 100' in summary
    assert "ข้อ o1</a>: รายการเปิดเผยข้อมูลได้คะแนน 0 หรือ 100 เท่านั้น (ได้ 50)" in summary
    assert "คะแนน EIT ตามประกาศ</a>: ใส่ตัวเลข เช่น 87.19" in summary
    assert "ใช้คะแนนตามประกาศ <b>90.00</b>" in html  # indicator 1 still counted


def test_the_grid_counts_are_swapped_out_of_band(preview):
    html = preview({"paste_EIT": "70\n71\n\n73"})
    assert '<span id="tool-count-EIT" class="count" hx-swap-oob="true">3/15 ข้อ</span>' in html
    assert '<span id="tool-count-IIT" class="count" hx-swap-oob="true">0/30 ข้อ</span>' in html
