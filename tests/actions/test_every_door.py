"""Every mutating door of the data stages (results, analysis, import, team) and every API
operation that writes goes through an action: driven once each, it leaves the action's event.
A URL of these apps or an API write operation that is not listed fails the test, so a new door
is checked the day it is added. Reads (GET) and the preview (computes, saves nothing) are
listed as such."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import get_resolver, reverse

from prongsai.analysis.models import Analysis
from prongsai.api.api import api
from prongsai.api.models import ApiToken
from prongsai.core.models import Event
from tests.ingest.test_web_import import review_post_data

from .conftest import drop_analysis, seed_003_changed

pytestmark = pytest.mark.django_db

# url name → what a POST does ("reads" = nothing is saved)
DOORS = {
    "assessments:choose": "reads",
    "assessments:entry": "scores.record",
    "assessments:preview": "reads",
    "analysis:page": "analysis.draft / analysis.save",
    "analysis:constraints": "analysis.save",
    "ingest:upload": "import.read",
    "ingest:review": "import.save",
    "ingest:page": "reads",  # a scanned page's image (GET only)
    "access:team": "membership.add / .set_role / .remove / chain.set / unit.add",
}
API_WRITES = {
    ("PUT", "/agencies/{agency_id}/assessments/{year}/scores"): "scores.record",
    ("POST", "/agencies/{agency_id}/analyses/{year}"): "analysis.draft",
    ("PATCH", "/agencies/{agency_id}/analyses/{year}"): "analysis.save",
    # the cycle's operations, driven in tests/measures/test_bypasses.py
    ("POST", "/agencies/{agency_id}/plans/{year}/create"): "plan.create",
    ("POST", "/agencies/{agency_id}/plans/{year}/measures"): "measure.save",
    ("POST", "/agencies/{agency_id}/plans/{year}/rounds/{round_code}/start"): "round.start",
    ("POST", "/agencies/{agency_id}/plans/{year}/memo"): "memo.draft",
    ("POST", "/agencies/{agency_id}/plans/{year}/rounds/{round_code}/submit"): "round.submit",
    ("POST", "/memos/{memo_id}/send"): "memo.send",
    ("POST", "/memos/{memo_id}/decision"): "memo.approve / memo.return",
    ("POST", "/agencies/{agency_id}/documents/{year}/{kind}/publish"): "document.publish",
    ("POST", "/agencies/{agency_id}/{kind}/{year}/reopen"): "plan.reopen / analysis.reopen",
}


def test_every_door_of_these_apps_is_listed():
    names = {
        f"{ns}:{p.name}"
        for ns, (_prefix, resolver) in get_resolver().namespace_dict.items()
        if ns in ("assessments", "analysis", "ingest", "access")
        for p in resolver.url_patterns
    }
    assert names == set(DOORS)
    assert _api_writes() == set(API_WRITES)


def _api_writes() -> set[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return {
        (method.upper(), path.removeprefix("/api"))
        for path, ops in schema["paths"].items()
        for method in ops
        if method.upper() in ("POST", "PUT", "PATCH", "DELETE")
    }


def new_events(before: int) -> list[str]:
    return list(Event.objects.order_by("pk").values_list("action", flat=True)[before:])


def test_each_door_leaves_its_action_event(admin_client, demo, tmp_path):
    from prongsai.agencies.models import Agency

    phanom = Agency.objects.get(name="เทศบาลตำบลพนมทวน")
    admin = get_user_model().objects.get(username="admin")
    count = Event.objects.count

    n = count()
    url = reverse("assessments:entry", args=[phanom.pk, 2566])
    form = admin_client.get(url).context["form"]
    data = {f.html_name: f.value() for f in form if f.value() is not None}
    assert admin_client.post(url, data).status_code == 302
    assert new_events(n) == ["scores.record"]

    drop_analysis(phanom)  # the demo imported seed 003's analysis
    n = count()
    admin_client.post(reverse("analysis:page", args=[phanom.pk, 2566]))
    assert new_events(n) == ["analysis.draft"]
    analysis = Analysis.objects.get(agency=phanom)
    finding = analysis.findings.first()
    n = count()
    admin_client.post(reverse("analysis:page", args=[phanom.pk, 2566]), {f"rec-{finding.pk}": "ก"})
    admin_client.post(
        reverse("analysis:constraints", args=[phanom.pk, 2566]), {"constraint_budget": "ข"}
    )
    assert new_events(n) == ["analysis.save", "analysis.save"]

    n = count()
    with open(seed_003_changed(tmp_path), "rb") as f:
        admin_client.post(reverse("ingest:upload"), {"file": f})
    assert new_events(n) == ["import.read"]
    from prongsai.ingest.models import ImportedDocument

    document = ImportedDocument.objects.get(file_name="003_again.txt")
    drop_analysis(phanom)
    n = count()
    response = admin_client.post(
        reverse("ingest:review", args=[document.pk]), review_post_data(admin_client, document)
    )
    assert response.status_code == 302
    assert new_events(n) == ["scores.record", "import.save"]

    team = reverse("access:team", args=[phanom.pk])
    n = count()
    admin_client.post(team, {"action": "add_member", "username": "mayor", "role": "editor"})
    membership = phanom.memberships.get(user__username="mayor")
    admin_client.post(
        team, {"action": "set_role", "membership": membership.pk, "role": "editor"}
    )  # the same role: nothing to do, no event
    admin_client.post(team, {"action": "set_role", "membership": membership.pk, "role": "signer"})
    membership.refresh_from_db()
    assert membership.role == "signer"
    admin_client.post(team, {"action": "remove_member", "membership": membership.pk})
    admin_client.post(
        team,
        {
            "action": "save_chain",
            "s-TOTAL_FORMS": "2",
            "s-INITIAL_FORMS": "0",
            "s-MIN_NUM_FORMS": "0",
            "s-MAX_NUM_FORMS": "1000",
            "s-0-order": "1",
            "s-0-name": "ก ข",
            "s-0-position": "ผู้เสนอ",
            "s-0-active": "on",
            "s-1-order": "2",
            "s-1-name": "ค ง",
            "s-1-position": "นายก",
            "s-1-active": "on",
        },
    )
    assert new_events(n) == [
        "membership.add",
        "membership.set_role",
        "membership.remove",
        "chain.set",
    ]

    _token, key = ApiToken.issue(admin, "test")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}", "content_type": "application/json"}
    base = f"/api/agencies/{phanom.pk}"
    n = count()
    body = json.dumps({"indicator_scores": {"1": 90}})
    assert admin_client.put(f"{base}/assessments/2566/scores", body, **auth).status_code == 200
    drop_analysis(phanom)
    assert admin_client.post(f"{base}/analyses/2566", **auth).status_code == 200
    body = json.dumps({"constraints": {"budget": "ค"}})
    assert admin_client.patch(f"{base}/analyses/2566", body, **auth).status_code == 200
    assert new_events(n) == ["scores.record", "analysis.draft", "analysis.save"]
    assert Event.objects.filter(action="analysis.save", actor=admin).exists()


def test_the_admin_is_a_door_through_an_action_too(admin_client, db):
    """A superuser's change in the Django admin passes the guard inside the action
    ``admin.change`` and is on the record (an event per object)."""
    from prongsai.access.actions import membership_grant
    from prongsai.access.models import Membership
    from prongsai.core.actions import SYSTEM

    user = get_user_model().objects.create_user("someone", password="x")
    membership = membership_grant(user=user, role="national_admin", by=SYSTEM)
    response = admin_client.post(
        f"/admin/access/membership/{membership.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert Event.objects.filter(action="admin.delete", object_id=membership.pk).exists()
