"""The Content-Security-Policy against the real pages in Debian's Chromium: logging in, the
results grid with its HTMX updates, the plan, a measure, its history and the admin load with
no policy violation and no console error. Screenshots in test-artifacts/security/."""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from prongsai.agencies.models import Agency, Province
from prongsai.measures.models import Measure, MeasurePlan
from tests.acting import acting
from tests.browser.test_cycle import browser_page  # noqa: F401 — the Chromium fixture

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "security"
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' +
                           (e.sourceFile || '') + ':' + e.lineNumber));
"""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_run_under_the_csp_without_violations(browser_page, django_user_model):  # noqa: F811
    from prongsai.criteria.services import load_all

    load_all()
    page = browser_page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    console = []
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    page.add_init_script(WATCH)
    django_user_model.objects.create_superuser("officer", "o@example.invalid", "officer-pass-1")
    agency = Agency.objects.create(
        kind="sao", name="องค์การบริหารส่วนตำบลทดสอบ", province=Province.objects.first()
    )
    with acting():  # set-up rows, not a door under test
        plan = MeasurePlan.objects.create(agency=agency, fiscal_year=2567)
        measure = Measure.objects.create(plan=plan, number=1, title="ประชุมชี้แจงเจ้าหน้าที่")

    response = page.goto(page.base + "/accounts/login/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.fill("#id_username", "officer")
    page.fill("#id_password", "officer-pass-1")
    with page.expect_navigation():
        page.click("button[type=submit]")

    page.goto(f"{page.base}/agencies/{agency.pk}/results/2566/")
    page.fill("input[name=ind_1]", "94.14")
    page.fill("input[name=ind_2]", "88.05")
    expect(page.locator("#summary")).to_contain_text("94.14")  # HTMX swapped the summary in
    page.screenshot(path=str(ARTIFACTS / "results-htmx.png"), full_page=True)

    pages = {
        "plan": f"/agencies/{agency.pk}/plans/2567/",
        "measure": f"/agencies/{agency.pk}/plans/2567/measures/{measure.pk}/",
        "history": f"/history/plan/{plan.pk}/",
        "document": reverse(
            "documents:page", kwargs={"pk": agency.pk, "year": 2567, "kind": "plan"}
        ),
        "team": reverse("access:team", kwargs={"pk": agency.pk}),
        "api-docs": "/api/docs",
        "admin": "/admin/",
        "admin-measure": f"/admin/measures/measure/{measure.pk}/change/",
    }
    for name, path in pages.items():
        page.goto(page.base + path)
        page.wait_for_load_state("networkidle")
        if name == "api-docs":
            expect(page.locator(".swagger-ui").first).to_be_visible()
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        violations = page.evaluate("window.__violations")
        assert violations == [], f"{name}: {violations}"
    errors = [
        c
        for c in console
        if (c.startswith("error") and "status of 404" not in c)  # /favicon.ico: there is none
        or "Content Security Policy" in c
    ]
    assert errors == [], errors
