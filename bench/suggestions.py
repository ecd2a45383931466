"""bench.suggestions — the whole recomputation of measure families and effects, timed.

    uv run python -m bench.suggestions [--agencies 8300] [--years 5] [--seed 1]

Loads a national data set with planted effects (``prongsai demo --national --planted-effects``,
on SQLite in bench/.data; kept when the same seed and size are already there), then runs
:func:`prongsai.suggestions.compute.recompute` — the function the queued job calls — in a child
process of its own and takes its wall time, CPU time and peak memory (max RSS). Also reports
whether each planted effect (the gain the generator delivered in expectation, printed by the
demo command and kept beside the database) was recovered within its interval.

Ends with one line of JSON, also written to bench/results/suggestions.json. Aim on 2 cores at
8,300 agencies × 5 years: under 10 minutes and under 2 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.common import report

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".data"
AIM_SECONDS, AIM_MB = 600, 2048

CHILD = r"""
import json, os, resource, sys, time
import django
django.setup()
from prongsai.suggestions.compute import recompute
from prongsai.suggestions.models import Effect, FamilyMember
from prongsai.demo.national import PLANTED_FAMILIES
from prongsai.measures.models import Measure

started, cpu = time.perf_counter(), time.process_time()
result = recompute(chunk_size=5000)
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
recovered = {}
delivered = json.loads(open(sys.argv[1], encoding="utf-8").read())
for index, planted in enumerate(PLANTED_FAMILIES):
    m = Measure.objects.filter(title=planted.titles[0]).first()
    family = FamilyMember.objects.get(measure=m).family_id if m else None
    for number in planted.addresses:
        e = Effect.objects.filter(family_id=family, indicator_number=number).first()
        gain = delivered.get(f"{index}:{number}", 0.0)
        recovered[f"{planted.titles[0][:24]}→{number}"] = None if e is None else {
            "nominal": planted.effects.get(number, 0.0), "planted": gain,
            "estimate": e.estimate, "ci": [e.ci_low, e.ci_high],
            "n": [e.n_treated, e.n_control], "within": e.ci_low <= gain <= e.ci_high,
        }
print("RESULT=" + json.dumps({
    "seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1),
    "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    "measures": result.measures, "texts": result.texts, "families": result.families,
    "effects": result.effects, "steps": result.steps, "recovered": recovered,
}, ensure_ascii=False))
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


def _manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "prongsai.cli", *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _load(env: dict, agencies: int, years: int, seed: int) -> dict:
    _manage(env, "migrate", "-v0")
    probe = _manage(
        env,
        "shell",
        "-c",
        "from prongsai.dashboards.models import GeneratedCountry as G; "
        "from prongsai.suggestions.models import MeasureFamily as F; "
        "g = G.objects.first(); print(f'country={g.agencies}:{g.seed}' if g else '')",
    )
    probe = next((x[8:] for x in probe.splitlines() if x.startswith("country=")), "")
    sidecar = WORK / f"suggestions-{agencies}.planted.json"
    if sidecar.exists() and (
        probe == f"{agencies}:{seed}"
        or (probe.endswith(f":{seed}") and abs(int(probe.split(":")[0]) - agencies) <= 1)
    ):
        return {"loaded": "kept"}
    started = time.perf_counter()
    out = _manage(
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=8300)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    env = _env(f"sqlite:///{WORK / f'suggestions-{args.agencies}.sqlite3'}")
    loaded = _load(env, args.agencies, args.years, args.seed)
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(WORK / f"suggestions-{args.agencies}.planted.json")],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    figures = json.loads(next(x[7:] for x in out.splitlines() if x.startswith("RESULT=")))
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
            "queue": "in-process (the job calls the same recompute)",
        },
    )


if __name__ == "__main__":
    main()
