"""bench.suggestions — the whole recomputation of measure families and effects, timed.

    uv run python -m bench.suggestions [--agencies 8300] [--years 5] [--seed 1] [--in-process]

Loads a national data set with planted effects (``prongsai demo --national --planted-effects``,
on SQLite in bench/.data; kept when the same seed and size are already there), then sends the
job through the queue as production does: a real ``celery -A prongsai.queue worker`` process
(solo pool) on Redis (DB 12, flushed first), ``prongsai suggestions refresh --queue`` to
enqueue. Wall time runs from just before the enqueue command to the moment the new families are
committed (polled in the database); peak memory is the worker process's high-water mark
(``VmHWM`` in /proc, which includes the worker's own start-up). ``--in-process`` instead runs
:func:`prongsai.suggestions.compute.recompute` in a child process of its own (max RSS).

Then reports whether each planted effect — the gain the done planted measures really added
(printed by the demo command and kept beside the database), per indicator and per question —
lies within its interval, and where none was planted whether any estimate is significant.

Ends with one line of JSON, also written to bench/results/suggestions.json. Aim on 2 cores at
8,300 agencies × 5 years: under 10 minutes and under 2 GB.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import manage, report

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".data"
AIM_SECONDS, AIM_MB = 600, 2048
REDIS_URL = "redis://127.0.0.1:6379/12"  # a database of its own (tests/queue: 13, bench.bulk: 11)

CHILD = r"""
import json, resource, sys, time
import django
django.setup()
from prongsai.suggestions.compute import recompute

started, cpu = time.perf_counter(), time.process_time()
result = recompute(chunk_size=5000)
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
print("RESULT=" + json.dumps({
    "seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1),
    "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    "measures": result.measures, "texts": result.texts, "families": result.families,
    "effects": result.effects, "question_effects": result.question_effects,
    "steps": result.steps,
}, ensure_ascii=False))
"""

RECOVERED = r"""
import json, sys
import django
django.setup()
from prongsai.suggestions.models import Effect, FamilyMember
from prongsai.demo.national import PLANTED_FAMILIES
from prongsai.measures.models import Measure

delivered = json.loads(open(sys.argv[1], encoding="utf-8").read())
indicators, questions = {}, {"estimates": 0, "within": 0, "planted": 0, "significant_unplanted": 0}
for index, planted in enumerate(PLANTED_FAMILIES):
    m = Measure.objects.filter(title=planted.titles[0]).first()
    family = FamilyMember.objects.get(measure=m).family_id if m else None
    for e in Effect.objects.filter(family_id=family):
        key = f"{index}:{e.indicator_number}" + (f":{e.question_code}" if e.question_code else "")
        gain = delivered.get(key, 0.0)
        within = e.ci_low <= gain <= e.ci_high
        if e.question_code:
            questions["estimates"] += 1
            questions["within"] += within
            questions["planted"] += bool(gain)
            questions["significant_unplanted"] += not gain and e.significant
            continue
        indicators[f"{planted.titles[0][:24]}→{e.indicator_number}"] = {
            "nominal": planted.effects.get(e.indicator_number, 0.0), "planted": gain,
            "estimate": e.estimate, "ci": [e.ci_low, e.ci_high],
            "n": [e.n_treated, e.n_control], "within": within,
            "significant": e.significant,
            # how many standard errors (the interval's width / 3.92) the estimate is off
            "z": round((e.estimate - gain) / max((e.ci_high - e.ci_low) / 3.92, 1e-9), 2),
        }
print("RESULT=" + json.dumps({"recovered": indicators, "questions": questions}, ensure_ascii=False))
"""


def _env(url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "prongsai.settings",
        "PRONGSAI_DEBUG": "0",
        "PRONGSAI_DATA_DIR": str(WORK),
        "PYTHAINLP_DATA": os.environ.get("PYTHAINLP_DATA", str(ROOT / "data" / "pythainlp")),
    }


def _sidecar(agencies: int, work: Path = WORK):
    # the gains the done planted measures really added (per indicator and question)
    return work / f"suggestions-{agencies}.delivered.json"


def _load(env: dict, agencies: int, years: int, seed: int, work: Path = WORK) -> dict:
    manage(env, "migrate", "-v0")
    probe = manage(
        env,
        "shell",
        "-c",
        "from prongsai.dashboards.models import GeneratedCountry as G; "
        "from prongsai.suggestions.models import MeasureFamily as F; "
        "g = G.objects.first(); print(f'country={g.agencies}:{g.seed}' if g else '')",
    )
    probe = next((x[8:] for x in probe.splitlines() if x.startswith("country=")), "")
    sidecar = _sidecar(agencies, work)
    if sidecar.exists() and (
        probe == f"{agencies}:{seed}"
        or (probe.endswith(f":{seed}") and abs(int(probe.split(":")[0]) - agencies) <= 1)
    ):
        return {"loaded": "kept"}
    started = time.perf_counter()
    out = manage(
        env,
        "demo",
        "--national",
        "--planted-effects",
        f"--agencies={agencies}",
        f"--years={years}",
        f"--seed={seed}",
        "--replace",
        "-v0",
    )
    planted = next(x[8:] for x in out.splitlines() if x.startswith("planted="))
    sidecar.write_text(planted, encoding="utf-8")
    return {"loaded": "generated", "load_seconds": round(time.perf_counter() - started, 1)}


def _child(env: dict, script: str, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", script, *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(next(x[7:] for x in out.splitlines() if x.startswith("RESULT=")))


def _latest(db: Path) -> str:
    conn = sqlite3.connect(db, timeout=30)
    try:
        row = conn.execute("SELECT max(computed_at) FROM suggestions_measurefamily").fetchone()
        return row[0] or ""
    finally:
        conn.close()


def _memory(pid: int) -> dict:
    """The process's resident memory now and its high-water mark (MB), from /proc."""
    figures = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            figures[name] = round(int(value.split()[0]) / 1024)
    return figures


