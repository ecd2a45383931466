"""bench.dashboards — the dashboard pages under load, on SQLite and on PostgreSQL, in one run.

    uv run python -m bench.dashboards [--quick] [--agencies 8300] [--requests 400]

For each database: load the national data set (``prongsai demo --national``; kept when the same
seed and size are already there), serve the app with gunicorn on 127.0.0.1 with the shared
Redis cache (a database of its own, emptied first), sign in, visit each distinct path once, one
at a time (``cold_p50_ms``/``cold_p95_ms``: the cache empty), then put the same load on the floor
page (``/floor/``: the site frame of a signed-in user and nothing else), the agency dashboard, a
province roll-up and the national roll-up — Debian's ``wrk`` in its own process, 2 threads, 8
connections, ``--seconds`` per page split into 3 rounds interleaved with the other pages — and
take p50/p95 latency and requests/s (medians of the rounds), and each page's p95 as a ratio to
the floor's of the same round (``p95_over_floor``, the median). Agencies and provinces are
drawn at random (seeded). ``--quick`` uses 2,000 agencies and 6 s per page.

Ends with one line of JSON, also written to bench/results/dashboards.json. Aims on 2 cores:
agency dashboard and national roll-up p95 ≤ 1.5 × the floor's (``p95_over_floor``), and national
roll-up p95 ≤ 150 ms, agency dashboard p95 ≤ 50 ms, on both databases.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from bench.common import manage, report

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".data"
HOST, PORT = "127.0.0.1", 8061
# the cache every worker shares, as in a deployment (docs/deploy.md): Redis, a database of its
# own (bench.bulk uses 11, the tests 12 and 13), emptied before each database's run
CACHE_URL = "redis://127.0.0.1:6379/10"
CLIENTS = 8
DATABASES = {
    "sqlite": f"sqlite:///{WORK / 'dashboards.sqlite3'}",
    "postgresql": "postgres://postgres@127.0.0.1:5432/prongsai_dash_bench",
}
ROUNDS = 3  # each page's load in this many turns, interleaved with the others'
AIMS_MS = {"agency": 50, "nation": 150}
AIM_OVER_FLOOR = 1.5  # a dashboard's p95 against the floor page's, under the same load


def _median(values) -> float:
    v = sorted(values)
    return (v[(len(v) - 1) // 2] + v[len(v) // 2]) / 2


def _env(url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "PRONGSAI_DEBUG": "0",
        "PRONGSAI_ALLOWED_HOSTS": HOST,
        "PRONGSAI_DATA_DIR": str(WORK),
        "PRONGSAI_REDIS_URL": CACHE_URL,
    }


def _empty_cache() -> None:
    import redis

    redis.Redis.from_url(CACHE_URL).flushdb()


def _ensure_postgres_db() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        if not c.execute(
            "SELECT 1 FROM pg_database WHERE datname='prongsai_dash_bench'"
        ).fetchone():
            c.execute("CREATE DATABASE prongsai_dash_bench")


def _load(env: dict, agencies: int, seed: int) -> dict:
    """Migrate and load the country unless the same one is there. Returns the load figures."""
    manage(env, "migrate", "-v0")
    probe = manage(
        env,
        "shell",
        "-c",
        "from prongsai.dashboards.models import GeneratedCountry as G; "
        "g = G.objects.first(); print(f'country={g.agencies}:{g.seed}' if g else '')",
    )
    probe = next((x[8:] for x in probe.splitlines() if x.startswith("country=")), "")
    if probe.endswith(f":{seed}") and abs(int(probe.split(":")[0]) - agencies) <= 1:
        return {"loaded": "kept"}
    started = time.perf_counter()
    manage(env, "demo", "--national", f"--agencies={agencies}", f"--seed={seed}", "--replace")
    return {"loaded": "generated", "load_seconds": round(time.perf_counter() - started, 1)}


def _targets(env: dict, n: int, seed: int) -> dict:
    out = manage(
        env,
        "shell",
        "-c",
        "import json; from prongsai.dashboards.models import AgencyYear as A; "
        "y = A.objects.exclude(overall=None).order_by('-fiscal_year')[0].fiscal_year; "
        "print(json.dumps({'year': y, "
        "'agencies': list(A.objects.filter(fiscal_year=y).values_list('agency_id', flat=True)), "
        "'provinces': sorted(set(A.objects.filter(fiscal_year=y)"
        ".values_list('province_id', flat=True)))}))",
    )
    data = json.loads(out.strip().splitlines()[-1])
    rng = random.Random(seed)
    return {
        "floor": ["/floor/"] * n,
        "agency": [f"/dashboards/agency/{rng.choice(data['agencies'])}/" for _ in range(n)],
        "province": [f"/dashboards/province/{rng.choice(data['provinces'])}/" for _ in range(n)],
        "nation": [
            f"/dashboards/?page={rng.choice((1, 1, 1, 2, 3))}&sort={rng.choice(('rank', 'low'))}"
            for _ in range(n)
        ],
    }


def _serve(env: dict, workers: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "prongsai.wsgi:application",
            f"--bind={HOST}:{PORT}",
            f"--workers={workers}",
            "--log-level=warning",
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    for _ in range(300):  # until a worker has booted and answers
        try:
            conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
            conn.request("GET", "/accounts/login/")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("gunicorn did not start")


def _login(env: dict) -> str:
    conn = http.client.HTTPConnection(HOST, PORT, timeout=60)
    conn.request("GET", "/accounts/login/")
    resp = conn.getresponse()
    body = resp.read().decode()
    csrf = re.search(r"csrftoken=([^;]+)", resp.getheader("Set-Cookie")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    form = urllib.parse.urlencode(
        {"username": "demo", "password": "prongsai-demo", "csrfmiddlewaretoken": token}
    )
    conn = http.client.HTTPConnection(HOST, PORT, timeout=60)
    conn.request(
        "POST",
        "/accounts/login/",
        form,
        {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}"},
    )
    resp = conn.getresponse()
    resp.read()
    session = re.search(r"sessionid=([^;]+)", resp.getheader("Set-Cookie") or "")
    if not session:
        raise RuntimeError("could not sign in as the demo user")
    return f"sessionid={session.group(1)}"


def _get(path: str, cookie: str) -> float:
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
    conn.request("GET", path, headers={"Cookie": cookie})
    resp = conn.getresponse()
    resp.read()
    conn.close()
    if resp.status != 200:
        raise RuntimeError(f"{path}: HTTP {resp.status}")
    return time.perf_counter() - started


WRK_SCRIPT = """
local paths = {%(paths)s}
local cookie = "%(cookie)s"
local threads, i = 0, 0
setup = function(thread)
  thread:set("first", threads * 37)
  threads = threads + 1
