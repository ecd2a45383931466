"""The task bodies (run in this process, eager): the e-mail task sends a notification's mail
once, whatever number of times it runs; backups keep the newest N; the daily schedules are
rows of django-celery-beat, put there by a migration. (The queue itself: tests/queue.)"""

import pytest
from django_celery_beat.models import PeriodicTask

from prongsai.audit.tasks import prune
from prongsai.work import tasks
from prongsai.work.models import Notification

from .conftest import record, set_state


@pytest.mark.django_db
def test_the_email_task_sends_once(chain, smtp, django_capture_on_commit_callbacks):
    users = chain["users"]
    set_state(chain["memo"], memo_status="in_review", steps={1: ("approved", "")})
    with django_capture_on_commit_callbacks(execute=True):
        record(
            "memo.send", chain["memo"], by=users["officer"], agency=chain["agency"].pk, year=2567
        )
    [note] = Notification.objects.all()
    assert note.emailed and len(smtp.messages) == 1
    # the same task again (a redelivery after a lost worker): no second mail
    assert tasks.email.apply(args=[note.pk]).get() is False
    assert len(smtp.messages) == 1
    Notification.objects.filter(pk=note.pk).update(emailed=False)  # as if the send had failed
    assert tasks.email.apply(args=[note.pk]).get() is True
    assert len(smtp.messages) == 2


def test_backups_keep_the_newest(tmp_path):
    names = [f"prongsai-2026120{d}T030000Z.tar" for d in range(1, 8)]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "other.tar").write_bytes(b"x")
    removed = prune(tmp_path, keep=3)
    assert sorted(p.name for p in removed) == names[:4]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.tar", *names[4:]]


@pytest.mark.django_db
def test_the_daily_schedules_are_data():
    tasks_ = dict(PeriodicTask.objects.values_list("task", "crontab__hour"))
    assert tasks_ == {
        "dashboards.refresh": "1",
        "oit.check_links": "2",
        "audit.backup": "3",
        "work.remind": "7",
        "suggestions.refresh": "4",
    }
    from prongsai.queue import app

    app.loader.import_default_modules()
    assert set(tasks_) <= set(app.tasks)  # every scheduled name is a task a worker knows
