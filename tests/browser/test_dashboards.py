"""The dashboards in Debian's Chromium on a generated country: the charts are drawn (Chart.js,
in the Thai font), drill-downs and HTMX paging work. Screenshots in test-artifacts/dashboards/."""

from pathlib import Path

import pytest

from prongsai.access.actions import membership_grant
from prongsai.core.actions import SYSTEM
from tests.browser.test_cycle import browser_page, login  # noqa: F401  (the shared Chromium fixture)

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "dashboards"


def wait_until(page, expression: str, seconds: float = 15) -> None:
    """Poll a JavaScript expression. Playwright's wait_for_function evaluates a string inside the
    page, which our Content-Security-Policy (no unsafe-eval) forbids; page.evaluate does not."""
    for _ in range(int(seconds * 10)):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"still false after {seconds} s: {expression}")


def _charts_drawn(page) -> int:
    wait_until(page, "window.Chart && Object.keys(window.Chart.instances).length > 0")
    return page.evaluate("Object.keys(window.Chart.instances).length")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # provinces back after flush
def test_dashboards_in_the_browser(browser_page, django_user_model):  # noqa: F811
    from prongsai.dashboards.models import AgencyYear
    from prongsai.demo.national import generate

    generate(seed=3, agencies=300)

    viewer = django_user_model.objects.create_user("viewer", password="viewer-pass-1")
    membership_grant(by=SYSTEM, user=viewer, role="national_admin")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser_page
    login(page, "viewer", "viewer-pass-1")

    page.goto(page.base + "/dashboards/")
    assert _charts_drawn(page) == 3
    assert page.evaluate("document.fonts.check('16px ProngsaiThai')")
    page.screenshot(path=str(ARTIFACTS / "1-nation.png"), full_page=True)

    # HTMX: next page of the ranking replaces the table only
    first = page.locator("#ranking tbody tr td:nth-child(2)").first.inner_text()
    page.click("#ranking .pager a:has-text('ถัดไป')")
    wait_until(page, "document.querySelector('#ranking .pager span').textContent.includes('หน้า 2')")
    assert page.locator("#ranking tbody tr td:nth-child(2)").first.inner_text() != first
    assert "page=2" in page.url

    # HTMX: typing a Thai name narrows the ranking without reloading the page
    wanted = AgencyYear.objects.filter(overall__isnull=False).order_by("-fiscal_year").first()
    page.evaluate("window.__same_page = true")
    before = page.locator("#ranking h2 small").inner_text()
    page.fill("#q", wanted.name[-8:])
    wait_until(page, f"document.querySelector('#ranking h2 small').textContent != {before!r}")
    wait_until(
        page,
        "[...document.querySelectorAll('#ranking tbody td:nth-child(2)')]"
        f".some(td => td.textContent.includes({wanted.name!r}))",
    )
    assert page.evaluate("window.__same_page === true")
    wait_until(page, "location.search.includes('q=')")
    assert "page=" not in page.url  # a new search starts on its first page

    # drill down: the failing agencies of a province
    row = AgencyYear.objects.filter(passed=False).order_by("-fiscal_year").first()
    page.goto(f"{page.base}/dashboards/province/{row.province_id}/?year={row.fiscal_year}")
    _charts_drawn(page)
    page.screenshot(path=str(ARTIFACTS / "2-province.png"), full_page=True)
    with page.expect_navigation():
        page.click(".kpis a >> nth=1")  # ไม่ผ่านเกณฑ์
    assert "passed=0" in page.url
    wait_until(page, "document.readyState === 'complete'")
    names = page.locator("#ranking tbody td:nth-child(2)").all_inner_texts()
    assert row.name in names

    page.goto(f"{page.base}/dashboards/agency/{row.agency_id}/?year={row.fiscal_year}")
    assert _charts_drawn(page) >= 3
    page.screenshot(path=str(ARTIFACTS / "3-agency.png"), full_page=True)
