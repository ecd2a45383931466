"""The parts of an ITA analysis report (as seed 003) beyond its stated scores.

* Part 1, per issue (ประเด็นที่ N): the questions weighed, each with its tool, score and the
  verdict written beside it (fix / improve / keep the level), and the narrative analysis
  (วิเคราะห์บรรยายเชิงพรรณนา, ประเด็น (N) …).
* Part 2 (ส่วนที่ 2): the plan that turns each issue into practice — topic, method,
  responsible, steps, period — for the fiscal year it names.
* Part 3 (ส่วนที่ 3): the agency's constraints (staff, budget, technology, area, economy and
  culture).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from prongsai.ingest.blocks import Block, Document, Paragraph, Table
from prongsai.ingest.cleanup import collapse, join_cut_words, join_lines
from prongsai.ingest.columns import (
    METHODS,
    PERIOD,
    RESPONSIBLE,
    STEPS,
    TITLE,
    VERDICT,
    header_columns,
)
from prongsai.ingest.measure_rows import MeasureRows, join_continued, measure_rows
from prongsai.ingest.measures import build_measure, read_period
from prongsai.ingest.numbering import leading_number, split_steps
from prongsai.ingest.result import Measure, iso, number
from prongsai.ingest.units import split_units, units_as_written
from prongsai.thai import to_arabic_digits

_PART = re.compile(r"^\s*ส่วนที่\s*(\d)")
_ISSUE = re.compile(r"^\s*ประเด็นที่\s*(\d{1,2})\s*[.:]?\s*(.*)$", re.S)
_NARRATIVE_HEAD = re.compile(r"^\s*ประเด็น\s*\(\s*(\d{1,2})\s*\)\s*(.*)$", re.S)
_NARRATIVE_MARK = re.compile(r"^\s*วิเคราะห์บรรยาย")
_QUESTION = re.compile(r"^\s*ข้อ\s*([ieoIEO])\s*(\d{1,2})\s*$")
_SCORE = re.compile(r"^\s*(\d{1,3}(?:\.\d+)?)\s*$")
_TOOLS = ("IIT", "EIT", "OIT")
_YEAR = re.compile(r"ปีงบประมาณ\s*(?:พ\.\s*ศ\.)?\s*(\d{4})")
_CONSTRAINT = re.compile(
    r"^\s*\d{1,2}\s*[.)]\s*ข้อจำกัดด้าน\s*(?P<label>.+?)\s*\.{2,}\s*(?P<text>.*)$"
)
_CONSTRAINT_KEYS = (
    ("staff", ("บุคลากร",)),
    ("budget", ("งบประมาณ",)),
    ("technology", ("เทคโนโลยี",)),
    ("economy_culture", ("เศรษฐกิจ", "วัฒนธรรม", "การดำรงชีวิต")),
    ("area", ("พื้นที่",)),
)


@dataclass
class QuestionFinding:
    code: str
    tool: str | None
    score: Decimal
    verdict: str | None  # "fix", "improve" or "keep"
    verdict_text: str


@dataclass
class Issue:
    number: int
    title: str
    questions: list[QuestionFinding] = field(default_factory=list)
    narrative: str = ""


@dataclass
class PlanRow:
    topic: str
    methods: list[str]
    responsible: list[str]
    steps: list[str]
    period_start: Any = None
    period_end: Any = None


@dataclass
class Analysis:
    rating: str | None = None
    plan_fiscal_year: int | None = None
    issues: list[Issue] = field(default_factory=list)
    plan: list[PlanRow] = field(default_factory=list)
    constraints: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "rating": self.rating,
            "plan_fiscal_year": self.plan_fiscal_year,
            "issues": [
                {
                    "number": issue.number,
                    "title": issue.title,
                    "questions": [
                        {
                            "code": q.code,
                            "tool": q.tool,
                            "score": number(q.score),
                            "verdict": q.verdict,
                            "verdict_text": q.verdict_text,
                        }
                        for q in issue.questions
                    ],
                    "narrative": issue.narrative,
                }
                for issue in self.issues
            ],
            "plan": [
                {
                    "topic": row.topic,
                    "methods": row.methods,
                    "responsible": row.responsible,
                    "steps": row.steps,
                    "period_start": iso(row.period_start),
                    "period_end": iso(row.period_end),
                }
                for row in self.plan
            ],
            "constraints": dict(self.constraints),
        }


def classify_verdict(text: str) -> str | None:
    """``แก้ไข…`` → fix, ``…รักษาระดับ…`` → keep, ``ปรับปรุง…``/``พัฒนา…`` → improve."""
    head = collapse(text)[:40]
    if not head:
        return None
    if head.startswith(("แก้ไข", "ข้อบกพร่อง")) or "เร่งด่วน" in head:
        return "fix"
    if "รักษาระดับ" in head:
        return "keep"
    if "ปรับปรุง" in head or "พัฒนา" in head:
        return "improve"
    return None


def split_parts(document: Document) -> dict[int, list[Block]]:
    """Blocks by part: 0 before ``ส่วนที่ 1``, then 1, 2, 3."""
    parts: dict[int, list[Block]] = {0: []}
    current = 0
    for block in document.blocks:
        if isinstance(block, Paragraph) and (match := _PART.match(to_arabic_digits(block.text))):
            current = int(match.group(1))
            parts.setdefault(current, [])
        parts[current].append(block)
    return parts


def read_issues(blocks: list[Block], warnings: list[str]) -> list[Issue]:
    issues: dict[int, Issue] = {}
    current: Issue | None = None
    narrative: Issue | None = None
    for block in blocks:
        if isinstance(block, Table):
            if current is not None and narrative is None:
                current.questions.extend(_questions(block))
            continue
        text = to_arabic_digits(block.text)
        if match := _ISSUE.match(text):
            number_ = int(match.group(1))
            title = join_cut_words(collapse(block.text[match.start(2) :]))
            current = issues.setdefault(number_, Issue(number_, title))
            narrative = None
        elif match := _NARRATIVE_HEAD.match(text):
            number_ = int(match.group(1))
            narrative = issues.setdefault(
                number_, Issue(number_, collapse(block.text[match.start(2) :]))
            )
        elif _NARRATIVE_MARK.match(text) or _PART.match(text):
            continue
        elif narrative is not None:
            paragraph = join_lines(block.text)
            narrative.narrative = (
                f"{narrative.narrative}\n{paragraph}" if narrative.narrative else paragraph
            )
    for issue in issues.values():
        if not issue.questions:
            warnings.append(f"ประเด็นที่ {issue.number}: ไม่พบตารางคะแนนข้อคำถาม")
    return sorted(issues.values(), key=lambda issue: issue.number)


def _questions(table: Table) -> list[QuestionFinding]:
    """Question rows: the cells are found by their look, not only by column (rows shift)."""
    found: list[QuestionFinding] = []
    verdict_column: int | None = None
    tool: str | None = None
    verdict_text = ""
    for row in table.rows:
        columns = header_columns(row)
        if columns is not None:
            verdict_column = columns.get(VERDICT)
            continue
        cells = [cell.strip() for cell in row]
        tool = next((cell for cell in cells if cell in _TOOLS), tool)
        for index, cell in enumerate(cells):
            match = _QUESTION.match(to_arabic_digits(cell))
            if not match or index + 1 >= len(cells):
                continue
            score = _decimal(to_arabic_digits(cells[index + 1]))
            if score is None:
                continue
            code = f"{match.group(1).lower()}{int(match.group(2))}"
            written = _verdict_cell(cells, verdict_column, index + 1)
            if written:
                verdict_text = written
            row_tool = tool if tool and tool[0].lower() == code[0] else _tool_of(code)
            verdict = classify_verdict(verdict_text) if verdict_text else None
            found.append(QuestionFinding(code, row_tool, score, verdict, verdict_text))
            break
    return found


def _verdict_cell(cells: list[str], column: int | None, score_index: int) -> str:
    if column is not None and column < len(cells) and column > score_index:
        return join_cut_words(collapse(cells[column]))
    for cell in cells[score_index + 1 :]:
        if cell and not _SCORE.match(cell):
            return join_cut_words(collapse(cell))
    return ""


def _tool_of(code: str) -> str:
    return {"i": "IIT", "e": "EIT", "o": "OIT"}[code[0]]


def _decimal(text: str) -> Decimal | None:
    match = _SCORE.match(text)
    if not match:
        return None
    try:
        value = Decimal(match.group(1))
    except InvalidOperation:
        return None
    return value if 0 <= value <= 100 else None


def read_plan(
    blocks: list[Block], fiscal_year: int | None, warnings: list[str]
) -> tuple[list[Measure], list[PlanRow]]:
    """Part 2's table: one measure per topic, and the plan row of each method under it.

    A topic's methods and steps are those of its rows in order; its period runs from the
    earliest start to the latest end of its rows.
    """
    measures: list[Measure] = []
    plan: list[PlanRow] = []
    for rows in measure_rows(blocks, accept=_is_plan_header):
        measure = build_measure(rows, fiscal_year=fiscal_year, warnings=[])
        label = f"ส่วนที่ ๒ หัวข้อ “{measure.title[:40]}”"
        topic_rows = []
        for part in _method_rows(rows):
            period = read_period(part.get(PERIOD, ""), fiscal_year, label, warnings)
            topic_rows.append(
                PlanRow(
                    topic=measure.title,
                    methods=split_steps(part.get(METHODS, "")),
                    responsible=split_units(part.get(RESPONSIBLE, "")),
                    steps=split_steps(part.get(STEPS, "")),
                    period_start=period.start if period else None,
                    period_end=period.end if period else None,
                )
            )
        measure.method_rows = [
            {
                "methods": row.methods,
                "steps": row.steps,
                "responsible": units_as_written(part.get(RESPONSIBLE, "")),
                "period": " ".join(part.get(PERIOD, "").split()),
            }
            for row, part in zip(topic_rows, _method_rows(rows), strict=True)
        ]
        measure.responsible_text = " ".join(
            dict.fromkeys(row["responsible"] for row in measure.method_rows if row["responsible"])
        )
        measure.methods = [method for row in topic_rows for method in row.methods]
        measure.steps = [step for row in topic_rows for step in row.steps]
        measure.responsible = list(
            dict.fromkeys(unit for row in topic_rows for unit in row.responsible)
        )
        starts = [row.period_start for row in topic_rows if row.period_start]
        ends = [row.period_end for row in topic_rows if row.period_end]
        measure.period_start = min(starts) if starts else None
        measure.period_end = max(ends) if ends else None
        measure.period_text = ""
        measures.append(measure)
        plan.extend(topic_rows)
    return measures, plan


def use_issue_titles(measures: list[Measure], analysis: Analysis) -> None:
    """A plan topic numbered as an issue and saying the same (spaces aside) takes the issue's
    title: a heading is typed whole, a topic cell is wrapped in a narrow column."""
    titles = {issue.number: issue.title for issue in analysis.issues}
    for measure in measures:
        title = titles.get(measure.number) if measure.number is not None else None
        if title and _squeezed(title) == _squeezed(measure.title):
            for row in analysis.plan:
                if row.topic == measure.title:
                    row.topic = title
            measure.title = title


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _is_plan_header(columns: dict[str, int] | None) -> bool:
    return bool(columns) and TITLE in columns and METHODS in columns


def _method_rows(rows: MeasureRows) -> list[dict[str, str]]:
    """The rows of a topic, a row that carries on the one before (no bullet, or steps that do
    not start again at 1) joined to it."""
    out: list[dict[str, str]] = []
    for part in rows.parts:
        method = part.get(METHODS, "").strip()
        steps = part.get(STEPS, "").strip()
        new = bool(part.get(TITLE, "").strip()) or (
            method.startswith(("*", "-", "•"))
            and (not steps or leading_number(steps)[0] in (None, 1))
        )
        if new or not out:
            out.append(dict(part))
        else:
            last = out[-1]
            for role, text in part.items():
                last[role] = join_continued(last.get(role, ""), text)
    return out


def plan_fiscal_year(blocks: list[Block]) -> int | None:
    for block in blocks:
        if isinstance(block, Paragraph) and (match := _YEAR.search(to_arabic_digits(block.text))):
            return int(match.group(1))
        break
    return None


def read_constraints(blocks: list[Block]) -> dict[str, str]:
    constraints: dict[str, str] = {}
    for block in blocks:
        if not isinstance(block, Paragraph):
            continue
        for line in block.text.split("\n"):
            match = _CONSTRAINT.match(to_arabic_digits(line))
            if not match:
                continue
            label = match.group("label")
            text = line[match.start("text") :].strip(" .")
            key = next(
                (key for key, words in _CONSTRAINT_KEYS if any(w in label for w in words)),
                label,
            )
            constraints[key] = text
    return constraints
