"""Recompute the measure families and their effect estimates from the whole national data.

:func:`recompute` is the one entry point (a queued job calls it; ``prongsai suggestions
refresh`` runs it in-process). It reads in chunks, works in memory, and replaces every family
and effect in one transaction at the end: running it twice on the same data gives the same rows,
and a run that fails leaves the previous ones in place.

1. **Families.** Each measure's title and methods are segmented into Thai words with PyThaiNLP
   (``newmm``, stop words dropped), weighed with scikit-learn's TF-IDF and clustered on cosine
   distance (average-linkage agglomerative clustering of the distinct texts; beyond
   ``max_cluster_texts`` distinct texts the rarer ones join the nearest cluster). A family's
   name is its most central text shared by at least ``MIN_SHARED`` agencies; its indicators
   are those its members say they address (``Measure.indicator_numbers``).
2. **Effects.** For a family × indicator, over every plan year Y: the units are agencies whose
   indicator scored below the pass mark in Y−1 (the year the plan was drafted from) and that
   have a score in Y; treated = a measure of the family addressing the indicator marked done in
   plan Y's 12-month round; control = the others. Both sides are matched in strata of (Y,
   agency kind, ``BAND`` points of the indicator's starting score, ``OVERALL_BAND`` points of
   the starting overall score, and which of the family's other indicators were below the pass
   mark — agencies take a measure for a weakness, and one weak on two indicators regresses
   differently from one weak on this one alone); the estimate is
   the treated-weighted mean over strata of (mean change treated − mean change control) — a
   difference in differences — with a Poisson bootstrap over agencies (fixed seed) for the
   95% interval. A treated unit with no control in its stratum is matched in a coarser one
   (:func:`matched`). Fewer than ``min_n`` agencies on either side: no estimate is stored.
3. **Per question.** Where a family × indicator has an estimate, each question of the indicator
   gets one the same way, over the units where the question (its code under the same
   indicator) was asked in both years, the outcome being the question's score change.

An estimate is an association in past data, not proof that the measure caused the change.
"""

from __future__ import annotations

import hashlib
import re
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from django.db import transaction
from django.utils import timezone

Progress = Callable[[str, int, int], None]  # (step, done, total), as prongsai.demo.national

MIN_N = 10  # agencies on each side below which no estimate is stored (privacy and noise)
MIN_SHARED = 3  # a text shown as a family's name or example is used by at least this many agencies
DISTANCE = 0.6  # cosine distance (average linkage) under which texts are one family
MAX_CLUSTER_TEXTS = 3000
BAND = 5.0  # points of the indicator's starting score per stratum
OVERALL_BAND = 10.0  # points of the starting overall score per stratum
REPLICATES = 400
_WORD = re.compile(r"[\u0e01-\u0e4ea-zA-Z]")


def _noop(step: str, done: int, total: int) -> None:
    pass


@dataclass
class RecomputeResult:
    measures: int = 0
    texts: int = 0
    families: int = 0
    effects: int = 0  # family × indicator
    question_effects: int = 0  # family × question
    seconds: float = 0.0
    steps: dict = field(default_factory=dict)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from pythainlp.corpus import thai_stopwords

    return frozenset(thai_stopwords())


def words(text: str) -> list[str]:
    """The Thai (and Latin) words of a text, stop words, spaces, digits and marks dropped."""
    from pythainlp.tokenize import word_tokenize

    stop = _stopwords()
    return [
        w.lower()
        for w in word_tokenize(text, engine="newmm", keep_whitespace=False)
        if len(w) > 1 and _WORD.search(w) and w not in stop
    ]


def measure_text(title: str, methods) -> str:
    steps = [str(m) for m in methods] if isinstance(methods, list) else []
    return " ".join(" ".join([title, *steps]).split())


# families ---------------------------------------------------------------------------------


def tokens_of(title: str, methods) -> list[str]:
    """A measure's words for the comparison: its title counts twice, its methods once (methods
    are often the same few generic steps)."""
    head = words(title)
    steps = [str(m) for m in methods] if isinstance(methods, list) else []
    return head + head + words(" ".join(steps))


