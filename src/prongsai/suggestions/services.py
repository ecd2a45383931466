"""A measure drafted from a family (the rule; the view calls the measures actions)."""

from __future__ import annotations

from prongsai.measures.actions import MeasureData

from .models import MeasureFamily


def measure_from(family: MeasureFamily, indicator: int) -> MeasureData:
    """The family's name as the title, the methods of its first example, the indicator."""
    methods = list(family.examples[0]["methods"]) if family.examples else []
    return MeasureData(
        title=family.name,
        tool=family.tool if family.tool in ("IIT", "EIT", "OIT") else "",
        methods=[str(m) for m in methods],
        indicator_numbers=[indicator],
    )


def form_token(family: MeasureFamily, indicator: int) -> str:
    """The same suggestion added twice is one measure (measure_save's form token)."""
    return f"suggest-{family.key[:40]}-{indicator}"
