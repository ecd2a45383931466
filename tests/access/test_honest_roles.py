"""Roles shown honestly: on every page (the URLconf walked as in test_isolation.py), each
form a viewer or a signer is shown can be sent without a 403 — nobody is offered an edit
form they cannot save. Positive control: the editor is shown the edit forms."""

import pytest
from django.urls import reverse

from tests.access.test_isolation import ROUTES
from tests.security.test_bad_input import _filled, _forms, _text


def _offered(client, user, agency_side) -> list[tuple[str, str, int]]:
    client.force_login(user)
    found = []
    for name, (kwargs_of, _post) in sorted(ROUTES.items()):
        url = reverse(name, kwargs=kwargs_of(agency_side))
        got = client.get(url)
        if got.status_code != 200 or "html" not in got.get("Content-Type", ""):
            continue
        for action, fields in _forms(_text(got), url):
            found.append((name, action, fields))
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["khonkaen_viewer", "a_signer"])
def test_a_viewer_or_signer_is_never_shown_a_form_they_cannot_save(world, client, username):
    wrong = []
    for name, action, fields in _offered(client, world["users"][username], world["A"]):
        sent = client.post(action, _filled(fields, "ทดสอบ"))
        if sent.status_code == 403:
            wrong.append(f"{name}: a form to {action} that answers 403")
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
def test_the_editor_is_shown_the_edit_forms(world, client):
    offered = {name for name, _a, _f in _offered(client, world["users"]["a_editor"], world["A"])}
    assert {"analysis:page", "measures:plan", "measures:round", "assessments:entry"} <= offered
