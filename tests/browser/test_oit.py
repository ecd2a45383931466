"""Issue 14's "Done when" in Debian's Chromium: the officer opens the 2568 OIT workspace,
copies last year's, adds a URL and a file to two items, marks them ready, sees the predicted
score move, publishes; the public ITA page (no login) shows the items, links and steps; the
province viewer sees the readiness. Screenshots in test-artifacts/oit/."""

from pathlib import Path

import pytest

from prongsai.access.actions import membership_grant
from tests.browser.test_cycle import browser_page, login  # noqa: F401  (the shared Chromium fixture)

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "oit"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def shot(page, name):
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def save_item(page, code, url, label, file_path, steps):
    page.click(f"#item-{code} > summary")
    form = page.locator(f"#item-{code} form.item-form")
    form.locator(f"[name='{code}-url0']").fill(url)
    form.locator(f"[name='{code}-label0']").fill(label)
    form.locator(f"[name='{code}-file0']").set_input_files(str(file_path))
    form.locator(f"[name='{code}-steps']").fill(steps)
    form.locator(f"[name='{code}-status']").select_option("ready")
    with page.expect_navigation():
        form.locator("button").click()
    assert page.locator(f"#item-{code} .badge.status-ready").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_oit_workspace_end_to_end(browser_page, django_user_model, tmp_path):  # noqa: F811
    from prongsai.agencies.models import Agency, Province
    from prongsai.assessments.services import record_scores
    from prongsai.core.actions import SYSTEM
    from prongsai.criteria.services import load_all
    from prongsai.oit import actions
    from prongsai.oit.actions import ItemInput, LinkInput

    load_all()
    province = Province.objects.get_or_create(
        code=71, defaults={"name_th": "กาญจนบุรี", "name_en": "Kanchanaburi"}
    )[0]
    agency = Agency.objects.create(
        kind="sao", place_name="ทดสอบ", name="องค์การบริหารส่วนตำบลทดสอบ", province=province
    )
    record_scores(
        agency=agency,
        fiscal_year=2567,
        indicator_scores={n: 85 for n in range(1, 11)},
        stated_tools={"IIT": 91.5, "EIT": 86.25, "OIT": 70},
    )
    officer = django_user_model.objects.create_user("officer", password="officer-pass-1")
    for role in ("editor", "agency_admin"):
        membership_grant(by=SYSTEM, user=officer, role=role, agency=agency)
    viewer = django_user_model.objects.create_user("province", password="province-pass-1")
    membership_grant(by=SYSTEM, user=viewer, role="regional_viewer", province=province)
    # last year's workspace, with the links and steps the agency wrote then
    last = actions.oit_workspace_open(agency.pk, 2567, by=SYSTEM)
    for code, url in [("o1", "https://tesot.go.th/structure"), ("o7", "https://tesot.go.th/news")]:
        actions.oit_item_save(
            last.items.get(code=code).pk,
            ItemInput(status="ready", steps=[f"หน้าหลัก เลือก {code}"], links=[LinkInput(url)]),
            by=SYSTEM,
        )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    evidence = tmp_path / "ขั้นตอนการเปิดเผยข้อมูล.pdf"
    evidence.write_bytes(PDF)
    page = browser_page

    login(page, "officer", "officer-pass-1")
    page.goto(page.base + f"/agencies/{agency.pk}/oit/2568/")
    with page.expect_navigation():
        page.click("button:has-text('คัดลอกจากปี 2567')")
    assert "คัดลอกลิงก์และขั้นตอนของปี 2567 มาแล้ว" in page.locator(".messages").inner_text()
    # 2567 o1 "โครงสร้าง" went to 2568 o1, o7 "ข่าวประชาสัมพันธ์" to 2568 o4 (code changed)
    assert "https://tesot.go.th/news" in page.locator("#item-o4").inner_html()
    shot(page, "1-copied")
    before = page.locator("#predicted-overall").inner_text()

    save_item(
        page,
        "o1",
        "https://tesot.go.th/structure-2568",
        "แผนผังโครงสร้าง",
        evidence,
        "1. หน้าหลักของเว็บไซต์เลือกหัวข้อ ข้อมูลหน่วยงาน\n2. เลือก โครงสร้างองค์กร",
    )
    save_item(
        page, "o8", "https://tesot.go.th/manual", "คู่มือการปฏิบัติงาน", evidence, "1. หน้าหลัก เลือก คู่มือ"
    )
    after = page.locator("#predicted-overall").inner_text()
    assert float(after) > float(before), (before, after)
    assert page.locator("#ready-count").inner_text().startswith("2/")
    page.click("#item-o2 > summary")
    shot(page, "2-ready")

    with page.expect_navigation():
        page.click("button:has-text('เผยแพร่หน้า ITA')")
    assert "เผยแพร่หน้า ITA ของปีนี้แล้ว" in page.locator(".messages").inner_text()

    # the public page, in a browser that has never logged in
    public = page.context.browser.new_page(viewport={"width": 1280, "height": 800}, locale="th-TH")
    public.goto(page.base + f"/p/{agency.pk}/")
    with public.expect_navigation():
        public.click("text=ITA ๒๕๖๘")
    body = public.locator("main").inner_text()
    assert "โครงสร้างและอำนาจหน้าที่" in body
    assert "แผนผังโครงสร้าง" in body and "คู่มือการปฏิบัติงาน" in body
    assert "เลือก โครงสร้างองค์กร" in body
    assert public.locator("a[href='https://tesot.go.th/structure-2568']").count() == 1
    assert public.locator("a:has-text('ขั้นตอนการเปิดเผยข้อมูล.pdf')").count() == 2
    shot(public, "3-public")
    # the evidence file the link points to is served to the public (fetched, not followed, so no
    # download navigation races the next step)
    href = public.locator("a[href*='/ita/files/']").first.get_attribute("href")
    served = public.request.get(page.base + href if href.startswith("/") else href)
    assert served.status == 200 and served.body()
    public.close()

    # the province viewer sees the readiness on the province dashboard
    page.context.clear_cookies()
    login(page, "province", "province-pass-1")
    page.goto(page.base + f"/dashboards/province/{province.code}/")
    readiness = page.locator("#oit-readiness")
    assert "ความพร้อม OIT ปี 2568" in readiness.inner_text()
    assert "องค์การบริหารส่วนตำบลทดสอบ" in readiness.inner_text()
    readiness.screenshot(path=str(ARTIFACTS / "4-readiness.png"))
    page.goto(page.base + f"/agencies/{agency.pk}/oit/2568/")
    assert page.locator("form.item-form").count() == 0  # read-only
