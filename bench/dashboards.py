"""bench.dashboards — the dashboard pages under load, on SQLite and on PostgreSQL, in one run.

    uv run python -m bench.dashboards [--quick] [--agencies 8300] [--requests 400]

For each database: load the national data set (``prongsai demo --national``; kept when the same
seed and size are already there), serve the app with gunicorn on 127.0.0.1, sign in, warm up,
then for the agency dashboard, a province roll-up and the national roll-up send a bounded number
of requests from 8 concurrent clients (threads) and take p50/p95 latency and requests/s. Agencies
and provinces are drawn at random (seeded) so caches do not make every request the same.
``--quick`` uses 2,000 agencies and fewer requests (about a minute once loaded).

Ends with one line of JSON, also written to bench/results/dashboards.json. Aim on 2 cores:
national roll-up p95 ≤ 150 ms, agency dashboard p95 ≤ 50 ms, on both databases.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from bench.common import report

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".data"
HOST, PORT = "127.0.0.1", 8061
CLIENTS = 8
DATABASES = {
    "sqlite": f"sqlite:///{WORK / 'dashboards.sqlite3'}",
    "postgresql": "postgres://postgres@127.0.0.1:5432/prongsai_dash_bench",
}
AIMS_MS = {"agency": 50, "nation": 150}


def _env(url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "PRONGSAI_DEBUG": "0",
        "PRONGSAI_ALLOWED_HOSTS": HOST,
        "PRONGSAI_DATA_DIR": str(WORK),
    }


def _manage(env: dict, *args: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "prongsai.cli", *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout


def _ensure_postgres_db() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        if not c.execute(
            "SELECT 1 FROM pg_database WHERE datname='prongsai_dash_bench'"
        ).fetchone():
            c.execute("CREATE DATABASE prongsai_dash_bench")


def _load(env: dict, agencies: int, seed: int) -> dict:
    """Migrate and load the country unless the same one is there. Returns the load figures."""
    _manage(env, "migrate", "-v0")
    probe = _manage(
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
    _manage(env, "demo", "--national", f"--agencies={agencies}", f"--seed={seed}", "--replace")
    return {"loaded": "generated", "load_seconds": round(time.perf_counter() - started, 1)}


def _targets(env: dict, n: int, seed: int) -> dict:
    out = _manage(
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


def _run(paths: list[str], cookie: str) -> dict:
    """Send ``paths`` from CLIENTS threads; latency percentiles (ms) and requests/s."""
    latencies: list[float] = []
    lock = threading.Lock()
    queue = list(reversed(paths))

    def client():
        while True:
            with lock:
                if not queue:
                    return
                path = queue.pop()
            took = _get(path, cookie)
            with lock:
                latencies.append(took)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return round(1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1)

    return {
        "requests": len(latencies),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "rps": round(len(latencies) / wall, 1),
    }


def bench_database(name: str, agencies: int, requests: int, seed: int, workers: int) -> dict:
    url = DATABASES[name]
    if name == "postgresql":
        _ensure_postgres_db()
    env = _env(url)
    figures = {**_load(env, agencies, seed)}
    targets = _targets(env, requests, seed)
    server = _serve(env, workers)
    try:
        cookie = _login(env)
        for paths in targets.values():  # warm every worker's cache and connections
            for path in paths[: 4 * workers] + [paths[0]] * (2 * workers):
                _get(path, cookie)
        for page, paths in targets.items():
            figures[page] = _run(paths, cookie)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 agencies, fewer requests")
    parser.add_argument("--agencies", type=int, help="size of the country (default 8300)")
    parser.add_argument("--requests", type=int, help="requests per page and database")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    agencies = args.agencies or (2000 if args.quick else 8300)
    requests = args.requests or (160 if args.quick else 480)
    WORK.mkdir(parents=True, exist_ok=True)
    results = {}
    for name in args.databases.split(","):
        print(f"… {name}", file=sys.stderr)
        results[name] = bench_database(name, agencies, requests, args.seed, args.workers)
    met = {
        f"{db}.{page}": figures[page]["p95_ms"] <= aim
        for db, figures in results.items()
        for page, aim in AIMS_MS.items()
    }
    report(
        "dashboards",
        {
            "agencies": agencies,
            "clients": CLIENTS,
            "gunicorn_workers": args.workers,
            "databases": results,
            "aims_p95_ms": AIMS_MS,
            "aims_met": met,
        },
    )


if __name__ == "__main__":
    main()
