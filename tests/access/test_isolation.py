"""The isolation test that cannot be forgotten: every URL pattern of the project is listed
here with how to fill it for agency A and for agency B. For each, a user of A and the public
try to read and to change B's data: nothing of B may show, nothing of B may change. A URL that
is not listed fails the test, so a new view is checked the day it is added.

Positive control: the same user reaches A's pages, so a layer that refused everything would
fail too."""

import hashlib
import json

import pytest
from django.core import serializers
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from prongsai.agencies.models import Agency

from .conftest import MARKER

# name → (kwargs for a side, data for a POST that would change something if it got through)
ROUTES = {
    "core:home": (lambda s: {}, {}),
    "core:floor": (lambda s: {}, {}),  # the frame of every page, nothing in it (bench.dashboards)
    "agencies:detail": (lambda s: {"pk": s.agency.pk}, {}),
    "agencies:year": (lambda s: {"pk": s.agency.pk, "year": 2567}, {}),
    "analysis:page": (
        lambda s: {"pk": s.agency.pk, "year": 2566},
        lambda s: {f"rec-{f.pk}": "แก้โดยคนนอก" for f in s.objects["analysis"].findings.all()},
    ),
    "analysis:constraints": (
        lambda s: {"pk": s.agency.pk, "year": 2566},
        {"constraint_staff": "แก้โดยคนนอก"},
    ),
    "measures:plan": (lambda s: {"pk": s.agency.pk, "year": 2567}, {}),
    "measures:create": (lambda s: {"pk": s.agency.pk, "year": 2570}, {"from": "empty"}),
    "measures:measure_new": (
        lambda s: {"pk": s.agency.pk, "year": 2567},
        {"title": "มาตรการแทรก", "methods_text": "x"},
    ),
    "measures:measure_edit": (
        lambda s: {"pk": s.agency.pk, "year": 2567, "measure_id": s.objects["measure"].pk},
        {"title": "แก้โดยคนนอก", "methods_text": "x"},
    ),
    "measures:move": (
        lambda s: {"pk": s.agency.pk, "year": 2567, "measure_id": s.objects["measure"].pk},
        {"direction": "down"},
    ),
    "measures:measure_delete": (
        lambda s: {"pk": s.agency.pk, "year": 2567, "measure_id": s.objects["measure"].pk},
        {},
    ),
    "measures:round": (
        lambda s: {"pk": s.agency.pk, "year": 2567, "round_code": "12m"},
        {"action": "start"},
    ),
    "measures:evidence": (
        lambda s: {"pk": s.agency.pk, "evidence_id": s.objects["evidence"].pk},
        {},
    ),
    "measures:evidence_remove": (
        lambda s: {"pk": s.agency.pk, "evidence_id": s.objects["evidence"].pk},
        {},
    ),
    "measures:inbox": (lambda s: {}, {}),
    "measures:memo": (
        lambda s: {"memo_id": s.objects["memo"].pk},
        {"action": "send"},
    ),
    "measures:memo_new": (
        lambda s: {"kind": "plan", "object_id": s.objects["plan"].pk},
        {},
    ),
    "measures:reopen": (
        lambda s: {"kind": "plan", "object_id": s.objects["plan"].pk},
        {"reason": "แก้โดยคนนอก"},
    ),
    "assessments:choose": (lambda s: {"pk": s.agency.pk}, {}),
    "documents:page": (lambda s: {"pk": s.agency.pk, "year": 2567, "kind": "plan"}, {}),
    "documents:download": (
        lambda s: {"pk": s.agency.pk, "year": 2567, "kind": "plan", "fmt": "xlsx"},
        {},
    ),
    "documents:publish": (lambda s: {"pk": s.agency.pk, "year": 2567, "kind": "plan"}, {}),
    "documents:publish_memo": (lambda s: {"memo_id": s.objects["memo"].pk}, {}),
    "documents:wording": (
        lambda s: {"pk": s.agency.pk, "year": 2567},
        {"part": "labels", "label-title": "หัวคอลัมน์ของคนนอก"},
    ),
    "assessments:entry": (
        lambda s: {"pk": s.agency.pk, "year": 2566},
        {"ind_1": "10"},
    ),
    "assessments:preview": (lambda s: {"pk": s.agency.pk, "year": 2566}, {"ind_1": "10"}),
    "ingest:upload": (lambda s: {}, {}),
    "dashboards:nation": (lambda s: {}, {}),
    "dashboards:province": (lambda s: {"code": s.agency.province_id}, {}),
    "dashboards:district": (lambda s: {"pk": s.agency.district_id}, {}),
    "dashboards:kind": (lambda s: {"code": s.agency.kind}, {}),
    "dashboards:agency": (lambda s: {"pk": s.agency.pk}, {}),
    "access:team": (
        lambda s: {"pk": s.agency.pk},
        {"action": "add_member", "username": "intruder", "role": "editor", "password": "x"},
    ),
    "ingest:review": (lambda s: {"pk": s.objects["document"].pk}, {"agency_name": "x"}),
    "ingest:page": (lambda s: {"pk": s.objects["document"].pk, "number": 1}, {}),
    "work:mine": (lambda s: {}, {}),
    "work:count": (lambda s: {}, {}),
    "work:next": (lambda s: {"pk": s.agency.pk, "year": 2567, "view": "measures:plan"}, {}),
    "work:notifications": (lambda s: {}, {}),
    "work:read": (lambda s: {}, {}),
    "work:settings": (lambda s: {}, {"email": ""}),
    "audit:history": (lambda s: {"kind": "measure", "pk": s.objects["measure"].pk}, {}),
    # what worked elsewhere (issue 16): drafting a suggested measure into B's plan
    "suggestions:adopt": (
        lambda s: {"pk": s.agency.pk, "year": 2568},
        {"family": "isolation-family", "indicator": "10"},
    ),
    # the OIT workspace (issue 14)
    "oit:workspace": (lambda s: {"pk": s.agency.pk, "year": 2567}, {}),
    "oit:start": (lambda s: {"pk": s.agency.pk, "year": 2568}, {}),
    "oit:copy": (lambda s: {"pk": s.agency.pk, "year": 2568}, {}),
    "oit:settings": (lambda s: {"pk": s.agency.pk, "year": 2567}, {"closes": "1/1/2567"}),
    "oit:publish": (lambda s: {"pk": s.agency.pk, "year": 2567}, {}),
    "oit:item_save": (
        lambda s: {"pk": s.agency.pk, "year": 2567, "code": "o1"},
        {"o1-version": "2", "o1-status": "in_progress"},
    ),
    "oit:item_check": (lambda s: {"pk": s.agency.pk, "year": 2567, "code": "o1"}, {}),
    "oit:evidence_file": (
        lambda s: {"pk": s.agency.pk, "year": 2567, "evidence_id": s.objects["oit_evidence"].pk},
        {},
    ),
    # bulk documents (issue 15): starting one for B's province needs reach over all of it
    "bulk:start": (
        lambda s: {},
        lambda s: {
            "kind": "analysis",
            "year": "2567",
            "scope": "province",
            "province": str(s.agency.province_id),
        },
    ),
}
ADMIN_ONLY = {"access:team"}
# not agency data: Django's own pages (the admin is for staff, checked below), the login and
# password pages, the language switch
OUTSIDE = {
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    # the memos' ครุฑ: a national setting, not an agency's (national admins only, the image
    # to every signed-in user; tests/documents/test_wording.py)
    "documents:emblem",
    "documents:emblem_image",
    # the public pages of published documents: open to everyone by design, and they show
    # frozen publications only (tests/documents/test_publishing.py)
    "public:list",
    "public:view",
    "public:file",
    # the public ITA pages: open to everyone, they show the frozen published snapshot only
    # (tests/oit/test_views.py)
    "ita:years",
    "ita:page",
    "ita:pdf",
    "ita:file",
    # a bulk job's pages: only its starter (who had to see every agency of it) or a national
    # admin (tests/bulk/test_bulk_job.py)
    "bulk:job",
    "bulk:progress",
    "bulk:zip",
}


