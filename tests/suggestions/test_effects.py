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
            effect = Effect.objects.get(family=family, indicator_number=number, question_code="")
            nominal = planted.effects.get(number, 0.0)
            # what the done measures really added (against the same agency-years without
            # them): the nominal gain, less where a disclosure checklist had less left to gain
            gain = country.planted.get(f"{index}:{number}", 0.0)
            assert 0.75 * nominal <= gain <= nominal + 0.01
            assert effect.ci_low <= gain <= effect.ci_high, (family.name, number, effect)
            assert effect.n_treated >= MIN_N and effect.n_control >= MIN_N
            if gain:
                assert effect.significant and effect.estimate > 0
            else:
                assert not effect.significant
            checked += 1
    assert checked == 4
    # the background measures say they address nothing: no estimate is made for them
    assert Effect.objects.filter(question_code="").count() == checked


def test_question_effects_recover_the_planted_gain_of_each_question(planted_country):
    country, result = planted_country()
    questions = Effect.objects.exclude(question_code="")
    assert result.question_effects == questions.count() > 0
    within = planted_gains = significant_unplanted = unplanted = 0
    for index, planted in enumerate(PLANTED_FAMILIES):
        family = _family_of(planted.titles[0])
        rows = list(questions.filter(family=family))
        # every question of every indicator the family addresses, asked two years running
        assert {e.indicator_number for e in rows} == set(planted.addresses)
        for e in rows:
            assert e.n_treated >= MIN_N and e.n_control >= MIN_N
            gain = country.planted.get(f"{index}:{e.indicator_number}:{e.question_code}", 0.0)
            within += e.ci_low <= gain <= e.ci_high
            if gain:
                planted_gains += 1
            else:
                unplanted += 1
                significant_unplanted += e.significant
    total = questions.count()
    assert planted_gains >= 10 and unplanted >= 10
    # 95% intervals: about one in twenty misses by chance (this seed: see the docs)
    assert within >= 0.9 * total, (within, total)
    assert significant_unplanted <= 0.1 * unplanted, (significant_unplanted, unplanted)
    # the planted checklist gain differs between items (their room differs), and the estimates
    # follow: the item that gained most is estimated above the one that gained least
    on_10 = questions.filter(family=_family_of(PLANTED_FAMILIES[0].titles[0]), indicator_number=10)
    gains = {e.question_code: country.planted[f"0:10:{e.question_code}"] for e in on_10}
    most, least = max(gains, key=gains.get), min(gains, key=gains.get)
    assert gains[most] > gains[least] + 3
    estimate = dict(on_10.values_list("question_code", "estimate"))
    assert estimate[most] > estimate[least]


def test_recompute_is_idempotent(planted_country):
    planted_country(agencies=300)
    first = sorted(
        Effect.objects.values_list(
            "family__key", "indicator_number", "question_code", "estimate", "ci_low"
        )
    )
    families = sorted(MeasureFamily.objects.values_list("key", "name", "members_count"))
    recompute(chunk_size=97)
    assert sorted(MeasureFamily.objects.values_list("key", "name", "members_count")) == families
    assert (
        sorted(
            Effect.objects.values_list(
                "family__key", "indicator_number", "question_code", "estimate", "ci_low"
            )
        )
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
