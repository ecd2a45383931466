"""Issue 11's bypasses of the measures cycle, each driven through every door that exists (the
page, the API, the CLI) and shown refused with its reason, nothing changed."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import Client

from prongsai.access.actions import membership_grant, signatory_add
from prongsai.agencies.models import Agency, Province, Signatory
from prongsai.api.models import ApiToken
from prongsai.core.actions import SYSTEM, OutsideAction
from prongsai.core.models import Event
from prongsai.documents.actions import document_publish
from prongsai.documents.models import Publication
from prongsai.measures import actions
from prongsai.measures.models import Evidence, Measure, MeasurePlan, Memo, ProgressRound
from prongsai.measures.rules import current_step
from tests.acting import acting

pytestmark = pytest.mark.django_db
NAME = "องค์การบริหารส่วนตำบลทางเดียว"
PDF = b"%PDF-1.4\n% evidence\n"


class World:
    def __init__(self):
        self.agency = Agency.objects.create(
            name=NAME, kind=Agency.KIND_CHOICES[0][0], province=Province.objects.first()
        )
        users = get_user_model().objects
        self.editor = users.create_user("editor-1", password="x-pass-12345", first_name="สมชาย")
        membership_grant(by=SYSTEM, user=self.editor, role="editor", agency=self.agency)
        self.mayor = users.create_user("mayor-1", password="x-pass-12345", first_name="นายก")
        membership_grant(by=SYSTEM, user=self.mayor, role="signer", agency=self.agency)
        signatory_add(
            by=SYSTEM,
            agency=self.agency,
            order=1,
            name="นายสมชาย",
            position="นักวิเคราะห์",
            user=self.editor,
        )
        signatory_add(
            by=SYSTEM,
            agency=self.agency,
            order=2,
            name="นายใหญ่",
            position="นายก อบต.",
            user=self.mayor,
        )
        self.plan = actions.plan_create(self.agency.pk, 2568, by=SYSTEM)
        for title in ("ประชุมชี้แจง", "เผยแพร่ข้อมูล"):
            actions.measure_save(self.plan.pk, actions.MeasureData(title=title), by=SYSTEM)
        self.web = Client()
        self.web.force_login(self.editor)
        self.mayor_web = Client()
        self.mayor_web.force_login(self.mayor)
        _token, key = ApiToken.issue(self.editor, "test")
        self.api = Client(headers={"authorization": f"Bearer {key}"})
        _token, key = ApiToken.issue(self.mayor, "test")
        self.mayor_api = Client(headers={"authorization": f"Bearer {key}"})

    def plan_url(self, rest=""):
        return f"/agencies/{self.agency.pk}/plans/2568/{rest}"

    def api_url(self, rest):
        return f"/api/agencies/{self.agency.pk}/{rest}"

    def approve_plan(self) -> Memo:
        memo = actions.memo_draft("plan", self.plan.pk, by=self.editor)
        actions.memo_send(memo.pk, by=self.editor)
        return actions.memo_approve(memo.pk, by=self.mayor)


@pytest.fixture
def w(db):
    return World()


def post_json(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")


def memo_events(memo) -> list[str]:
    rows = Event.objects.filter(content_type__model="memo", object_id=memo.pk).order_by("pk")
    return [e.action for e in rows]


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


# --- publishing without approval --------------------------------------------------------------


def test_publishing_a_plan_nobody_approved_is_refused_on_every_door(w, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    page = w.web.post(f"/documents/{w.agency.pk}/2568/plan/publish/")
    assert page.status_code == 409  # a refusal answered as such, not a redirect
    assert "ยังเผยแพร่ไม่ได้: ต้องได้รับอนุมัติผ่านบันทึกข้อความก่อน (สถานะตอนนี้: ร่าง)" in (page.content.decode())
    api = post_json(w.api, f"/api/agencies/{w.agency.pk}/documents/2568/plan/publish")
    assert api.status_code == 409
    assert api.json()["code"] == "not_approved" and "ยังเผยแพร่ไม่ได้" in api.json()["message"]
    with pytest.raises(CommandError, match="ยังเผยแพร่ไม่ได้"):
        call_command("publish", "plan", "--agency", NAME, "--year", "2568")
    # submitted is not approved either
    memo = actions.memo_draft("plan", w.plan.pk, by=w.editor)
    actions.memo_send(memo.pk, by=w.editor)
    page = w.web.post(f"/documents/memos/{memo.pk}/publish/")
    assert page.status_code == 409
    assert "เผยแพร่ได้เฉพาะบันทึกข้อความที่ได้รับอนุมัติครบทุกลำดับแล้ว" in page.content.decode()
    api = post_json(w.api, f"/api/agencies/{w.agency.pk}/documents/2568/plan/publish")
    assert (api.status_code, api.json()["code"]) == (409, "not_approved")
    assert not Publication.objects.exists()
    assert not Event.objects.filter(action="document.publish").exists()
    # approved: every door publishes (the CLI and the API the next versions, or "unchanged")
    actions.memo_approve(memo.pk, by=w.mayor)
    api = post_json(w.api, f"/api/agencies/{w.agency.pk}/documents/2568/plan/publish")
    assert api.status_code == 201 and api.json()["version"] == 1
    event = Event.objects.get(action="document.publish")
    assert event.data["version"] == 1 and event.data["url"].endswith("/plan/v1/")
    assert (event.agency_id, event.fiscal_year, event.actor) == (w.agency.pk, 2568, w.editor)
    with pytest.raises(CommandError, match="เหมือนฉบับที่ 1"):
        call_command("publish", "plan", "--agency", NAME, "--year", "2568")


def test_republishing_after_a_restore_never_reuses_a_version(w, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    w.approve_plan()
    first = document_publish("plan", w.agency.pk, 2568, by=w.editor)
    assert first.version == 1
    with acting():  # a restore of a backup older than the publication: the row is gone
        Publication.objects.all().delete()
    again = document_publish("plan", w.agency.pk, 2568, by=w.editor, note="หลังกู้คืน")
    assert again.version == 2  # v1 was handed out once: its URL never shows other content


# --- memos --------------------------------------------------------------------------------------


def test_drafting_a_memo_twice_gives_one_memo_on_every_door(w):
    url = f"/agencies/memos/new/plan/{w.plan.pk}/"
    first, second = w.web.post(url), w.web.post(url)  # a double click
    memo = Memo.objects.get(plan=w.plan)
    assert first["Location"] == second["Location"] == f"/agencies/memos/{memo.pk}/"
    api = [post_json(w.api, w.api_url("plans/2568/memo")).json()["id"] for _ in range(2)]
    assert api == [memo.pk, memo.pk]
    assert Memo.objects.filter(plan=w.plan).count() == 1
    assert Event.objects.filter(action="memo.draft").count() == 1
    # and a constraint, not a check: a second open memo cannot be written at all
    with acting(), pytest.raises(IntegrityError), transaction.atomic():
        Memo.objects.create(
            agency=w.agency, plan=w.plan, department="x", date=date(2025, 1, 1),
            subject="ซ้ำ", addressee="x", background="x", facts="x", consideration="x",
        )  # fmt: skip


def test_a_memo_drafted_by_a_concurrent_request_is_the_one_returned(w, monkeypatch):
    """The race: the other request's memo is not visible yet when this one looks, so the
    insert meets the constraint; the memo returned is the other's, never a 500 or a second."""
    first = actions.memo_draft("plan", w.plan.pk, by=w.editor)
    real, calls = actions._open_memo, []

    def not_yet(kind, subject):
        calls.append(kind)
        return None if len(calls) == 1 else real(kind, subject)

    monkeypatch.setattr(actions, "_open_memo", not_yet)
    assert actions.memo_draft("plan", w.plan.pk, by=w.editor) == first
    assert len(calls) == 2 and Memo.objects.filter(plan=w.plan).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # provinces back after flush