def cluster(texts: list[tuple[str, list]], weights: list[int], max_texts: int = MAX_CLUSTER_TEXTS):
    """Cluster labels for ``texts`` (distinct (title, methods) pairs), and each text's
    similarity to its cluster's centre. The ``max_texts`` most used texts are clustered; the
    others join the nearest cluster, or make their own when none is near."""
    from scipy.sparse import csr_matrix
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_distances
    from sklearn.preprocessing import normalize

    tokens = [tokens_of(title, methods) for title, methods in texts]
    n = len(texts)
    if n == 0:
        return np.zeros(0, dtype=int), np.zeros(0)
    if n == 1:
        return np.zeros(1, dtype=int), np.ones(1)
    vectorizer = TfidfVectorizer(analyzer=lambda doc: doc, sublinear_tf=True, min_df=1)
    matrix = vectorizer.fit_transform(tokens)
    order = np.argsort(-np.asarray(weights), kind="stable")
    core, rest = order[:max_texts], order[max_texts:]
    labels = np.full(n, -1, dtype=int)
    if len(core) == 1:
        labels[core] = 0
    else:
        model = AgglomerativeClustering(
            n_clusters=None,
            metric="precomputed",
            linkage="average",
            distance_threshold=DISTANCE,
        )
        labels[core] = model.fit_predict(cosine_distances(matrix[core]))
    k = int(labels.max()) + 1
    # the centres: each cluster's weighted mean text (sparse, normalised)
    one_hot = csr_matrix(
        (np.asarray(weights, dtype=float)[core], (labels[core], np.arange(len(core)))),
        shape=(k, len(core)),
    )
    centres = normalize(one_hot @ matrix[core])
    centrality = np.ones(n)  # a text alone in its family is its own centre
    if len(rest):
        next_label = k
        for lo in range(0, len(rest), 5000):  # in chunks: similarities stay small
            part = rest[lo : lo + 5000]
            similarity = (matrix[part] @ centres.T).toarray()
            best = similarity.argmax(axis=1)
            near = similarity[np.arange(len(part)), best] >= 1 - DISTANCE
            labels[part[near]] = best[near]
            alone = part[~near]
            labels[alone] = np.arange(next_label, next_label + len(alone))
            next_label += len(alone)
    clustered = np.flatnonzero(labels < k)
    centrality[clustered] = np.asarray(
        matrix[clustered].multiply(centres[labels[clustered]]).sum(axis=1)
    ).ravel()
    return labels, centrality


@dataclass
class _Measure:
    pk: int
    agency: int
    year: int
    text: int
    title: str
    methods: list
    tool: str
    indicators: tuple[int, ...]


def _read_measures(
    chunk_size: int, progress: Progress
) -> tuple[list[_Measure], list[tuple[str, list]]]:
    from prongsai.measures.models import Measure

    total = Measure.objects.count()
    rows: list[_Measure] = []
    text_ids: dict[str, int] = {}
    texts: list[tuple[str, list]] = []
    qs = Measure.objects.order_by("pk").values_list(
        "pk",
        "plan__agency_id",
        "plan__fiscal_year",
        "title",
        "methods",
        "tool",
        "indicator_numbers",
    )
    for pk, agency, year, title, methods, tool, indicators in qs.iterator(chunk_size=chunk_size):
        text = measure_text(title, methods)
        tid = text_ids.setdefault(text, len(text_ids))
        if tid == len(texts):
            texts.append((title, methods if isinstance(methods, list) else []))
        nums = tuple(sorted({int(i) for i in indicators or [] if str(i).isdigit()}))
        rows.append(_Measure(pk, agency, year, tid, title, methods or [], tool, nums))
        if len(rows) % chunk_size == 0:
            progress("อ่านมาตรการ", len(rows), total)
    progress("อ่านมาตรการ", len(rows), total)
    return rows, texts


@dataclass
class _Family:
    label: int
    members: list[_Measure]
    name: str
    key: str
    indicators: list[int]
    tool: str
    examples: list[dict]
    agencies: int


