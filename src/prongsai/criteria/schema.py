"""The shape of a criteria file (``data/ita-<year>.yaml``) as pydantic models.

These models are the one definition of which keys each part of a file has, which are required
and what type each value is. Two things are built from them:

- the JSON Schema of a criteria file (``prongsai criteria schema``), so a new year can be
  written and checked in an editor (VS Code's YAML extension: ``# yaml-language-server:
  $schema=…``);
- the field table the loader checks each mapping against (:func:`field_specs`), so the loader's
  messages — which name the file, the line and the problem, in Thai and English — always agree
  with the schema.

Cross-checks are validators of these models. Of one part: a tool's weight not negative, an
indicator's number (1 or more) and its sub-indicators when scored by their mean, a rating
rule's scores (0–100, the lowest not above the highest), the rules covering every score
0–100, the OIT window closing after it opens. Of the file: the weights summing to 100, the
fiscal year (Buddhist era, the one the file is named for: ``context={"file": name}``) and —
on the raw mapping, in a wrap validator, so they are reported beside every other mistake —
every cited source defined and every defined one cited, an indicator's tool and a question's
indicator being ones the year has. Each raises :func:`mistake` (the English message, the Thai
one and the path below the model); the loader turns it into its file/line message through the
line map it keeps beside the parsed file. Still in the loader: the checks that name the line
of a first occurrence (duplicates), a question's sub-indicator, the indicators' coverage, a
rule's pass flag against the pass mark, and the analysis issues' questions under the right
tool.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
import types
import typing
from decimal import Decimal
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

Confidence = Literal["high", "medium", "low", "none"]
Kind = Literal["perception", "checklist"]
Aggregation = Literal["mean_of_questions", "mean_of_sub_indicators"]
Scheme = Literal["pass_labels", "letter_grades"]
ScoringType = Literal["perception", "yes_no", "binary", "unknown"]
# the year an OIT item's evidence is about: the assessed fiscal year or the one before
Period = Literal["current", "previous"]
# the file formats an OIT item asks for
FileFormat = Literal["PDF", "XLSX", "DOCX", "CSV", "HTML"]
# Prongsai's own published documents (documents.Publication slugs) that fulfil an OIT item
Document = Literal["analysis", "plan", "progress-6m", "progress-12m"]

Text = Annotated[str, Field(min_length=1)]
Number = Annotated[Decimal, Field(allow_inf_nan=False)]
# "9.1" is read by YAML as a number when not quoted; the loader accepts both
SubCode = Annotated[str | Decimal | int, Field(json_schema_extra={"kind": "code"})]


HUNDRED = Decimal(100)
STEP = Decimal("0.01")  # scores are published, and rated, to the hundredth


def mistake(th: str, en: str, at: tuple = ()) -> PydanticCustomError:
    """A cross-check's finding: ``en`` is the pydantic message; the Thai text and ``at`` (the
    path below the validated model whose line the message is on) travel in its context."""
    return PydanticCustomError("cross_check", "{en}", {"en": en, "th": th, "at": at})


def number_text(value: Decimal) -> str:
    """A Decimal as people write it: 100 not 1E+2, 84.99 stays 84.99."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ToolModel(_Part):
    code: Text
    name_th: Text
    name_en: Text
    weight: Number = Field(description="percent of the overall score; the tools sum to 100")
    confidence: Confidence
    note: Text | None = None

    @field_validator("weight")
    @classmethod
    def _not_negative(cls, weight: Decimal, info) -> Decimal:
        if weight < 0:
            code = (info.data or {}).get("code")
            th, en = (f"เครื่องมือ {code}", f"tool {code}") if code else ("เครื่องมือ", "a tool")
            raise mistake(
                f"{th}: น้ำหนักต้องไม่ติดลบ (พบ {number_text(weight)})",
                f"{en}: the weight cannot be negative (found {number_text(weight)})",
            )
        return weight


