"""The analysis page: draft from the scores, edit recommendations and narratives, constraints."""

import pytest

from prongsai.agencies.models import Agency
from prongsai.analysis.models import Analysis, Finding, IssueNarrative
from tests.conftest import drop_analyses


@pytest.fixture
def phanom(demo):
    agency = Agency.objects.get(name="เทศบาลตำบลพนมทวน")
    drop_analyses(agency)  # the demo imported seed 003's own analysis
    return agency


@pytest.mark.django_db
def test_draft_then_edit_recommendation_and_narrative(admin_client, phanom):
    url = f"/agencies/{phanom.pk}/analysis/2566/"
    page = admin_client.get(url).content.decode()
    assert "ร่างการวิเคราะห์" in page
    admin_client.post(url)
    analysis = Analysis.objects.get(agency=phanom, fiscal_year=2566)
    assert analysis.findings.count() == 17
    page = admin_client.get(url).content.decode()
    assert "ประเด็นที่ 3" in page and "แก้ไขโดยเร่งด่วน" in page
    assert 'class="chip weak">o1 0' in page

    finding = analysis.findings.get(issue_number=3, tool="OIT")
    response = admin_client.post(
        url, {f"rec-{finding.pk}": "จัดทำแผนผังโครงสร้างให้ครบทั้งสองฝ่าย", "nar-3": "คำบรรยาย"}
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.recommendation == "จัดทำแผนผังโครงสร้างให้ครบทั้งสองฝ่าย"
    assert IssueNarrative.objects.get(analysis=analysis, issue_number=3).text == "คำบรรยาย"


@pytest.mark.django_db
def test_an_approved_analysis_cannot_be_changed(admin_client, phanom):
    url = f"/agencies/{phanom.pk}/analysis/2566/"
    admin_client.post(url)
    analysis = Analysis.objects.get(agency=phanom)
    Analysis.objects.filter(pk=analysis.pk).update(status="approved")  # as its memo leaves it
    finding = analysis.findings.first()
    before = finding.recommendation
    response = admin_client.post(url, {f"rec-{finding.pk}": "เปลี่ยน"}, follow=True)
    assert "แก้ไขไม่ได้" in response.content.decode()
    assert Finding.objects.get(pk=finding.pk).recommendation == before


@pytest.mark.django_db
def test_constraints_form(admin_client, phanom):
    admin_client.post(f"/agencies/{phanom.pk}/analysis/2566/")
    url = f"/agencies/{phanom.pk}/analysis/2566/constraints/"
    assert "ข้อจำกัดด้านบุคลากร" in admin_client.get(url).content.decode()
    admin_client.post(url, {"constraint_budget": "งบประมาณมีเพียงพอ", "constraint_staff": ""})
    assert Analysis.objects.get(agency=phanom).constraint_budget == "งบประมาณมีเพียงพอ"


@pytest.mark.django_db
def test_no_results_no_analysis(admin_client, demo):
    agency = Agency.objects.get(name="องค์การบริหารส่วนตำบลปากช่อง")
    page = admin_client.get(f"/agencies/{agency.pk}/analysis/2566/").content.decode()
    assert "ยังไม่มีผลการประเมินปี 2566" in page
    admin_client.post(f"/agencies/{agency.pk}/analysis/2566/")
    assert not Analysis.objects.filter(agency=agency).exists()


@pytest.mark.django_db
def test_analysis_pages_need_login(client, phanom):
    assert client.get(f"/agencies/{phanom.pk}/analysis/2566/").status_code == 302


@pytest.mark.django_db
def test_a_derived_issue_has_the_unconfirmed_mark_with_its_source(admin_client, demo):
    """Issue 14: the 2567 OIT issue Prongsai grouped from the items (the NACC's grouping is not
    known) carries the small "ยังไม่ยืนยัน" mark, the tooltip saying it is derived and naming
    its source; an issue of the NACC's own grouping has none."""
    import html
    import re

    from prongsai.assessments.services import record_scores
    from prongsai.criteria.services import get_catalog

    agency = Agency.objects.get(name="เทศบาลตำบลพนมทวน")
    catalog = get_catalog(2567)
    zero = {"o1", "o42"}
    scores = {q.code: 0 if q.code in zero else 100 for q in catalog.questions}
    record_scores(agency=agency, fiscal_year=2567, question_scores=scores)
    url = f"/agencies/{agency.pk}/analysis/2567/"
    admin_client.post(url)
    page = admin_client.get(url).content.decode()
    headings = dict(re.findall(r"<h2>ประเด็นที่ (\d+) (.*?)</h2>", page))
    assert "unconfirmed" not in headings["3"]
    mark = re.search(r'<abbr class="unconfirmed" title="([^"]+)"', headings["8"])
    assert mark, headings["8"]
    tip = html.unescape(mark.group(1))
    assert "จัดกลุ่มเองจากรายการที่ประเมิน" in tip and "ยังไม่ทราบการจัดกลุ่มของ ป.ป.ช." in tip
    assert catalog.sources["LAO-2567-FORM"] in tip
    assert "ยังไม่ยืนยัน</abbr>" in headings["8"]
