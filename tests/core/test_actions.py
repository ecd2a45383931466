"""The action layer's machinery: one transaction, a required keyword-only actor, the guard
against writes outside an action, and events handed to listeners only after the commit."""

from __future__ import annotations

import pytest
from django.db import transaction

from prongsai.agencies.models import Agency, Province
from prongsai.core import events
from prongsai.core.actions import SYSTEM, OutsideAction, action, current, guard
from prongsai.core.errors import ActionError, Frozen
from prongsai.core.models import Event

pytestmark = pytest.mark.django_db


def test_an_action_needs_a_keyword_only_actor():
    with pytest.raises(TypeError):

        @action("x.bad")
        def bad(obj, by):  # positional `by`
            return obj

    @action("x.ok")
    def ok(obj, *, by):
        return current()

    assert ok(1, by=SYSTEM) == "x.ok"
    with pytest.raises(TypeError):
        ok(1, by=None)
    assert current() is None


def test_an_action_is_one_transaction_and_its_event_reaches_listeners_after_commit(
    django_capture_on_commit_callbacks,
):
    seen = []
    events.listen(seen.append)

    @action("x.fail")
    def fail(*, by):
        events.record("x.fail", by=by, comment="ก่อนล้มเหลว")
        raise Frozen("แก้ไขไม่ได้")

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(ActionError) as caught:
            fail(by=SYSTEM)
    assert caught.value.code == "frozen" and caught.value.status == 409
    assert not Event.objects.filter(action="x.fail").exists()  # rolled back with the action
    assert seen == []

    @action("x.do")
    def do(*, by):
        return events.record("x.do", by=by, year=2567, comment="ทำแล้ว")

    with django_capture_on_commit_callbacks(execute=True):
        event = do(by=SYSTEM)
    assert seen == [event] and event.actor is None and event.actor_name == "ระบบ"


def test_the_guard_refuses_writes_outside_an_action():
    guard([Agency])
    try:
        with pytest.raises(OutsideAction), transaction.atomic():
            Agency(name="อบต.ทดสอบ").save()

        @action("agency.test_create")
        def create(*, by):
            return Agency.objects.create(
                name="อบต.ทดสอบ", kind="sao", province=Province.objects.first()
            )

        assert create(by=SYSTEM).pk
    finally:
        from django.db.models.signals import pre_delete, pre_save

        pre_save.disconnect(dispatch_uid="guard-save-agencies.Agency", sender=Agency)
        pre_delete.disconnect(dispatch_uid="guard-del-agencies.Agency", sender=Agency)
