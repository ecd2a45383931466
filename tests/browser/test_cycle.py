"""The whole cycle clicked through in Debian's Chromium (Playwright), screenshots kept in
test-artifacts/cycle/: enter results → draft the analysis, approved through its memo → plan from
it, approved through its memo → fill the 6-month and the 12-month rounds → each memo up the
chain → approved → the 12-month report published, read on the public page without a login. And
the validation messages a person meets on the way."""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from prongsai.access.actions import signatory_add
from prongsai.agencies.models import Agency, Province
from prongsai.core.actions import SYSTEM
from tests.conftest import SEED_003_INDICATORS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "cycle"

INDICATORS = list(SEED_003_INDICATORS.values())


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture
def browser_page(live_server):
    from playwright.sync_api import sync_playwright

    assert os.path.exists(CHROMIUM), "install Debian's chromium (scripts/setup.sh does, as root)"
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        # a Thai officer's browser (Chromium alone would ask for English, and get it)
        page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="th-TH")
        page.base = live_server.url
        yield page
        browser.close()


def shot(page, name):
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def approve_up_the_chain(page, comments=("อนุมัติ",)):
    """On a memo page: send it (the proposer's signature), then each signer after the proposer
    approves in turn (the test user is a superuser, who may act for any signer)."""
    with page.expect_navigation():
        page.click("button[value=send]")
    shows(page, "เสนอบันทึกข้อความแล้ว")
    for comment in comments:
        page.fill("#comment", comment)
        with page.expect_navigation():
            page.click("button[value=approved]")
    shows(page, "อนุมัติแล้ว")


def shows(page, *texts):
    """The page shows each text, waiting for a navigation the last click started to finish
    (page.content() read mid-navigation is an empty document)."""
    for text in texts:
        expect(page.locator("body")).to_contain_text(text)


