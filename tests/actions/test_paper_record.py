"""A memo signed on paper, read from an imported document, is a record — "ลงนามในเอกสารกระดาษ
นำเข้าโดย … เมื่อ …" — on every import door: never an approval, never anyone added to the
agency's sign-off chain, never what makes the document publishable."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from prongsai.agencies.models import Agency, Signatory
from prongsai.core.errors import ActionError
from prongsai.core.workflow import require_publishable
from prongsai.documents.models import Publication
from prongsai.ingest.models import ImportedDocument
from prongsai.measures.models import Memo, SignOff
from tests.conftest import SEEDS
from tests.ingest.test_web_import import review_post_data

pytestmark = pytest.mark.django_db
SEED_000 = next(SEEDS.glob("000_*.txt"))
THA_KRASOEM = "องค์การบริหารส่วนตำบลท่ากระเสริม"
SIGNERS = ["นางแก่นวิไล ศรีมาย", "นางสาวฉวี มาอ้อย", "นางวิไลภรณ์ โถทอง", "นายชวลิต มุลทา"]


def assert_a_record_only(memo: Memo):
    assert memo.status == "paper"
    assert [s["name"] for s in memo.paper_signatures][:4] == SIGNERS
    assert memo.paper_imported_at is not None
    assert not SignOff.objects.filter(memo=memo).exists()  # no step of any chain
    assert not Signatory.objects.filter(agency=memo.agency).exists()  # nobody added
    assert memo.round.status == "draft"
    with pytest.raises(ActionError):
        require_publishable(memo.round)  # the one approved-before-published rule


def test_the_import_command_keeps_the_signed_memo_as_a_paper_record(criteria):
    call_command("import", str(SEED_000), stdout=StringIO(), stderr=StringIO())
    memo = Memo.objects.get(agency__name=THA_KRASOEM)
    assert_a_record_only(memo)
    assert memo.paper_imported_by is None and memo.paper_imported_by_name == "ระบบ"


def test_the_web_import_keeps_it_as_a_record_shown_on_the_memo_page(admin_client, criteria):
    with open(SEED_000, "rb") as f:
        admin_client.post(reverse("ingest:upload"), {"file": f})
    document = ImportedDocument.objects.get()
    response = admin_client.post(
        reverse("ingest:review", args=[document.pk]), review_post_data(admin_client, document)
    )
    assert response.status_code == 302
    memo = Memo.objects.get(agency__name=THA_KRASOEM)
    assert_a_record_only(memo)
    assert memo.paper_imported_by.username == "admin"
    page = admin_client.get(reverse("measures:memo", args=[memo.pk])).content.decode()
    assert "ลงนามในเอกสารกระดาษ นำเข้าโดย admin เมื่อ" in page
    assert "ไม่ใช่การอนุมัติในระบบ" in page
    assert "นายประสิทธิ์ คลังกลาง" in page  # the paper signatures, shown as such
    assert 'value="approved"' not in page  # nobody is asked to approve a record

    # the memo's publish button refuses it; nothing is published
    admin_client.post(reverse("documents:publish_memo", args=[memo.pk]))
    assert not Publication.objects.exists()


def test_a_memo_drafted_in_prongsai_for_the_round_is_not_the_paper_one(admin_client, criteria):
    from prongsai.access.actions import ChainEntry, chain_set
    from prongsai.core.actions import SYSTEM
    from prongsai.measures.actions import memo_draft

    call_command("import", str(SEED_000), stdout=StringIO(), stderr=StringIO())
    paper = Memo.objects.get(agency__name=THA_KRASOEM)
    agency = Agency.objects.get(name=THA_KRASOEM)
    chain_set(
        agency.pk,
        [ChainEntry("นางแก่นวิไล ศรีมาย", "นักวิเคราะห์", 1), ChainEntry("นายก", "นายก", 2)],
        by=SYSTEM,
    )
    memo = memo_draft("round", paper.round_id, by=SYSTEM)
    assert memo.pk != paper.pk and memo.status == "draft" and memo.signoffs.count() == 2
    paper.refresh_from_db()
    assert paper.status == "paper"
