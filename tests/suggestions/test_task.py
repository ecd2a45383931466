"""The recomputation as a task of the queue (run eagerly here: the task body; the broker and
workers themselves are tested in tests/queue)."""

import pytest

from prongsai.suggestions.models import Effect, MeasureFamily
from prongsai.suggestions.tasks import refresh


@pytest.mark.django_db
def test_the_refresh_task_rebuilds_the_families(criteria):
    from prongsai.demo.national import generate

    generate(seed=5, agencies=200, planted=True)
    assert not MeasureFamily.objects.exists()
    outcome = refresh.delay().get()
    assert outcome["families"] == MeasureFamily.objects.count() > 0
    assert outcome["effects"] == Effect.objects.filter(question_code="").count()
    assert outcome["question_effects"] == Effect.objects.exclude(question_code="").count()
    assert outcome["max_rss_mb"] > 0
