"""What an analysis's approval covers: its findings, narratives and constraints, and the scores
it was drawn from. The memo that carries the analysis hashes this, so a change to any of it —
the scores included — voids the approval (and the freeze rule refuses such changes anyway)."""

from __future__ import annotations

import hashlib
import json

from prongsai.assessments.actions import score_parts


def content_parts(analysis) -> dict:
    return {
        "findings": list(
            analysis.findings.order_by("issue_number", "tool").values_list(
                "issue_number", "tool", "verdict", "recommendation"
            )
        ),
        "narratives": list(
            analysis.narratives.order_by("issue_number").values_list("issue_number", "text")
        ),
        "constraints": [
            analysis.constraint_staff,
            analysis.constraint_budget,
            analysis.constraint_technology,
            analysis.constraint_area,
            analysis.constraint_economy,
        ],
        "scores": score_parts(analysis.assessment),
    }


def content_hash(analysis) -> str:
    text = json.dumps(content_parts(analysis), ensure_ascii=False, default=str, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
