"""Thai month names (full and abbreviated, from PyThaiNLP) and how to find them in text."""

from __future__ import annotations

import re

from pythainlp.util.date import thai_abbr_months, thai_full_months

FULL_MONTHS: tuple[str, ...] = tuple(thai_full_months)
"""``มกราคม`` … ``ธันวาคม``; index 0 is January."""

ABBR_MONTHS: tuple[str, ...] = tuple(thai_abbr_months)
"""``ม.ค.`` … ``ธ.ค.``; index 0 is January."""

_THAI = "\u0e01-\u0e4e"  # Thai letters, vowels and tone marks (not the digits)


def _key(name: str) -> str:
    return re.sub(r"[\s.]", "", name)


_BY_KEY: dict[str, int] = {}
for _number, (_full, _abbr) in enumerate(zip(FULL_MONTHS, ABBR_MONTHS, strict=True), start=1):
    _BY_KEY[_key(_full)] = _number
    _BY_KEY[_key(_abbr)] = _number


def month_number(name: str) -> int | None:
    """1–12 for a month name written in full or abbreviated, with or without dots and spaces.

    ``"ต.ค."``, ``"ตค"``, ``"ต. ค."`` and ``"ตุลาคม"`` all give 10; an unknown name gives None.
    """
    return _BY_KEY.get(_key(name))


def _abbr_pattern(abbr: str) -> str:
    """``ม.ค.`` → a pattern for ``ม.ค.``, ``ม.ค``, ``ม. ค.``, ``มค.``, and ``มค`` as a word."""
    first, second = (part for part in abbr.split(".") if part)
    a, b = re.escape(first), re.escape(second)
    dotted = rf"{a}\.\s?{b}\.?|{a}\s?{b}\."
    bare = rf"(?:(?<=เดือน)|(?<![{_THAI}])){a}{b}(?![{_THAI}])"
    return f"{dotted}|{bare}"


MONTH_PATTERN = "|".join(
    [re.escape(name) for name in sorted(FULL_MONTHS, key=len, reverse=True)]
    + [_abbr_pattern(abbr) for abbr in sorted(ABBR_MONTHS, key=len, reverse=True)]
)
"""A regular-expression alternation matching any month name (use inside a group)."""
