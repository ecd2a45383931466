"""Results entry on a 390 px phone (an iPhone 12–15 width) in Debian's Chromium: the question
text reads as lines, not one word per line, and the page stays a sensible height (it was 28,787
px). Screenshots in test-artifacts/phone/ — look at them."""

from pathlib import Path

import pytest

from prongsai.access.actions import membership_grant
from prongsai.core.actions import SYSTEM
from tests.browser.test_cycle import browser_page, login, make_agency  # noqa: F401

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "phone"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_results_entry_on_a_390px_phone(browser_page, django_user_model):  # noqa: F811
    from prongsai.criteria.services import load_all

    load_all()
    agency = make_agency()
    user = django_user_model.objects.create_user("phone", password="phone-pass-12345")
    membership_grant(by=SYSTEM, user=user, role="editor", agency=agency)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "phone", "phone-pass-12345")
    page.goto(f"{page.base}/agencies/{agency.pk}/results/2566/")
    page.screenshot(path=str(ARTIFACTS / "1-results-top.png"))
    page.screenshot(path=str(ARTIFACTS / "2-results-full.png"), full_page=True)

    # nothing wider than the phone: no sideways scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # a question's text is at least ~2/3 of the width, so a line holds several Thai words
    text = page.locator("table.scores tr.q td.text").first
    assert text.bounding_box()["width"] >= 240
    # each score box sits beside or just under its question, not a screen away
    rows = page.locator("table.scores tr.q:not(.sub)")
    count = rows.count()
    assert count > 50
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < count * 140, f"{height} px for {count} questions"
    box = page.locator("table.scores tr.q td.score input").first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert box["height"] >= 32  # big enough to tap
