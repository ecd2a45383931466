"""งานของฉัน, the header's count, the year page's return, the agency's years, the next-step
line, the notifications page and the e-mail setting."""

from datetime import date

import pytest

from prongsai.work import views
from prongsai.work.models import Notification, Preference
from prongsai.work.notify import deliver
from prongsai.work.selectors import due_steps

from .conftest import in_action, set_state

pytestmark = pytest.mark.django_db
REASON = "ระยะเวลาของมาตรการที่ ๑ ไม่ตรงกับปีงบประมาณ"


def login(client, chain, who):
    client.force_login(chain["users"][who])
    return client


def test_my_work_lists_the_memo_waiting_for_me_only_on_my_turn(client, chain):
    set_state(chain["memo"], memo_status="in_review", steps={1: ("approved", "")})
    memo_link = f'href="/agencies/memos/{chain["memo"].pk}/"'
    html = login(client, chain, "deputy").get("/work/").content.decode()
    assert "งานของฉัน" in html and memo_link in html
    assert "ไม่มีเรื่องรอการพิจารณาของคุณ" not in html
    html = login(client, chain, "mayor").get("/work/").content.decode()  # not yet their turn
    assert "ไม่มีเรื่องรอการพิจารณาของคุณ" in html and memo_link not in html
    assert login(client, chain, "deputy").get("/work/count/").content.decode().count(">1<") == 1


def test_a_return_shows_on_my_work_and_on_the_year_page_with_reason_and_who(client, chain):
    set_state(
        chain["memo"],
        memo_status="returned",
        steps={1: ("approved", ""), 2: ("returned", REASON)},
    )
    who = "นายรอง ทดสอบ (ปลัดองค์การบริหารส่วนตำบล)"
    html = login(client, chain, "officer").get("/work/").content.decode()
    assert REASON in html and f"ส่งกลับโดย {who}" in html
    assert "แก้ไขแล้วเสนออีกครั้ง" in html
    year = client.get(f"/agencies/{chain['agency'].pk}/2567/").content.decode()
    assert "ส่งกลับแก้ไข:" in year and REASON in year and who in year
    assert f'href="/agencies/memos/{chain["memo"].pk}/"' in year
    # the deputy who returned it has nothing returned to them
    html = login(client, chain, "deputy").get("/work/").content.decode()
    assert REASON not in html and "ไม่มีเรื่องที่ถูกส่งกลับ" in html


def test_due_and_overdue_steps_of_the_agencies_i_edit(client, chain, monkeypatch):
    # 26 Sep 2026 (FY 2569): the 2570 analysis and plan are due on 1 Oct, in 5 days; the 2569
    # 6-month report (30 Apr 2026) is overdue; the 2569 plan exists and is a draft: overdue
    items = due_steps(chain["users"]["officer"], date(2026, 9, 26))
    found = {(i["year"], i["step"].key): (i["overdue"], i["days"]) for i in items}
    assert found[(2570, "analysis")] == (False, 5) and found[(2570, "plan")] == (False, 5)
    assert found[(2569, "6m")] == (True, 149)
    assert (2569, "12m") not in found  # 31 Oct 2026: more than 7 days away
    assert due_steps(chain["users"]["deputy"], date(2026, 9, 26)) == []  # signs, edits nothing
    monkeypatch.setattr(views, "today", lambda: date(2026, 9, 26))
    html = login(client, chain, "officer").get("/work/").content.decode()
    assert "อีก 5 วัน" in html and "เลยกำหนด 149 วัน" in html
    assert f'href="/agencies/{chain["agency"].pk}/plans/2570/"' in html
    assert "กำหนดการของปีงบประมาณ 2569" in html and "30 เม.ย." not in html  # long BE dates
    assert "๓๐ เมษายน ๒๕๖๙" in html


def test_the_agency_page_links_every_year_including_a_new_one(client, chain, monkeypatch):
    monkeypatch.setattr(views, "today", lambda: date(2026, 12, 2))  # FY 2570
    html = login(client, chain, "officer").get(f"/agencies/{chain['agency'].pk}/").content.decode()
    for year in (2567, 2568, 2569, 2570, 2571):
        assert f'href="/agencies/{chain["agency"].pk}/{year}/"' in html, year
    assert (
        "ขั้นตอนการประเมินแต่ละปี" in html and f'href="/agencies/{chain["agency"].pk}/2566/"' not in html
    )
    assert "2570 <small>(ปีปัจจุบัน)</small>" in html and "2571 <small>(ปีถัดไป)</small>" in html
    new_year = client.get(f"/agencies/{chain['agency'].pk}/2571/")
    assert new_year.status_code == 200 and "ผลการประเมิน ITA ปี 2570" in new_year.content.decode()


