"""What worked elsewhere, in Debian's Chromium: an officer whose agency is weak on indicator 10
sees, on the draft plan, the measure families that were followed by a gain elsewhere — with the
interval, the counts and the caveat — and adds one to the plan. Screenshots in
test-artifacts/suggestions/."""

from pathlib import Path

import pytest

from prongsai.access.actions import membership_grant
from prongsai.core.actions import SYSTEM
from tests.browser.test_cycle import browser_page, login, shows  # noqa: F401  (shared fixture)

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "suggestions"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # provinces back after flush
def test_officer_adds_a_suggested_measure(browser_page, django_user_model):  # noqa: F811
    from prongsai.demo.national import PLANTED_FAMILIES, generate
    from prongsai.measures.models import Measure
    from prongsai.suggestions.compute import recompute
    from prongsai.suggestions.models import Effect, FamilyMember
    from prongsai.suggestions.selectors import CAVEAT_TH
    from tests.suggestions.test_pages import _weak_on_10_with_a_draft_plan

    generate(seed=5, agencies=700, planted=True)
    recompute()
    agency, year = _weak_on_10_with_a_draft_plan()
    family = FamilyMember.objects.get(
        measure=Measure.objects.filter(title=PLANTED_FAMILIES[0].titles[0]).first()
    ).family
    effect = Effect.objects.get(family=family, indicator_number=10, question_code="")
    moved = Effect.objects.filter(
        family=family, indicator_number=10, ci_low__gt=0, n_treated__gte=10, n_control__gte=10
    ).exclude(question_code="")

    officer = django_user_model.objects.create_user("officer", password="officer-pass-1")
    membership_grant(by=SYSTEM, user=officer, role="editor", agency=agency)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser_page
    login(page, "officer", "officer-pass-1")

    page.goto(f"{page.base}/agencies/{agency.pk}/plans/{year}/")
    shows(page, "มาตรการที่หน่วยงานอื่นทำแล้วคะแนนดีขึ้น", CAVEAT_TH, "ตัวชี้วัดที่ 10")
    row = page.locator(f"#suggestions [data-indicator='10'] tr[data-family='{family.key}']")
    assert family.name in row.inner_text()
    assert row.locator(".ci").inner_text().startswith(f"{effect.ci_low:.2f} – {effect.ci_high:.2f}")
    assert row.locator(".n").inner_text() == f"{effect.n_treated} / {effect.n_control}"
    # the questions the family moved, each with its own estimate, interval and n
    listed = row.locator(".moved-questions li")
    assert moved.exists() and listed.count() == moved.count()
    best = moved.order_by("-estimate", "question_code").first()
    assert listed.first.get_attribute("data-question") == best.question_code
    assert f"n {best.n_treated}/{best.n_control}" in listed.first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "1-plan-suggestions.png"), full_page=True)

    with page.expect_navigation():
        row.locator("button:has-text('เพิ่มเป็นมาตรการ')").click()
    shows(page, f"เพิ่ม “{family.name}” เป็นร่างมาตรการ")
    measure = Measure.objects.get(plan__agency=agency, plan__fiscal_year=year, title=family.name)
    assert measure.indicator_numbers == [10]
    assert page.locator("table").first.inner_text().count(family.name) == 1
    page.screenshot(path=str(ARTIFACTS / "2-added.png"), full_page=True)
