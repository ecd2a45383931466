"""The results entry page: the grid of the year's criteria, the year chooser, login, queries."""

import re

import pytest
from django.utils.html import escape

from prongsai.agencies.models import Agency
from prongsai.criteria.services import get_catalog


@pytest.fixture
def phanomthuan(demo):
    return Agency.objects.get(name="เทศบาลตำบลพนมทวน")


def url(agency, year=2566):
    return f"/agencies/{agency.pk}/results/{year}/"


@pytest.mark.django_db
def test_every_question_of_2566_is_in_the_grid_under_its_indicator(admin_client, pakchong):
    html = admin_client.get(url(pakchong)).content.decode()
    catalog = get_catalog(2566)
    assert len(catalog.questions) == 88
    # each question's input comes after its indicator's header and before the next one's
    header_at = {
        ind.number: html.index(f"ตัวชี้วัดที่ {ind.number} {ind.name_th}") for ind in catalog.indicators
    }
    ends = [*sorted(header_at.values())[1:], len(html)]
    next_header = dict(zip(sorted(header_at.values()), ends, strict=True))
    for q in catalog.questions:
        at = html.index(f'name="q_{q.code}"')
        start = header_at[q.indicator]
        assert start < at < next_header[start], q.code
        assert escape(q.text_th) in html
    # one stated box per indicator and per tool, a paste box per tool, a stated overall
    for n in range(1, 11):
        assert f'name="ind_{n}"' in html
    for tool in ("IIT", "EIT", "OIT"):
        assert f'name="paste_{tool}"' in html and f'name="tool_{tool}"' in html
    assert 'name="stated_overall"' in html
    # OIT items are มี/ไม่มี (100/0); the others are text boxes that take Thai digits
    assert re.search(r'<select name="q_o1"[^>]*>\s*<option value="" selected>—</option>', html)
    assert '<option value="100">มี (100)</option>' in html
    assert 'type="number" name="q_i1"' not in html and 'type="text" name="q_i1"' in html
    # sub-indicators of OIT are shown as groups
    assert "9.1 ข้อมูลพื้นฐาน" in html and "10.2 มาตรการภายในเพื่อส่งเสริมคุณธรรมและความโปร่งใส" in html
    # the live preview and the vendored htmx, no CDN
    assert f'hx-post="{url(pakchong)}preview/"' in html
    assert 'hx-trigger="input changed delay:400ms"' in html
    assert "/static/vendor/htmx/2.0.11/htmx.min.js" in html and "unpkg" not in html


@pytest.mark.django_db
def test_the_page_is_filled_from_the_stored_assessment(admin_client, phanomthuan):
    html = admin_client.get(url(phanomthuan)).content.decode()
    assert 'name="q_i1" value="87.19"' in html
    assert 'name="ind_10" value="63.75"' in html
    assert 'name="stated_overall" value="80.42"' in html
    # e14 is not in the seed: it was inferred from indicator 8, so it is not an input value
    assert 'name="q_e14" value=' not in html
    assert "ข้อ e14 คำนวณย้อนจากคะแนนตัวชี้วัด = 68.53" in html
    assert re.search(r'<select name="q_o1"[^>]*>.*?<option value="100" selected>', html, re.S)
    assert "<strong>80.42</strong>" in html and "ต้องปรับปรุง" in html


@pytest.mark.django_db
def test_the_page_needs_login(client, pakchong):
    response = client.get(url(pakchong))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.post(url(pakchong) + "preview/", {}).status_code == 302
    assert client.get(f"/agencies/{pakchong.pk}/results/").status_code == 302


@pytest.mark.django_db
def test_a_year_without_criteria_cannot_be_chosen(admin_client, pakchong):
    response = admin_client.get(url(pakchong, 2590), follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/agencies/{pakchong.pk}/results/"
    assert "ยังไม่มีเกณฑ์การประเมินปี 2590 ในระบบ" in html
    # the chooser offers only the loaded years
    options = re.findall(r'<option value="(\d+)"', html)
    assert options == ["2569", "2568", "2567", "2566", "2565"]
    response = admin_client.get(f"/agencies/{pakchong.pk}/results/?year=2590")
    assert "เลือกได้เฉพาะปีที่มีเกณฑ์แล้ว (มีปี 2565, 2566, 2567, 2568, 2569)" in (response.content.decode())
    response = admin_client.get(f"/agencies/{pakchong.pk}/results/?year=๒๕๖๖")
    assert response["Location"] == url(pakchong)
    assert admin_client.post(url(pakchong, 2590) + "preview/", {}).status_code == 404


@pytest.mark.django_db
def test_a_year_with_indicator_scores_only_says_so(admin_client, pakchong):
    html = admin_client.get(url(pakchong, 2569)).content.decode()
    assert "ปี 2569 ยังไม่มีรายการข้อคำถามของ IIT ในระบบ" in html
    assert 'name="paste_IIT"' not in html and 'name="paste_OIT"' in html
    assert 'name="ind_1"' in html


@pytest.mark.django_db
def test_the_agency_page_links_to_the_entry(admin_client, phanomthuan):
    html = admin_client.get(f"/agencies/{phanomthuan.pk}/").content.decode()
    assert f'href="{url(phanomthuan)}">แก้ไขคะแนน</a>' in html
    assert f'href="/agencies/{phanomthuan.pk}/results/">บันทึกผลการประเมิน</a>' in html
    chooser = admin_client.get(f"/agencies/{phanomthuan.pk}/results/").content.decode()
    assert "2566 — มีผลแล้ว 80.42" in chooser and f'href="{url(phanomthuan)}">แก้ไขคะแนน' in chooser


@pytest.mark.django_db
def test_the_entry_page_query_count_is_bounded(
    admin_client, phanomthuan, django_assert_max_num_queries
):
    admin_client.get(url(phanomthuan))  # the catalog is parsed once per process
    with django_assert_max_num_queries(10):
        response = admin_client.get(url(phanomthuan))
    assert response.status_code == 200
    with django_assert_max_num_queries(6):
        response = admin_client.post(url(phanomthuan) + "preview/", {"ind_1": "90"})
    assert response.status_code == 200
    with django_assert_max_num_queries(6):
        admin_client.get(f"/agencies/{phanomthuan.pk}/results/")