class SubIndicatorModel(_Part):
    code: SubCode
    name_th: Text | None = None


class IndicatorModel(_Part):
    number: int
    tool: Text
    name_th: Text
    name_en: Text
    aggregation: Aggregation
    sub_indicators: list[SubIndicatorModel] | None = None
    questions_known: bool | None = None
    confidence: Confidence
    note: Text | None = None

    @field_validator("number")
    @classmethod
    def _one_or_more(cls, number: int) -> int:
        if number < 1:
            raise mistake(
                f"หมายเลขตัวชี้วัดต้องเป็น 1 ขึ้นไป (พบ {number})",
                f"an indicator number must be 1 or more (found {number})",
            )
        return number

    @model_validator(mode="after")
    def _sub_indicators_for_their_mean(self):
        if (
            self.aggregation == "mean_of_sub_indicators"
            and self.sub_indicators is None
            and self.questions_known is not False
        ):
            raise mistake(
                f"ตัวชี้วัดที่ {self.number}: คิดคะแนนแบบ mean_of_sub_indicators ต้องระบุ "
                "sub_indicators (ถ้าไม่ทราบตัวชี้วัดย่อย ให้ใช้ mean_of_questions)",
                f"indicator {self.number}: mean_of_sub_indicators needs a sub_indicators list "
                "(if they are not known, use mean_of_questions)",
                at=("aggregation",),
            )
        return self


class QuestionModel(_Part):
    code: Text = Field(pattern=r"^[a-z]+[0-9]+$")
    indicator: int
    sub_indicator: SubCode | None = None
    text_th: Text
    kind: Kind
    scoring_type: ScoringType | None = None
    confidence: Confidence
    source: Text
    note: Text | None = None
    # OIT items (kind: checklist) only: what the OIT workspace needs
    requirements: list[Text] | None = Field(None, description="the item's องค์ประกอบ")
    period: Period | None = Field(None, description="current or previous fiscal year")
    formats: list[FileFormat] | None = None
    fulfilled_by: list[Document] | None = Field(
        None, description="Prongsai documents that fulfil the item"
    )


class RuleModel(_Part):
    label: Text
    label_en: Text
    min_overall: Number
    max_overall: Number | None = None
    min_each_tool: Number | None = None
    passed: bool
    confidence: Confidence
    note: Text | None = None

    @field_validator("min_overall", "max_overall", "min_each_tool")
    @classmethod
    def _a_percent(cls, value: Decimal | None, info) -> Decimal | None:
        if value is not None and not 0 <= value <= HUNDRED:
            label = (info.data or {}).get("label")
            th, en = (
                (f"ระดับ {label}", f"rating {label}")
                if label
                else ("เกณฑ์การจัดระดับ", "a rating rule")
            )
            raise mistake(
                f'{th}: "{info.field_name}" ต้องอยู่ระหว่าง 0 ถึง 100 แต่พบ {number_text(value)}',
                f'{en}: "{info.field_name}" must be between 0 and 100, found {number_text(value)}',
            )
        return value

    @model_validator(mode="after")
    def _min_not_above_max(self):
        lo, hi = self.min_overall, self.max_overall
        if hi is not None and lo > hi:
            raise mistake(
                f"ระดับ {self.label}: คะแนนต่ำสุด ({number_text(lo)}) มากกว่าคะแนนสูงสุด "
                f"({number_text(hi)})",
                f"rating {self.label}: min_overall ({number_text(lo)}) is above max_overall "
                f"({number_text(hi)})",
                at=("max_overall",),
            )
        return self