def build_families(
    measures: list[_Measure], texts: list[tuple[str, list]], progress: Progress = _noop
) -> list[_Family]:
    agencies_of_text: dict[int, set[int]] = defaultdict(set)
    for m in measures:
        agencies_of_text[m.text].add(m.agency)
    weights = [len(agencies_of_text[i]) for i in range(len(texts))]
    progress("ตัดคำและจัดกลุ่ม", 0, len(texts))
    labels, centrality = cluster(texts, weights)
    progress("ตัดคำและจัดกลุ่ม", len(texts), len(texts))
    by_label: dict[int, list[_Measure]] = defaultdict(list)
    for m in measures:
        by_label[int(labels[m.text])].append(m)
    families = []
    for label, members in sorted(by_label.items()):
        text_ids = {m.text for m in members}
        shared = [t for t in text_ids if weights[t] >= MIN_SHARED]
        if not shared:
            continue  # only texts of one or two agencies: nothing shown could stay anonymous
        central = max(shared, key=lambda t: (centrality[t], weights[t], -t))
        sample = {m.text: m for m in members}
        name = sample[central].title
        # the name's own text first (a measure drafted from the family takes its methods)
        by_use = [central, *sorted(set(shared) - {central}, key=lambda t: (-weights[t], t))][:3]
        examples = [
            {"title": sample[t].title, "methods": [str(s) for s in sample[t].methods][:5]}
            for t in by_use
        ]
        addressed = Counter(i for m in members for i in m.indicators)
        indicators = sorted(i for i, c in addressed.items() if c >= MIN_SHARED)
        tools = Counter(m.tool for m in members if m.tool)
        families.append(
            _Family(
                label=label,
                members=members,
                name=name,
                key=hashlib.sha1(measure_text(*texts[central]).encode()).hexdigest()[:32],
                indicators=indicators,
                tool=tools.most_common(1)[0][0] if tools else "",
                examples=examples,
                agencies=len({m.agency for m in members}),
            )
        )
    return families


# effects ----------------------------------------------------------------------------------


@dataclass
class Estimate:
    estimate: float
    ci_low: float
    ci_high: float
    n_treated: int
    n_control: int


def did(
    treated: np.ndarray,
    change: np.ndarray,
    stratum: np.ndarray,
    agency: np.ndarray,
    *,
    seed: int = 0,
    replicates: int = REPLICATES,
    min_n: int = MIN_N,
) -> Estimate | None:
    """Stratified difference in differences of ``change`` between ``treated`` and the rest,
    with a Poisson bootstrap over agencies. ``None`` when either side has fewer than ``min_n``
    agencies in the strata that have both."""
    strata_t = set(np.unique(stratum[treated]).tolist())
    strata_c = set(np.unique(stratum[~treated]).tolist())
    common = np.isin(stratum, list(strata_t & strata_c))
    t_mask, c_mask = treated & common, ~treated & common
    n_t, n_c = len(np.unique(agency[t_mask])), len(np.unique(agency[c_mask]))
    if n_t < min_n or n_c < min_n:
        return None
    used = t_mask | c_mask
    s_codes, s_idx = np.unique(stratum[used], return_inverse=True)
    a_codes, a_idx = np.unique(agency[used], return_inverse=True)
    y, is_t = change[used], treated[used]
    k = len(s_codes)

    from scipy.sparse import csr_matrix

    # one sparse (units × strata) indicator per side: a replicate's weighted sums per stratum
    # are then one sparse product, whatever the number of strata
    sides = []
    for mask in (is_t, ~is_t):
        rows = np.flatnonzero(mask)
        one_hot = csr_matrix(
            (np.ones(len(rows)), (np.arange(len(rows)), s_idx[rows])), shape=(len(rows), k)
        )
        sides.append((rows, one_hot))

    def estimate(w: np.ndarray) -> np.ndarray:  # w: (R, units) -> (R,)
        totals = []
        for rows, one_hot in sides:
            part = w[:, rows]
            sums = (one_hot.T @ (part * y[rows]).T).T
            counts = (one_hot.T @ part.T).T
            totals.append((np.asarray(sums), np.asarray(counts)))
        (sum_t, n_t_), (sum_c, n_c_) = totals
        ok = (n_t_ > 0) & (n_c_ > 0)
        with np.errstate(invalid="ignore", divide="ignore"):
            gap = np.where(ok, sum_t / np.where(ok, n_t_, 1) - sum_c / np.where(ok, n_c_, 1), 0)
        weight = np.where(ok, n_t_, 0)
        return (gap * weight).sum(axis=1) / weight.sum(axis=1)

    point = float(estimate(np.ones((1, len(y))))[0])
    rng = np.random.default_rng(seed)
    draws = rng.poisson(1.0, size=(replicates, len(a_codes))).astype(float)[:, a_idx]
    boot = estimate(draws)
    boot = boot[np.isfinite(boot)]
    low, high = np.percentile(boot, [2.5, 97.5])
    return Estimate(round(point, 2), round(float(low), 2), round(float(high), 2), n_t, n_c)