def login(page, username, password):
    page.goto(page.base + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():  # the session cookie is set before the next goto
        page.click("button[type=submit]")
    assert "/accounts/login/" not in page.url, "login refused"


def make_agency():
    agency = Agency.objects.create(
        kind="sao",
        place_name="ทดสอบ",
        name="องค์การบริหารส่วนตำบลทดสอบ",
        # a transactional test flushes the provinces the migration loaded
        province=Province.objects.get_or_create(
            code=40, defaults={"name_th": "ขอนแก่น", "name_en": "Khon Kaen"}
        )[0],
    )
    signatory_add(
        by=SYSTEM,
        agency=agency,
        name="นางสาวผู้เสนอ ทดสอบ",
        position="นักวิเคราะห์นโยบายและแผน",
        order=1,
    )
    signatory_add(
        by=SYSTEM,
        agency=agency,
        name="นายผู้อนุมัติ ทดสอบ",
        position="นายกองค์การบริหารส่วนตำบลทดสอบ",
        order=2,
    )
    return agency


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # provinces back after flush
def test_whole_cycle_in_the_browser(browser_page, django_user_model, settings, tmp_path):
    from prongsai.criteria.services import load_all

    settings.MEDIA_ROOT = tmp_path  # the evidence photo
    load_all()
    page = browser_page
    django_user_model.objects.create_superuser("officer", "o@example.invalid", "officer-pass-1")
    agency = make_agency()
    login(page, "officer", "officer-pass-1")

    # 1. results of 2566, indicator scores only; the summary follows the typing
    page.goto(f"{page.base}/agencies/{agency.pk}/results/2566/")
    for n, value in enumerate(INDICATORS, start=1):
        page.fill(f"input[name=ind_{n}]", value)
    page.fill("textarea[name=paste_IIT]", "87.19\n89.35\n88.29\n100\n100\n100")
    page.select_option("select[name=q_o1]", "0")
    # a locator, not wait_for_function: the CSP forbids the eval() that a string function needs
    expect(page.locator("#summary strong").first).to_contain_text("80.42")
    shot(page, "1-results")
    page.click("button.primary:has-text('บันทึกผลการประเมิน')")
    shows(page, "บันทึกผลการประเมินปี 2566 แล้ว")

    # 2. the analysis drafted from the scores
    page.goto(f"{page.base}/agencies/{agency.pk}/analysis/2566/")
    page.click("button.primary:has-text('ร่างการวิเคราะห์')")
    shows(page, "ปรับปรุงให้ดีขึ้น")
    shot(page, "2-analysis")
    page.click("button:has-text('ร่างบันทึกข้อความเพื่อเสนอการวิเคราะห์')")
    shows(page, "รายงานการวิเคราะห์ผลการประเมินคุณธรรม")
    approve_up_the_chain(page)
    shot(page, "2b-analysis-approved")

    # 3. the 2567 plan drafted from it
    page.goto(f"{page.base}/agencies/{agency.pk}/plans/2567/")
    page.click("button:has-text('ร่างจากผลการวิเคราะห์ปี 2566')")
    shows(page, "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ")
    shot(page, "3-plan")
    page.click("button:has-text('ร่างบันทึกข้อความเพื่อเสนอแผนมาตรการ')")
    shows(page, "ขออนุมัติมาตรการส่งเสริมคุณธรรม")
    approve_up_the_chain(page)
    with page.expect_navigation():
        page.click("nav.crumbs >> text=แผนมาตรการปี 2567")
    shows(page, "สถานะ: อนุมัติแล้ว")
    shot(page, "3b-plan-approved")

    # 4. the 6-month round: a measure missing its result blocks the submission
    page.goto(f"{page.base}/agencies/{agency.pk}/plans/2567/rounds/6m/")
    page.click("button[value=start]")
    statuses = page.locator("select[name$='-status']").all()
    results = page.locator("textarea[name$='-result']").all()
    for select in statuses:
        select.select_option("in_progress")
    for area in results[:-1]:
        area.fill("ดำเนินการตามแผนแล้วบางส่วน")
    # a photo as evidence: saved, then opened from its link on the round page
    page.locator("input[name$='-evidence_title']").first.fill("ภาพถ่ายการประชุมชี้แจง")
    page.locator("input[name$='-evidence_file']").first.set_input_files(
        {"name": "ประชุม.png", "mimeType": "image/png", "buffer": PNG}
    )
    with page.expect_navigation():
        page.click("button[value=save]")
    link = page.locator("a:has-text('ภาพถ่ายการประชุมชี้แจง')")
    photo = page.request.get(page.base + link.get_attribute("href"))
    assert photo.ok and photo.headers["content-type"] == "image/png" and photo.body() == PNG
    # a file attached by mistake comes off again
    page.locator("input[name$='-evidence_title']").nth(1).fill("ไฟล์ผิด")
    page.locator("input[name$='-evidence_file']").nth(1).set_input_files(
        {"name": "ผิด.png", "mimeType": "image/png", "buffer": PNG}
    )
    with page.expect_navigation():
        page.click("button[value=save]")
    assert page.locator("a:has-text('ไฟล์ผิด')").count() == 1
    with page.expect_navigation():
        page.click("a:has-text('ไฟล์ผิด') + button.link")
    shows(page, "นำหลักฐาน “ไฟล์ผิด” ออกแล้ว")
    assert page.locator("a:has-text('ไฟล์ผิด')").count() == 0
    assert page.locator("a:has-text('ภาพถ่ายการประชุมชี้แจง')").count() == 1
    page.click("button[value=submit]")
    shows(page, "ยังเสนอรายงานไม่ได้")
    shot(page, "4-round-incomplete")
    page.locator("textarea[name$='-result']").last.fill("เริ่มดำเนินการแล้ว")
    page.click("button[value=submit]")

    # 5. the memo up the chain
    shows(page, "บันทึกข้อความ", "เรื่องเดิม")
    shot(page, "5-memo")
    approve_up_the_chain(page)
    shot(page, "6-approved")

    # 6. the 12-month round: every measure done, with its outcome
    page.goto(f"{page.base}/agencies/{agency.pk}/plans/2567/rounds/12m/")
    page.click("button[value=start]")
    for select in page.locator("select[name$='-status']").all():
        select.select_option("done")
    for area in page.locator("textarea[name$='-result']").all():
        area.fill("ดำเนินการครบตามแผน")
    for area in page.locator("textarea[name$='-outcome']").all():
        area.fill("บุคลากรเข้าใจแนวทางมากขึ้น")
    shot(page, "7-round-12m")
    page.click("button[value=submit]")
    shows(page, "รอบ ๑๒ เดือน (ตุลาคม ๒๕๖๖ - กันยายน ๒๕๖๗)")
    approve_up_the_chain(page)
    shot(page, "8-approved-12m")

    # 7. publish the 12-month report with its memo; the public page needs no login
    page.click("button:has-text('เผยแพร่')")
    shows(page, "เผยแพร่")
    context = page.context.browser.new_context(locale="th-TH")
    public = context.new_page()
    public.goto(f"{page.base}/p/{agency.pk}/2567/")
    assert "รายงานผล" in public.content() and ".pdf" in public.content()
    public.screenshot(path=str(ARTIFACTS / "8b-public.png"), full_page=True)
    pdf = public.request.get(
        page.base + public.locator("a[href$='.pdf']").first.get_attribute("href")
    )
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    context.close()

    # 8. the year page: the whole cycle done
    page.goto(f"{page.base}/agencies/{agency.pk}/2567/")
    assert page.content().count("อนุมัติแล้ว") >= 3
    shot(page, "9-year")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # provinces back after flush
def test_validation_messages_in_the_browser(browser_page, django_user_model):
    """A score of 120, an end date before the start: the message stands next to the field, in
    Thai, and what was typed is still there."""
    from prongsai.criteria.services import load_all

    load_all()
    page = browser_page
    django_user_model.objects.create_superuser("officer", "o@example.invalid", "officer-pass-1")
    agency = make_agency()
    login(page, "officer", "officer-pass-1")

    page.goto(f"{page.base}/agencies/{agency.pk}/results/2566/")
    page.fill("input[name=ind_1]", "120")
    page.fill("input[name=ind_2]", "88.05")
    page.click("button.primary:has-text('บันทึกผลการประเมิน')")
    row = page.locator("tr:has(input[name=ind_1])")
    assert "คะแนนต้องไม่เกิน 100" in row.inner_text()
    assert page.input_value("input[name=ind_1]") == "120"
    assert page.input_value("input[name=ind_2]") == "88.05"
    shot(page, "v1-score-120")

    page.goto(f"{page.base}/agencies/{agency.pk}/plans/2567/")
    page.click("button[value=empty]")
    page.click("text=+ เพิ่มมาตรการ")
    page.fill("textarea[name=title]", "มาตรการเผยแพร่ข้อมูลต่อสาธารณะ")
    page.fill("textarea[name=methods_text]", "จัดทำแผนผัง\nเผยแพร่บนเว็บไซต์")
    page.fill("input[name=period_start]", "1 มี.ค. 2567")
    page.fill("input[name=period_end]", "1 ม.ค. 2567")
    page.click("button:has-text('บันทึก')")
    field = page.locator(".field:has(input[name=period_end])")
    assert "วันสิ้นสุดต้องไม่อยู่ก่อนวันเริ่ม" in field.inner_text()
    assert page.input_value("textarea[name=title]") == "มาตรการเผยแพร่ข้อมูลต่อสาธารณะ"
    assert page.input_value("input[name=period_start]") == "1 มี.ค. 2567"
    shot(page, "v2-end-before-start")
    page.fill("input[name=period_end]", "30 ก.ย. 2567")
    page.click("button:has-text('บันทึก')")
    shows(page, "บันทึกมาตรการแล้ว")
