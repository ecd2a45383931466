"""The dashboards keep the OIT readiness in their cache under ``readiness.version``: an item
saved through its action shows on the next view (every server's, as the key lives in the shared
cache), and a view with nothing changed reads no OIT rows at all."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.assessments.services import record_scores
from prongsai.oit import actions, readiness
from prongsai.oit.actions import ItemInput

pytestmark = pytest.mark.django_db(transaction=True)


def ready_share(client, province) -> str:
    body = client.get(f"/dashboards/province/{province.code}/").content.decode()
    section = re.search(r'id="oit-readiness".*?</section>', body, re.S)
    assert section, "the province dashboard shows no OIT readiness"
    return section.group(0)


def test_saved_item_shows_at_once_and_an_unchanged_view_reads_no_oit_rows(place, client):
    editor, viewer = place["users"]["editor"], place["users"]["viewer"]
    record_scores(  # the province's dashboard has a year to show
        agency=place["agency"],
        fiscal_year=2567,
        indicator_scores={n: 80 for n in range(1, 11)},
        stated_tools={"IIT": 90, "EIT": 80, "OIT": 70},
    )
    ws = actions.oit_workspace_open(place["agency"].pk, 2568, by=editor)
    client.force_login(viewer)
    province = place["agency"].province
    before = ready_share(client, province)
    with CaptureQueriesContext(connection) as seen:
        assert ready_share(client, province) == before
    assert not any("oit_oit" in q["sql"] for q in seen.captured_queries)

    version = readiness.version()
    o1 = ws.items.get(code="o1")
    actions.oit_item_save(o1.pk, ItemInput(status="ready"), by=editor, version=o1.version)
    assert readiness.version() > version
    after = ready_share(client, province)
    assert after != before  # o1's share and the agency's count of missing items moved
