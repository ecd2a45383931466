"""Issue 11's first browser test: a plan goes up a chain with two signers after its proposer.
The deputy returns it with a reason; the officer finds it on "งานของฉัน" with the reason, the
e-mail arrives at a real SMTP server (aiosmtpd, in this process); the officer fixes the memo
and sends it again; both signers approve (each told by e-mail it waits for them); the officer
publishes and the public page shows it. Every page is reached by clicking, never by typing a
URL after the login. Screenshots in test-artifacts/signoff/.

And the "my work" pages themselves (count in the header, next-step line, notifications, the
390 px phone), with the state put in place directly."""

import email
import email.policy
import os
import shutil
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone

from prongsai.access.models import Membership
from prongsai.agencies.models import Agency, Province, Signatory
from prongsai.core.actions import SYSTEM, action
from prongsai.measures.models import Measure, MeasurePlan, Memo, SignOff
from tests.work.conftest import free_port

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "signoff"
REASON = "ระยะเวลาของมาตรการที่ ๑ ไม่ตรงกับปีงบประมาณ โปรดแก้ข้อเท็จจริงให้ครบ"
PEOPLE = [
    ("officer", "นางสาวผู้เสนอ ทดสอบ", "นักวิเคราะห์นโยบายและแผน", "editor"),
    ("deputy", "นายรอง ทดสอบ", "ปลัดองค์การบริหารส่วนตำบล", "signer"),
    ("mayor", "นายนายก ทดสอบ", "นายกองค์การบริหารส่วนตำบลทดสอบลงนาม", "signer"),
]


@action("test.setup")
def _setup(fn, *, by):
    return fn()


