"""``prongsai demo --national``: a deterministic, plausible country for the dashboards.

About 8,300 local agencies across the 77 provinces (one อบจ. per province, เทศบาลนคร/เมือง/ตำบล
and อบต. in roughly the real proportions), districts with plausible names, and for each agency
five fiscal years of question-level ITA scores — the questions of each year's criteria file,
never a list written here — scored by :mod:`prongsai.assessments.scoring`, the analysis of each
year's results, the measures plan of the following year, its measures and 6-/12-month rounds.

Scores come from a simple model: each agency has a latent quality (agency, province and kind
effects) that improves a little every year; a perception question is a noisy mean around it
shifted by the question's difficulty, a disclosure item (OIT) is met with a probability that
rises with it. The same seed and size always give the same country.

The country is recorded in :class:`~prongsai.dashboards.models.GeneratedCountry`. Running again
refuses unless ``replace=True``, which removes the previous country first.
"""

from __future__ import annotations

import json
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date, timedelta

from django.db import transaction

from prongsai.agencies.models import Agency, District, Province, Signatory, Unit
from prongsai.agencies.names import full_agency_name
from prongsai.agencies.names import provinces as province_rows
from prongsai.analysis.models import Analysis, Finding, IssueNarrative
from prongsai.assessments.models import Assessment, IndicatorScore, QuestionScore, ToolScore
from prongsai.assessments.scoring import round2, score
from prongsai.core.actions import SYSTEM, action
from prongsai.criteria.catalog import Catalog
from prongsai.criteria.models import CriteriaYear, Indicator, Question, Tool
from prongsai.criteria.services import get_catalog, load_all
from prongsai.dashboards import summaries
from prongsai.dashboards.models import AgencyYear, GeneratedCountry
from prongsai.measures.models import Measure, MeasurePlan, MeasureProgress, Memo, ProgressRound
from prongsai.suggestions.models import FamilyMember, MeasureFamily
from prongsai.thai import fiscal_year_bounds

from . import bulk

Progress = Callable[[str, int, int], None]  # (step, done, total)

PREFIXES = (
    "หนอง",
    "โนน",
    "ท่า",
    "ดอน",
    "นา",
    "บาง",
    "ห้วย",
    "โคก",
    "วัง",
    "ทุ่ง",
    "สระ",
    "คลอง",
    "ป่า",
    "เขา",
    "ดง",
    "หัว",
    "ลำ",
    "แม่",
    "ศรี",
    "บ้าน",
    "บึง",
    "สัน",
    "กุด",
    "เชียง",
    "พระ",
    "ไร่",
)
SUFFIXES = (
    "แก้ว",
    "ทอง",
    "ใหญ่",
    "น้อย",
    "สวรรค์",
    "กลาง",
    "ใหม่",
    "เหนือ",
    "ใต้",
    "งาม",
    "ไผ่",
    "ยาง",
    "บัว",
    "ขาม",
    "จาน",
    "ม่วง",
    "ปลา",
    "หิน",
    "ทราย",
    "เจริญ",
    "สำราญ",
    "พัฒนา",
    "โพธิ์",
    "ไทร",
    "ตะเคียน",
    "มะค่า",
    "สะแก",
    "หว้า",
    "กระทุ่ม",
    "ขี้เหล็ก",
    "แดง",
    "ขาว",
    "คำ",
    "เงิน",
    "หลวง",
    "สูง",
    "ยาว",
    "กว้าง",
    "สองห้อง",
    "สามัคคี",
    "ประชา",
    "สุข",
    "บุญ",
    "ชัย",
    "มงคล",
)
# share of agencies of each kind (the rest of the province after its one อบจ.)
KIND_SHARES = (
    ("city_municipality", 0.004),
    ("town_municipality", 0.024),
    ("tambon_municipality", 0.285),
    ("sao", 0.687),
)
KIND_EFFECT = {
    "pao": 0.45,
    "city_municipality": 0.5,
    "town_municipality": 0.3,
    "tambon_municipality": 0.05,
    "sao": -0.1,
}
UNITS = ("สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา", "กองสาธารณสุขและสิ่งแวดล้อม")
MEASURES = {
    "IIT": (
        "ประกาศเจตนารมณ์การต่อต้านการทุจริตของผู้บริหาร",
        "จัดอบรมให้ความรู้เรื่องการป้องกันผลประโยชน์ทับซ้อนแก่บุคลากร",
        "เผยแพร่หลักเกณฑ์การใช้ทรัพย์สินของราชการให้บุคลากรทราบ",
        "กำหนดแนวทางการใช้งบประมาณอย่างโปร่งใสและตรวจสอบได้",
    ),
    "EIT": (
        "ปรับปรุงช่องทางรับฟังความคิดเห็นและข้อร้องเรียนของประชาชน",
        "ลดขั้นตอนและระยะเวลาการให้บริการประชาชน",
        "ประชาสัมพันธ์ผลการดำเนินงานผ่านสื่อออนไลน์ของหน่วยงาน",
    ),
    "OIT": (
        "เผยแพร่ข้อมูลสาธารณะบนเว็บไซต์ให้ครบถ้วนและเป็นปัจจุบัน",
        "จัดทำรายงานผลการจัดซื้อจัดจ้างประจำเดือนและเผยแพร่",
        "เผยแพร่แผนและรายงานการบริหารทรัพยากรบุคคล",
        "จัดทำและเผยแพร่รายงานผลการดำเนินการเรื่องร้องเรียนการทุจริต",
    ),
}
KPI_UNITS = (("ครั้ง", (1, 2, 4, 12)), ("ร้อยละ", (80, 90, 100)), ("คน", (20, 30, 50)))


