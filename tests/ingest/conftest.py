import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
EXPECTED = FIXTURES / "expected"
SEED_IDS = [path.name[:3] for path in SEEDS]

# The keys of the stable JSON shape, and of each measure in it.
CORE_KEYS = (
    "file",
    "kind",
    "agency",
    "fiscal_year",
    "round",
    "overall_score",
    "indicator_scores",
    "question_scores",
    "measures",
    "warnings",
)
MEASURE_KEYS = (
    "title",
    "methods",
    "responsible",
    "period_start",
    "period_end",
    "result",
    "outcome",
    "suggestion",
    "kpi",
)


def seed_path(seed: str) -> Path:
    return next(path for path in SEEDS if path.name.startswith(seed))


def core(json_result: dict) -> dict:
    """Only the keys of the stable shape (extra detail left out)."""
    out = {key: json_result[key] for key in CORE_KEYS}
    out["measures"] = [
        {
            **{key: m[key] for key in MEASURE_KEYS},
            "kpi": {k: m["kpi"][k] for k in ("target", "actual", "percent")},
        }
        for m in json_result["measures"]
    ]
    return out


def expected_for(seed: str) -> dict:
    path = EXPECTED / f"{seed_path(seed).stem}.json"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def seed_bytes():
    def read(seed: str) -> bytes:
        return seed_path(seed).read_bytes()

    return read
