"""Publishing frozen versions, the public pages, the app's document pages and `prongsai report`."""

from __future__ import annotations

import io
import subprocess
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from docx import Document

from prongsai.access.actions import membership_grant
from prongsai.agencies.models import Agency
from prongsai.core.actions import SYSTEM
from prongsai.documents.actions import NothingChanged, document_publish
from prongsai.documents.builders import DocumentError
from prongsai.documents.models import Publication
from prongsai.measures.actions import memo_approve, memo_draft, memo_send
from prongsai.measures.models import MeasureProgress, Memo, ProgressRound
from tests.acting import acting

from .pdfcheck import squash

TAKRASOEM = "องค์การบริหารส่วนตำบลท่ากระเสริม"


@pytest.fixture
def agency(demo):
    return Agency.objects.get(name=TAKRASOEM)


@pytest.fixture
def officer(agency):
    user = User.objects.create_user("officer-docs", password="x")
    membership_grant(by=SYSTEM, user=user, role="editor", agency=agency)
    return user


def publish_document(kind, agency, year, *, by, note=""):
    return document_publish(kind, agency.pk, year, by=by, note=note)


def approve(round_) -> Memo:
    """The round's memo drafted, sent and approved by every step of the chain, in the app."""
    boss, _ = User.objects.get_or_create(username="boss-docs", is_superuser=True)
    memo = memo_draft("round", round_.pk, by=SYSTEM)
    memo = memo_send(memo.pk, by=SYSTEM)
    while memo.status != "approved":
        memo = memo_approve(memo.pk, by=boss)
    return memo


@pytest.fixture
def approved(agency):
    return approve(ProgressRound.objects.get(plan__agency=agency, plan__fiscal_year=2565))


def correct(progress, **values):
    """A correction of approved content, approved again through a new memo (the test is about
    versions, not about how a correction reopens a round)."""
    for name, value in values.items():
        setattr(progress, name, value)
    with acting():
        progress.save()
        ProgressRound.objects.filter(pk=progress.round_id).update(status="draft")
    approve(progress.round)


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "p.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


@pytest.mark.django_db
def test_versions_are_frozen_newest_first_and_their_urls_stay(
    client, agency, officer, approved, tmp_path
):
    first = publish_document("progress", agency, 2565, by=officer)
    assert (first.version, first.round, first.published_by) == (1, "6m", officer)
    first_url = f"/p/{agency.pk}/2565/progress-6m/v1.pdf"
    first_pdf = client.get(first_url).content
    assert first_pdf == bytes(first.pdf) and first_pdf.startswith(b"%PDF")
    with pytest.raises(NothingChanged):
        publish_document("progress", agency, 2565, by=officer)

    # a correction of the live data does not touch the published version…
    progress = MeasureProgress.objects.filter(round__plan__agency=agency).first()
    correct(progress, result="ผลการดำเนินงานที่แก้ไขแล้วหลังการเผยแพร่")
    assert client.get(first_url).content == first_pdf
    assert "แก้ไขแล้วหลังการเผยแพร่" not in client.get(f"/p/{agency.pk}/2565/progress-6m/v1/").text
    # …until it is published as a new version, beside the first
    second = publish_document("progress", agency, 2565, by=officer, note="แก้ไขผลข้อ ๑")
    assert second.version == 2 and second.content_hash != first.content_hash
    assert squash("แก้ไขแล้วหลังการเผยแพร่") in squash(
        pdf_text(client.get(f"/p/{agency.pk}/2565/progress-6m/v2.pdf").content, tmp_path)
    )
    assert client.get(first_url).content == first_pdf

    page = client.get(f"/p/{agency.pk}/2565/").text  # no login
    assert page.index("/progress-6m/v2/") < page.index("/progress-6m/v1/")
    assert "แก้ไขผลข้อ ๑" in page
    docx = client.get(f"/p/{agency.pk}/2565/progress-6m/v1.docx")
    assert docx["Content-Disposition"].startswith("attachment")
    assert Document(io.BytesIO(docx.content)).tables


@pytest.mark.django_db
def test_public_page_shows_only_what_is_published(client, agency, officer, approved):
    publish_document("progress", agency, 2565, by=officer)
    other = Agency.objects.get(name="เทศบาลตำบลขามทะเลสอ")
    page = client.get(f"/p/{agency.pk}/2565/").text
    assert "/progress-6m/v1/" in page
    assert "plan" not in page.split("<main>")[1]  # the plan exists but is not published
    assert client.get(f"/p/{agency.pk}/2565/plan/v1.pdf").status_code == 404
    assert client.get(f"/p/{agency.pk}/2565/progress-6m/v3.pdf").status_code == 404
    assert "ยังไม่มีเอกสารที่เผยแพร่" in client.get(f"/p/{other.pk}/2568/").text
    assert client.get(f"/p/{agency.pk}/2565/nothing/v1/").status_code == 404


@pytest.mark.django_db
def test_nothing_to_publish_is_a_clear_error(agency, officer):
    with pytest.raises(DocumentError, match="ยังไม่มีแผนมาตรการปีงบประมาณ 2599"):
        publish_document("plan", agency, 2599, by=officer)
    assert not Publication.objects.exists()