@dataclass(frozen=True)
class PlantedFamily:
    """Measures of one kind, taken by agencies weak on ``trigger``, that move ``effects``
    (indicator number → points gained the next year when done in the 12-month round)."""

    tool: str
    trigger: int
    addresses: tuple[int, ...]  # the indicators the measures say they address
    effects: dict
    titles: tuple[str, ...]
    methods: tuple[tuple[str, ...], ...]
    take: float = 0.45  # share of the weak agencies that take one
    done: float = 0.7  # share of those that finish it in 12 months


PLANTED_FAMILIES = (
    PlantedFamily(
        tool="OIT",
        trigger=10,
        addresses=(9, 10),
        effects={10: 8.0},  # none on 9, though the measures say they address it
        titles=(
            "จัดทำคู่มือป้องกันการทุจริตและเผยแพร่บนเว็บไซต์ของหน่วยงาน",
            "เผยแพร่คู่มือการป้องกันการทุจริตบนเว็บไซต์",
            "จัดทำและเผยแพร่คู่มือป้องกันการทุจริตทางเว็บไซต์หน่วยงาน",
        ),
        methods=(
            ("ทบทวนคู่มือป้องกันการทุจริต", "เผยแพร่คู่มือบนเว็บไซต์"),
            ("จัดทำคู่มือป้องกันการทุจริต", "นำคู่มือขึ้นเว็บไซต์หน่วยงาน"),
            ("รวบรวมแนวทางป้องกันการทุจริตเป็นคู่มือ", "เผยแพร่ทางเว็บไซต์"),
        ),
    ),
    PlantedFamily(
        tool="IIT",
        trigger=4,
        addresses=(4,),
        effects={4: 5.0},
        titles=(
            "อบรมบุคลากรเรื่องการยืมและใช้ทรัพย์สินของราชการ",
            "จัดอบรมแนวปฏิบัติการยืมทรัพย์สินของราชการแก่บุคลากร",
            "อบรมการขออนุญาตยืมทรัพย์สินของราชการให้บุคลากร",
        ),
        methods=(
            ("จัดทำแนวปฏิบัติการยืมทรัพย์สินราชการ", "อบรมบุคลากรทุกกอง"),
            ("อบรมบุคลากร", "ติดประกาศขั้นตอนการยืมทรัพย์สิน"),
            ("ชี้แจงขั้นตอนการยืมทรัพย์สินของราชการ", "ประเมินความเข้าใจบุคลากร"),
        ),
    ),
    PlantedFamily(
        tool="IIT",
        trigger=5,
        addresses=(5,),
        effects={5: 0.0},  # taken, done, and followed by nothing
        titles=(
            "จัดกิจกรรมวันต่อต้านคอร์รัปชันสากลร่วมกับชุมชน",
            "ร่วมกิจกรรมรณรงค์วันต่อต้านคอร์รัปชันสากล",
            "จัดงานรณรงค์วันต่อต้านคอร์รัปชันสากลในพื้นที่",
        ),
        methods=(
            ("ประชุมวางแผนกิจกรรม", "เดินรณรงค์ร่วมกับชุมชน"),
            ("เชิญชวนบุคลากรร่วมกิจกรรม", "ติดป้ายรณรงค์"),
            ("จัดเวทีรณรงค์", "มอบเกียรติบัตรผู้ร่วมกิจกรรม"),
        ),
    ),
)


