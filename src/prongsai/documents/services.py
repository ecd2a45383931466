"""What publishing asks: a document's content hash and what an approved memo publishes. (The
publishing itself is the action :func:`prongsai.documents.actions.document_publish`.)"""

from __future__ import annotations

import hashlib
import json

from prongsai.agencies.models import Agency


def content_hash(document: dict) -> str:
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def memo_document(memo) -> tuple[str, Agency, int, str | None]:
    """What an approved memo publishes: (kind, agency, year, round)."""
    if memo.round_id:
        return "progress", memo.agency, memo.round.plan.fiscal_year, memo.round.round
    if memo.plan_id:
        return "plan", memo.agency, memo.plan.fiscal_year, None
    return "analysis", memo.agency, memo.analysis.fiscal_year, None
