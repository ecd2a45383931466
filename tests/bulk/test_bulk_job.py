"""A bulk job in this process (its tasks eager): started by the action with the actor's reach
checked and an Event, one part per agency, run to its ZIP; the pages that follow it. The same
through a real worker and broker: tests/queue."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.utils import timezone

from prongsai.agencies.models import Agency, Province
from prongsai.bulk.actions import bulk_start
from prongsai.bulk.models import BulkJob, BulkPart
from prongsai.core.errors import Invalid
from prongsai.core.models import Event
from prongsai.measures.models import MeasurePlan, ProgressRound
from prongsai.thai.fiscal import fiscal_year_of
from tests.acting import fixture_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def province(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    province = Province.objects.get(pk=71)
    for place in ("หนึ่ง", "สอง"):
        Agency.objects.create(kind="sao", place_name=place, province=province)
    Agency.objects.create(kind="sao", place_name="ที่อื่น", province=Province.objects.get(pk=10))
    return province


@pytest.fixture
def national(django_user_model):
    return django_user_model.objects.create_superuser("nat", password="x-secret-1")


def test_a_province_job_runs_to_its_zip(province, national, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = bulk_start("analysis", 2568, scope="province", province=province, by=national)
    job.refresh_from_db()
    assert job.total == 2 and job.parts.count() == 2
    # no analysis in these agencies: each part is "no data", with the builder's Thai reason
    assert set(job.parts.values_list("status", flat=True)) == {BulkPart.Status.SKIPPED}
    assert all("ยังไม่มีการวิเคราะห์" in m for m in job.parts.values_list("message", flat=True))
    assert job.status == BulkJob.Status.DONE and job.finished_at
    with default_storage.open(job.result.name) as fh:
        names = zipfile.ZipFile(io.BytesIO(fh.read())).namelist()
    assert names == ["ไม่มีเอกสาร.txt"]
    events = Event.objects.filter(object_id=job.pk, action__startswith="bulk.").order_by("pk")
    actions = list(events.values_list("action", "actor"))
    assert actions == [("bulk.start", national.pk), ("bulk.finish", None)]
    assert job.progress() == {"built": 0, "skipped": 2, "failed": 0, "finished": 2, "total": 2}


def test_the_actor_must_see_every_agency_of_the_scope(province, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="x-secret-1")
    with pytest.raises(PermissionDenied):
        bulk_start("analysis", 2568, scope="province", province=province, by=nobody)
    with pytest.raises(Invalid):
        bulk_start("nothing", 2568, scope="nation", by=nobody)
    assert not BulkJob.objects.exists()


def test_the_pages_start_follow_and_refuse(province, national, client, django_user_model):
    client.force_login(national)
    page = client.post("/bulk/", {"kind": "analysis", "year": "2568", "scope": "province"})
    assert page.status_code == 200
    assert "เลือกจังหวัด" in page.content.decode()  # the Thai message beside the field
    # started (its tasks not run: the test's transaction never commits), so it is running
    page = client.post(
        "/bulk/", {"kind": "analysis", "year": "2568", "scope": "province", "province": "71"}
    )
    job = BulkJob.objects.get()
    assert page.status_code == 302 and page["Location"] == f"/bulk/{job.pk}/"
    fragment = client.get(f"/bulk/{job.pk}/progress/").content.decode()
    assert "0/2" in fragment and 'hx-trigger="every 2s"' in fragment
    assert client.get(f"/bulk/{job.pk}/zip/").status_code == 403  # not done yet
    other = django_user_model.objects.create_user("other", password="x-secret-1")
    client.force_login(other)
    assert client.get(f"/bulk/{job.pk}/").status_code == 403


def _year_field(html: str) -> str:
    return re.search(r'<input type="number" name="year" value="(\d+)"', html).group(1)


def test_the_start_page_offers_the_latest_year_with_data_for_the_kind(province, national, client):
    first, second = Agency.objects.filter(province=province).order_by("pk")
    plan = fixture_create(MeasurePlan, agency=first, fiscal_year=2566)
    fixture_create(MeasurePlan, agency=second, fiscal_year=2567)
    fixture_create(ProgressRound, plan=plan, round="6m")
    client.force_login(national)
    assert _year_field(client.get("/bulk/?kind=plan").content.decode()) == "2567"
    assert _year_field(client.get("/bulk/?kind=progress").content.decode()) == "2566"
    # no analysis anywhere: the fiscal year of today
    html = client.get("/bulk/").content.decode()
    assert _year_field(html) == str(fiscal_year_of(timezone.localdate()))
    # choosing another kind asks the page again for its year field (HTMX)
    kind = re.search(r"<select name=\"kind\"[^>]*>", html).group(0)
    assert 'hx-get="/bulk/"' in kind and 'hx-select="#bulk-year"' in kind
    assert 'id="bulk-year"' in html


def test_the_start_page_has_the_site_button_and_an_aligned_jobs_table(province, national, client):
    client.force_login(national)
    client.post(
        "/bulk/", {"kind": "analysis", "year": "2568", "scope": "province", "province": "71"}
    )
    html = client.get("/bulk/").content.decode()
    assert re.search(r'<button type="submit" class="primary">\s*เริ่มสร้าง', html)
    table = re.search(r'<table class="grid bulk-jobs">(.*?)</table>', html, re.S).group(1)
    heads = re.findall(r"<th\b", table)
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1], re.S)
    assert rows and all(len(re.findall(r"<td\b", r)) == len(heads) for r in rows)