def _take_planted(report, year: int, rng: random.Random) -> list[tuple[int, bool]]:
    """The planted families an agency takes in its next plan (from last year's ``report``),
    and whether each is done in 12 months."""
    pass_mark = get_catalog(year).pass_mark
    chosen = []
    for n, family in enumerate(PLANTED_FAMILIES):
        figure = report.indicators.get(family.trigger)
        value = figure.value if figure is not None else None
        if value is not None and value < pass_mark and rng.random() < family.take:
            chosen.append((n, rng.random() < family.done))
    return chosen


def _unmet_share(catalog, number: int, met: Callable) -> float | None:
    """The expected points a disclosure indicator lacks (``None``: not a disclosure one)."""
    from decimal import Decimal

    from prongsai.assessments.scoring import _indicator_from_questions

    questions = catalog.questions_of(number)
    if not questions or not all(q.kind == "checklist" for q in questions):
        return None
    indicator = next(i for i in catalog.indicators if i.number == number)
    expected = {q.code: Decimal(f"{100 * (1 - met(q.code)):.6f}") for q in questions}
    return float(_indicator_from_questions(catalog, indicator, expected))


def _lift(
    catalog, number: int, gain: float, qscores: dict, stated: dict, rng, met: Callable
) -> None:
    """Raise indicator ``number`` by ``gain`` points in expectation: perception questions by a
    shift found by bisection (what the 100 cap takes from one goes to the others); disclosure
    items each drawn again, if unmet, with the one probability δ that raises the expected score
    by ``gain`` (an item met with probability π is met with π + (1 − π)·δ: the expected gain is
    δ times the expected unmet share, ``met(code)`` giving π)."""
    from decimal import Decimal

    from prongsai.assessments.scoring import _indicator_from_questions

    questions = catalog.questions_of(number)
    if not questions:
        if number in stated:
            stated[number] = f"{_clip(float(stated[number]) + gain):.2f}"
        return
    indicator = next(i for i in catalog.indicators if i.number == number)

    def value(scores: dict) -> float:
        return float(
            _indicator_from_questions(
                catalog, indicator, {c: Decimal(v) for c, v in scores.items()}
            )
        )

    before = value(qscores)
    unmet_share = _unmet_share(catalog, number, met)
    if unmet_share is not None:
        if unmet_share <= 0:
            return
        delta = min(1.0, gain / unmet_share)
        for q in questions:
            if qscores[q.code] == "0" and rng.random() < delta:
                qscores[q.code] = "100"
        return
    perception = [q.code for q in questions if q.kind != "checklist"]
    original = {c: float(qscores[c]) for c in perception}
    lo, hi = 0.0, 100.0
    for _ in range(30):
        mid = (lo + hi) / 2
        trial = {**qscores, **{c: f"{_clip(v + mid):.4f}" for c, v in original.items()}}
        if value(trial) - before < gain:
            lo = mid
        else:
            hi = mid
    for c, v in original.items():
        qscores[c] = f"{_clip(v + hi):.2f}"


def _record_delivered(
    catalog,
    previous,
    fresh: dict,
    carried: dict,
    unlifted: tuple,
    qscores: dict,
    report,
    delivered: dict,
    met: Callable,
) -> None:
    """What this year's newly done planted measures really added: the scores as lifted minus
    the same agency-year lifted only by what earlier measures carried (the same random draws,
    so the two differ by the new gain alone). Appended to ``delivered`` under
    ``"family:indicator"`` and, for each question of the indicator that was also one of its
    questions the year before (the unit the estimates compare), ``"family:indicator:code"``."""
    before_q, before_stated, state = unlifted
    rng = random.Random()
    rng.setstate(state)
    for number, gain in carried.items():  # the same order, so the same draws, as the real lift
        _lift(
            catalog,
            number,
            gain - fresh.get(number, (0, 0.0))[1],
            before_q,
            before_stated,
            rng,
            met,
        )
    without = score(catalog, before_q, before_stated)
    for number, (family, _gain) in fresh.items():
        lifted, unlifted_value = report.indicators[number].value, without.indicators[number].value
        if lifted is None or unlifted_value is None:
            continue
        delivered.setdefault(f"{family}:{number}", []).append(float(lifted - unlifted_value))
        kept = {q.code for q in previous.questions_of(number)}
        for q in catalog.questions_of(number):
            if q.code in kept:
                delivered.setdefault(f"{family}:{number}:{q.code}", []).append(
                    float(qscores[q.code]) - float(before_q[q.code])
                )


