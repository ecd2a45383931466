"""Bad input at every door: every form of every page (the URLconf walked as in
tests/access/test_isolation.py) and every API operation (the OpenAPI schema walked) get text
with Word's vertical tab, NUL and other control characters, a formula, an over-long value and a
field name with a non-ASCII digit. Each answer is a 4xx with a message or a save of the cleaned
text, never a 500; afterwards no row of any table holds a control character. The same test runs
on PostgreSQL (``DATABASE_URL=postgres://…``), where a NUL byte in text used to be a 500."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from lxml import html as lxml_html

from prongsai.core.boundary import clean_querydict
from prongsai.core.sanitize import clean_text, spreadsheet_safe
from tests.access.conftest import world  # noqa: F401
from tests.access.test_isolation import ROUTES
from tests.api.test_api import _fill, token_for

DIRTY = "บรรทัดแรก\x0bบรรทัดสอง\x00ศูนย์\x01\x1f\x7fจบ"
FORMULA = '=HYPERLINK("http://evil.example/","คลิก")'
LONG = "ก" * 25_000  # over PRONGSAI_MAX_FIELD_CHARS
MEDIUM = "ข" * 400  # over most CharFields' max_length, under the boundary's limit
CONTROLS = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x0D), *range(0x0E, 0x20), 0x7F)]


def test_clean_text_keeps_line_breaks_and_thai_and_drops_controls():
    assert clean_text(DIRTY) == "บรรทัดแรก\nบรรทัดสองศูนย์จบ"
    assert clean_text("ก\tข\r\nค\x0cง") == "ก\tข\r\nค\nง"
    assert clean_text("๑๒๓ 87.19 — “ok”") == "๑๒๓ 87.19 — “ok”"


def test_spreadsheet_safe_neutralises_formulas_only():
    for text in ("=1+1", "+66", "-2+3", "@SUM(A1)", "\tx", "\rx", FORMULA):
        assert spreadsheet_safe(text) == "'" + text
    for value in ("ผลงาน", "1,000", 12, -3.5, None, ""):
        assert spreadsheet_safe(value) == value


def test_a_field_name_with_a_non_ascii_digit_is_refused():
    from django.http import QueryDict

    from prongsai.core.boundary import Refused

    for name in ("ind_²", "rec-١", "q_𝟙"):
        with pytest.raises(Refused):
            clean_querydict(QueryDict(f"{name}=1"), 100)
    assert clean_querydict(QueryDict("ind_1=๘๗.๑๙"), 100)["ind_1"] == "๘๗.๑๙"  # Thai digits ok


def _submittable(form) -> bool:
    """A form someone can send: an enabled submit control outside a disabled fieldset, or
    buttons elsewhere tied to it with ``form="id"``."""
    controls = form.xpath(
        ".//button[not(@type) or @type='submit'] | .//input[@type='submit' or @type='image']"
    )
    if form.get("id"):
        controls += form.getroottree().xpath(f"//button[@form='{form.get('id')}']")
    return any(
        c.get("disabled") is None and not c.xpath("ancestor::fieldset[@disabled]") for c in controls
    )


def _forms(page: str, url: str) -> list[tuple[str, dict]]:
    """Every POST form of a page: (action, {name: value}) with text inputs filled later."""
    if not page.strip():
        return []  # an empty fragment (e.g. the header's count when nothing waits)
    tree = lxml_html.fromstring(page)
    found = []
    for form in tree.forms:
        if (form.method or "get").lower() != "post":
            continue
        action = form.get("action") or url
        if action.startswith(("/accounts/logout", "/i18n/")):
            continue
        if not _submittable(form):
            continue  # no enabled submit control: shown, not offered
        fields: dict[str, list] = {}
        for element in form.inputs:
            name = element.get("name")
            if not name:
                continue
            tag = element.tag
            kind = (element.get("type") or "text").lower() if tag == "input" else tag
            if kind in ("file", "image", "reset"):
                continue
            if kind in ("checkbox", "radio") and not element.checked:
                continue
            if kind in ("text", "textarea", "search", "email", "url", "tel"):
                fields.setdefault(name, []).append(None)  # to be filled with bad text
            elif kind == "select":
                options = element.value_options
                fields.setdefault(name, []).append(options[0] if options else "")
            else:
                fields.setdefault(name, []).append(element.get("value") or "")
        found.append((action, fields))
    return found


def _text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def _filled(fields: dict, text: str) -> dict:
    return {k: [text if v is None else v for v in values] for k, values in fields.items()}


def every_string_in_the_database() -> list[tuple[str, str]]:
    """(table, value) of every text value holding a control character, in every table."""
    bad = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, str) and any(c in value for c in CONTROLS):
                        bad.append((table, value[:80]))
    return bad


def _walk_pages(world, client) -> list[str]:  # noqa: F811
    wrong = []
    a = world["A"]
    client.force_login(world["users"]["a_admin"])
    for name, (kwargs_of, post) in sorted(ROUTES.items()):
        url = reverse(name, kwargs=kwargs_of(a))
        got = client.get(url, {"q": DIRTY, "year": "๒๕๖๗\x00", "ind_²": "1"})
        if got.status_code != 400:  # the bad field name refuses even a GET
            wrong.append(f"GET {url} with a bad field name gave {got.status_code}")
        got = client.get(url, {"q": DIRTY})
        if got.status_code >= 500:
            wrong.append(f"GET {url} with control characters gave {got.status_code}")
        page = _text(got)
        html_page = got.status_code == 200 and "html" in got.get("Content-Type", "")
        forms = _forms(page, url) if html_page else []
        data = post(a) if callable(post) else post
        forms.append((url, {k: [None] for k in data}))  # the route's own POST, all text bad
        for action, fields in forms:
            typed = any(v is None for values in fields.values() for v in values)
            for text in (DIRTY, FORMULA, MEDIUM, LONG):
                sent = client.post(action, _filled(fields, text))
                if sent.status_code >= 500:
                    wrong.append(f"POST {action} ({name}) with {text[:12]!r}… → {sent.status_code}")
                if typed and text is LONG and sent.status_code != 400:
                    wrong.append(f"POST {action} over the limit gave {sent.status_code}")
                if typed and text is LONG and "20,000" not in _text(sent):
                    wrong.append(f"POST {action} over the limit does not state the limit")
            bad_name = _filled(fields, "x") | {"rec-١": "x", "ind_²": "1"}
            sent = client.post(action, bad_name)
            if sent.status_code != 400 or "ตัวเลขที่ไม่ใช่ 0–9" not in _text(sent):
                wrong.append(f"POST {action} with a non-ASCII digit name → {sent.status_code}")
    return wrong


def _walk_api(world, client) -> list[str]:  # noqa: F811
    wrong = []
    a = world["A"]
    headers = token_for(world["users"]["a_admin"])
    schema = client.get("/api/openapi.json").json()
    bodies = [
        {"question_scores": {"i1": 80, f"i2{DIRTY}": 70}, "stated_rating": DIRTY},
        {"question_scores": {"i1": "8\x000"}, "stated_rating": FORMULA},
        {"indicator_scores": {"١": 80}, "stated_rating": LONG},
        {"question_scores": {"i1": 80}, "stated_rating": MEDIUM},
    ]
    for path, operations in schema["paths"].items():
        url = _fill(path, a)
        for method in operations:
            if method == "get":
                got = client.get(url, {"q": DIRTY, "kind": DIRTY}, **headers)
                if got.status_code >= 500:
                    wrong.append(f"GET {url} with control characters → {got.status_code}")
                continue
            for body in bodies:
                got = getattr(client, method)(
                    url, json.dumps(body), content_type="application/json", **headers
                )
                if got.status_code >= 500:
                    wrong.append(f"{method} {url} {str(body)[:40]} → {got.status_code}")
                elif (
                    got.status_code >= 400
                    and "message" not in got.json() | {"message": None}
                    and not got.json().get("detail")
                ):
                    wrong.append(f"{method} {url} refused without a message")
    return wrong


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # others follow
def test_every_form_and_api_operation_refuses_or_cleans_bad_input(world):  # noqa: F811
    client = Client(raise_request_exception=False)
    wrong = _walk_pages(world, client) + _walk_api(world, client)
    assert not wrong, "\n".join(wrong)
    assert not every_string_in_the_database()


@pytest.mark.django_db
def test_word_vertical_tab_is_saved_as_a_line_break(world, client):  # noqa: F811
    """A cleaned save, not only no 500: the constraints text typed with Word's \\x0b."""
    from prongsai.analysis.models import Analysis

    a = world["A"]
    client.force_login(world["users"]["a_admin"])
    analysis = world["A"].objects["analysis"]
    url = reverse("analysis:constraints", kwargs={"pk": a.agency.pk, "year": 2566})
    client.post(url, {"constraint_staff": "บุคลากรน้อย\x0bงบจำกัด\x00"})
    saved = Analysis.objects.get(pk=analysis.pk).constraint_staff
    assert saved == "บุคลากรน้อย\nงบจำกัด"


@pytest.mark.urls("tests.security.urls_boom")
@pytest.mark.django_db
def test_error_pages_are_thai_and_say_what_to_do(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    crashed = client.get("/boom/")
    assert crashed.status_code == 500
    assert "ระบบขัดข้อง" in crashed.text and "a bug" not in crashed.text  # no traceback shown
    english = client.get("/boom/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Something went wrong" in english.text
    bad_host = client.get("/accounts/login/", HTTP_HOST="evil.example")
    assert bad_host.status_code == 400 and "ส่งข้อมูลไม่ได้" in bad_host.text
    missing = client.get("/p/999999/2566/")
    assert missing.status_code == 404 and "ไม่พบ" in missing.text
    settings.ALLOWED_HOSTS = ["testserver"]
    csrf = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x"})
    assert csrf.status_code == 403 and "ส่งแบบฟอร์มไม่ได้" in csrf.text
