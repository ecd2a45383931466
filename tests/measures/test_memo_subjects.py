"""A plan and an analysis go up the same sign-off chain as a round: drafted memo, sent,
approved in order, frozen while in review, back to draft when returned."""

import pytest
from django.contrib.auth.models import User

from prongsai.access.actions import ChainEntry, chain_set
from prongsai.agencies.models import Agency
from prongsai.analysis.services import Frozen, update_analysis
from prongsai.core.actions import SYSTEM
from prongsai.core.errors import ActionError
from prongsai.core.errors import Frozen as ActionFrozen
from prongsai.measures import actions
from prongsai.measures.actions import memo_decide, memo_draft, memo_send, plan_create
from prongsai.measures.models import MeasurePlan, Memo
from tests.measures.test_plans import drafted  # noqa: F401  (fixture)


def plan_from_analysis(analysis):
    return actions.plan_from_analysis(analysis.pk, by=SYSTEM)


def draft_memo(subject):
    kind = "plan" if isinstance(subject, MeasurePlan) else "analysis"
    return memo_draft(kind, subject.pk, by=SYSTEM)


def send(memo, *, by):
    return memo_send(memo.pk, by=by)


def decide(memo, *, by, decision, comment=""):
    return memo_decide(memo.pk, decision, by=by, comment=comment)


@pytest.fixture
def chain(drafted):  # noqa: F811
    """Seed 003's agency with a three-person chain, each signer with a login."""
    agency = drafted.agency
    users, entries = [], []
    for n, position in enumerate(["นักวิเคราะห์นโยบายและแผน", "ปลัดเทศบาล", "นายกเทศมนตรี"]):
        user = User.objects.create_user(f"s{n}", password="x-pass-12345")
        entries.append(ChainEntry(f"ผู้ลงนาม {n}", position, n + 1, user_id=user.pk))
        users.append(user)
    chain_set(agency.pk, entries, by=SYSTEM)  # the whole chain, replacing any before
    return users


@pytest.mark.django_db
def test_plan_memo_is_drafted_sent_and_approved(drafted, chain):  # noqa: F811
    plan = plan_from_analysis(drafted)
    memo = draft_memo(plan)
    assert memo.plan == plan and memo.round is None
    assert (
        memo.subject
        == "ขออนุมัติมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"
    )
    assert "จำนวน ๗ มาตรการ" in memo.facts
    assert memo.addressee == "นายกเทศมนตรี"
    assert draft_memo(plan) == memo  # one open memo per plan
    send(memo, by=chain[0])
    plan.refresh_from_db()
    assert plan.status == "submitted"
    with pytest.raises(ActionFrozen):
        actions.measure_move(
            plan.pk, list(plan.measures.values_list("pk", flat=True))[::-1], by=SYSTEM
        )
    memo = decide(memo, by=chain[1], decision="returned", comment="แก้ระยะเวลา")
    plan.refresh_from_db()
    assert (memo.status, plan.status) == ("returned", "draft")
    send(memo, by=chain[0])  # the proposer signs by sending
    for user in chain[1:]:
        memo = decide(memo, by=user, decision="approved")
    plan.refresh_from_db()
    assert (memo.status, plan.status) == ("approved", "approved")


@pytest.mark.django_db
def test_analysis_memo_carries_the_score_and_freezes_the_analysis(drafted, chain):  # noqa: F811
    memo = draft_memo(drafted)
    assert memo.analysis == drafted
    assert "ประจำปี พ.ศ. ๒๕๖๖" in memo.subject
    assert "ได้คะแนน ๘๐.๔๒ คะแนน" in memo.background
    assert "จำนวน ๗ ประเด็น" in memo.facts
    send(memo, by=chain[0])
    drafted.refresh_from_db()
    assert drafted.status == "submitted"
    with pytest.raises(Frozen):
        update_analysis(drafted, narratives={1: "แก้หลังเสนอ"})


@pytest.mark.django_db
def test_an_empty_plan_cannot_be_sent(chain):
    agency = Agency.objects.get(name="เทศบาลตำบลพนมทวน")
    plan = plan_create(agency.pk, 2570, by=SYSTEM)
    with pytest.raises(ActionError, match="ยังไม่มีมาตรการ"):
        draft_memo(plan)
    assert not Memo.objects.filter(plan=plan).exists()


@pytest.mark.django_db
def test_pages_draft_the_memo_of_a_plan_and_of_an_analysis(admin_client, drafted, chain):  # noqa: F811
    plan = plan_from_analysis(drafted)
    agency = plan.agency
    page = admin_client.get(f"/agencies/{agency.pk}/plans/2567/").content.decode()
    assert "ร่างบันทึกข้อความเพื่อเสนอแผนมาตรการ" in page
    response = admin_client.post(f"/agencies/memos/new/plan/{plan.pk}/")
    memo = Memo.objects.get(plan=plan)
    assert response.url == f"/agencies/memos/{memo.pk}/"
    memo_page = admin_client.get(response.url).content.decode()
    assert "ขออนุมัติมาตรการส่งเสริมคุณธรรม" in memo_page
    assert "แผนมาตรการปี 2567" in memo_page  # the crumb back to the plan
    page = admin_client.get(f"/agencies/{agency.pk}/analysis/2566/").content.decode()
    assert "ร่างบันทึกข้อความเพื่อเสนอการวิเคราะห์" in page
    response = admin_client.post(f"/agencies/memos/new/analysis/{drafted.pk}/")
    assert response.url == f"/agencies/memos/{Memo.objects.get(analysis=drafted).pk}/"
    assert admin_client.post("/agencies/memos/new/round/1/").status_code == 404
    # an empty plan: a Thai message on the plan page, nothing drafted
    empty = plan_create(agency.pk, 2570, by=SYSTEM)
    response = admin_client.post(f"/agencies/memos/new/plan/{empty.pk}/", follow=True)
    assert "ยังไม่มีมาตรการ" in response.content.decode()
    assert not Memo.objects.filter(plan=empty).exists()


@pytest.mark.django_db
def test_an_approved_analysis_is_corrected_as_a_new_version(admin_client, drafted, chain):  # noqa: F811
    """Its scores are frozen while approved; "แก้ไขเป็นฉบับใหม่" (the page door) makes it a draft
    version 2 with the scores open again, and a new memo approves the correction."""
    from prongsai.assessments.actions import require_scores_open

    memo = draft_memo(drafted)
    send(memo, by=chain[0])
    for user in chain[1:]:
        memo = decide(memo, by=user, decision="approved")
    drafted.refresh_from_db()
    assert drafted.status == "approved" and actions.revision(drafted) == 1
    with pytest.raises(ActionFrozen):
        require_scores_open(drafted.assessment)
    page = admin_client.get(f"/agencies/{drafted.agency_id}/analysis/2566/").content.decode()
    assert f"/agencies/memos/reopen/analysis/{drafted.pk}/" in page
    answer = admin_client.post(
        f"/agencies/memos/reopen/analysis/{drafted.pk}/", {"reason": "คะแนนข้อ i1 พิมพ์ผิด"}
    )
    assert answer.status_code == 302
    drafted.refresh_from_db()
    assert drafted.status == "draft" and actions.revision(drafted) == 2
    require_scores_open(drafted.assessment)  # open again: the correction can be made
    memo.refresh_from_db()
    assert memo.status == "approved"  # v1's approval stays on the record
    second = draft_memo(drafted)
    assert second.pk != memo.pk and second.status == "draft"