end
init = function(args) i = first end
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i], {["Cookie"] = cookie})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests": %%d, "errors": %%d, "p50_us": %%d, "p95_us": %%d, "seconds": %%f}\\n',
    summary.requests, e.status + e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), summary.duration / 1e6))
end
"""


def _wrk() -> str:
    """Debian's wrk (a load generator in its own process, written in C): installed when missing
    and root, as the set-up installs the rest."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            capture_output=True,
        )
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("bench.dashboards: needs wrk (apt-get install wrk, as root)")
    return found


def _run(paths: list[str], cookie: str, seconds: float) -> dict:
    """``paths`` in turn from CLIENTS connections of wrk (2 threads, its own process) for
    ``seconds``: latency percentiles (ms) and requests/s. Every answer must be a 200."""
    script = WORK / "wrk.lua"
    script.write_text(
        WRK_SCRIPT % {"paths": ", ".join(json.dumps(p) for p in paths), "cookie": cookie}
    )
    out = subprocess.run(
        [
            _wrk(),
            "-t2",
            f"-c{CLIENTS}",
            f"-d{seconds}s",
            "--timeout=30s",
            "-s",
            str(script),
            f"http://{HOST}:{PORT}",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("WRK "))
    data = json.loads(line[4:])
    if data["errors"]:
        raise RuntimeError(f"{paths[0]}…: {data['errors']} of {data['requests']} not a 200")
    return {
        "requests": data["requests"],
        "p50_ms": round(data["p50_us"] / 1000, 1),
        "p95_ms": round(data["p95_us"] / 1000, 1),
        "rps": round(data["requests"] / data["seconds"], 1),
    }


def bench_database(
    name: str, agencies: int, requests: int, seed: int, workers: int, seconds: float
) -> dict:
    url = DATABASES[name]
    if name == "postgresql":
        _ensure_postgres_db()
    env = _env(url)
    figures = {**_load(env, agencies, seed)}
    targets = _targets(env, requests, seed)
    _empty_cache()
    server = _serve(env, workers)
    try:
        cookie = _login(env)
        for page, paths in targets.items():
            # first visits, one at a time: each distinct path once (the shared cache empty),
            # then every worker's connections warmed; the load then measures the steady state
            cold = sorted(_get(path, cookie) for path in dict.fromkeys(paths))
            for path in [paths[0]] * (2 * workers):
                _get(path, cookie)
            figures[page] = {
                "paths": len(cold),
                "cold_p50_ms": round(1000 * cold[len(cold) // 2], 1),
                "cold_p95_ms": round(1000 * cold[int(0.95 * (len(cold) - 1))], 1),
            }
        # the pages in turn, ROUNDS times (the machine is shared: a busy moment then falls on
        # every page alike); each figure is the median of the rounds', each ratio the median
        # of the rounds' ratios to the floor of the same round
        runs = {page: [] for page in targets}
        for _ in range(ROUNDS):
            for page, paths in targets.items():
                runs[page].append(_run(paths, cookie, max(1, round(seconds / ROUNDS))))
        for page in targets:
            figures[page] |= {
                "requests": sum(r["requests"] for r in runs[page]),
                **{
                    k: round(_median(r[k] for r in runs[page]), 1)
                    for k in ("p50_ms", "p95_ms", "rps")
                },
                "p95_over_floor": round(
                    _median(
                        r["p95_ms"] / f["p95_ms"]
                        for r, f in zip(runs[page], runs["floor"], strict=True)
                    ),
                    2,
                ),
            }
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 agencies, fewer requests")
    parser.add_argument("--agencies", type=int, help="size of the country (default 8300)")
    parser.add_argument("--requests", type=int, help="different paths per page (drawn at random)")
    parser.add_argument("--seconds", type=float, help="load per page and database (wrk -d)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    agencies = args.agencies or (2000 if args.quick else 8300)
    requests = args.requests or (160 if args.quick else 480)
    seconds = args.seconds or (6 if args.quick else 15)
    (WORK / "static").mkdir(parents=True, exist_ok=True)  # STATIC_ROOT (served by WhiteNoise)
    results = {}
    for name in args.databases.split(","):
        print(f"… {name}", file=sys.stderr)
        results[name] = bench_database(name, agencies, requests, args.seed, args.workers, seconds)
    met = {
        f"{db}.{page}": figures[page]["p95_ms"] <= aim
        for db, figures in results.items()
        for page, aim in AIMS_MS.items()
    }
    met |= {
        f"{db}.{page}.p95_over_floor": figures[page]["p95_over_floor"] <= AIM_OVER_FLOOR
        for db, figures in results.items()
        for page in AIMS_MS
    }
    report(
        "dashboards",
        {
            "agencies": agencies,
            "clients": CLIENTS,
            "gunicorn_workers": args.workers,
            "databases": results,
            "load": f"wrk, 2 threads, {CLIENTS} connections, {seconds} s per page"
            f" in {ROUNDS} interleaved rounds",
            "cache": CACHE_URL.split("://", 1)[0],
            "aims_p95_ms": AIMS_MS,
            "aim_p95_over_floor": AIM_OVER_FLOOR,
            "aims_met": met,
        },
    )


if __name__ == "__main__":
    main()
