"""Participation figures stated in a measure's text: target, actual and percent.

Reports state them as ``ผู้เข้าร่วมกิจกรรม ๖๐ คน คิดเป็นร้อยละ ๘๕.๗๑ ของกลุ่มเป้าหมาย`` with the
target in the steps (``กลุ่มเป้าหมาย ๗๐ คน``) or in the same sentence
(``… ของกลุ่มเป้าหมาย ๗๐ คน``). Only what is written is read: nothing is computed, but figures
that do not agree with each other are reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from prongsai.ingest.cleanup import collapse, join_cut_words
from prongsai.thai import to_arabic_digits

_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d{1,7})"
_UNIT = r"(คน|ราย|ครัวเรือน|หน่วยงาน)"
# line wraps leave spaces inside the words of the phrase ("คิด เป็น ร้อย ละ", "กลุ่ม เป้า หมาย")
_PCT = r"(?:ร้อย\s*ละ|%)"
_GOAL = r"(?:กลุ่ม\s*)?เป้า\s*หมาย"
_ACTUAL = re.compile(rf"{_NUMBER}\s*{_UNIT}\s*(?:\)\s*)?คิด\s*เป็น\s*{_PCT}\s*(\d{{1,3}}(?:\.\d+)?)")
_PERCENT_AFTER = re.compile(rf"{_PCT}\s*(\d{{1,3}}(?:\.\d+)?)\s*ของ\s*{_GOAL}")
_TARGET = re.compile(
    rf"{_GOAL}\s*(?:จำนวน|ทั้งหมด|ทั้งสิ้น)?\s*(?:ไม่น้อยกว่า|อย่างน้อย|ขั้นต่ำ)?\s*"
    rf"(?:จำนวน)?\s*{_NUMBER}\s*{_UNIT}"
)


@dataclass(frozen=True)
class Kpi:
    target: int | None = None
    actual: int | None = None
    percent: Decimal | None = None
    unit: str | None = None  # what is counted: คน, ราย, ครัวเรือน, หน่วยงาน

    @property
    def empty(self) -> bool:
        return self.target is None and self.actual is None and self.percent is None


def read_kpi(result: str, *others: str) -> tuple[Kpi, list[str]]:
    """The figures in ``result``, the target also from ``others`` (steps, title); and warnings."""
    text = _prepare(result)
    actual = percent = target = unit = None
    if match := _ACTUAL.search(text):
        actual, unit, percent = _int(match.group(1)), match.group(2), _decimal(match.group(3))
    elif match := _PERCENT_AFTER.search(text):
        percent = _decimal(match.group(1))
    for source in (text, *(_prepare(other) for other in others)):
        if match := _TARGET.search(source):
            target, unit = _int(match.group(1)), unit or match.group(2)
            break
    kpi = Kpi(target, actual, percent, unit)
    return kpi, _disagreements(kpi)


def _prepare(text: str | None) -> str:
    """The text with the spaces between Thai letters taken out: a narrow cell wraps Thai inside
    a word (``กลุ่มเป้า หมาย``, ``คิดเป็นร้อ ยละ``), and the phrases are matched without them."""
    text = to_arabic_digits(join_cut_words(collapse(text or "")))
    return _THAI_GAP.sub("", text)


_THAI_GAP = re.compile(r"(?<=[\u0e01-\u0e4e])\s+(?=[\u0e01-\u0e4e])")


def _disagreements(kpi: Kpi) -> list[str]:
    if kpi.target and kpi.actual is not None and kpi.percent is not None:
        computed = Decimal(kpi.actual * 100) / Decimal(kpi.target)
        if abs(computed - kpi.percent) > Decimal("0.5"):
            return [
                f"ตัวเลขไม่สอดคล้องกัน: {kpi.actual} จาก {kpi.target} คือร้อยละ "
                f"{computed:.2f} แต่เอกสารเขียนร้อยละ {kpi.percent}"
            ]
    return []


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None