@pytest.mark.django_db
def test_an_approved_memo_publishes_its_round_with_the_memo(client, agency, officer, approved):
    memo = approved
    assert memo.status == "approved"
    client.force_login(officer)
    page = client.get(f"/agencies/memos/{memo.pk}/").text
    assert f"/documents/memos/{memo.pk}/publish/" in page and "เผยแพร่" in page

    answer = client.post(f"/documents/memos/{memo.pk}/publish/", follow=True).text
    assert "ฉบับที่ 1" in answer
    publication = Publication.objects.get()
    assert (publication.kind, publication.round, publication.fiscal_year) == (
        "progress",
        "6m",
        2565,
    )
    assert publication.content["blocks"][0]["type"] == "memo_head"
    assert publication.content["blocks"][0]["subject"] == memo.subject
    assert publication.content["memo_id"] == memo.pk


@pytest.mark.django_db
def test_a_memo_not_approved_publishes_nothing(client, agency, officer):
    memo = memo_draft("round", Memo.objects.get(agency=agency).round_id, by=SYSTEM)
    memo.status = "in_review"
    with acting():
        memo.save()
    client.force_login(officer)
    assert (
        f"/documents/memos/{memo.pk}/publish/" not in client.get(f"/agencies/memos/{memo.pk}/").text
    )
    answer = client.post(f"/documents/memos/{memo.pk}/publish/", follow=True).text
    assert "เผยแพร่ได้เฉพาะบันทึกข้อความที่ได้รับอนุมัติครบทุกลำดับแล้ว" in answer
    assert not Publication.objects.exists()


@pytest.mark.django_db
def test_document_pages_download_and_publish(client, agency, officer, approved):
    url = f"/documents/{agency.pk}/2565/progress/"
    assert client.get(url).status_code == 302  # login first
    client.force_login(officer)
    page = client.get(url).text
    assert "บันทึกข้อความ" in page and "ดาวน์โหลด" in page
    pdf = client.get(f"/documents/{agency.pk}/2565/progress.pdf?round=6m")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    xlsx = client.get(f"/documents/{agency.pk}/2565/progress.xlsx?digits=arabic")
    assert xlsx.content.startswith(b"PK")
    missing = client.get(f"/documents/{agency.pk}/2570/plan/")
    assert missing.status_code == 404
    assert "ยังไม่มีแผนมาตรการปีงบประมาณ 2570" in missing.text

    client.post(f"/documents/{agency.pk}/2565/progress/publish/", {"round": "6m"})
    assert "ฉบับที่ ๑" in client.get(url).text
    outsider = User.objects.create_user("outsider", password="x")
    client.force_login(outsider)  # an editor of no agency: not found, and nothing published
    assert client.get(url).status_code == 404
    assert client.post(f"/documents/{agency.pk}/2565/progress/publish/").status_code == 404
    client.force_login(officer)
    for page_url in (
        f"/agencies/{agency.pk}/plans/2565/",
        f"/agencies/{agency.pk}/plans/2565/rounds/6m/",
    ):
        assert f"/documents/{agency.pk}/2565/" in client.get(page_url).text


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx", "html"])
def test_report_command_writes_each_format(agency, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    err = StringIO()
    call_command(
        "report", "progress", "--agency", "อบต.ท่ากระเสริม", "--year", "2565",
        "--format", fmt, "-o", str(out), stderr=err,
    )  # fmt: skip
    data = out.read_bytes()
    assert data[:4] in {"pdf": [b"%PDF"], "docx": [b"PK\x03\x04"], "xlsx": [b"PK\x03\x04"],
                        "html": [b"<!do"]}[fmt]  # fmt: skip
    assert "เขียน" in err.getvalue()


@pytest.mark.django_db
def test_report_command_errors_in_thai(agency, tmp_path):
    out = str(tmp_path / "x.pdf")
    with pytest.raises(CommandError, match="ไม่พบหน่วยงานชื่อ"):
        call_command("report", "plan", "--agency", "อบต.ไม่มีจริง", "--year", "2565", "-o", out)
    with pytest.raises(CommandError, match="ยังไม่มีผลการดำเนินงานรอบ 12 เดือน"):
        call_command(
            "report", "progress", "--agency", TAKRASOEM, "--year", "2565", "--round", "12m",
            "-o", out,
        )  # fmt: skip


@pytest.mark.django_db
def test_the_public_api_lists_published_versions_with_their_permanent_urls(
    client, agency, officer, approved
):
    url = f"/api/public/agencies/{agency.pk}/documents/2565"
    assert client.get(url).json() == []  # nothing published yet, nothing shown
    first = publish_document("progress", agency, 2565, by=officer)
    progress = MeasureProgress.objects.filter(round__plan__agency=agency).first()
    correct(progress, result="ผลที่แก้ไขแล้ว")
    publish_document("progress", agency, 2565, by=officer)
    rows = client.get(url).json()  # no token: public
    assert [(r["kind"], r["round"], r["version"]) for r in rows] == [
        ("progress", "6m", 2),
        ("progress", "6m", 1),
    ]
    assert rows[1]["sha256"] == first.content_hash
    assert rows[1]["pdf"].endswith(f"/p/{agency.pk}/2565/progress-6m/v1.pdf")
    assert client.get(rows[1]["pdf"].split("testserver")[1]).content == bytes(first.pdf)