def _through_queue(env: dict, db: Path) -> dict:
    """One real worker on Redis DB 12; the job enqueued by the CLI; done when the new families
    are committed."""
    import redis
    from tests.queue.conftest import QueueSite

    redis.Redis.from_url(REDIS_URL).flushdb()
    with tempfile.TemporaryDirectory(prefix="prongsai-bench-suggestions-") as tmp:
        site = QueueSite(Path(tmp))
        site.env.update(env)
        site.env.update(
            {
                "PRONGSAI_REDIS_URL": REDIS_URL,
                "PRONGSAI_QUEUE_VISIBILITY_TIMEOUT": "3600",  # longer than the job
                "PRONGSAI_QUEUE_EAGER": "0",
                "PRONGSAI_LOG_FORMAT": "plain",
            }
        )
        try:
            worker = site.start_worker("bench")
            idle = _memory(worker.pid)
            before = _latest(db)
            started = time.perf_counter()
            site.prongsai("suggestions", "refresh", "--queue")
            while _latest(db) == before:
                if worker.poll() is not None:
                    raise SystemExit("the worker died:\n" + _log_tail(tmp))
                if time.perf_counter() - started > 3 * AIM_SECONDS:
                    raise SystemExit("the job did not finish in 30 minutes")
                time.sleep(0.25)
            seconds = time.perf_counter() - started
            peak = _memory(worker.pid)
            time.sleep(1)  # the task's closing log line
            done = next(
                (
                    ast.literal_eval(line.split("suggestions.refresh done ", 1)[1])
                    for line in _log_tail(tmp).splitlines()
                    if "suggestions.refresh done " in line
                ),
                {},
            )
        finally:
            site.close()
            redis.Redis.from_url(REDIS_URL).flushdb()
    return {
        "seconds": round(seconds, 1),
        "max_rss_mb": peak["VmHWM"],
        "worker_idle_rss_mb": idle["VmRSS"],
        "task_seconds": done.get("seconds"),
        "families": done.get("families"),
        "effects": done.get("effects"),
        "question_effects": done.get("question_effects"),
        "steps": done.get("steps"),
        "queue": f"celery worker (solo pool) on {REDIS_URL}",
    }


def _log_tail(tmp: str) -> str:
    return (Path(tmp) / "worker-bench.log").read_text(errors="replace")[-20000:]


def _calibrate(args) -> None:
    """The same country generator with seeds 1..N (``--agencies``, say 2000): for each planted
    family × indicator the estimate's distance to the planted gain in standard errors, and how
    many intervals hold it — whether the intervals are as wide as they should be."""
    work = WORK / "calibrate"
    work.mkdir(parents=True, exist_ok=True)
    env = _env(f"sqlite:///{work / f'suggestions-{args.agencies}.sqlite3'}")
    env["PRONGSAI_DATA_DIR"] = str(work)
    z, within, questions = {}, 0, {"estimates": 0, "within": 0}
    for seed in range(1, args.calibrate + 1):
        _load(env, args.agencies, args.years, seed, work)
        _child(env, CHILD)
        found = _child(env, RECOVERED, str(_sidecar(args.agencies, work)))
        for key, e in found["recovered"].items():
            z.setdefault(key, []).append(e["z"])
            within += e["within"]
        for k in questions:
            questions[k] += found["questions"][k]
    every = [v for vs in z.values() for v in vs]
    mean = sum(every) / len(every)
    sd = (sum((v - mean) ** 2 for v in every) / max(len(every) - 1, 1)) ** 0.5
    report(
        "suggestions_calibration",
        {
            "agencies": args.agencies,
            "years": args.years,
            "seeds": args.calibrate,
            "z": z,
            "z_mean": round(mean, 2),
            "z_sd": round(sd, 2),
            "indicator_within": [within, len(every)],
            "question_within": [questions["within"], questions["estimates"]],
        },
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=8300)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--in-process", action="store_true", help="run recompute in a child process, no queue"
    )
    parser.add_argument(
        "--calibrate",
        type=int,
        metavar="N",
        help="instead: countries of seeds 1..N (in-process): how often the intervals hold",
    )
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    if args.calibrate:
        return _calibrate(args)
    db = WORK / f"suggestions-{args.agencies}.sqlite3"
    env = _env(f"sqlite:///{db}")
    loaded = _load(env, args.agencies, args.years, args.seed)
    if args.in_process:
        figures = {**_child(env, CHILD), "queue": "none (--in-process: recompute in a child)"}
    else:
        figures = _through_queue(env, db)
    figures.update(_child(env, RECOVERED, str(_sidecar(args.agencies))))
    report(
        "suggestions",
        {
            "agencies": args.agencies,
            "years": args.years,
            "database": "sqlite",
            **loaded,
            **figures,
            "aims": {"seconds": AIM_SECONDS, "max_rss_mb": AIM_MB},
            "aims_met": figures["seconds"] <= AIM_SECONDS and figures["max_rss_mb"] <= AIM_MB,
        },
    )


if __name__ == "__main__":
    main()