class RatingModel(_Part):
    scheme: Scheme
    pass_mark: Number
    rules: list[RuleModel]
    note: Text | None = None

    @field_validator("rules")
    @classmethod
    def _cover_every_score(cls, rules: list[RuleModel]) -> list[RuleModel]:
        """Every overall score 0.00–100.00 matches a rule without a per-tool condition."""
        spans = sorted(
            (r.min_overall, r.max_overall if r.max_overall is not None else HUNDRED)
            for r in rules
            if r.min_each_tool is None
        )
        covered = -STEP  # everything up to here (inclusive, to the hundredth) has a rule
        gaps: list[tuple[Decimal, Decimal]] = []
        for lo, hi in spans:
            if lo > covered + STEP:
                gaps.append((covered + STEP, lo - STEP))
            covered = max(covered, hi)
        if rules and covered < HUNDRED:
            gaps.append((covered + STEP, HUNDRED))
        if gaps:
            spans_text = ", ".join(f"{lo:.2f}–{hi:.2f}" for lo, hi in gaps)
            raise mistake(
                f"ไม่มีระดับใดรับคะแนน {spans_text} (เกณฑ์ต้องครอบคลุมทุกคะแนนตั้งแต่ 0 ถึง 100 "
                "โดยไม่นับเกณฑ์ที่มีเงื่อนไข min_each_tool)",
                f"no rating takes a score of {spans_text} (the rules must cover every score "
                "from 0 to 100, not counting rules with a min_each_tool condition)",
            )
        return rules


class IssueModel(_Part):
    number: int
    title_th: Text
    questions: dict[str, list[str]]
    confidence: Confidence
    source: Text
    # True when the NACC's grouping is not known and the issue was derived from the items
    derived: bool | None = None
    note: Text | None = None


class AnalysisModel(_Part):
    improve_below: Number | None = None
    issues: list[IssueModel] | None = None
    note: Text | None = None


class OitWindowModel(_Part):
    """When agencies answer the OIT in ITAS (Gregorian dates; shown in the Buddhist era)."""

    opens: datetime.date
    closes: datetime.date
    confidence: Confidence
    source: Text
    note: Text | None = None

    @model_validator(mode="after")
    def _closes_after_it_opens(self):
        if self.closes < self.opens:
            raise mistake(
                f"ช่วงตอบแบบ OIT (oit_window): วันปิด ({self.closes}) อยู่ก่อนวันเปิด ({self.opens})",
                f"the OIT window: closes ({self.closes}) before it opens ({self.opens})",
                at=("closes",),
            )
        return self


