"""The memo and its sign-off chain: drafted from the data, sent, approved step by step or
returned with a reason; every step logged with actor, time, comment and content hash."""

import pytest
from django.contrib.auth.models import User

from prongsai.access.actions import ChainEntry, chain_set, membership_grant
from prongsai.agencies.models import Signatory
from prongsai.core.actions import SYSTEM
from prongsai.core.errors import ActionError
from prongsai.measures.actions import memo_decide, memo_draft, memo_send, round_start
from prongsai.measures.models import MeasurePlan, MemoEvent
from prongsai.measures.rules import content_hash, current_step, still_as_approved


def draft_memo(round_):
    return memo_draft("round", round_.pk, by=SYSTEM)


def send(memo, *, by):
    return memo_send(memo.pk, by=by)


def decide(memo, *, by, decision, comment=""):
    return memo_decide(memo.pk, decision, by=by, comment=comment)


def start_round(plan, code):
    return round_start(plan.pk, code, by=SYSTEM)


@pytest.fixture
def round_(demo):
    """Seed 000's agency (its memo gives a five-person chain), its 2565 plan, a filled 12m round."""
    plan = MeasurePlan.objects.get(agency__name="องค์การบริหารส่วนตำบลท่ากระเสริม", fiscal_year=2565)
    r = start_round(plan, "12m")
    r.progress.update(status="done", result="ดำเนินการแล้ว")
    chain = list(Signatory.objects.filter(agency=plan.agency).order_by("order"))
    users = [User.objects.create_user(f"signer{n}", password="x-pass-12345") for n in range(5)]
    entries = [
        ChainEntry(s.name, s.position, s.order, user_id=u.pk, active=s.active, id=s.pk)
        for s, u in zip(chain, users, strict=True)
    ]
    chain_set(plan.agency.pk, entries, by=SYSTEM)
    r.signers = users
    # the proposer (the analyst) edits the agency's data; the others only sign
    membership_grant(user=users[0], role="editor", agency=plan.agency, by=SYSTEM)
    return r


@pytest.mark.django_db
def test_memo_is_drafted_from_the_data_with_the_agency_chain(round_):
    memo = draft_memo(round_)
    assert "รอบ ๑๒ เดือน (ตุลาคม ๒๕๖๔ - กันยายน ๒๕๖๕)" in memo.subject
    assert "องค์การบริหารส่วนตำบลท่ากระเสริม" in memo.background
    chain = [s.signatory.position for s in memo.signoffs.order_by("order")]
    assert chain[0].startswith("นักวิเคราะห์นโยบายและแผน") and chain[-1].startswith("นายก")
    assert draft_memo(round_) == memo  # one open memo per round


@pytest.mark.django_db
def test_the_whole_chain_approves_in_order(round_):
    memo = send(draft_memo(round_), by=round_.signers[0])
    round_.refresh_from_db()
    assert round_.status == "submitted"  # submitted is not approved
    with pytest.raises(ActionError, match="รอการพิจารณาของ"):
        decide(memo, by=round_.signers[2], decision="approved")  # not their turn
    # sending is the proposer's signature: they are not asked to approve their own memo
    assert current_step(memo).order == 2
    with pytest.raises(ActionError, match="รอการพิจารณาของ"):
        decide(memo, by=round_.signers[0], decision="approved")
    for n, user in enumerate(round_.signers[1:], start=1):
        memo = decide(memo, by=user, decision="approved", comment=f"ความเห็น {n}")
    round_.refresh_from_db()
    assert (memo.status, round_.status) == ("approved", "approved")
    assert current_step(memo) is None
    events = list(MemoEvent.objects.filter(memo=memo).values_list("action", flat=True))
    assert events == ["sent"] + ["approved"] * 4
    assert all(e.content_hash == content_hash(memo) for e in memo.events.all())
    assert still_as_approved(memo)
    # approved is final: no second memo to send it round again (and, returned, reopen it)
    with pytest.raises(ActionError, match="อนุมัติแล้ว เสนอซ้ำไม่ได้"):
        draft_memo(round_)
    assert round_.memos.count() == 1


@pytest.mark.django_db
def test_a_return_needs_a_reason_and_sends_the_round_back_to_draft(round_):
    memo = send(draft_memo(round_), by=round_.signers[0])
    with pytest.raises(ActionError, match="ต้องระบุเหตุผล"):
        decide(memo, by=round_.signers[1], decision="returned")
    memo = decide(memo, by=round_.signers[1], decision="returned", comment="แก้ผลมาตรการที่ 2")
    round_.refresh_from_db()
    assert (memo.status, round_.status) == ("returned", "draft")
    memo = send(memo, by=round_.signers[0])  # sent again: every step pending again
    assert current_step(memo).order == 2  # after the proposer, who signed by sending
    assert [e.action for e in memo.events.all()] == ["sent", "returned", "sent"]


@pytest.mark.django_db
def test_a_change_after_approval_voids_it(round_):
    memo = send(draft_memo(round_), by=round_.signers[0])
    for user in round_.signers[1:]:
        memo = decide(memo, by=user, decision="approved")
    round_.progress.filter(measure__number=1).update(result="แก้ไขภายหลัง")
    assert not still_as_approved(memo)


@pytest.mark.django_db
def test_memo_pages_send_decide_and_show_the_trail(client, round_):
    memo = draft_memo(round_)
    client.force_login(round_.signers[0])
    url = f"/agencies/memos/{memo.pk}/"
    page = client.get(url).content.decode()
    assert "เรื่องเดิม" in page or "background" in page
    # the page's form as shown: "เสนอ" sends the text on the page with it
    form = client.get(url).context["form"]
    text = {f.html_name: f.value() or "" for f in form}
    text["date"] = "1/10/2567"
    assert client.post(url, {**text, "action": "send"}).status_code == 302
    client.force_login(round_.signers[1])
    client.post(url, {"action": "approved", "comment": "เรียนเสนอ"})
    client.force_login(round_.signers[2])
    inbox = client.get("/agencies/memos/").content.decode()
    assert memo.subject[:30] in inbox
    page = client.post(url, {"action": "returned", "comment": ""}, follow=True).content.decode()
    assert "การส่งกลับแก้ไขต้องระบุเหตุผล" in page
    page = client.get(url).content.decode()
    assert "เรียนเสนอ" in page and "ประวัติ" in page


@pytest.mark.django_db
def test_no_chain_no_memo(demo):
    plan = MeasurePlan.objects.get(agency__name="องค์การบริหารส่วนตำบลปากช่อง", fiscal_year=2567)
    with pytest.raises(ActionError, match="สายการลงนาม"):
        draft_memo(start_round(plan, "6m"))
