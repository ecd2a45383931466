"""Scores behind an approved analysis are frozen on every door — the results page, the API,
the web import and ``prongsai import`` — refused with the reason, nothing changed; and the
analysis's content hash covers its scores, so a change could never pass as approved."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from prongsai.analysis.content import content_hash
from prongsai.api.models import ApiToken
from prongsai.ingest.models import ImportedDocument
from tests.ingest.test_web_import import review_post_data

from .conftest import events, scores_of, seed_003_changed

pytestmark = pytest.mark.django_db
REASON = "เพราะการวิเคราะห์ผลปี 2566 อนุมัติแล้ว"


def test_the_results_page_shows_them_frozen_and_refuses_a_save(client, editor, phanom, approved):
    client.force_login(editor)
    url = reverse("assessments:entry", args=[phanom.pk, 2566])
    page = client.get(url).content.decode()
    assert REASON in page
    assert "บันทึกผลการประเมิน</button>" not in page  # no save button on frozen scores
    before, saved = scores_of(phanom), events("scores.record")
    response = client.post(url, {"q_i1": "10", "ind_1": "10"})
    assert response.status_code == 409
    assert REASON in response.content.decode()
    assert scores_of(phanom) == before and events("scores.record") == saved


def test_the_api_refuses_with_code_message_and_field(client, editor, phanom, approved):
    _token, key = ApiToken.issue(editor, "test")
    before, saved = scores_of(phanom), events("scores.record")
    response = client.put(
        f"/api/agencies/{phanom.pk}/assessments/2566/scores",
        data=json.dumps({"indicator_scores": {"1": 10}}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "frozen" and body["field"] == "question_scores"
    assert REASON in body["message"] and REASON in body["detail_th"]
    assert scores_of(phanom) == before and events("scores.record") == saved


def test_a_web_import_is_refused_naming_the_approved_analysis(
    client, editor, phanom, approved, tmp_path
):
    client.force_login(editor)
    with open(seed_003_changed(tmp_path), "rb") as f:
        client.post(reverse("ingest:upload"), {"file": f})
    document = ImportedDocument.objects.get(file_name="003_again.txt")
    before, findings = scores_of(phanom), list(approved.findings.values_list("recommendation"))
    saves = events("import.save")
    response = client.post(
        reverse("ingest:review", args=[document.pk]), review_post_data(client, document)
    )
    assert response.status_code == 409
    assert REASON in response.content.decode()
    document.refresh_from_db()
    assert document.status == "read" and events("import.save") == saves
    assert scores_of(phanom) == before
    assert list(approved.findings.values_list("recommendation")) == findings
    approved.refresh_from_db()
    assert approved.status == "approved"


def test_the_import_command_is_refused_naming_the_approved_analysis(phanom, approved, tmp_path):
    before = scores_of(phanom)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import", str(seed_003_changed(tmp_path)), stdout=StringIO(), stderr=err)
    assert REASON in err.getvalue()
    assert scores_of(phanom) == before
    assert not ImportedDocument.objects.filter(file_name="003_again.txt").exists()


def test_a_submitted_analysis_freezes_them_too(client, editor, phanom, approved):
    type(approved).objects.filter(pk=approved.pk).update(status="submitted")
    client.force_login(editor)
    response = client.post(
        reverse("assessments:entry", args=[phanom.pk, 2566]), {"q_i1": "10", "ind_1": "10"}
    )
    assert response.status_code == 409 and "เสนอแล้ว" in response.content.decode()


def test_the_analysis_hash_covers_its_scores(phanom):
    from prongsai.analysis.models import Analysis
    from prongsai.assessments.services import record_scores

    analysis = Analysis.objects.get(agency=phanom, fiscal_year=2566)  # a draft: scores open
    before = content_hash(analysis)
    record_scores(agency=phanom, fiscal_year=2566, indicator_scores={1: 50}, source="manual")
    assert content_hash(analysis) != before


def test_an_approved_analysis_refuses_the_api_too(client, editor, phanom, approved):
    _token, key = ApiToken.issue(editor, "test")
    finding = approved.findings.first()
    before = (finding.recommendation, approved.constraint_budget)
    response = client.patch(
        f"/api/agencies/{phanom.pk}/analyses/2566",
        data=json.dumps(
            {"recommendations": {str(finding.pk): "เปลี่ยน"}, "constraints": {"budget": "ก"}}
        ),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 409
    assert response.json()["code"] == "frozen" and "แก้ไขไม่ได้" in response.json()["detail_th"]
    finding.refresh_from_db()
    approved.refresh_from_db()
    assert (finding.recommendation, approved.constraint_budget) == before
    assert events("analysis.save") == 0
