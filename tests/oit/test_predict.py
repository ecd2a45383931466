"""The predicted score is the scoring module's own arithmetic on 100/0 per item."""

from __future__ import annotations

from decimal import Decimal

import pytest

from prongsai.assessments.scoring import score
from prongsai.criteria.loader import catalog_for_year
from prongsai.oit.predict import predict

OTHERS = {"IIT": Decimal("88.40"), "EIT": Decimal("79.15")}


@pytest.mark.parametrize("year", [2567, 2568, 2569])
def test_full_evidence_scores_100_and_matches_scoring(year):
    catalog = catalog_for_year(year)
    codes = [q.code for q in catalog.oit_items()]
    p = predict(catalog, codes, OTHERS)
    report = score(catalog, dict.fromkeys(codes, 100), stated_tools=OTHERS)
    assert p.oit == Decimal("100.00") == report.tools["OIT"].value
    assert p.overall == report.overall.value
    # 0.30·88.40 + 0.30·79.15 + 0.40·100 = 90.265 → 90.27
    assert p.overall == Decimal("90.27")
    assert p.rating == report.rating.label and p.costs == {}


@pytest.mark.parametrize("year", [2567, 2568, 2569])
def test_partial_evidence_matches_scoring_and_each_cost_is_the_gain(year):
    catalog = catalog_for_year(year)
    codes = [q.code for q in catalog.oit_items()]
    ready = codes[::3]  # every third item ready
    p = predict(catalog, ready, OTHERS)
    scores = {c: (100 if c in ready else 0) for c in codes}
    report = score(catalog, scores, stated_tools=OTHERS)
    assert p.oit == report.tools["OIT"].value
    assert p.overall == report.overall.value
    assert p.rating == (report.rating.label if report.rating else "")
    assert set(p.costs) == set(codes) - set(ready)
    for code in list(p.costs)[:3]:
        better = score(catalog, {**scores, code: 100}, stated_tools=OTHERS)
        gain = better.overall.exact - report.overall.exact
        assert p.costs[code] == gain.quantize(Decimal("0.01"))
        assert p.costs[code] > 0


def test_2567_sub_indicator_weights_show_in_the_costs():
    """2567 OIT indicator 9 is the mean of five sub-indicators: an item of 9.3 (4 items) costs
    more than one of 9.1 (10 items)."""
    catalog = catalog_for_year(2567)
    codes = [q.code for q in catalog.oit_items()]
    p = predict(catalog, [c for c in codes if c not in ("o1", "o19")], OTHERS)
    # o1: 1/10 of 9.1 → 1/5 of indicator 9 → 1/2 of OIT → 0.4 of overall: 100·0.1·0.2·0.5·0.4
    assert p.oit_costs["o1"] == Decimal("1.00") and p.costs["o1"] == Decimal("0.40")
    assert p.oit_costs["o19"] == Decimal("2.50") and p.costs["o19"] == Decimal("1.00")


def test_without_iit_and_eit_only_the_oit_is_predicted():
    catalog = catalog_for_year(2568)
    p = predict(catalog, [], {"IIT": None, "EIT": None})
    assert p.oit == Decimal("0.00") and p.overall is None and p.rating == ""
    assert p.costs == {} and p.oit_costs