def url_names(patterns=None, namespace=""):
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace in ("admin", "api"):
                continue  # the admin: staff only, below; the API: tests/api walks its schema
            inner = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from url_names(p.url_patterns, inner)
        elif isinstance(p, URLPattern):
            yield f"{namespace}{p.name}" if p.name else str(p.pattern)


def fingerprint(agency: Agency) -> str:
    """Every row that belongs to the agency, serialised: equal before and after = unchanged."""
    from django.apps import apps

    from prongsai.access.scope import AGENCY_PATH

    rows = []
    for label, path in sorted(AGENCY_PATH.items()):
        model = apps.get_model(label)
        queryset = model.objects.filter(**{path: agency.pk}).order_by("pk")
        rows.append(serializers.serialize("json", queryset))
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()


def test_every_url_is_listed():
    names = set(url_names())
    missing = sorted(names - set(ROUTES) - OUTSIDE)
    assert not missing, f"add these URLs to ROUTES in {__file__}: {missing}"
    assert not set(ROUTES) - names, "ROUTES lists URLs that no longer exist"


def body(response) -> str:
    """A response's text, streamed (a file) or not."""
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode()


def _data(spec, side):
    return spec(side) if callable(spec) else spec


def _probe(name, world, client) -> list[str]:
    """Everything wrong with one URL, as sentences (empty: the URL keeps B to itself)."""
    kwargs_of, post = ROUTES[name]
    a, b = world["A"], world["B"]
    url_b = reverse(name, kwargs=kwargs_of(b))
    before = fingerprint(b.agency)
    wrong = []
    client.logout()
    # the public: sent to the login page, for reading and for writing
    for response in (client.get(url_b), client.post(url_b, _data(post, b))):
        if response.status_code != 302 or not response["Location"].startswith("/accounts/login/"):
            wrong.append(f"the public gets {response.status_code} at {url_b}")
    for username in ("a_editor", "a_admin", "khonkaen_viewer", "nobody"):
        client.force_login(world["users"][username])
        got = client.get(url_b)
        if got.status_code not in (200, 403, 404, 405) or MARKER in body(got):
            wrong.append(f"{username} reads B's data at {url_b} ({got.status_code})")
        sent = client.post(url_b, _data(post, b))
        seen = body(sent)
        if sent.status_code == 302:  # a list page, or a form that went nowhere
            seen += body(client.get(sent["Location"]))
        if MARKER in seen:
            wrong.append(f"{username} reads B's data after a POST to {url_b}")
        if fingerprint(b.agency) != before:
            wrong.append(f"{username} changed B's data with a POST to {url_b}")
            before = fingerprint(b.agency)
    # positive control: A's people reach A's page (POST-only views answer 405 to a GET)
    for username in ("a_admin",) if name in ADMIN_ONLY else ("a_editor", "a_admin"):
        client.force_login(world["users"][username])
        own = client.get(reverse(name, kwargs=kwargs_of(a)))
        if own.status_code not in (200, 302, 405):
            wrong.append(f"{username} cannot reach A's own page {name} ({own.status_code})")
    return wrong


@pytest.mark.django_db
def test_a_user_of_agency_a_and_the_public_cannot_reach_b(world, client):
    """One world, every URL: the failures of all URLs are listed together."""
    wrong = [problem for name in sorted(ROUTES) for problem in _probe(name, world, client)]
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_the_admin_is_for_staff_only(world, client):
    client.force_login(world["users"]["a_admin"])
    response = client.get("/admin/agencies/agency/")
    assert response.status_code == 302 and "login" in response["Location"]
