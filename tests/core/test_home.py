import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


@pytest.mark.django_db
def test_home_lists_the_demo_agencies_with_score_and_rating_in_thai(admin_client, demo):
    response = admin_client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="th">' in html
    for name in ["องค์การบริหารส่วนตำบลท่ากระเสริม", "เทศบาลตำบลพนมทวน", "องค์การบริหารส่วนตำบลปากช่อง"]:
        assert name in html
    assert "80.42" in html and "ต้องปรับปรุง" in html
    assert "จ.กาญจนบุรี" in html


@pytest.mark.django_db
def test_home_query_count_does_not_grow_with_agencies(admin_client, demo):
    with CaptureQueriesContext(connection) as ctx:
        admin_client.get("/")
    assert len(ctx.captured_queries) <= 6  # session and user, then the agencies and their years


@pytest.mark.django_db
def test_empty_home_says_what_to_do(admin_client, client, django_user_model):
    html = admin_client.get("/").content.decode()
    assert "ยังไม่มีหน่วยงานในระบบ" in html
    assert "prongsai demo" in html
    client.force_login(django_user_model.objects.create_user("newcomer"))
    html = client.get("/").content.decode()
    assert "คุณยังไม่มีสิทธิ์ในหน่วยงานใด" in html and "newcomer" in html


@pytest.mark.django_db
def test_admin_lists_every_model_in_thai(admin_client, demo):
    html = admin_client.get("/admin/").content.decode()
    for label in ["หน่วยงาน", "จังหวัด", "ผู้ลงนาม", "ผลการประเมิน ITA", "ข้อคำถาม", "ตัวชี้วัด"]:
        assert label in html
    from django.contrib import admin
    from django.urls import reverse

    for model in admin.site._registry:
        if model._meta.app_label in {"criteria", "agencies", "assessments"}:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            assert admin_client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_agency_page_shows_scores_analysis_and_measures(
    admin_client, demo, django_assert_max_num_queries
):
    from prongsai.agencies.models import Agency

    agency = Agency.objects.get(name="เทศบาลตำบลพนมทวน")
    with django_assert_max_num_queries(18):
        html = admin_client.get(f"/agencies/{agency.pk}/").content.decode()
    assert "80.42" in html and "78.35" in html  # stated 78.36 beside the computed 78.35
    assert "การวิเคราะห์ผลการประเมิน ปี 2566" in html
    assert "แก้ไขโดยเร่งด่วน" in html  # issue 3, OIT o1 = 0
    assert "ข้อจำกัดของหน่วยงาน" in html and "งบประมาณมีเพียงพอ" in html
    assert "ปีงบประมาณ 2567</a> · <a" in html and "7 มาตรการ</a>" in html