class Inbox:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), msg))
        return "250 OK"

    def wait_for(self, address: str, words: str, n: int = 1, timeout: float = 10.0) -> str:
        """The text of the ``n``-th message to ``address`` whose subject or text holds
        ``words`` (waiting for it to arrive)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.lock:
                mails = [
                    (str(msg["Subject"]), msg.get_body(preferencelist=("plain",)).get_content())
                    for rcpt, msg in self.messages
                    if address in rcpt
                ]
            found = [text for subject, text in mails if words in subject or words in text]
            if len(found) >= n:
                return found[n - 1]
            time.sleep(0.1)
        raise AssertionError(f"no e-mail no. {n} to {address} with “{words}” arrived")


@pytest.fixture
def smtp(settings):
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    SMTP_PORT = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", SMTP_PORT, False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def browser(live_server):
    from playwright.sync_api import sync_playwright

    assert os.path.exists(CHROMIUM), "install Debian's chromium (scripts/setup.sh does, as root)"
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        chromium.base = live_server.url
        yield chromium
        chromium.close()


def person(browser, username, *, width=1280):
    """A signed-in browser window of one person (each their own cookies)."""
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="th-TH")
    page = context.new_page()
    page.base = browser.base
    page.goto(page.base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"{username}-pass-123")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "/accounts/login/" not in page.url, "login refused"
    return page


def shot(page, name):
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def open_my_work(page):
    page.goto(page.base + "/")
    page.click("header.site a.mine")
    page.wait_for_load_state("networkidle")  # the count arrives after the page


def make_world(django_user_model):
    def make():
        agency = Agency.objects.create(
            kind="sao",
            place_name="ทดสอบลงนาม",
            name="องค์การบริหารส่วนตำบลทดสอบลงนาม",
            province=Province.objects.get_or_create(
                code=40, defaults={"name_th": "ขอนแก่น", "name_en": "Khon Kaen"}
            )[0],
        )
        signatories = {}
        for order, (username, name, position, role) in enumerate(PEOPLE, start=1):
            user = django_user_model.objects.create_user(
                username, f"{username}@example.go.th", f"{username}-pass-123"
            )
            Membership.objects.create(user=user, role=role, agency=agency)
            signatories[username] = Signatory.objects.create(
                agency=agency, name=name, position=position, order=order, user=user
            )
        plan = MeasurePlan.objects.create(agency=agency, fiscal_year=2567)
        Measure.objects.create(
            plan=plan,
            number=1,
            title="มาตรการเปิดเผยข้อมูลการจัดซื้อจัดจ้างต่อสาธารณะ",
            methods=["จัดทำประกาศ", "เผยแพร่บนเว็บไซต์"],
        )
        return agency, plan, signatories

    return _setup(make, by=SYSTEM)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_return_fix_resend_approve_publish(browser, smtp, django_user_model, settings):
    settings.PRONGSAI_BASE_URL = browser.base
    agency, plan, _signatories = make_world(django_user_model)
    officer, deputy, mayor = (person(browser, u) for u, *_ in PEOPLE)

    # the officer drafts the plan's memo from the agency's page and sends it
    officer.goto(officer.base + "/")
    officer.click(f"text={agency.name}")
    officer.click("nav.years >> text=ปีงบประมาณ 2567")
    officer.click("ol.cycle >> text=แผนมาตรการปี 2567")
    officer.click("button:has-text('ร่างบันทึกข้อความเพื่อเสนอแผนมาตรการ')")
    officer.click("button[value=send]")
    assert "เสนอบันทึกข้อความแล้ว" in officer.content()
    assert officer.locator("button[value=approved]").count() == 0  # not asked to approve
    shot(officer, "1-sent")

    # the deputy is told, finds it on งานของฉัน, and returns it with the reason
    smtp.wait_for("deputy@example.go.th", "รอการพิจารณาของคุณ")
    open_my_work(deputy)
    assert deputy.locator("header.site .counts .count").first.inner_text() == "1"
    deputy.click("#waiting >> text=ขออนุมัติมาตรการ")
    deputy.fill("#comment", REASON)
    deputy.click("button[value=returned]")
    assert "ส่งกลับแก้ไข" in deputy.content()

    # the officer: the e-mail with the reason, and the return on งานของฉัน with who sent it
    mail = smtp.wait_for("officer@example.go.th", "ส่งกลับแก้ไข")
    assert REASON in mail and "นายรอง ทดสอบ" in mail
    open_my_work(officer)
    returned = officer.locator("#returned")
    assert REASON in returned.inner_text()
    assert "ส่งกลับโดย นายรอง ทดสอบ (ปลัดองค์การบริหารส่วนตำบล)" in returned.inner_text()
    shot(officer, "2-returned-on-my-work")
    officer.set_viewport_size({"width": 390, "height": 800})
    shot(officer, "2b-returned-on-my-work-390")
    officer.set_viewport_size({"width": 1280, "height": 800})

    # the officer fixes the memo, saves, sends again
    officer.click("#returned >> text=แก้ไขแล้วเสนออีกครั้ง")
    facts = officer.locator("textarea[name=facts]")
    facts.fill(facts.input_value() + " ระยะเวลาดำเนินการ ตุลาคม ๒๕๖๖ - กันยายน ๒๕๖๗")
    officer.click("button[value=save]")
    officer.click("button[value=send]")
    assert "เสนอบันทึกข้อความแล้ว" in officer.content()

    # both signers approve, each told in turn
    smtp.wait_for("deputy@example.go.th", "รอการพิจารณาของคุณ", n=2)
    open_my_work(deputy)
    deputy.click("#waiting >> text=ขออนุมัติมาตรการ")
    deputy.fill("#comment", "เห็นควรอนุมัติ")
    deputy.click("button[value=approved]")
    smtp.wait_for("mayor@example.go.th", "รอการพิจารณาของคุณ")
    open_my_work(mayor)
    mayor.click("#waiting >> text=ขออนุมัติมาตรการ")
    mayor.fill("#comment", "อนุมัติ")
    mayor.click("button[value=approved]")
    assert "อนุมัติแล้ว" in mayor.content()
    shot(mayor, "3-approved")

    # the officer is told, publishes from the memo, and the public page has it
    smtp.wait_for("officer@example.go.th", "อนุมัติแล้ว")
    officer.goto(officer.base + "/")
    officer.click("header.site a.mine")
    officer.click("text=การแจ้งเตือนทั้งหมด")
    officer.click("li.unread:has-text('อนุมัติแล้ว') >> button:has-text('เปิดดู')")
    officer.click("button:has-text('เผยแพร่')")
    assert "เผยแพร่" in officer.content()
    shot(officer, "4-published")
    public = browser.new_context(locale="th-TH").new_page()
    public.goto(f"{browser.base}/p/{agency.pk}/2567/")
    assert "มาตรการ" in public.content() and ".pdf" in public.content()
    plan.refresh_from_db()
    assert plan.status in ("approved", "published")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_my_work_pages_in_the_browser(browser, django_user_model):
    """The pages of prongsai.work on a desktop and a 390 px phone: the header's count and the
    next-step line arrive after the page (the CSP allows it), the return shows with its reason."""
    agency, plan, signatories = make_world(django_user_model)

    def state():
        memo = Memo.objects.create(
            agency=agency,
            plan=plan,
            department=agency.name,
            date=date(2023, 9, 1),
            subject="ขออนุมัติมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
            addressee=signatories["mayor"].position,
            background="ตามที่…",
            facts="ได้จัดทำมาตรการ…",
            consideration="จึงเรียนมาเพื่อโปรดพิจารณา",
            status="returned",
        )
        for s in signatories.values():
            SignOff.objects.create(memo=memo, order=s.order, signatory=s, comment_label="ความเห็น")
        SignOff.objects.filter(memo=memo, order=2).update(
            decision="returned", comment=REASON, decided_at=timezone.now()
        )
        from prongsai.work.notify import deliver

        deliver(
            signatories["officer"].user,
            kind="returned",
            title="บันทึกข้อความถูกส่งกลับแก้ไข: ขออนุมัติมาตรการ…",
            body=f"นายรอง ทดสอบ (ปลัดองค์การบริหารส่วนตำบล) ส่งกลับแก้ไข เหตุผล: {REASON}",
            url=f"/agencies/memos/{memo.pk}/",
        )

    _setup(state, by=SYSTEM)
    for width, suffix in ((1280, ""), (390, "-390")):
        page = person(browser, "officer", width=width)
        open_my_work(page)
        counts = page.locator("header.site .counts")
        assert int(counts.locator(".count").first.inner_text()) >= 1  # the return
        assert counts.locator(".count.unread").inner_text() == "1"
        assert REASON in page.locator("#returned").inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
        shot(page, f"5-my-work{suffix}")
        page.goto(page.base + "/")
        page.click(f"text={agency.name}")
        shot(page, f"6-agency{suffix}")
        page.click("nav.years >> text=ปีงบประมาณ 2567")
        assert REASON in page.locator(".card.returned").inner_text()
        shot(page, f"7-year{suffix}")
        page.click("ol.cycle >> text=แผนมาตรการปี 2567")
        page.wait_for_load_state("networkidle")
        banner = page.locator(".next-step")
        assert "ขั้นตอนต่อไป:" in banner.inner_text()
        assert "ผลการประเมิน ITA ปี 2566" in banner.inner_text()
        shot(page, f"8-plan-next-step{suffix}")
        page.click("header.site a.mine")
        page.click("text=การแจ้งเตือนทั้งหมด")
        shot(page, f"9-notifications{suffix}")
        page.context.close()