class CountryExists(RuntimeError):
    def __init__(self, existing: GeneratedCountry):
        self.existing = existing
        super().__init__(
            f"มีข้อมูลประเทศจำลองอยู่แล้ว ({existing.agencies:,} หน่วยงาน seed {existing.seed}) "
            "— ใช้ --replace เพื่อลบแล้วสร้างใหม่"
        )


@dataclass
class NationalResult:
    agencies: int = 0
    districts: int = 0
    assessments: int = 0
    question_scores: int = 0
    plans: int = 0
    measures: int = 0
    progress: int = 0
    summaries: int = 0
    seconds: float = 0.0
    # planted: "family index:indicator" (and "…:question code") → the mean gain the done
    # planted measures really added to the agencies' scores (against the same agency-year
    # without them: below the nominal gain where a checklist had too little left to gain)
    planted: dict = field(default_factory=dict)


def _noop(step: str, done: int, total: int) -> None:
    pass


def generate(
    *,
    seed: int = 1,
    agencies: int = 8300,
    replace: bool = False,
    years: int = 5,
    planted: bool = False,
    progress: Progress = _noop,
) -> NationalResult:
    """Generate the country (see the module docstring) in one transaction.

    ``planted``: agencies with a weak indicator also take measures of the
    :data:`PLANTED_FAMILIES`, which move chosen indicators by a known amount the next year (a
    country to check :mod:`prongsai.suggestions` against)."""
    if not 1 <= agencies <= 40 * 1000:
        raise ValueError("agencies: between 1 and 40,000 (the names run out beyond)")
    started = time.perf_counter()
    load_all()
    with transaction.atomic():
        existing = GeneratedCountry.objects.first()
        if existing:
            if not replace:
                raise CountryExists(existing)
            remove(existing)
        result = _generate(seed, agencies, years, progress, planted)
        result.summaries = summaries.refresh(agency_ids=None, years=None)
        progress("สรุปผลรายหน่วยงาน", 1, 1)
    result.seconds = round(time.perf_counter() - started, 1)
    return result


@action("demo.remove")
def _remove_memos(lo: int, hi: int, *, by) -> None:
    Memo.objects.filter(agency__gte=lo, agency__lte=hi).delete()


def remove(country: GeneratedCountry) -> None:
    """Delete a generated country and everything hanging from its agencies."""
    lo, hi = country.first_agency_id, country.last_agency_id

    def of(prefix: str = "") -> dict:
        return {f"{prefix}agency__gte": lo, f"{prefix}agency__lte": hi}

    def raw(qs):
        qs._raw_delete(qs.db)

    raw(MeasureProgress.objects.filter(**of("measure__plan__")))
    # the families drawn from these measures go with them (`suggestions refresh` rebuilds)
    raw(FamilyMember.objects.filter(**of("measure__plan__")))
    MeasureFamily.objects.filter(members__isnull=True).delete()  # with their effects
    raw(Measure.responsible_units.through.objects.filter(**of("measure__plan__")))
    _remove_memos(lo, hi, by=SYSTEM)  # few, with their sign-offs
    raw(Measure.objects.filter(**of("plan__")))
    raw(ProgressRound.objects.filter(**of("plan__")))
    raw(MeasurePlan.objects.filter(**of()))
    # raw, like the rest: through the ORM each analysis would send its signals (tens of
    # thousands of summary refreshes for agencies about to go) and write a history row
    raw(Finding.objects.filter(**of("analysis__")))
    raw(IssueNarrative.objects.filter(**of("analysis__")))
    raw(Analysis.objects.filter(**of()))
    for model in (QuestionScore, IndicatorScore, ToolScore):
        raw(model.objects.filter(**of("assessment__")))
    raw(Assessment.objects.filter(**of()))
    raw(AgencyYear.objects.filter(**of()))
    raw(Signatory.objects.filter(**of()))  # their sign-offs went with the memos
    raw(Unit.objects.filter(**of()))
    raw(Agency.objects.filter(pk__range=(lo, hi)))
    District.objects.filter(pk__in=country.district_ids).filter(agencies__isnull=True).delete()
    country.delete()


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def _met_probability(z: float, difficulty: float) -> float:
    """The chance a disclosure item is met, for an agency of quality ``z``."""
    return _sigmoid(1.9 + 1.1 * z - difficulty)