def test_concurrent_memo_drafts_and_round_starts_on_postgresql():
    """Two requests at the same moment, each on its own connection (PostgreSQL: SQLite's test
    database is one shared in-memory connection)."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("needs a database with concurrent connections (DATABASE_URL=postgres://…)")
    w = World()

    def both(fn):
        def run(_):
            try:
                return fn()
            finally:
                connections.close_all()

        with ThreadPoolExecutor(2) as pool:
            return list(pool.map(run, range(2)))

    memos = both(lambda: actions.memo_draft("plan", w.plan.pk, by=w.editor).pk)
    assert memos[0] == memos[1] and Memo.objects.filter(plan=w.plan).count() == 1
    rounds = both(lambda: actions.round_start(w.plan.pk, "6m", by=w.editor).pk)
    assert rounds[0] == rounds[1] and ProgressRound.objects.filter(plan=w.plan).count() == 1


def test_an_approved_plan_never_reopens_and_stays_frozen(w):
    memo = w.approve_plan()
    w.plan.refresh_from_db()
    assert (memo.status, w.plan.status) == ("approved", "approved")
    # no second memo to send it round again
    page = w.web.post(f"/agencies/memos/new/plan/{w.plan.pk}/", follow=True)
    assert "อนุมัติแล้ว เสนอซ้ำไม่ได้" in page.content.decode()
    api = post_json(w.api, w.api_url("plans/2568/memo"))
    assert api.status_code == 409 and api.json()["code"] == "frozen"
    # a stray second memo in review (as the old double click left) returned: the plan stays
    with acting():
        stray = Memo.objects.create(
            agency=w.agency, plan=w.plan, department="x", date=date(2025, 1, 1),
            subject="ซ้ำ", addressee="x", background="x", facts="x", consideration="x",
            status="in_review",
        )  # fmt: skip
        for n, s in enumerate(Signatory.objects.filter(agency=w.agency).order_by("order"), 1):
            stray.signoffs.create(
                order=n, signatory=s, decision="approved" if n == 1 else "pending"
            )
    response = w.mayor_web.post(
        f"/agencies/memos/{stray.pk}/", {"action": "returned", "comment": "ซ้ำกับฉบับที่อนุมัติ"}
    )
    assert response.status_code == 302
    w.plan.refresh_from_db()
    assert w.plan.status == "approved"  # the return never reopened it
    # its measures cannot be edited by any door
    measure = w.plan.measures.get(number=1)
    edit = w.web.post(w.plan_url(f"measures/{measure.pk}/"), {"title": "แก้หลังอนุมัติ"})
    assert edit.status_code == 409 and "แผนมาตรการนี้อนุมัติแล้ว แก้ไขไม่ได้" in edit.content.decode()
    api = post_json(w.api, w.api_url("plans/2568/measures"), {"title": "มาตรการเพิ่มหลังอนุมัติ"})
    assert api.status_code == 409 and api.json()["code"] == "frozen"
    assert measure.title == Measure.objects.get(pk=measure.pk).title == "ประชุมชี้แจง"
    assert w.plan.measures.count() == 2


def _memo_form(client, memo) -> dict:
    form = client.get(f"/agencies/memos/{memo.pk}/").context["form"]
    data = {f.html_name: "" if f.value() is None else str(f.value()) for f in form}
    data["date"] = "15/1/2568"
    return data


def test_send_saves_what_was_typed_or_refuses_naming_the_fields(w):
    memo = actions.memo_draft("plan", w.plan.pk, by=w.editor)
    url = f"/agencies/memos/{memo.pk}/"
    data = _memo_form(w.web, memo)
    # a required field left empty: refused, naming it; nothing saved, nothing sent
    refused = w.web.post(url, {**data, "reference": "ทด ๐๐๑/๒๕๖๘", "facts": "", "action": "send"})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "ยังไม่ได้บันทึกและยังไม่ได้เสนอ: โปรดแก้ช่อง ข้อเท็จจริง" in html
    assert "ทด ๐๐๑/๒๕๖๘" in html  # what was typed is still on the page
    memo.refresh_from_db()
    assert (memo.status, memo.reference) == ("draft", "")
    # typed, not saved, then "เสนอ": what was typed is what goes up
    typed = {**data, "reference": "ทด ๐๐๑/๒๕๖๘", "facts": "ข้อเท็จจริงที่พิมพ์", "action": "send"}
    assert w.web.post(url, typed).status_code == 302
    memo.refresh_from_db()
    assert (memo.status, memo.reference, memo.facts) == (
        "in_review",
        "ทด ๐๐๑/๒๕๖๘",
        "ข้อเท็จจริงที่พิมพ์",
    )
    assert [
        e.action
        for e in Event.objects.filter(content_type__model="memo", object_id=memo.pk).order_by("pk")
    ] == [
        "memo.draft",
        "memo.save",
        "memo.send",
    ]
    # the API sends the text it is given with the memo, or nothing
    actions.memo_return(memo.pk, by=w.mayor, comment="แก้เลขที่")
    body = {"text": {**{k: data[k] for k in actions.MemoText.FIELDS}, "date": "2025-01-15"}}
    body["text"]["reference"] = "ทด ๐๐๒/๒๕๖๘"
    body["text"]["facts"] = ""
    api = post_json(w.api, f"/api/memos/{memo.pk}/send", body)
    assert api.status_code == 400 and api.json()["field"] == "facts"
    memo.refresh_from_db()
    assert (memo.status, memo.reference) == ("returned", "ทด ๐๐๑/๒๕๖๘")
    body["text"]["facts"] = "ข้อเท็จจริงฉบับแก้"
    api = post_json(w.api, f"/api/memos/{memo.pk}/send", body)
    assert api.status_code == 200 and api.json()["status"] == "in_review"
    memo.refresh_from_db()
    assert (memo.reference, memo.facts) == ("ทด ๐๐๒/๒๕๖๘", "ข้อเท็จจริงฉบับแก้")


def test_the_proposer_is_not_asked_to_approve_their_own_memo(w):
    memo = actions.memo_draft("plan", w.plan.pk, by=w.editor)
    w.web.post(f"/agencies/memos/{memo.pk}/", {**_memo_form(w.web, memo), "action": "send"})
    memo.refresh_from_db()
    step = current_step(memo)
    assert (memo.status, step.order, step.signatory.user) == ("in_review", 2, w.mayor)
    assert memo.signoffs.get(order=1).decision == "approved"  # signed by sending
    page = w.web.get(f"/agencies/memos/{memo.pk}/").content.decode()
    assert 'value="approved"' not in page and "รอการพิจารณาของ นายใหญ่" in page
    assert 'value="approved"' in w.mayor_web.get(f"/agencies/memos/{memo.pk}/").content.decode()
    refused = post_json(w.api, f"/api/memos/{memo.pk}/decision", {"decision": "approved"})
    assert refused.status_code == 400 and refused.json()["code"] == "not_your_turn"
    ok = post_json(w.mayor_api, f"/api/memos/{memo.pk}/decision", {"decision": "approved"})
    assert ok.json()["status"] == "approved"


# --- plans, measures, rounds ---------------------------------------------------------------------


def test_back_then_save_does_not_duplicate_a_measure(w):
    url = w.plan_url("measures/new/")
    form = w.web.get(url).context["form"]
    data = {f.html_name: "" if f.value() is None else str(f.value()) for f in form}
    data.pop("responsible_units")  # no unit ticked
    data.update({"title": "มาตรการใหม่", "methods_text": "ขั้นที่หนึ่ง"})
    assert data["form_token"]
    assert w.web.post(url, data).status_code == 302
    assert w.web.post(url, data).status_code == 302  # browser back, then save again
    assert w.plan.measures.filter(title="มาตรการใหม่").count() == 1
    body = {"title": "มาตรการจาก API", "form_token": "abc123"}
    ids = {post_json(w.api, w.api_url("plans/2568/measures"), body).json()["id"] for _ in "12"}
    assert len(ids) == 1 and w.plan.measures.filter(title="มาตรการจาก API").count() == 1
    # back to a page the browser fetched anew (a new token), the typed text restored: the same
    # content is that measure; other content under the same name is refused, naming it
    other = w.web.get(url).context["form"]["form_token"].value()
    assert other != data["form_token"]
    assert w.web.post(url, {**data, "form_token": other}).status_code == 302
    assert w.plan.measures.filter(title="มาตรการใหม่").count() == 1
    changed = w.web.post(url, {**data, "form_token": other, "methods_text": "อีกแบบ"})
    assert changed.status_code == 409
    assert "มีมาตรการชื่อนี้ในแผนแล้ว (มาตรการที่ 3)" in changed.content.decode()
    assert w.plan.measures.count() == 4  # two, the new one and the API's


def test_empty_plan_for_a_year_with_a_plan_is_refused_not_500(w):
    page = w.web.post(w.plan_url("create/"), {"from": "empty"}, follow=True)
    assert page.status_code == 200
    assert "มีแผนมาตรการปี 2568 อยู่แล้ว (2 มาตรการ)" in messages_of(page)
    api = post_json(w.api, w.api_url("plans/2568/create"), {"source": "empty"})
    assert api.status_code == 409 and api.json()["code"] == "plan_exists"
    assert MeasurePlan.objects.filter(agency=w.agency).count() == 1


def test_starting_a_round_twice_gives_one_round(w):
    url = w.plan_url("rounds/6m/")
    assert w.web.post(url, {"action": "start"}).status_code == 302
    assert w.web.post(url, {"action": "start"}).status_code == 302
    api = [post_json(w.api, w.api_url("plans/2568/rounds/6m/start")) for _ in "12"]
    assert [r.status_code for r in api] == [200, 200]
    assert len({r.json()["id"] for r in api}) == 1
    round_ = ProgressRound.objects.get(plan=w.plan)
    assert round_.progress.count() == 2
    assert Event.objects.filter(action="round.start").count() == 1


def _round_data(response, **changes):
    formset = response.context["formset"]
    data = {f.html_name: f.value() or "" for f in formset.management_form}
    for form in formset.forms:
        for field in form:
            if field.name in ("evidence_file",):
                continue
            value = field.value()
            data[field.html_name] = "" if value is None else value
    data.update(changes)
    return data


def test_a_failed_submit_keeps_the_valid_evidence_file_of_another_row(w, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    url = w.plan_url("rounds/6m/")
    w.web.post(url, {"action": "start"})
    data = _round_data(w.web.get(url), action="submit")
    data.update({"form-0-status": "done", "form-0-result": "ประชุมแล้ว"})
    data.update({"form-0-evidence_title": "ภาพการประชุม"})
    data["form-0-evidence_file"] = SimpleUploadedFile("ประชุม.pdf", PDF)
    data.update({"form-1-status": "cancelled", "form-1-result": "ยกเลิก"})  # no reason: invalid
    refused = w.web.post(url, data)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "โปรดระบุเหตุผลที่ยกเลิก" in html
    assert "เก็บไฟล์ที่เลือกไว้แล้ว" in html  # the file of row 1 is not dropped
    assert not Evidence.objects.exists()
    # sent again with row 2 fixed: the browser's file input is empty, the kept file is attached
    again = _round_data(refused, action="save")
    assert again["form-0-evidence_kept"]
    again["form-1-cancel_reason"] = "งบประมาณไม่พอ"
    assert w.web.post(url, again).status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.title == "ภาพการประชุม" and evidence.file.read() == PDF
    assert Event.objects.filter(action="evidence.add").count() == 1
    # a forged kept name is ignored, never attached
    forged = _round_data(w.web.get(url), action="save")
    forged.update({"form-1-evidence_title": "ปลอม", "form-1-evidence_kept": "evidence/x.pdf"})
    w.web.post(url, forged)
    assert Evidence.objects.count() == 1


# --- the guard and the list of mutating doors ---------------------------------------------------


def test_nothing_saves_a_measures_model_outside_an_action(w):
    for write in (
        lambda: MeasurePlan(agency=w.agency, fiscal_year=2590).save(),
        lambda: Measure.objects.filter(plan=w.plan).first().save(),
        lambda: Memo.objects.filter(pk=0).first() or ProgressRound(plan=w.plan).save(),
        lambda: Publication.objects.first() or Publication(agency=w.agency).save(),
    ):
        with pytest.raises(OutsideAction), transaction.atomic():
            write()


def test_every_mutating_page_and_api_operation_goes_through_an_action(w, settings, tmp_path):
    """Each POST of the measures and documents pages and each changing API operation writes
    its event (the action ran); a new door without an action fails here."""
    settings.MEDIA_ROOT = tmp_path
    measure = w.plan.measures.get(number=2)
    doors = [
        (w.web, w.plan_url("measures/new/"), {"title": "ใหม่"}, "measure.save"),
        (w.web, w.plan_url(f"measures/{measure.pk}/"), {"title": "แก้"}, "measure.save"),
        (w.web, w.plan_url(f"measures/{measure.pk}/move/"), {"direction": "up"}, "measure.move"),
        (w.web, w.plan_url("rounds/6m/"), {"action": "start"}, "round.start"),
        (w.web, f"/agencies/memos/new/plan/{w.plan.pk}/", {}, "memo.draft"),
        (w.api, w.api_url("plans/2569/create"), {"source": "empty"}, "plan.create"),
        (w.api, w.api_url("plans/2569/measures"), {"title": "API"}, "measure.save"),
        (w.api, w.api_url("plans/2569/rounds/12m/start"), {}, "round.start"),
        (w.api, w.api_url("plans/2569/memo"), {}, "memo.draft"),
    ]
    for client, url, data, event in doors:
        before = Event.objects.filter(action=event).count()
        if client is w.api:
            response = post_json(client, url, data)
        else:
            response = client.post(url, data)
        assert response.status_code < 400, (url, response.status_code)
        assert Event.objects.filter(action=event).count() == before + 1, url
    w.web.post(w.plan_url("create/"), {"from": "last_year"})  # no 2567 plan: 404, no event
    round_ = ProgressRound.objects.get(plan=w.plan)
    page = w.web.get(w.plan_url("rounds/6m/"))
    w.web.post(w.plan_url("rounds/6m/"), _round_data(page, **{"form-0-result": "ทำแล้ว"}))
    assert Event.objects.filter(action="round.save", object_id=round_.pk).exists()
    memo = Memo.objects.get(plan=w.plan)
    w.web.post(f"/agencies/memos/{memo.pk}/", {**_memo_form(w.web, memo), "action": "save"})
    w.web.post(f"/agencies/memos/{memo.pk}/", {**_memo_form(w.web, memo), "action": "send"})
    w.mayor_web.post(f"/agencies/memos/{memo.pk}/", {"action": "returned", "comment": "แก้"})
    post_json(w.api, f"/api/memos/{memo.pk}/send")
    post_json(w.mayor_api, f"/api/memos/{memo.pk}/decision", {"decision": "approved"})
    w.web.post(f"/documents/memos/{memo.pk}/publish/")
    names = set(
        Event.objects.filter(content_type__model="memo", object_id=memo.pk).values_list(
            "action", flat=True
        )
    )
    assert {"memo.save", "memo.send", "memo.return", "memo.approve"} <= names
    assert Event.objects.filter(action="document.publish").count() == 1


# --- a correction after approval: a new version -----------------------------------------------


def test_an_approved_plan_is_corrected_as_a_new_version(w, settings, tmp_path):
    """Approved and published as v1, the plan is reopened with a reason (page door): a new
    draft version, its old memo still approved as history, v1 still at its URL; after a new
    memo approves the correction the next publication is v2."""
    settings.MEDIA_ROOT = tmp_path
    first = w.approve_plan()
    v1 = document_publish("plan", w.agency.pk, 2568, by=w.editor)
    w.plan.refresh_from_db()
    assert w.plan.status == "published" and actions.revision(w.plan) == 1
    v1_url = Event.objects.get(action="document.publish").data["url"]
    measure = w.plan.measures.get(number=1)
    with pytest.raises(actions.Frozen):
        actions.measure_save(
            w.plan.pk, actions.MeasureData(title="แก้"), by=w.editor, measure_id=measure.pk
        )
    url = f"/agencies/memos/reopen/plan/{w.plan.pk}/"
    assert "แก้ไขเป็นฉบับใหม่" in w.web.get(w.plan_url()).content.decode()
    refused = w.web.post(url, {"reason": "  "}, follow=True)
    assert "โปรดระบุเหตุผลที่ต้องแก้ไข" in refused.content.decode()
    w.plan.refresh_from_db()
    assert w.plan.status == "published"
    page = w.web.post(url, {"reason": "ตัวชี้วัดมาตรการที่ ๑ ผิด"}, follow=True)
    assert "เปิดเป็นร่างฉบับที่ 2 แล้ว" in page.content.decode()
    w.plan.refresh_from_db()
    assert w.plan.status == "draft" and actions.revision(w.plan) == 2
    event = Event.objects.get(action="plan.reopen")
    assert (event.actor, event.comment) == (w.editor, "ตัวชี้วัดมาตรการที่ ๑ ผิด")
    assert event.data == {"from": "published", "version": 2}
    first.refresh_from_db()
    assert first.status == "approved"  # the approval of v1 stays on the record
    # the correction: edited, not publishable until a new memo approves it
    actions.measure_save(
        w.plan.pk, actions.MeasureData(title="ประชุมชี้แจง (แก้)"), by=w.editor, measure_id=measure.pk
    )
    api = post_json(w.api, f"/api/agencies/{w.agency.pk}/documents/2568/plan/publish")
    assert (api.status_code, api.json()["code"]) == (409, "not_approved")
    second = w.approve_plan()
    assert second.pk != first.pk
    v2 = document_publish("plan", w.agency.pk, 2568, by=w.editor)
    assert (v1.version, v2.version) == (1, 2)
    assert w.web.get(v1_url).status_code == 200  # the permanent URL of v1 did not change
    # the API door: version 3 (reason required, a signer refused)
    reopen = f"/api/agencies/{w.agency.pk}/plans/2568/reopen"
    assert post_json(w.api, reopen, {"reason": ""}).status_code == 422
    assert post_json(w.mayor_api, reopen, {"reason": "x"}).status_code in (403, 404)
    api = post_json(w.api, reopen, {"reason": "ระยะเวลามาตรการที่ ๒ ผิด"})
    assert api.status_code == 200 and api.json()["status"] == "draft"
    assert api.json()["version"] == 3 and Event.objects.filter(action="plan.reopen").count() == 2
    assert "ประชุมชี้แจง (แก้)" not in w.web.get(v1_url).content.decode()
    # a draft or one in review is not reopened (it is edited, or waits for its decision)
    with pytest.raises(actions.Invalid, match="เฉพาะส่วนที่อนุมัติแล้วหรือเผยแพร่แล้ว"):
        actions.plan_reopen(
            actions.plan_create(w.agency.pk, 2569, by=w.editor).pk, by=w.editor, reason="x"
        )
    # a signer (no edit right) cannot reopen
    assert w.mayor_web.post(url, {"reason": "x"}).status_code in (403, 404)


def test_deleting_a_measure_is_the_action_with_its_event_and_frozen_once_sent(w):
    first, second = w.plan.measures.order_by("number")
    assert "นำมาตรการที่ 1 ออกจากแผน" in w.web.get(w.plan_url(f"measures/{first.pk}/")).text
    done = w.web.post(w.plan_url(f"measures/{first.pk}/delete/"))
    assert done.status_code == 302
    assert list(w.plan.measures.values_list("title", "number")) == [("เผยแพร่ข้อมูล", 1)]
    event = Event.objects.get(action="measure.delete")
    assert (event.actor, event.data) == (w.editor, {"number": 1, "title": "ประชุมชี้แจง"})
    w.approve_plan()
    refused = w.web.post(w.plan_url(f"measures/{second.pk}/delete/"))
    assert refused.status_code == 409
    assert "แผนมาตรการนี้อนุมัติแล้ว แก้ไขไม่ได้" in refused.content.decode()
    assert (
        w.plan.measures.count() == 1 and Event.objects.filter(action="measure.delete").count() == 1
    )
    assert "ออกจากแผน" not in w.web.get(w.plan_url(f"measures/{second.pk}/")).text
