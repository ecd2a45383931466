"""The whole cycle clicked through in Debian's Chromium (Playwright), screenshots kept in
test-artifacts/cycle/: enter results → draft the analysis → plan from it → fill a round →
memo up the chain → approved."""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from prongsai.agencies.models import Agency, Province, Signatory

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "cycle"

INDICATORS = [
    "94.14",
    "88.05",
    "90.39",
    "81.44",
    "84.16",
    "78.36",
    "75.25",
    "74.20",
    "93.00",
    "63.75",
]


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
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.base = live_server.url
        yield page
        browser.close()


def shot(page, name):
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # provinces back
def test_whole_cycle_in_the_browser(browser_page, django_user_model):
    from prongsai.criteria.services import load_all

    load_all()
    page = browser_page
    django_user_model.objects.create_superuser("officer", "o@example.invalid", "officer-pass-1")
    agency = Agency.objects.create(
        kind="sao",
        place_name="ทดสอบ",
        name="องค์การบริหารส่วนตำบลทดสอบ",
        province=Province.objects.get(name_th="ขอนแก่น"),
    )
    Signatory.objects.create(
        agency=agency, name="นางสาวผู้เสนอ ทดสอบ", position="นักวิเคราะห์นโยบายและแผน", order=1
    )
    Signatory.objects.create(
        agency=agency, name="นายผู้อนุมัติ ทดสอบ", position="นายกองค์การบริหารส่วนตำบลทดสอบ", order=2
    )

    page.goto(page.base + "/accounts/login/")
    page.fill("#id_username", "officer")
    page.fill("#id_password", "officer-pass-1")
    page.click("button[type=submit]")

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
    assert "บันทึกผลการประเมินปี 2566 แล้ว" in page.content()

    # 2. the analysis drafted from the scores
    page.goto(f"{page.base}/agencies/{agency.pk}/analysis/2566/")
    page.click("button.primary:has-text('ร่างการวิเคราะห์')")
    assert "ปรับปรุงให้ดีขึ้น" in page.content()
    shot(page, "2-analysis")

    # 3. the 2567 plan drafted from it
    page.goto(f"{page.base}/agencies/{agency.pk}/plans/2567/")
    page.click("button:has-text('ร่างจากผลการวิเคราะห์ปี 2566')")
    assert "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ" in page.content()
    shot(page, "3-plan")

    # 4. the 6-month round: a measure missing its result blocks the submission
    page.goto(f"{page.base}/agencies/{agency.pk}/plans/2567/rounds/6m/")
    page.click("button[value=start]")
    statuses = page.locator("select[name$='-status']").all()
    results = page.locator("textarea[name$='-result']").all()
    for select in statuses:
        select.select_option("in_progress")
    for area in results[:-1]:
        area.fill("ดำเนินการตามแผนแล้วบางส่วน")
    page.click("button[value=submit]")
    assert "ยังเสนอรายงานไม่ได้" in page.content()
    shot(page, "4-round-incomplete")
    page.locator("textarea[name$='-result']").last.fill("เริ่มดำเนินการแล้ว")
    page.click("button[value=submit]")

    # 5. the memo up the chain
    assert "บันทึกข้อความ" in page.content() and "เรื่องเดิม" in page.content()
    shot(page, "5-memo")
    page.click("button[value=send]")
    page.fill("#comment", "เรียนเสนอ")
    page.click("button[value=approved]")
    page.fill("#comment", "อนุมัติ")
    page.click("button[value=approved]")
    assert "อนุมัติแล้ว" in page.content()
    shot(page, "6-approved")
    page.goto(f"{page.base}/agencies/{agency.pk}/2567/")
    assert "อนุมัติแล้ว" in page.content()
    shot(page, "7-year")