def _levels(fine: np.ndarray) -> list[np.ndarray]:
    """The stratum codes of the units, finest first: (year, kind, band, overall band, other
    weaknesses), then (year, kind, band), then (year, band) — see :func:`effects`."""
    middle = fine // (100 * 1024)  # ((year * 100 + kind) * 100 + band)
    return [fine, middle, (middle // 10000) * 100 + middle % 100]


def matched(treated: np.ndarray, levels: list[np.ndarray]):
    """Each treated unit in the finest of ``levels`` where some control shares its stratum;
    with it, every control of that stratum (a control may serve at several levels: it is the
    same agency, with the same bootstrap weight). Returns (unit rows, stratum codes, treated
    flags) for :func:`did`; treated units with no control at any level are left out."""
    left = treated.copy()
    rows, codes = [], []
    for depth, level in enumerate(levels):
        if not left.any():
            break
        here = left & np.isin(level, level[~treated])
        if not here.any():
            continue
        controls = ~treated & np.isin(level, np.unique(level[here]))
        picked = np.concatenate([np.flatnonzero(here), np.flatnonzero(controls)])
        rows.append(picked)
        codes.append(level[picked] * len(levels) + depth)
        left &= ~here
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
    picked = np.concatenate(rows)
    return picked, np.concatenate(codes), treated[picked]


def _scores(chunk_size: int, progress: Progress):
    """{(agency, year, indicator): score}, {year: pass mark}, {agency: kind}, and
    {(agency, year): overall score}."""
    from prongsai.agencies.models import Agency
    from prongsai.assessments.models import Assessment, IndicatorScore
    from prongsai.criteria.models import CriteriaYear

    pass_mark = {
        y: float(p) for y, p in CriteriaYear.objects.values_list("fiscal_year", "pass_mark")
    }
    kinds = dict(Agency.objects.values_list("pk", "kind"))
    scores: dict[tuple[int, int, int], float] = {}
    qs = IndicatorScore.objects.filter(score__isnull=False).values_list(
        "assessment__agency_id", "assessment__fiscal_year", "indicator__number", "score"
    )
    total = IndicatorScore.objects.count()
    for n, (a, y, i, s) in enumerate(qs.iterator(chunk_size=chunk_size), 1):
        scores[(a, y, i)] = float(s)
        if n % (chunk_size * 10) == 0:
            progress("อ่านคะแนนรายตัวชี้วัด", n, total)
    progress("อ่านคะแนนรายตัวชี้วัด", total, total)
    overall = {
        (a, y): float(o)
        for a, y, o in Assessment.objects.filter(overall__isnull=False)
        .values_list("agency_id", "fiscal_year", "overall")
        .iterator(chunk_size=chunk_size)
    }
    return scores, pass_mark, kinds, overall


def _question_scores(numbers: set[int], chunk_size: int, progress: Progress):
    """The question scores of the indicators ``numbers``: {(year, code): (agency ids, sorted;
    scores)} and {(year, code): indicator number}. Kept as arrays: a few million scores."""
    from array import array

    from prongsai.assessments.models import QuestionScore
    from prongsai.criteria.models import Question

    indicator_of = {
        (y, c): n
        for y, c, n in Question.objects.filter(indicator__number__in=numbers).values_list(
            "year__fiscal_year", "code", "indicator__number"
        )
    }
    ids: dict[tuple[int, str], array] = defaultdict(lambda: array("q"))
    values: dict[tuple[int, str], array] = defaultdict(lambda: array("d"))
    qs = QuestionScore.objects.filter(question__indicator__number__in=numbers).values_list(
        "assessment__agency_id", "assessment__fiscal_year", "question__code", "score"
    )
    for n, (a, y, c, s) in enumerate(qs.iterator(chunk_size=chunk_size), 1):
        ids[(y, c)].append(a)
        values[(y, c)].append(float(s))
        if n % (chunk_size * 20) == 0:
            progress("อ่านคะแนนรายข้อ", n, n)
    table = {}
    for key, agency in ids.items():
        agency = np.frombuffer(agency, dtype=np.int64)
        order = np.argsort(agency, kind="stable")
        table[key] = (agency[order], np.frombuffer(values[key], dtype=float)[order])
    return table, indicator_of


def _lookup(table: dict, key, agencies: np.ndarray) -> np.ndarray:
    """The scores of ``agencies`` under ``key`` in a :func:`_question_scores` table (NaN: none)."""
    out = np.full(len(agencies), np.nan)
    found = table.get(key)
    if found is None or not len(found[0]):
        return out
    ids, values = found
    pos = np.minimum(np.searchsorted(ids, agencies), len(ids) - 1)
    hit = ids[pos] == agencies
    out[hit] = values[pos[hit]]
    return out


def _done_measures(chunk_size: int) -> set[int]:
    from prongsai.core.choices import ProgressStatus
    from prongsai.measures.models import MeasureProgress

    return set(
        MeasureProgress.objects.filter(round__round="12m", status=ProgressStatus.DONE)
        .values_list("measure_id", flat=True)
        .iterator(chunk_size=chunk_size)
    )


def effects(
    families: list[_Family],
    scores: dict,
    pass_mark: dict,
    kinds: dict,
    done: set[int],
    overall: dict | None = None,
    questions: tuple[dict, dict] | None = None,
    *,
    seed: int = 0,
    min_n: int = MIN_N,
    progress: Progress = _noop,
) -> dict[tuple[str, int, str], Estimate]:
    """Estimates keyed by (family key, indicator, question code — "" for the indicator).

    ``questions``: :func:`_question_scores` of the families' indicators. A question's units are
    the indicator's, where the question (its code under the same indicator) was asked both in
    the starting year and the next; its change is the question's score change."""
    kind_code = {k: n for n, k in enumerate(sorted({str(k) for k in kinds.values()}))}
    units_of: dict[int, tuple] = {}  # indicator -> (keys, change, stratum, agency, by question)
    q_table, q_indicator = questions or ({}, {})

    def units(indicator: int):
        if indicator not in units_of:
            keys, change, stratum, agency = [], [], [], []
            for (a, y, i), base in scores.items():
                if i != indicator or base >= pass_mark.get(y, 0):
                    continue
                after = scores.get((a, y + 1, i))
                if after is None:
                    continue
                keys.append((a, y + 1))
                change.append(after - base)
                band = int(base // BAND)
                whole = (overall or {}).get((a, y))
                whole_band = 99 if whole is None else int(whole // OVERALL_BAND)
                stratum.append(
                    (((y + 1) * 100 + kind_code[str(kinds.get(a))]) * 100 + band) * 100 + whole_band
                )
                agency.append(a)
            agency_arr = np.asarray(agency, dtype=np.int64)
            base_year = np.asarray([y - 1 for _a, y in keys], dtype=np.int64)
            by_question: dict[str, np.ndarray] = {}
            for (y, code), number in sorted(q_indicator.items()):
                if number != indicator or q_indicator.get((y + 1, code)) != indicator:
                    continue
                rows = np.flatnonzero(base_year == y)
                if not len(rows):
                    continue
                moved = _lookup(q_table, (y + 1, code), agency_arr[rows]) - _lookup(
                    q_table, (y, code), agency_arr[rows]
                )
                by_question.setdefault(code, np.full(len(keys), np.nan))[rows] = moved
            units_of[indicator] = (
                {k: n for n, k in enumerate(keys)},
                np.asarray(change, dtype=float),
                np.asarray(stratum, dtype=np.int64),
                agency_arr,
                by_question,
            )
        return units_of[indicator]

    out: dict[tuple[str, int, str], Estimate] = {}
    pairs = [(f, i) for f in families for i in f.indicators]
    for n, (family, indicator) in enumerate(pairs, 1):
        index, change, stratum, agency, by_question = units(indicator)
        # also alike in the other weaknesses the family addresses: agencies take a measure for
        # a weakness, and one weak on both indicators is not one weak on this one alone
        others = [j for j in family.indicators if j != indicator][:10]
        if others:
            profile = np.zeros(len(change), dtype=np.int64)
            for (a, y_next), row in index.items():
                y = y_next - 1
                for bit, j in enumerate(others):
                    if scores.get((a, y, j), 1e9) < pass_mark.get(y, 0):
                        profile[row] |= 1 << bit
        else:
            profile = 0
        levels = _levels(stratum * 1024 + profile)
        treated = np.zeros(len(change), dtype=bool)
        for m in family.members:
            if m.pk in done and indicator in m.indicators:
                row = index.get((m.agency, m.year))
                if row is not None:
                    treated[row] = True
        if treated.sum() >= min_n:
            rows, strata, flags = matched(treated, levels)
            found = did(
                flags, change[rows], strata, agency[rows], seed=seed + indicator, min_n=min_n
            )
            if found is not None:
                out[(family.key, indicator, "")] = found
                for code, moved in sorted(by_question.items()):
                    asked = ~np.isnan(moved)
                    if treated[asked].sum() < min_n:
                        continue
                    part = np.flatnonzero(asked)
                    rows, strata, flags = matched(treated[part], [lv[part] for lv in levels])
                    one = did(
                        flags,
                        moved[part][rows],
                        strata,
                        agency[part][rows],
                        seed=seed + indicator + zlib.crc32(code.encode()),
                        min_n=min_n,
                    )
                    if one is not None:
                        out[(family.key, indicator, code)] = one
        progress("ประมาณผลต่างของคะแนน", n, len(pairs))
    return out


# the whole job ----------------------------------------------------------------------------


def recompute(
    *,
    chunk_size: int = 5000,
    progress: Progress = _noop,
    seed: int = 0,
    min_n: int = MIN_N,
) -> RecomputeResult:
    """Rebuild every family and effect from the data (see the module docstring)."""
    from prongsai.dashboards.summaries import bump_version

    from .models import Effect, FamilyMember, MeasureFamily

    started = time.perf_counter()
    result = RecomputeResult()

    def lap(name: str, since: float) -> float:
        now = time.perf_counter()
        result.steps[name] = round(now - since, 2)
        return now

    t = started
    measures, texts = _read_measures(chunk_size, progress)
    result.measures, result.texts = len(measures), len(texts)
    t = lap("read_measures", t)
    families = build_families(measures, texts, progress)
    t = lap("families", t)
    scores, pass_mark, kinds, overall = _scores(chunk_size, progress)
    questions = _question_scores({i for f in families for i in f.indicators}, chunk_size, progress)
    done = _done_measures(chunk_size)
    t = lap("read_scores", t)
    found = effects(
        families,
        scores,
        pass_mark,
        kinds,
        done,
        overall,
        questions,
        seed=seed,
        min_n=min_n,
        progress=progress,
    )
    del questions
    t = lap("effects", t)
    now = timezone.now()
    with transaction.atomic():
        Effect.objects.all().delete()
        FamilyMember.objects.all()._raw_delete(FamilyMember.objects.db)
        MeasureFamily.objects.all().delete()
        rows = MeasureFamily.objects.bulk_create(
            [
                MeasureFamily(
                    name=f.name,
                    key=f.key,
                    indicator_numbers=f.indicators,
                    tool=f.tool,
                    examples=f.examples,
                    members_count=len(f.members),
                    agencies_count=f.agencies,
                    computed_at=now,
                )
                for f in families
            ],
            batch_size=chunk_size,
        )
        pk_of = {f.key: row.pk for f, row in zip(families, rows, strict=True)}
        if any(pk is None for pk in pk_of.values()):  # a database that returns no ids
            pk_of = dict(MeasureFamily.objects.values_list("key", "pk"))
        members = (
            FamilyMember(family_id=pk_of[f.key], measure_id=m.pk)
            for f in families
            for m in f.members
        )
        written = 0
        batch: list[FamilyMember] = []
        for member in members:
            batch.append(member)
            if len(batch) == chunk_size:
                FamilyMember.objects.bulk_create(batch)
                written += len(batch)
                batch = []
                progress("บันทึกกลุ่มมาตรการ", written, result.measures)
        FamilyMember.objects.bulk_create(batch)
        Effect.objects.bulk_create(
            [
                Effect(
                    family_id=pk_of[key],
                    indicator_number=indicator,
                    question_code=code,
                    estimate=e.estimate,
                    ci_low=e.ci_low,
                    ci_high=e.ci_high,
                    n_treated=e.n_treated,
                    n_control=e.n_control,
                    computed_at=now,
                )
                for (key, indicator, code), e in found.items()
            ],
            batch_size=chunk_size,
        )
        # the dashboards' version: every server's cached families × indicators table (and
        # roll-ups) expires when these rows commit
        bump_version()
    lap("write", t)
    result.families = len(families)
    result.effects = sum(1 for _k, _i, code in found if not code)
    result.question_effects = len(found) - result.effects
    result.seconds = round(time.perf_counter() - started, 1)
    return result
