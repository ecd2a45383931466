"""The second browser test of issue 11: what a person does twice. A double click on "draft
memo" gives one memo; browser back then save gives one measure; two tabs on one memo never
lose what either typed ("เสนอ" from a stale tab shows the differences and sends nothing).
Screenshots in test-artifacts/twice/."""

from __future__ import annotations

from pathlib import Path

import pytest

from prongsai.access.actions import signatory_add
from prongsai.agencies.models import Agency, Province
from prongsai.core.actions import SYSTEM
from prongsai.measures import actions
from prongsai.measures.models import Measure, Memo
from tests.browser.test_cycle import browser_page, login, shows  # noqa: F401  (fixture)

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "twice"


def shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def plan(db, django_user_model):
    agency = Agency.objects.create(
        name="องค์การบริหารส่วนตำบลสองครั้ง", kind="sao", province=Province.objects.first()
    )
    signatory_add(by=SYSTEM, agency=agency, order=1, name="นางสาวก ข", position="นักวิเคราะห์")
    signatory_add(by=SYSTEM, agency=agency, order=2, name="นายค ง", position="นายก อบต.")
    plan = actions.plan_create(agency.pk, 2568, by=SYSTEM)
    actions.measure_save(plan.pk, actions.MeasureData(title="ประชุมชี้แจงเจ้าหน้าที่"), by=SYSTEM)
    django_user_model.objects.create_superuser("officer", "o@example.invalid", "officer-pass-1")
    return plan


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # provinces back after flush
def test_double_click_back_save_and_two_tabs(browser_page, plan):  # noqa: F811
    page = browser_page
    login(page, "officer", "officer-pass-1")
    plan_url = f"{page.base}/agencies/{plan.agency_id}/plans/2568/"

    # 1. back then save: the same "new measure" form saved twice is one measure
    page.goto(plan_url + "measures/new/")
    page.fill("#id_title", "เผยแพร่ข้อมูลข่าวสารบนเว็บไซต์")
    page.fill("#id_methods_text", "รวบรวมข้อมูล\nเผยแพร่")
    page.click("button[type=submit].primary")
    shows(page, "บันทึกมาตรการแล้ว")
    page.go_back()
    assert page.input_value("#id_title") == "เผยแพร่ข้อมูลข่าวสารบนเว็บไซต์"  # as typed
    page.click("button[type=submit].primary")
    shows(page, "บันทึกมาตรการแล้ว")
    assert Measure.objects.filter(plan=plan, title="เผยแพร่ข้อมูลข่าวสารบนเว็บไซต์").count() == 1
    shot(page, "1-back-save-one-measure")

    # 2. a double click on "draft memo", and the same request sent twice: one memo
    page.goto(plan_url)
    button = "button:has-text('ร่างบันทึกข้อความเพื่อเสนอแผนมาตรการ')"
    form = page.locator("form", has=page.locator(button))
    action = form.get_attribute("action")
    token = form.locator("input[name=csrfmiddlewaretoken]").input_value()
    # (one after the other: the test server shares one SQLite connection between its threads;
    # the race itself is tested in tests/measures/test_bypasses.py, also on PostgreSQL)
    statuses = page.evaluate(
        """async ([url, token]) => {
            const send = () => fetch(url, {method: "POST", body: new URLSearchParams(
                {csrfmiddlewaretoken: token}), redirect: "manual"}).then(r => r.status);
            return [await send(), await send()];
        }""",
        [action, token],
    )
    assert all(s in (0, 302) for s in statuses), statuses  # redirects, never a 500
    page.dblclick(button)
    page.wait_for_url("**/memos/*/")
    assert Memo.objects.filter(plan=plan).count() == 1
    memo = Memo.objects.get(plan=plan)
    assert page.url.endswith(f"/agencies/memos/{memo.pk}/")
    shot(page, "2-double-click-one-memo")

    # 3. two tabs on the memo: tab A saves its ที่; tab B, opened before, types the facts and
    # presses "เสนอ": nothing is sent, B's text is still there, the differences are shown
    tab_b = page.context.browser.new_page(viewport={"width": 1280, "height": 800}, locale="th-TH")
    tab_b.base = page.base  # the same officer in a second window
    login(tab_b, "officer", "officer-pass-1")
    tab_b.goto(page.url)
    page.fill("#id_reference", "สค ๘๐๕๐๑/๑๒๓")
    page.click("button[value=save]")
    shows(page, "บันทึกข้อความแล้ว")
    tab_b.fill("#id_facts", "ข้อเท็จจริงที่พิมพ์ในแท็บที่สอง")
    tab_b.click("button[value=send]")
    html = tab_b.content()
    assert "ยังไม่ได้บันทึก: มีผู้อื่น" in html and "สิ่งที่ต่างกัน" in html
    assert tab_b.input_value("#id_facts") == "ข้อเท็จจริงที่พิมพ์ในแท็บที่สอง"
    memo.refresh_from_db()
    assert (memo.status, memo.reference) == ("draft", "สค ๘๐๕๐๑/๑๒๓")
    assert "ข้อเท็จจริงที่พิมพ์ในแท็บที่สอง" not in memo.facts
    shot(tab_b, "3-two-tabs-conflict")
    # B keeps A's ที่ (typed into B after reading the differences) and sends: all of it goes up
    tab_b.fill("#id_reference", "สค ๘๐๕๐๑/๑๒๓")
    tab_b.click("button[value=send]")
    assert "เสนอบันทึกข้อความแล้ว" in tab_b.content()
    memo.refresh_from_db()
    assert memo.status == "in_review"
    assert (memo.reference, memo.facts) == ("สค ๘๐๕๐๑/๑๒๓", "ข้อเท็จจริงที่พิมพ์ในแท็บที่สอง")
    shot(tab_b, "4-sent-with-everything-typed")
    # the stale first tab cannot send it again
    page.reload()
    assert page.locator("button[value=send]").count() == 0
