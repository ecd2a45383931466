"""Laying Thai text out in a terminal: vowels above/below and tone marks take no column."""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    """Columns the text takes: combining marks (Mn, e.g. ิ ี ่ ้) take none."""
    return sum(0 if unicodedata.category(ch) == "Mn" else 1 for ch in text)


def ljust(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def rjust(text: str, width: int) -> str:
    return " " * max(0, width - display_width(text)) + text
