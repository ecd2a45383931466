"""What every benchmark shares: the machine it ran on and where its figures go."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from pathlib import Path

RESULTS = Path(__file__).parent / "results"


def machine() -> dict:
    try:
        with open("/proc/meminfo") as f:
            mem_kb = int(f.readline().split()[1])
    except OSError:
        mem_kb = 0
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            names = (line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
            cpu = next(names, "")
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(mem_kb / 1024 / 1024, 1),
        "cpu": cpu,
        "python": platform.python_version(),
    }


def report(name: str, figures: dict) -> None:
    """Print one line of JSON and write the same to bench/results/<name>.json."""
    data = {"bench": name, **figures, "machine": machine()}
    line = json.dumps(data, ensure_ascii=False)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(line + "\n", encoding="utf-8")
    sys.stdout.write(line + "\n")


def manage(env: dict, *args: str) -> str:
    """``prongsai ARGS`` in a child process with ``env`` (its own database, cache…): stdout."""
    return subprocess.run(
        [sys.executable, "-m", "prongsai.cli", *args],
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
