"""``prongsai oit`` (JSON as the issue states it) and ``prongsai oit check-links`` against a
local HTTP server of the test suite (never the internet)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command

from prongsai.assessments.services import record_scores
from prongsai.core.actions import SYSTEM
from prongsai.core.models import Event
from prongsai.oit import actions
from prongsai.oit.actions import ItemInput, LinkInput

pytestmark = pytest.mark.django_db


class Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):
        if self.path == "/no-head":
            self.send_response(405)
        elif self.path.startswith("/ok") or self.path == "/gone-later":
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok-target")
        else:
            self.send_response(404)
        self.end_headers()

    def do_GET(self):
        self.send_response(200 if self.path == "/no-head" or self.path.startswith("/ok") else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)  # a free port of the loopback only
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_oit_json_prints_items_and_the_prediction(place):
    agency = place["agency"]
    record_scores(
        agency=agency,
        fiscal_year=2567,
        indicator_scores={n: 80 for n in range(1, 11)},
        stated_tools={"IIT": 90, "EIT": 80, "OIT": 70},
    )
    ws = actions.oit_workspace_open(agency.pk, 2568, by=SYSTEM)
    for code in [q for q in ws.items.values_list("code", flat=True)][1:]:
        actions.oit_item_save(ws.items.get(code=code).pk, ItemInput(status="ready"), by=SYSTEM)
    actions.oit_item_save(
        ws.items.get(code="o1").pk,
        ItemInput(status="in_progress", links=[LinkInput("https://a.go.th/o1")]),
        by=SYSTEM,
    )
    out = StringIO()
    call_command("oit", "--agency", agency.name, "--year", "2568", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    o1 = data["items"][0]
    assert o1 == {
        "code": "o1",
        "title": o1["title"],
        "status": "in_progress",
        "links": ["https://a.go.th/o1"],
        "due": "2025-06-30",
    }
    assert len(data["items"]) == 26
    predicted = data["predicted"]
    # 2568 OIT: indicator 9 = 19/20·100 = 95, indicator 10 = 100 → OIT 97.5; IIT/EIT from 2567
    assert predicted["oit"] == 97.5
    assert predicted["overall"] == pytest.approx(0.3 * 90 + 0.3 * 80 + 0.4 * 97.5)
    assert predicted["rating"] == "ผ่าน"  # ผ่านดี needs every tool at 85 (EIT is 80)
    assert predicted["costs"] == {"o1": 1.0}
    text = StringIO()
    call_command("oit", "--agency", agency.name, "--year", "2568", stdout=text)
    assert "(กำหนด ๓๐ มิ.ย. ๖๘)" in text.getvalue()  # BE dates in the text output
    assert "o1 ยังไม่พร้อม: −1.00 คะแนนรวม" in text.getvalue()


def test_check_links_records_status_and_flags_broken(place, server):
    ws = actions.oit_workspace_open(place["agency"].pk, 2568, by=SYSTEM)
    urls = [f"{server}/ok", f"{server}/missing", f"{server}/no-head", f"{server}/moved"]
    actions.oit_item_save(
        ws.items.get(code="o1").pk,
        ItemInput(status="ready", links=[LinkInput(u) for u in urls]),
        by=SYSTEM,
    )
    actions.oit_item_save(
        ws.items.get(code="o2").pk,
        ItemInput(status="ready", links=[LinkInput("http://127.0.0.1:9/closed")]),
        by=SYSTEM,
    )
    out = StringIO()
    call_command("oit", "check-links", "--timeout", "2", stdout=out)
    evidence = {e.url: e for e in ws.items.get(code="o1").evidence.all()}
    assert evidence[f"{server}/ok"].check_status == 200 and not evidence[f"{server}/ok"].broken
    assert evidence[f"{server}/ok"].last_seen_at is not None
    assert (
        evidence[f"{server}/missing"].check_status == 404 and evidence[f"{server}/missing"].broken
    )
    assert evidence[f"{server}/no-head"].check_status == 200  # GET when HEAD is refused
    assert evidence[f"{server}/moved"].check_status == 200  # redirect followed
    closed = ws.items.get(code="o2").evidence.get()
    assert closed.broken and closed.check_error and closed.check_status is None
    assert "ใช้ไม่ได้ 2 รายการ" in out.getvalue()
    event = Event.objects.get(action="oit.link_check")
    assert sorted(event.data["broken"]) == sorted([evidence[f"{server}/missing"].pk, closed.pk])
