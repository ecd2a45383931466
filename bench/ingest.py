"""bench.ingest — how well and how fast the importer reads the five seed documents.

    uv run python -m bench.ingest [--seconds 3]

Field-level accuracy against the hand-checked expected results in tests/fixtures/expected/,
for each format (the seeds as text, and the same content written as DOCX and as PDF), and
throughput on one core (documents/s and MB/s) per format. Ends with one line of JSON, also
written to bench/results/ingest.json. Aim: ≥ 98 % field accuracy; ≥ 100 text documents/s.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings")

from tests.ingest.builders import docx_from_document, pdf_from_document

from bench.common import report
from prongsai.ingest.reader import read_document
from prongsai.ingest.result import to_json

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
EXPECTED = ROOT / "tests" / "fixtures" / "expected"
MEASURE_FIELDS = (
    "title",
    "methods",
    "responsible",
    "period_start",
    "period_end",
    "result",
    "outcome",
    "suggestion",
)


def fields(data: dict) -> dict[str, object]:
    """Every field of the stable JSON shape, flattened to a path → value."""
    out: dict[str, object] = {
        "kind": data["kind"],
        "fiscal_year": data["fiscal_year"],
        "round": data["round"],
        "overall_score": data["overall_score"],
    }
    out |= {f"agency.{k}": v for k, v in (data["agency"] or {}).items()}
    out |= {f"indicator.{k}": v for k, v in (data["indicator_scores"] or {}).items()}
    out |= {f"question.{k}": v for k, v in (data["question_scores"] or {}).items()}
    for n, m in enumerate(data["measures"] or []):
        out |= {f"measure{n}.{k}": _norm(m.get(k)) for k in MEASURE_FIELDS}
        kpi = m.get("kpi") or {}
        out |= {f"measure{n}.kpi.{k}": kpi.get(k) for k in ("target", "actual", "percent")}
    return out


def _norm(value):
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [" ".join(str(v).split()) for v in value]
    return value


def accuracy(read: dict[str, dict]) -> tuple[int, int, list[str]]:
    right = total = 0
    wrong: list[str] = []
    for stem, got in read.items():
        expected = fields(json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8")))
        actual = fields(got)
        for key, value in expected.items():
            total += 1
            if actual.get(key) == value:
                right += 1
            else:
                wrong.append(f"{stem}:{key}")
        total += len(set(actual) - set(expected))  # a field read that is not there is wrong too
        wrong += [f"{stem}:{k} (extra)" for k in set(actual) - set(expected)]
    return right, total, wrong


def throughput(files: list[tuple[str, bytes]], seconds: float) -> dict:
    count = size = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for name, data in files:
            read_document(data, name)
            count += 1
            size += len(data)
    elapsed = time.perf_counter() - start
    return {"docs_per_s": round(count / elapsed, 1), "mb_per_s": round(size / elapsed / 1e6, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per format")
    args = parser.parse_args()

    formats: dict[str, list[tuple[str, str, bytes]]] = {"text": [], "docx": [], "pdf": []}
    for path in sorted(SEEDS.glob("*.txt")):
        raw = path.read_bytes()
        document = read_document(raw, path.name).document
        formats["text"].append((path.stem, path.name, raw))
        formats["docx"].append((path.stem, path.stem + ".docx", docx_from_document(document)))
        formats["pdf"].append((path.stem, path.stem + ".pdf", pdf_from_document(document)))

    figures: dict[str, object] = {}
    for fmt, files in formats.items():
        read = {stem: to_json(read_document(data, name)) for stem, name, data in files}
        right, total, wrong = accuracy(read)
        figures[fmt] = {
            "field_accuracy_pct": round(100 * right / total, 2),
            "fields": total,
            "wrong": wrong[:12],
            **throughput([(name, data) for _, name, data in files], args.seconds),
        }
    figures["aim"] = {"field_accuracy_pct": 98, "text_docs_per_s": 100}
    report("ingest", figures)


if __name__ == "__main__":
    main()
