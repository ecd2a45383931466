"""Families and effect estimates on a country with planted effects (fixed seeds)."""

from io import StringIO

import numpy as np
import pytest
from django.core.management import call_command

from prongsai.demo.national import PLANTED_FAMILIES
from prongsai.measures.models import Measure, MeasureProgress
from prongsai.suggestions.compute import MIN_N, cluster, did, recompute, words
from prongsai.suggestions.models import Effect, FamilyMember, MeasureFamily

pytestmark = pytest.mark.django_db


def _family_of(title: str) -> MeasureFamily:
    measure = Measure.objects.filter(title=title).first()
    return FamilyMember.objects.get(measure=measure).family


def test_planted_effects_are_recovered_and_none_found_where_none_was_planted(planted_country):
    country, _ = planted_country()
    checked = 0
    for index, planted in enumerate(PLANTED_FAMILIES):
        families = {_family_of(t) for t in planted.titles}
        assert len(families) == 1, "the variants of one planted family are one family"
        family = families.pop()
        assert family.name in planted.titles
        assert set(planted.addresses) <= set(family.indicator_numbers)
        for number in planted.addresses:
            effect = Effect.objects.get(family=family, indicator_number=number)
            nominal = planted.effects.get(number, 0.0)
            # what the plant delivered in expectation: the nominal gain, less where a
            # disclosure checklist had less than that left to gain
            gain = country.planted.get(f"{index}:{number}", 0.0)
            assert 0.75 * nominal <= gain <= nominal
            assert effect.ci_low <= gain <= effect.ci_high, (family.name, number, effect)
            assert effect.n_treated >= MIN_N and effect.n_control >= MIN_N
            if gain:
                assert effect.significant and effect.estimate > 0
            else:
                assert not effect.significant
            checked += 1
    assert checked == 4
    # the background measures say they address nothing: no estimate is made for them
    assert Effect.objects.count() == checked


def test_recompute_is_idempotent(planted_country):
    planted_country(agencies=300)
    first = sorted(
        Effect.objects.values_list("family__key", "indicator_number", "estimate", "ci_low")
    )
    families = sorted(MeasureFamily.objects.values_list("key", "name", "members_count"))
    recompute(chunk_size=97)
    assert sorted(MeasureFamily.objects.values_list("key", "name", "members_count")) == families
    assert (
        sorted(Effect.objects.values_list("family__key", "indicator_number", "estimate", "ci_low"))
        == first
    )
    # every demo text is used by three agencies or more: every measure is in a family
    assert FamilyMember.objects.count() == Measure.objects.count()


def test_small_families_get_no_estimate_and_the_command_refreshes(planted_country):
    planted_country(agencies=25)
    # at this size fewer than ten agencies finish each planted measure: nothing is estimated
    assert MeasureFamily.objects.exists()
    finished = [
        MeasureProgress.objects.filter(
            round__round="12m", status="done", measure__title__in=planted.titles
        )
        .values("measure__plan__agency")
        .distinct()
        .count()
        for planted in PLANTED_FAMILIES
    ]
    assert max(finished) > 0 and all(n < MIN_N for n in finished), finished
    assert not Effect.objects.exists()
    out = StringIO()
    call_command("suggestions", "refresh", verbosity=0, stdout=out)
    assert "กลุ่มมาตรการ" in out.getvalue() and "ผลต่างที่ประมาณได้ 0 รายการ" in out.getvalue()
    # a country replaced takes its families with it
    from prongsai.demo.national import generate

    generate(seed=6, agencies=40, replace=True)
    assert not MeasureFamily.objects.exists() and not FamilyMember.objects.exists()


def test_did_refuses_below_ten_and_recovers_a_shift():
    rng = np.random.default_rng(1)
    n = 400
    agency = np.arange(n)
    stratum = rng.integers(0, 4, n)
    treated = rng.random(n) < 0.3
    change = rng.normal(1.0, 2.0, n) + np.where(treated, 3.0, 0.0) + stratum
    found = did(treated, change, stratum, agency)
    assert found.ci_low < 3.0 < found.ci_high
    assert found.n_treated == treated.sum()
    few = np.zeros(n, dtype=bool)
    few[:9] = True
    assert did(few, change, stratum, agency) is None


def test_words_are_thai_words_without_stop_words():
    # จัดทำ, การ, และ, บน are in PyThaiNLP's stop words; digits are no words
    assert words("จัดทำคู่มือป้องกันการทุจริตและเผยแพร่บนเว็บไซต์ 2567") == [
        "คู่มือ",
        "ป้องกัน",
        "ทุจริต",
        "เผยแพร่",
        "เว็บไซต์",
    ]


def test_texts_beyond_the_clustered_ones_join_the_nearest_family():
    texts = [
        (t, list(m)) for f in PLANTED_FAMILIES for t, m in zip(f.titles, f.methods, strict=True)
    ]
    texts.append(("ซ่อมถนนลูกรังในหมู่บ้าน", ["สำรวจ", "จ้างเหมา"]))  # like nothing else
    weights = [10, 5, 1] * 3 + [1]
    # the two most used wordings of each family are clustered; the third and the road join the
    # nearest centre, or start a family of their own
    labels, centrality = cluster(texts, weights, max_texts=6)
    assert len(set(labels[:3])) == len(set(labels[3:6])) == len(set(labels[6:9])) == 1
    assert len({labels[0], labels[3], labels[6], labels[9]}) == 4
    assert centrality[9] == 1.0 and all(0 < c <= 1.0 + 1e-9 for c in centrality)
