"""The demo's seed-003 agency (เทศบาลตำบลพนมทวน: results, analysis 2566) with its analysis
approved the way a memo's last approval leaves it, and an editor of that agency."""

import pytest
from django.contrib.auth import get_user_model

from prongsai.access.actions import NewMember, membership_add
from prongsai.agencies.models import Agency
from prongsai.analysis.models import Analysis
from prongsai.core.actions import SYSTEM
from tests.conftest import SEEDS

SEED_003 = next(SEEDS.glob("003_*.txt"))


@pytest.fixture
def phanom(demo):
    return Agency.objects.get(name="เทศบาลตำบลพนมทวน")


@pytest.fixture
def editor(phanom):
    user = get_user_model().objects.create_user("clerk", password="x")
    membership_add(phanom.pk, NewMember("clerk", "editor"), by=SYSTEM)
    return user


@pytest.fixture
def approved(phanom):
    """The 2566 analysis approved (as the memo's last step leaves it: a status, no save)."""
    Analysis.objects.filter(agency=phanom, fiscal_year=2566).update(status="approved")
    return Analysis.objects.get(agency=phanom, fiscal_year=2566)


def scores_of(agency, year=2566):
    from prongsai.assessments.models import Assessment

    a = Assessment.objects.get(agency=agency, fiscal_year=year)
    return (
        a.overall,
        sorted(a.question_scores.values_list("question__code", "score")),
        sorted(a.indicator_scores.values_list("indicator__number", "score")),
    )


def events(action):
    from prongsai.core.models import Event

    return Event.objects.filter(action=action).count()


def seed_003_changed(tmp_path, old="94.14", new="99.99"):
    """Seed 003 as someone might re-import it: the same report, one score changed."""
    text = SEED_003.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "003_again.txt"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def drop_analysis(agency):
    """Remove an agency's analyses as a maintenance path does (raw: no signals, no guard)."""
    from prongsai.analysis.models import Finding, IssueNarrative

    for qs in (
        Finding.objects.filter(analysis__agency=agency),
        IssueNarrative.objects.filter(analysis__agency=agency),
        Analysis.objects.filter(agency=agency),
    ):
        qs._raw_delete(qs.db)
