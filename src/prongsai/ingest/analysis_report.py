"""Scores stated by an ITA analysis report (as seed 003): overall, rating, indicators, questions.

A first, forgiving reader: it looks for the phrases agencies use around the numbers rather than
for a fixed layout, and lists what it could not reconcile in ``warnings``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from prongsai.thai import to_arabic_digits

NUMBER = r"(\d{1,3}(?:\.\d+)?)"
OVERALL_RE = re.compile(rf"คะแนนที่ได้\s*{NUMBER}")
RATING_RE = re.compile(r"ระดับผลการประเมิน(?:อยู่ที่|คือ)?\s*([ก-๙A-F]+(?:\s?โดยด่วน)?)")
YEAR_RE = re.compile(r"ในปีงบประมาณ\s*พ\.ศ\.\s*(\d{4})")
INDICATOR_RE = re.compile(
    r"^[ \t]*(?:(?P<tool>IIT|EIT|OIT)[ \t]+)?(?P<n>10|[1-9])[ \t]+"
    r"(?P<name>[^\t\d][^\t]*?)[ \t]+(?P<score>\d{1,3}(?:\.\d+)?)[ \t]*$",
    re.MULTILINE,
)
QUESTION_RE = re.compile(rf"ข้อ\s*(?P<code>[ieoIEO]\d{{1,2}})[ \t]+{NUMBER}")


@dataclass
class StatedScores:
    fiscal_year: int | None = None
    overall: Decimal | None = None
    rating: str = ""
    indicators: dict[int, Decimal] = field(default_factory=dict)
    questions: dict[str, Decimal] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def read_stated_scores(text: str) -> StatedScores:
    text = to_arabic_digits(text)
    out = StatedScores()
    if m := YEAR_RE.search(text):
        out.fiscal_year = int(m.group(1))
    if m := OVERALL_RE.search(text):
        out.overall = Decimal(m.group(1))
    if m := RATING_RE.search(text):
        out.rating = m.group(1).strip()
    head = text.split("ส่วนที่ 1", 1)[0]
    for m in INDICATOR_RE.finditer(head):
        out.indicators[int(m.group("n"))] = Decimal(m.group("score"))
    for m in QUESTION_RE.finditer(text):
        code, value = m.group("code").lower(), Decimal(m.group(2))
        if code in out.questions and out.questions[code] != value:
            out.warnings.append(
                f"ข้อ {code} มีคะแนนสองค่าในเอกสาร ({out.questions[code]} และ {value}) ใช้ค่าแรก"
            )
            continue
        out.questions.setdefault(code, value)
    return out
