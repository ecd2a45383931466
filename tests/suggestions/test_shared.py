"""What leaves an agency: aggregates only (no agency name, n ≥ 10 each side), and the dashboards'
families × indicators table in the shared cache under the dashboards' version."""

import pytest
from django.core.cache import cache

from prongsai.dashboards.summaries import current_version
from prongsai.suggestions import selectors
from prongsai.suggestions.compute import MIN_N, MIN_SHARED, _Measure, build_families, recompute
from prongsai.suggestions.models import Effect, MeasureFamily

pytestmark = pytest.mark.django_db


def test_a_text_of_fewer_than_three_agencies_never_names_or_illustrates_a_family():
    shared = ("จัดอบรมป้องกันผลประโยชน์ทับซ้อนแก่บุคลากร", ["อบรม", "ประเมินผล"])
    # nearly the same words, and the agency's name in it: used by one agency only
    own = ("จัดอบรมป้องกันผลประโยชน์ทับซ้อนแก่บุคลากรเทศบาลตำบลหนองแก้ว", ["อบรม", "ประเมินผล"])
    lone = ("ซ่อมถนนลูกรังหมู่ที่ ๓ ของ อบต.โนนสวรรค์", ["จ้างเหมา"])  # like nothing else
    texts = [shared, own, lone]
    measures = [_Measure(n, n, 2568, 0, *shared, "IIT", (2,)) for n in range(MIN_SHARED)]
    measures += [_Measure(10 + n, 99, 2568 + n, 1, *own, "IIT", (2,)) for n in range(4)]
    measures.append(_Measure(20, 98, 2568, 2, *lone, "", ()))
    families = build_families(measures, texts)
    assert len(families) == 1  # the lone text's family has nothing shareable: not kept
    family = families[0]
    assert len(family.members) == MIN_SHARED + 4  # the agency's own measures are counted in it…
    assert family.name == shared[0]  # …but its text is neither the name nor an example
    assert [e["title"] for e in family.examples] == [shared[0]]


def test_pages_show_no_estimate_below_ten_agencies(planted_country):
    planted_country(agencies=400)
    family = MeasureFamily.objects.filter(effects__isnull=False).first()
    assert family is not None
    for n_treated, n_control in ((MIN_N - 1, 500), (500, MIN_N - 1)):
        Effect.objects.create(
            family=family,
            indicator_number=7,
            estimate=77.77,
            ci_low=70.0,
            ci_high=80.0,
            n_treated=n_treated,
            n_control=n_control,
            computed_at=family.computed_at,
            question_code="" if n_treated < n_control else "i99",
        )
    cache.clear()
    assert not [e for e in selectors.shown() if e.estimate == 77.77]
    assert not [e for e in selectors.shown(questions=True) if e.estimate == 77.77]
    cells = [c for t in selectors.table() for r in t["rows"] for c in r["cells"] if c]
    assert cells and all(c.n_treated >= MIN_N and c.n_control >= MIN_N for c in cells)
    assert 7 not in selectors.table()[0]["numbers"]


def test_the_table_is_shared_and_recompute_bumps_the_dashboards_version(planted_country):
    planted_country(agencies=400)
    cache.clear()
    version = current_version()
    first = selectors.table()
    assert first and first[0]["rows"]
    estimates = sorted(c.estimate for r in first[0]["rows"] for c in r["cells"] if c)
    # rows changed behind the cache's back: the cached table (any server's) stays as it was
    Effect.objects.update(estimate=42.0)
    again = selectors.table()
    assert sorted(c.estimate for r in again[0]["rows"] for c in r["cells"] if c) == estimates
    # recompute rewrites the rows and bumps the version on commit: every server builds anew
    recompute(chunk_size=500)
    assert current_version() == version + 1
    rebuilt = selectors.table()
    assert sorted(c.estimate for r in rebuilt[0]["rows"] for c in r["cells"] if c) == estimates
    assert 42.0 not in estimates