def test_the_next_step_line_points_past_the_page_it_is_on(client, chain, criteria):
    from prongsai.assessments.models import Assessment
    from prongsai.criteria.models import CriteriaYear

    agency = chain["agency"]
    login(client, chain, "officer")
    page = client.get(f"/agencies/{agency.pk}/plans/2567/").content.decode()
    banner = f"/work/next/{agency.pk}/2567/measures:plan/"
    assert f'hx-get="{banner}"' in page  # the step's page fetches it after loading
    html = client.get(banner).content.decode()  # no results of 2566 yet: enter them first
    assert f'href="/agencies/{agency.pk}/results/2566/"' in html
    assert "ผลการประเมิน ITA ปี 2566" in html
    # the results page itself: results are its own step, nothing to point to
    assert client.get(f"/work/next/{agency.pk}/2566/assessments:entry/").content.strip() == b""
    in_action(
        lambda: Assessment.objects.create(
            agency=agency, fiscal_year=2566, criteria=CriteriaYear.objects.get(fiscal_year=2566)
        )
    )
    html = client.get(f"/work/next/{agency.pk}/2566/assessments:entry/").content.decode()
    assert "ขั้นตอนต่อไป:" in html and "วิเคราะห์ผลการประเมินปี 2566" in html
    assert f'href="/agencies/{agency.pk}/analysis/2566/"' in html
    assert client.get(f"/work/next/{agency.pk}/2566/nothing:here/").status_code == 404


def test_notifications_list_and_mark_read(client, chain):
    officer = chain["users"]["officer"]
    a = deliver(officer, kind="approved", title="เรื่อง ก", url="/work/")
    b = deliver(officer, kind="published", title="เรื่อง ข", url="https://evil.example/")
    deliver(chain["users"]["deputy"], kind="waiting", title="ของคนอื่น")
    login(client, chain, "officer")
    html = client.get("/work/notifications/").content.decode()
    assert "เรื่อง ก" in html and "เรื่อง ข" in html and "ของคนอื่น" not in html
    assert "อนุมัติแล้ว" in html and "เผยแพร่แล้ว" in html
    count = client.get("/work/count/").content.decode()
    assert 'class="count unread"' in count and "</svg>2</span>" in count
    response = client.post("/work/notifications/read/", {"id": a.pk, "next": "/work/"})
    assert response["Location"] == "/work/"
    a.refresh_from_db(), b.refresh_from_db()
    assert a.read_at and not b.read_at
    # a link elsewhere is not followed; someone else's notification is not touched
    response = client.post("/work/notifications/read/", {"id": b.pk, "next": b.url})
    assert response["Location"] == "/work/notifications/"
    other = Notification.objects.get(user=chain["users"]["deputy"])
    client.post("/work/notifications/read/", {"id": other.pk})
    other.refresh_from_db()
    assert other.read_at is None
    client.post("/work/notifications/read/")
    assert not Notification.objects.filter(user=officer, read_at__isnull=True).exists()


def test_email_can_be_turned_off(client, chain):
    login(client, chain, "officer")
    html = client.get("/work/settings/").content.decode()
    assert "ส่งการแจ้งเตือนทางอีเมล" in html and "officer@example.go.th" in html
    response = client.post("/work/settings/", {})  # the box unticked
    assert response.status_code == 302
    assert Preference.objects.get(user=chain["users"]["officer"]).email is False
    client.post("/work/settings/", {"email": "on"})
    assert Preference.objects.get(user=chain["users"]["officer"]).email is True


def test_the_header_has_my_work_and_the_pages_have_english(client, chain):
    login(client, chain, "officer")
    html = client.get("/").content.decode()
    assert 'href="/work/"' in html and 'hx-get="/work/count/"' in html and "งานของฉัน" in html
    client.cookies["django_language"] = "en"
    html = client.get("/work/").content.decode()
    assert "My work" in html and "Waiting for your decision" in html
    assert "งานของฉัน" not in html


def test_the_floor_page_is_the_frame_of_every_page_and_nothing_else(client, chain):
    """What bench.dashboards measures each page against: a signed-in user's site frame."""
    assert client.get("/floor/").status_code == 302  # the frame is a signed-in user's
    html = login(client, chain, "deputy").get("/floor/").content.decode()
    assert 'class="site"' in html and "งานของฉัน" in html  # the header, with its links
    main = html.split("<main>", 1)[1].split("</main>", 1)[0]
    assert "<h1" not in main and "<table" not in main and "<form" not in main