class CriteriaFile(_Part):
    """One fiscal year's ITA criteria (NOT an official NACC document)."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="Prongsai ITA criteria file")

    fiscal_year: int = Field(description="Buddhist era, e.g. 2568; the file is ita-<year>.yaml")
    title_th: Text
    confidence: Confidence
    notes: Text
    sources: dict[str, str]
    source: list[str]
    tools: list[ToolModel]
    indicators: list[IndicatorModel]
    questions: list[QuestionModel]
    rating: RatingModel
    analysis: AnalysisModel | None = None
    oit_window: OitWindowModel | None = None

    @field_validator("fiscal_year")
    @classmethod
    def _buddhist_era_and_file_name(cls, year: int, info) -> int:
        if not 2500 <= year <= 2700:
            raise mistake(
                f"ปีงบประมาณ {year} ไม่ใช่ปีพุทธศักราช (เช่น 2566)",
                f"fiscal year {year} is not a Buddhist-era year (e.g. 2566)",
            )
        name = (info.context or {}).get("file", "")
        named = re.match(r"^ita-(\d{4})\.yaml$", name)
        if named and int(named.group(1)) != year:
            raise mistake(
                f"fiscal_year เป็น {year} แต่ชื่อไฟล์เป็นของปี {named.group(1)} ({name})",
                f"fiscal_year is {year} but the file name is for {named.group(1)} ({name})",
            )
        return year

    @model_validator(mode="wrap")
    @classmethod
    def _sources_and_references(cls, data, handler):
        """Each cited source key is defined under ``sources`` and each defined one is cited;
        an indicator's tool and a question's indicator are ones the year has — on the raw
        mapping, so each is reported beside every other mistake of the file."""
        found = (
            [*source_mistakes(data), *reference_mistakes(data)] if isinstance(data, dict) else []
        )
        if not found:
            return handler(data)
        try:
            handler(data)
        except ValidationError as exc:
            raise ValidationError.from_exception_data(exc.title, [*_details(exc), *found]) from None
        raise ValidationError.from_exception_data(cls.__name__, found)

    @field_validator("tools")
    @classmethod
    def _weights_sum_to_100(cls, tools: list[ToolModel]) -> list[ToolModel]:
        total = sum((t.weight for t in tools), Decimal(0))
        if tools and total != HUNDRED:
            parts = " + ".join(f"{t.code} {number_text(t.weight)}" for t in tools)
            raise mistake(
                f"น้ำหนักของเครื่องมือรวมกันได้ {number_text(total)} ต้องรวมกันได้ 100 พอดี ({parts})",
                f"the tool weights add up to {number_text(total)}; they must add up to exactly "
                f"100 ({parts})",
            )
        return tools


def _cited(data: dict):
    """(key, path) of every source cited in a raw file: the year's list, each question, each
    analysis issue, the OIT window."""
    year = data.get("source")
    for i, key in enumerate(year if isinstance(year, list) else []):
        yield key, ("source", i)
    questions = data.get("questions")
    for i, q in enumerate(questions if isinstance(questions, list) else []):
        if isinstance(q, dict) and "source" in q:
            yield q["source"], ("questions", i, "source")
    analysis = data.get("analysis")
    issues = analysis.get("issues") if isinstance(analysis, dict) else None
    for i, issue in enumerate(issues if isinstance(issues, list) else []):
        if isinstance(issue, dict) and "source" in issue:
            yield issue["source"], ("analysis", "issues", i, "source")
    window = data.get("oit_window")
    if isinstance(window, dict) and "source" in window:
        yield window["source"], ("oit_window", "source")


def source_mistakes(data: dict) -> list[InitErrorDetails]:
    raw = data.get("sources")
    defined = {
        k
        for k, v in (raw.items() if isinstance(raw, dict) else ())
        if isinstance(k, str) and k.strip() and isinstance(v, str) and v.strip()
    }
    out, used = [], set()
    for key, path in _cited(data):
        if not isinstance(key, str) or not key.strip():
            continue  # not a key: the shape's mistake
        used.add(key)
        if key not in defined:
            close = difflib.get_close_matches(key, sorted(defined), n=1, cutoff=0.6)
            hint_th = f' (หมายถึง "{close[0]}" หรือไม่?)' if close else ""
            hint_en = f' (did you mean "{close[0]}"?)' if close else ""
            out.append(
                mistake(
                    f'แหล่งอ้างอิง "{key}" ไม่ได้กำหนดไว้ใน sources{hint_th}',
                    f'source "{key}" is not defined under sources{hint_en}',
                    at=path,
                )
            )
    for key in (k for k in raw if k in defined) if isinstance(raw, dict) else ():
        if key not in used:
            out.append(
                mistake(
                    f'แหล่งอ้างอิง "{key}" ใน sources ไม่ได้ใช้ที่ใดเลย (ลบออก หรืออ้างถึงใน source)',
                    f'source "{key}" under sources is not used anywhere (remove it or cite it)',
                    at=("sources",),
                )
            )
    return [{"type": m, "loc": (), "input": None} for m in out]


def _list(data: dict, key: str) -> list:
    value = data.get(key)
    return value if isinstance(value, list) else []


def numbers_text(numbers) -> str:
    """Numbers as people list them: 1–10 for a run, else 1, 3, 7."""
    ns = sorted(set(numbers))
    if not ns:
        return "-"
    if ns == list(range(ns[0], ns[-1] + 1)) and len(ns) > 2:
        return f"{ns[0]}–{ns[-1]}"
    return ", ".join(str(n) for n in ns)


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def reference_mistakes(data: dict) -> list[InitErrorDetails]:
    """An indicator's tool that the year does not have, a question's indicator it does not
    have (values of the wrong type are the shape's mistakes, not these)."""
    tools = [
        t["code"]
        for t in _list(data, "tools")
        if isinstance(t, dict) and isinstance(t.get("code"), str)
    ]
    found = []
    numbers = []
    for i, ind in enumerate(_list(data, "indicators")):
        if not isinstance(ind, dict):
            continue
        number, tool = ind.get("number"), ind.get("tool")
        if _whole(number) and number >= 1:
            numbers.append(number)
        if isinstance(tool, str) and tool and tool not in tools:
            th, en = (
                (f"ตัวชี้วัดที่ {number}", f"indicator {number}")
                if _whole(number)
                else (
                    f"ตัวชี้วัดลำดับที่ {i + 1}",
                    f"indicator #{i + 1}",
                )
            )
            have = ", ".join(tools) or "-"
            found.append(
                mistake(
                    f"{th}: ไม่มีเครื่องมือ {tool} ในปีนี้ (มี {have})",
                    f"{en}: there is no tool {tool} this year (there are {have})",
                    at=("indicators", i, "tool"),
                )
            )
    for i, q in enumerate(_list(data, "questions")):
        number = q.get("indicator") if isinstance(q, dict) else None
        if _whole(number) and number not in numbers:
            have = numbers_text(numbers)
            found.append(
                mistake(
                    f"ตัวชี้วัดที่ {number} ไม่มีในปีนี้ (มีตัวชี้วัดที่ {have})",
                    f"indicator {number} does not exist (this year has indicators {have})",
                    at=("questions", i, "indicator"),
                )
            )
    return [{"type": m, "loc": (), "input": None} for m in found]


def _details(exc: ValidationError) -> list[InitErrorDetails]:
    """The errors of ``exc`` again, to raise them with more (a cross-check keeps its own)."""
    out = []
    for e in exc.errors():
        ctx = e.get("ctx") or {}
        if e["type"] == "cross_check":
            kind = PydanticCustomError("cross_check", "{en}", ctx)
        else:
            kind = PydanticCustomError(e["type"], e["msg"].replace("{", "(").replace("}", ")"))
        out.append({"type": kind, "loc": e["loc"], "input": e.get("input")})
    return out


def json_schema() -> dict:
    schema = CriteriaFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2)