def _clip(x: float, lo: float = 0.0, hi: float = 100.0) -> float:
    return lo if x < lo else hi if x > hi else x


def _indicator_guess(z: float, difficulty: float, rng: random.Random) -> str:
    """An indicator score for a year whose questions are not known (stated, not computed)."""
    return f"{_clip(86 + 5.5 * z - 3 * difficulty + rng.gauss(0, 3), 30):.2f}"


def _place_names(rng: random.Random) -> list[str]:
    names = [p + s for p in PREFIXES for s in SUFFIXES]
    rng.shuffle(names)
    return names


def _split(total: int, provinces: list, rng: random.Random) -> list[int]:
    """Agencies per province: one อบจ. each, the rest by a random size weight."""
    weights = [0.0 if p.code == 10 else rng.uniform(0.5, 1.8) for p in provinces]
    rest = max(total - len(provinces), 0)
    scale = rest / sum(weights)
    counts = [1 + int(w * scale) for w in weights]
    for i in sorted(range(len(counts)), key=lambda i: -weights[i])[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _generate(
    seed: int, total: int, n_years: int, progress: Progress, planted: bool = False
) -> NationalResult:
    rng = random.Random(seed)
    result = NationalResult()
    # the 77 provinces come with a migration; put them back if a test flush removed them
    Province.objects.bulk_create(
        [Province(code=p.code, name_th=p.name_th, name_en=p.name_en) for p in province_rows()],
        ignore_conflicts=True,
    )
    provinces = list(Province.objects.order_by("code"))
    if total < len(provinces):  # a tiny country for tests: one agency in some provinces
        provinces = sorted(rng.sample(provinces, total), key=lambda p: p.code)
    counts = _split(total, provinces, rng)

    # districts and agencies -------------------------------------------------------------
    district_rows, agency_rows = [], []  # agency: (province, district index, kind, place)
    existing_districts = {(d.province_id, d.name_th): d.pk for d in District.objects.all()}
    taken = set(Agency.objects.values_list("province_id", "name"))
    for province, count in zip(provinces, counts, strict=True):
        names = _place_names(rng)
        n_districts = max(1, round(count / 9.5))
        own = [f"เมือง{province.name_th}", *(names.pop() for _ in range(n_districts - 1))]
        first = len(district_rows)
        district_rows += [(province.code, n) for n in own]
        kinds = [
            "pao",
            *rng.choices([k for k, _ in KIND_SHARES], [w for _, w in KIND_SHARES], k=count - 1),
        ]
        if province.code == 10:  # Bangkok has no อบจ.: its one agency is the city itself
            kinds = ["other"] * count
        for kind in kinds:
            place = province.name_th if kind in ("pao", "other") else names.pop()
            name = full_agency_name(kind, place)
            if (province.code, name) in taken:
                continue
            taken.add((province.code, name))
            district = first if kind == "pao" else first + rng.randrange(len(own))
            agency_rows.append((province.code, district, kind, place, name))
    new_districts = [r for r in district_rows if r not in existing_districts]
    bulk.insert(District, ["province_id", "name_th"], new_districts)
    district_ids = {
        (d.province_id, d.name_th): d.pk
        for d in District.objects.filter(province_id__in=[p.code for p in provinces])
    }
    result.districts = len(new_districts)
    first_agency = bulk.next_id(Agency)
    bulk.insert(
        Agency,
        ["id", "name", "kind", "place_name", "province_id", "district_id", "website"],
        (
            (
                first_agency + i,
                name,
                kind,
                place,
                prov,
                district_ids[district_rows[d]],
                "",
            )
            for i, (prov, d, kind, place, name) in enumerate(agency_rows)
        ),
    )
    bulk.reset_sequences(Agency)
    result.agencies = len(agency_rows)
    progress("หน่วยงาน", result.agencies, result.agencies)

    # scores --------------------------------------------------------------------------------
    all_years = list(
        CriteriaYear.objects.order_by("fiscal_year").values_list("fiscal_year", flat=True)
    )
    years = all_years[-n_years:]
    catalogs = {y: _Indexed.of(get_catalog(y)) for y in years}
    ids = _criteria_ids(years)
    province_effect = {p.code: rng.gauss(0, 0.35) for p in provinces}
    difficulty = {(y, q.code): rng.gauss(0, 0.6) for y in years for q in catalogs[y].questions} | {
        (y, f"#{i.number}"): rng.gauss(0, 0.5) for y in years for i in catalogs[y].indicators
    }

    next_assessment = bulk.next_id(Assessment)
    assessment_rows, question_rows, indicator_rows, tool_rows = [], [], [], []
    quality: dict[tuple[int, int], float] = {}
    assessment_of: dict[tuple[int, int], int] = {}
    taken: dict[tuple[int, int], list[tuple[int, bool]]] = {}  # planted: (family, done)
    delivered: dict[str, list[float]] = {}  # planted: what each done measure added
    total_steps = len(agency_rows)
    for n, (prov, _d, kind, _place, _name) in enumerate(agency_rows):
        agency_id = first_agency + n
        arng = random.Random(f"{seed}:{n}")
        trng = random.Random(f"{seed}:planted:{n}")  # its own draws: the rest stays the same
        base = arng.gauss(0, 0.8) + province_effect[prov] + KIND_EFFECT.get(kind, 0)
        growth = arng.gauss(0.18, 0.15)
        last_report = None
        carried: dict[int, float] = {}  # planted gains of measures done, kept in later years
        for k, year in enumerate(years):
            if arng.random() < 0.015:  # a few agencies miss a year
                last_report = None
                continue
            z = base + growth * k + arng.gauss(0, 0.25)
            quality[(agency_id, year)] = z
            catalog = catalogs[year]
            qscores: dict[str, str] = {}
            for q in catalog.questions:
                d = difficulty[(year, q.code)]
                if q.kind == "checklist":
                    met = arng.random() < _met_probability(z, d)
                    qscores[q.code] = "100" if met else "0"
                else:
                    qscores[q.code] = (
                        f"{_clip(87 + 5.5 * z - 3.5 * d + arng.gauss(0, 3.5), 30):.2f}"
                    )
            stated = {
                i.number: _indicator_guess(z, difficulty[(year, f"#{i.number}")], arng)
                for i in catalog.indicators
                if not catalog.questions_of(i.number)
            }
            unlifted = None
            if planted and last_report is not None:
                chosen = _take_planted(last_report, years[k - 1], trng)
                taken[(agency_id, year)] = chosen

                def met(code, z=z, y=year):
                    return _met_probability(z, difficulty[(y, code)])

                fresh: dict[int, tuple[int, float]] = {}  # indicator → (family, gain added)
                for family, done in chosen:
                    for number, gain in PLANTED_FAMILIES[family].effects.items():
                        if done and gain:
                            carried[number] = carried.get(number, 0.0) + gain
                            fresh[number] = (family, gain)
                unlifted = (dict(qscores), dict(stated), trng.getstate()) if fresh else None
                for number, gain in carried.items():
                    _lift(catalog, number, gain, qscores, stated, trng, met)
            report = score(catalog, qscores, stated)
            if planted and unlifted is not None:
                _record_delivered(
                    catalog,
                    catalogs[years[k - 1]],
                    fresh,
                    carried,
                    unlifted,
                    qscores,
                    report,
                    delivered,
                    met,
                )
            last_report = report
            pk = next_assessment + len(assessment_rows)
            assessment_of[(agency_id, year)] = pk
            assessment_rows.append(
                (
                    pk,
                    agency_id,
                    year,
                    ids["criteria"][year],
                    report.overall.value,
                    report.overall.value,
                    report.rating.label if report.rating else "",
                    report.passed,
                    "demo",
                    f"ประเทศจำลอง seed {seed}",
                )
            )
            question_rows += [(pk, ids["question"][(year, c)], v) for c, v in qscores.items()]
            indicator_rows += [
                (
                    pk,
                    ids["indicator"][(year, num)],
                    f.stated,
                    None if f.computed is None else round2(f.computed),
                    f.value,
                )
                for num, f in report.indicators.items()
            ]
            tool_rows += [
                (pk, ids["tool"][(year, code)], f.value, f.value)
                for code, f in report.tools.items()
            ]
        if n % 200 == 0 or n == total_steps - 1:
            progress("คะแนนรายข้อ", n + 1, total_steps)
    bulk.insert(
        Assessment,
        [
            "id",
            "agency_id",
            "fiscal_year",
            "criteria_id",
            "overall",
            "computed_overall",
            "rating",
            "passed",
            "source",
            "source_note",
        ],
        assessment_rows,
    )
    result.assessments = len(assessment_rows)
    result.question_scores = bulk.insert(
        QuestionScore, ["assessment_id", "question_id", "score"], question_rows
    )
    bulk.insert(
        IndicatorScore,
        ["assessment_id", "indicator_id", "stated", "computed", "score"],
        indicator_rows,
    )
    bulk.insert(ToolScore, ["assessment_id", "tool_id", "computed", "score"], tool_rows)
    bulk.reset_sequences(Assessment)
    progress("บันทึกคะแนน", 1, 1)
    del question_rows, indicator_rows, tool_rows

    # analyses, plans, measures, rounds -----------------------------------------------------
    _plans(
        seed, years, first_agency, len(agency_rows), quality, assessment_of, result, progress, taken
    )
    result.planted = {key: round(sum(v) / len(v), 3) for key, v in sorted(delivered.items())}

    GeneratedCountry.objects.create(
        seed=seed,
        agencies=result.agencies,
        first_agency_id=first_agency,
        last_agency_id=first_agency + len(agency_rows) - 1,
        district_ids=[district_ids[r] for r in new_districts],
    )
    return result


class _Indexed(Catalog):
    """The same catalog with its per-indicator question lists looked up, not scanned: scoring
    40,000 agency-years asks for them a few million times."""

    @classmethod
    def of(cls, catalog: Catalog) -> _Indexed:
        indexed = cls(**{f.name: getattr(catalog, f.name) for f in fields(Catalog)})
        by_indicator: dict[int, list] = {}
        for q in catalog.questions:
            by_indicator.setdefault(q.indicator, []).append(q)
        object.__setattr__(indexed, "_by_indicator", {k: tuple(v) for k, v in by_indicator.items()})
        object.__setattr__(
            indexed,
            "_by_tool",
            {t.code: catalog.indicators_of(t.code) for t in catalog.tools},
        )
        return indexed

    def questions_of(self, indicator: int):
        return self._by_indicator.get(indicator, ())

    def indicators_of(self, tool: str):
        return self._by_tool.get(tool, ())


def _criteria_ids(years: list[int]) -> dict:
    return {
        "criteria": dict(
            CriteriaYear.objects.filter(fiscal_year__in=years).values_list("fiscal_year", "id")
        ),
        "question": {
            (y, c): pk
            for y, c, pk in Question.objects.filter(year__fiscal_year__in=years).values_list(
                "year__fiscal_year", "code", "id"
            )
        },
        "indicator": {
            (y, num): pk
            for y, num, pk in Indicator.objects.filter(year__fiscal_year__in=years).values_list(
                "year__fiscal_year", "number", "id"
            )
        },
        "tool": {
            (y, c): pk
            for y, c, pk in Tool.objects.filter(year__fiscal_year__in=years).values_list(
                "year__fiscal_year", "code", "id"
            )
        },
    }


def _plans(
    seed, years, first_agency, n_agencies, quality, assessment_of, result, progress, taken=None
):
    """Analysis of the results of Y−1 and the measures plan of Y, for Y after the first year.

    ``taken``: the planted measures of each agency and plan year (family, done in 12 months)."""
    taken = taken or {}
    latest = years[-1]
    analysis_rows, plan_rows, measure_rows, round_rows, progress_rows = [], [], [], [], []
    next_plan, next_measure, next_round = (
        bulk.next_id(MeasurePlan),
        bulk.next_id(Measure),
        bulk.next_id(ProgressRound),
    )
    for n in range(n_agencies):
        agency_id = first_agency + n
        prng = random.Random(f"{seed}:plans:{n}")
        for year in years[1:]:
            z = quality.get((agency_id, year - 1))
            if z is None:
                continue
            diligence = _sigmoid(1.2 + z)
            current = year == latest
            analysis_rows.append(
                (
                    agency_id,
                    year - 1,
                    assessment_of[(agency_id, year - 1)],
                    "95",
                    "published" if prng.random() < diligence else "approved",
                )
            )
            chosen = taken.get((agency_id, year), [])
            if current and prng.random() > 0.5 + diligence / 2 and not chosen:
                plan_status = prng.choice(("draft", "submitted"))
            else:
                plan_status = "published" if prng.random() < diligence else "approved"
            plan_id = next_plan + len(plan_rows)
            plan_rows.append(
                (
                    plan_id,
                    agency_id,
                    year,
                    f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {year}",
                    plan_status,
                )
            )
            start, end = fiscal_year_bounds(year)
            rounds = []
            if plan_status in ("approved", "published"):
                rounds = ["6m", "12m"] if not current or prng.random() < diligence else ["6m"]
                if chosen:
                    rounds = ["6m", "12m"]
            round_ids = {}
            for rnd in rounds:
                round_ids[rnd] = next_round + len(round_rows)
                late = current and prng.random() > diligence
                round_rows.append((round_ids[rnd], plan_id, rnd, "draft" if late else "published"))
            n_measures = prng.randint(3, 6)
            for number, (family, done) in enumerate(chosen, n_measures + 1):
                planted = PLANTED_FAMILIES[family]
                variant = prng.randrange(len(planted.titles))
                measure_id = next_measure + len(measure_rows)
                measure_rows.append(
                    (
                        measure_id,
                        plan_id,
                        number,
                        planted.titles[variant],
                        planted.tool,
                        json.dumps(list(planted.methods[variant]), ensure_ascii=False),
                        prng.choice(UNITS),
                        start,
                        end,
                        "1",
                        "ครั้ง",
                        json.dumps(list(planted.addresses)),
                    )
                )
                for rnd, round_id in round_ids.items():
                    status = "done" if done and rnd == "12m" else "in_progress"
                    progress_rows.append(
                        (round_id, measure_id, status, "ดำเนินการตามแผนที่กำหนด", None)
                    )
            for number in range(1, n_measures + 1):
                tool = prng.choice(("IIT", "EIT", "EIT", "OIT", "OIT"))
                unit, targets = prng.choice(KPI_UNITS)
                target = prng.choice(targets)
                period_end = prng.choice(
                    (date(start.year + 1, 3, 31), date(start.year + 1, 6, 30), end)
                )
                measure_id = next_measure + len(measure_rows)
                measure_rows.append(
                    (
                        measure_id,
                        plan_id,
                        number,
                        prng.choice(MEASURES[tool]),
                        tool,
                        json.dumps(
                            ["จัดทำแผนและมอบหมายผู้รับผิดชอบ", "ดำเนินการตามแผน", "รายงานผลต่อผู้บริหาร"],
                            ensure_ascii=False,
                        ),
                        prng.choice(UNITS),
                        start + timedelta(days=prng.choice((0, 0, 31, 61))),
                        period_end,
                        str(target),
                        unit,
                        "[]",
                    )
                )
                done_p = diligence if current else min(0.97, diligence + 0.15)
                for rnd, round_id in round_ids.items():
                    half = rnd == "6m"
                    roll = prng.random()
                    if roll < (done_p * (0.45 if half else 1.0)):
                        status, actual = "done", target
                    elif roll < 0.985:
                        status, actual = "in_progress", round(target * prng.uniform(0.2, 0.8), 2)
                    else:
                        status, actual = "cancelled", None
                    if half and period_end.month == 3 and status == "in_progress":
                        status = "done" if prng.random() < diligence else status
                    progress_rows.append(
                        (
                            round_id,
                            measure_id,
                            status,
                            "ดำเนินการตามแผนที่กำหนด" if status != "cancelled" else "",
                            None if actual is None else str(actual),
                        )
                    )
        if n % 500 == 0 or n == n_agencies - 1:
            progress("แผนและมาตรการ", n + 1, n_agencies)
    bulk.insert(
        Analysis, ["agency_id", "fiscal_year", "assessment_id", "target", "status"], analysis_rows
    )
    bulk.insert(MeasurePlan, ["id", "agency_id", "fiscal_year", "title", "status"], plan_rows)
    result.plans = len(plan_rows)
    result.measures = bulk.insert(
        Measure,
        [
            "id",
            "plan_id",
            "number",
            "title",
            "tool",
            "methods",
            "responsible_text",
            "period_start",
            "period_end",
            "kpi_target",
            "kpi_unit",
            "indicator_numbers",
        ],
        measure_rows,
    )
    bulk.insert(ProgressRound, ["id", "plan_id", "round", "status"], round_rows)
    result.progress = bulk.insert(
        MeasureProgress, ["round_id", "measure_id", "status", "result", "kpi_actual"], progress_rows
    )
    bulk.reset_sequences(MeasurePlan, Measure, ProgressRound, Analysis)
    progress("บันทึกแผนและมาตรการ", 1, 1)
