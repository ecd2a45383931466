"""What a measure addresses: analysis issues, indicators and questions of the analysed year.

Pure functions over the criteria catalog. The officer types them as short lists ("1, 3",
"i1 e5 o12", Thai digits welcome); they are checked against the catalog of the year whose
results were analysed (the year before the plan's), and the indicators of the chosen questions
are added, so a dashboard can ask "which measures address indicator 9?" without a join.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from prongsai.criteria.catalog import Catalog
from prongsai.thai import to_arabic_digits

_SPLIT = re.compile(r"[\s,;/、]+")


@dataclass
class Targets:
    issues: list[int] = field(default_factory=list)
    indicators: list[int] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)


def split_codes(text: str) -> list[str]:
    """'๑, 3 ข้อ i1' → ['1', '3', 'ข้อ', 'i1'] — lower case, Arabic digits, no duplicates."""
    seen: list[str] = []
    for part in _SPLIT.split(to_arabic_digits(text or "").strip().lower()):
        if part and part not in seen:
            seen.append(part)
    return seen


def _numbers(parts: list[str]) -> tuple[list[int], list[str]]:
    good, bad = [], []
    for part in parts:
        (good if part.isdigit() else bad).append(part)
    return [int(p) for p in good], bad


def _codes(parts: list[str]) -> str:
    return ", ".join(parts)


def check_targets(
    catalog: Catalog | None, issues_text: str, indicators_text: str, questions_text: str
) -> Targets:
    """Read the three lists; errors keyed by field name, in Thai, naming what is wrong."""
    result = Targets()
    issues, bad = _numbers(split_codes(issues_text))
    if bad:
        result.errors["issue_numbers_text"] = _(
            "ประเด็นต้องเป็นตัวเลข เช่น 1, 3 (อ่านไม่ได้: %(codes)s)"
        ) % {"codes": _codes(bad)}
    indicators, bad = _numbers(split_codes(indicators_text))
    if bad:
        result.errors["indicator_numbers_text"] = _(
            "ตัวชี้วัดต้องเป็นตัวเลข 1–10 เช่น 1, 9 (อ่านไม่ได้: %(codes)s)"
        ) % {"codes": _codes(bad)}
    questions = split_codes(questions_text)
    malformed = [q for q in questions if not re.fullmatch(r"[ieo]\d{1,3}", q)]
    if malformed:
        result.errors["question_codes_text"] = _(
            "ข้อคำถามต้องเป็นรหัส เช่น i1, e5, o12 (อ่านไม่ได้: %(codes)s)"
        ) % {"codes": _codes(malformed)}
        questions = [q for q in questions if q not in malformed]
    if catalog is not None:
        known_issues = {i.number for i in catalog.analysis_issues}
        if known_issues and (unknown := [str(n) for n in issues if n not in known_issues]):
            result.errors.setdefault(
                "issue_numbers_text",
                _("ไม่มีประเด็นที่ %(codes)s ในเกณฑ์ปี %(year)s (มี %(first)s–%(last)s)")
                % {
                    "codes": _codes(unknown),
                    "year": catalog.fiscal_year,
                    "first": min(known_issues),
                    "last": max(known_issues),
                },
            )
        known_indicators = {i.number for i in catalog.indicators}
        if unknown := [str(n) for n in indicators if n not in known_indicators]:
            result.errors.setdefault(
                "indicator_numbers_text",
                _("ไม่มีตัวชี้วัดที่ %(codes)s ในเกณฑ์ปี %(year)s")
                % {"codes": _codes(unknown), "year": catalog.fiscal_year},
            )
        by_code = {q.code: q for q in catalog.questions}
        if unknown := [q for q in questions if q not in by_code]:
            result.errors.setdefault(
                "question_codes_text",
                _("ไม่มีข้อ %(codes)s ในเกณฑ์ปี %(year)s")
                % {"codes": _codes(unknown), "year": catalog.fiscal_year},
            )
        for code in questions:
            if code in by_code and by_code[code].indicator not in indicators:
                indicators.append(by_code[code].indicator)
    result.issues = sorted(set(issues))
    result.indicators = sorted(set(indicators))
    result.questions = sorted(set(questions), key=_question_order)
    return result


def _question_order(code: str) -> tuple[int, int]:
    return ("ieo".index(code[0]) if code[:1] in "ieo" else 3, int(code[1:] or 0))


def _weak(row: dict, target) -> bool:
    if "weak" in row:
        return bool(row["weak"])
    score = row.get("score")
    return score not in (None, "") and Decimal(str(score)) < Decimal(str(target))


def from_findings(findings, catalog: Catalog | None, target) -> Targets:
    """The targets of a measure drafted from an issue's findings: the issue, the questions
    scored under the agency's target in the tools judged fix or improve, their indicators."""
    result = Targets()
    for finding in findings:
        if finding.issue_number not in result.issues:
            result.issues.append(finding.issue_number)
        if finding.verdict == "keep":
            continue
        for row in finding.questions:
            if _weak(row, target):
                result.questions.append(row["code"])
    if catalog is not None:
        by_code = {q.code: q for q in catalog.questions}
        result.indicators = sorted({by_code[c].indicator for c in result.questions if c in by_code})
    result.questions = sorted(set(result.questions), key=_question_order)
    return result