# --- the loader's field table, read from the models -------------------------------------------


def _kind(annotation, extra) -> tuple[str, tuple[str, ...]]:
    """(kind, choices) of one field for the loader's checks: text, int, number, bool, list,
    map, code, date or enum."""
    if extra and extra.get("kind") == "code":
        return "code", ()
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (Union, types.UnionType):
        if len(args) == 1:
            return _kind(args[0], None)
        return "code", ()
    if origin is Annotated:
        meta = typing.get_args(annotation)[1:]
        code = any(getattr(m, "json_schema_extra", None) == {"kind": "code"} for m in meta)
        return ("code", ()) if code else _kind(args[0], None)
    if origin is Literal:
        return "enum", tuple(typing.get_args(annotation))
    if origin is list:
        return "list", ()
    if origin is dict:
        return "map", ()
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "map", ()
    return {
        str: ("text", ()),
        int: ("int", ()),
        bool: ("bool", ()),
        Decimal: ("number", ()),
        datetime.date: ("date", ()),
    }[annotation]


def field_specs(model: type[BaseModel]) -> dict[str, tuple[str, bool, tuple[str, ...]]]:
    """``{name: (kind, required, choices)}`` of a model's fields, in their order."""
    out = {}
    for name, info in model.model_fields.items():
        annotation = info.annotation
        extra = None
        for meta in info.metadata:
            if getattr(meta, "json_schema_extra", None):
                extra = meta.json_schema_extra
        out[name] = (*_kind(annotation, extra), info.is_required())
        out[name] = (out[name][0], out[name][2], out[name][1])
    return out
