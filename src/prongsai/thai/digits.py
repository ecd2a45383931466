"""Thai numerals (๐–๙) ⇄ Arabic numerals (0–9), through PyThaiNLP."""

from __future__ import annotations

from pythainlp.util import arabic_digit_to_thai_digit, thai_digit_to_arabic_digit


def to_thai_digits(text: str) -> str:
    """``"1 ต.ค. 66"`` → ``"๑ ต.ค. ๖๖"``; every other character is kept."""
    return arabic_digit_to_thai_digit(text) if text else text


def to_arabic_digits(text: str) -> str:
    """``"๑ ต.ค. ๖๖"`` → ``"1 ต.ค. 66"``; every other character is kept."""
    return thai_digit_to_arabic_digit(text) if text else text
