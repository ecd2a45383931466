"""A scan's participation figures put right when they disagree with each other.

A result cell states a count, the target and the percent one is of the other (``มีผู้เข้าร่วม
๔๑ คน คิดเป็นร้อยละ ๘๒ ของกลุ่มเป้าหมาย ๕๐ คน``). Tesseract's Thai model misreads Thai digits
(``ocr_years.CONFUSABLE``: ๔ and ๘ as ๕, ๗ as ๓ …), reads a glyph twice (``๘๘.๘๘๙``) or drops a
number (``เข้าร่วมกิจกรรม คน คิดเป็นร้อยละ …``). The three figures check one another: when
``count / target × 100`` is not the percent as written (to its decimals), or no whole count of
the target makes the percent, the fewest confusable-digit swaps (at most two, or one digit too
many in the percent's decimals) that make them agree are made, if only one way does; a count
dropped before its unit is put back when one whole count alone makes the percent. Only cells
read by OCR come here, and only their Thai digits are changed (Tesseract reads Arabic ones well).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from itertools import combinations

from prongsai.ingest.kpi import read_kpi
from prongsai.ingest.ocr_years import CONFUSABLE

_THAI_NUMBER = re.compile(r"[๐-๙]+(?:\.[๐-๙]+)?")
_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_PERCENT_WORD = re.compile(r"ร้อย\s*ละ\s*$")
# a count dropped: the words that lead to it, then its unit straight after them
_LOST_COUNT = re.compile(
    r"(?P<lead>(?:เข้า\s*ร่วม(?:\s*กิจ\s*กรรม)?|มี\s*ผู้\s*มา\s*ใช้\s*บริการ))(?P<gap>\s+)"
    r"(?=(?:คน|ราย)\s*(?:\)\s*)?คิด\s*เป็น)"
)
_ANY_PERCENT = re.compile(r"คิด\s*เป็น\s*ร้อย\s*ละ\s*([๐-๙0-9]{1,3}(?:\.[๐-๙0-9]{1,2})?)(?![๐-๙0-9])")
MAX_SWAPS = 2


def _agree(target: int | None, actual: int | None, percent: Decimal | None) -> bool | None:
    """Whether the figures agree (None: too few of them to tell)."""
    if not target or percent is None:
        return None
    places = -percent.as_tuple().exponent if percent.as_tuple().exponent < 0 else 0
    if places > 2:
        return False  # no report writes a percent to three decimals
    step = Decimal(1).scaleb(-places)
    if actual is not None:
        computed = Decimal(actual * 100) / Decimal(target)
        return computed.quantize(step, rounding=ROUND_HALF_UP) == percent
    return _count_for(target, percent) is not None


def _count_for(target: int, percent: Decimal) -> int | None:
    """The one whole count of ``target`` that is ``percent`` (to its decimals), or None."""
    places = max(0, -percent.as_tuple().exponent)
    step = Decimal(1).scaleb(-places)
    guess = int((percent * target / 100).to_integral_value())
    found = [
        n
        for n in range(max(0, guess - 1), guess + 2)
        if (Decimal(n * 100) / Decimal(target)).quantize(step, rounding=ROUND_HALF_UP) == percent
    ]
    return found[0] if len(found) == 1 else None


def _figures(text: str):
    kpi, _ = read_kpi(text)
    return kpi.target, kpi.actual, kpi.percent


def _variants(text: str):
    """``(position, old, new)`` edits of one Thai digit: a confusable swap, or a decimal digit
    of a percent left out."""
    for match in _THAI_NUMBER.finditer(text):
        for offset, digit in enumerate(match.group(0)):
            at = match.start() + offset
            for pair in CONFUSABLE:
                if digit in pair:
                    (other,) = pair - {digit}
                    yield (at, digit, other)
        whole, _, decimals = match.group(0).partition(".")
        if len(decimals) > 2 and _PERCENT_WORD.search(text[: match.start()]):
            for offset in range(len(whole) + 1, len(match.group(0))):
                yield (match.start() + offset, match.group(0)[offset], "")


def _apply(text: str, edits) -> str:
    for at, _, new in sorted(edits, reverse=True):
        text = text[:at] + new + text[at + 1 :]
    return text


def repair_figures(text: str) -> str:
    """A result cell with its count, target and percent made to agree (see the module)."""
    if not text or "ร้อย" not in text:
        return text
    target, actual, percent = _figures(text)
    if percent is None and (stated := _ANY_PERCENT.search(text)):
        percent = Decimal(stated.group(1).translate(_ARABIC))  # "… คิดเป็นร้อยละ ๕๐.๘๓" at the end
    if actual is None and target and percent is not None:
        count = _count_for(target, percent)
        lost = list(_LOST_COUNT.finditer(text))
        if count is not None and len(lost) == 1:
            match = lost[0]
            digits = str(count).translate(_THAI) if re.search("[๐-๙]", text) else str(count)
            return (
                text[: match.end("lead")]
                + f"{match.group('gap')}{digits} "
                + text[match.end() :].lstrip(" ")
            )
    if _agree(target, actual, percent) is not False:
        return text
    edits = list(_variants(text))
    for size in range(1, MAX_SWAPS + 1):
        fixes = set()
        for chosen in combinations(edits, size):
            if len({at for at, _, _ in chosen}) < size:
                continue
            new = _apply(text, chosen)
            if _agree(*_figures(new)):
                fixes.add(new)
        if len(fixes) == 1:
            return fixes.pop()
        if fixes:
            return text  # more than one way: none is sure
    return text
