"""Read and validate the ITA criteria of one fiscal year (``data/ita-<year>.yaml``).

Pure Python (PyYAML, no Django). A file is checked completely in one pass and *every* problem
is reported with the line it is on, in Thai and in English, in plain words::

    ita-2566.yaml บรรทัด 42: ตัวชี้วัดที่ 11 ไม่มีในปีนี้ (มีตัวชี้วัดที่ 1–10)
    ita-2566.yaml, line 42: indicator 11 does not exist (this year has indicators 1–10)

Numbers are read as :class:`~decimal.Decimal` from their text in the file, so ``0.1`` stays
exactly 0.1. A valid file becomes a :class:`~prongsai.criteria.catalog.Catalog`.

API: :func:`parse_catalog` (text → Catalog), :func:`load_catalog` (path → Catalog),
:func:`check_file` (path → problems, never raises), :func:`load_all` (folder → {year: Catalog}),
:func:`catalog_for_year` (year → Catalog, cached while the file is unchanged).
``python -m prongsai.criteria.loader [--en] [FILE…]`` checks files from the command line.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import functools
import re
import sys
import threading
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pydantic
import yaml

from . import schema
from .catalog import (
    AnalysisIssueDef,
    Catalog,
    IndicatorDef,
    OitWindow,
    QuestionDef,
    RatingRule,
    SubIndicatorDef,
    ToolDef,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
FILE_NAME_RE = re.compile(r"^ita-(\d{4})\.yaml$")

CONFIDENCES = typing.get_args(schema.Confidence)
QUESTION_CODE_RE = re.compile(r"^[a-z]+[0-9]+$")
HUNDRED = Decimal(100)
STEP = Decimal("0.01")  # scores are published, and rated, to the hundredth


# ---------------------------------------------------------------------------------------------
# Problems
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a criteria file, where it is, in Thai and in English."""

    file: str  # the file's name, e.g. "ita-2566.yaml"
    line: int | None  # 1-based; None when the problem is about the file as a whole
    message_th: str
    message_en: str

    def format(self, lang: str = "th") -> str:
        if lang == "en":
            where = self.file if self.line is None else f"{self.file}, line {self.line}"
            return f"{where}: {self.message_en}"
        where = self.file if self.line is None else f"{self.file} บรรทัด {self.line}"
        return f"{where}: {self.message_th}"

    def __str__(self) -> str:
        return self.format("th")


class CriteriaError(Exception):
    """A criteria file could not be used; ``problems`` says every reason."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return "\n".join(p.format("th") for p in self.problems)

    def format(self, lang: str = "th") -> str:
        return "\n".join(p.format(lang) for p in self.problems)

    def __reduce__(self):  # keep the problems when pickled (e.g. by a task queue)
        return (type(self), (self.problems,))


# ---------------------------------------------------------------------------------------------
# YAML with line numbers
# ---------------------------------------------------------------------------------------------


class _Map(dict):
    """A YAML mapping that remembers its own line and the line of each of its keys."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class _Seq(list):
    """A YAML sequence that remembers its own line and the line of each item."""

    line: int = 0
    item_lines: list[int]

    def line_at(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _LineLoader(yaml.SafeLoader):
    def __init__(self, stream):
        super().__init__(stream)
        self.duplicate_keys: list[tuple[int, Any, int]] = []  # (line, key, first line)


def _construct_map(loader: _LineLoader, node: yaml.MappingNode):
    data = _Map()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError as exc:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                "found unhashable key",
                key_node.start_mark,
            ) from exc
        line = key_node.start_mark.line + 1
        if key in data.key_lines:
            loader.duplicate_keys.append((line, key, data.key_lines[key]))
        data[key] = loader.construct_object(value_node)
        data.key_lines[key] = line


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode):
    data = _Seq()
    data.line = node.start_mark.line + 1
    data.item_lines = [child.start_mark.line + 1 for child in node.value]
    yield data
    data.extend(loader.construct_object(child) for child in node.value)


def _construct_decimal(loader: _LineLoader, node: yaml.ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "").strip()
    lowered = text.lower()
    if lowered in (".inf", "+.inf"):
        return Decimal("Infinity")
    if lowered == "-.inf":
        return Decimal("-Infinity")
    if lowered == ".nan":
        return Decimal("NaN")
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f"cannot read {text!r} as a number", node.start_mark
        ) from exc


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_LineLoader.add_constructor("tag:yaml.org,2002:omap", _construct_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
_LineLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)

# PyYAML's own wording → plain Thai (and plain English) for the mistakes people make most.
_YAML_HINTS = (
    (
        "mapping values are not allowed",
        "มีเครื่องหมาย ':' ในที่ที่ไม่ควรมี (ข้อความที่มี ': ' ต้องอยู่ในเครื่องหมายคำพูด หรือย่อหน้าผิด)",
        "a ':' where none is allowed (quote text that contains ': ', or check the indentation)",
    ),
    (
        "found character '\\t'",
        "มีอักขระแท็บ (Tab) — YAML ต้องย่อหน้าด้วยช่องว่างเท่านั้น",
        "a tab character — YAML must be indented with spaces only",
    ),
    (
        "could not find expected ':'",
        "ไม่พบเครื่องหมาย ':' ที่ควรมี (ลืมใส่ ':' หลังชื่อคีย์ หรือเครื่องหมายคำพูดไม่ครบคู่)",
        "an expected ':' is missing (after a key name, or a quote is not closed)",
    ),
    (
        "expected <block end>",
        "การย่อหน้าไม่ตรงกัน (บรรทัดนี้ย่อหน้าไม่เท่ากับบรรทัดอื่นในระดับเดียวกัน)",
        "the indentation does not line up with the lines around it",
    ),
    (
        "expected ',' or ']'",
        "รายการในวงเล็บ [...] ไม่ถูกต้อง (ลืมเครื่องหมาย ',' หรือ ']')",
        "a [...] list is not written correctly (a ',' or ']' is missing)",
    ),
    (
        "expected ',' or '}'",
        "ชุดข้อมูลในวงเล็บ {...} ไม่ถูกต้อง (ลืมเครื่องหมาย ',' หรือ '}')",
        "a {...} mapping is not written correctly (a ',' or '}' is missing)",
    ),
    (
        "found unexpected end of stream",
        "ไฟล์จบก่อนปิดเครื่องหมายคำพูดหรือวงเล็บ",
        "the file ends before a quote or bracket is closed",
    ),
    (
        "found unhashable key",
        "ชื่อคีย์ต้องเป็นข้อความธรรมดา ไม่ใช่รายการหรือชุดข้อมูล",
        "a key must be plain text, not a list or a mapping",
    ),
)


def _yaml_problem(file: str, exc: yaml.YAMLError) -> Problem:
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    context = str(getattr(exc, "context", None) or "")
    mark = problem_mark or context_mark
    line = mark.line + 1 if mark is not None else None
    extra_th = extra_en = ""
    # An unclosed bracket or quote is noticed lines later; point at where it was opened.
    opened = ("flow" in context or "quoted scalar" in context) and context_mark is not None
    if opened and problem_mark is not None and context_mark.line != problem_mark.line:
        line = context_mark.line + 1
        extra_th = f" (เปิดไว้ที่บรรทัดนี้ พบปัญหาที่บรรทัด {problem_mark.line + 1})"
        extra_en = f" (opened on this line; noticed on line {problem_mark.line + 1})"
    raw = " ".join(
        str(x) for x in (getattr(exc, "context", None), getattr(exc, "problem", None)) if x
    ) or str(exc)
    for needle, th, en in _YAML_HINTS:
        if needle in raw:
            return Problem(
                file,
                line,
                f"เขียน YAML ผิดรูปแบบ: {th}{extra_th}",
                f"YAML syntax error: {en}{extra_en}",
            )
    return Problem(
        file,
        line,
        f"เขียน YAML ผิดรูปแบบ ({raw}){extra_th}",
        f"YAML syntax error ({raw}){extra_en}",
    )


# ---------------------------------------------------------------------------------------------
# Field specifications
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Field:
    kind: str  # text, int, number, bool, list, map, code, or "enum"
    required: bool = True
    choices: tuple[str, ...] = ()


def _spec(model) -> dict[str, _Field]:
    """The loader's field table of one part of the file, read from its schema model."""
    return {
        name: _Field(kind, required=required, choices=choices)
        for name, (kind, required, choices) in schema.field_specs(model).items()
    }


_YEAR_FIELDS = _spec(schema.CriteriaFile)
_TOOL_FIELDS = _spec(schema.ToolModel)
_INDICATOR_FIELDS = _spec(schema.IndicatorModel)
_SUB_FIELDS = _spec(schema.SubIndicatorModel)
_QUESTION_FIELDS = _spec(schema.QuestionModel)
_RATING_FIELDS = _spec(schema.RatingModel)
_RULE_FIELDS = _spec(schema.RuleModel)
_ANALYSIS_FIELDS = _spec(schema.AnalysisModel)
_ISSUE_FIELDS = _spec(schema.IssueModel)
_WINDOW_FIELDS = _spec(schema.OitWindowModel)
# list values whose items must be one of these (the schema's Literal types)
_LIST_CHOICES = {
    "formats": typing.get_args(schema.FileFormat),
    "fulfilled_by": typing.get_args(schema.Document),
}
# what people typed into text_th when a wording was not known; the file says it with
# `confidence` instead, and the pages show a small "ยังไม่ยืนยัน" mark
PLACEHOLDER_RE = re.compile(r"ยังไม่ยืนยัน|not confirmed", re.IGNORECASE)

_KIND_WORDS = {
    "text": ("ข้อความ", "text"),
    "int": ("จำนวนเต็ม", "a whole number"),
    "number": ("ตัวเลข", "a number"),
    "bool": ("true หรือ false", "true or false"),
    "list": ("รายการ (บรรทัดที่ขึ้นต้นด้วย - หรือ [...])", "a list (lines starting with - or [...])"),
    "map": ("ชุดข้อมูลแบบ คีย์: ค่า", "a set of key: value lines"),
    "code": ('รหัส เช่น "9.1"', 'a code such as "9.1"'),
    "date": ("วันที่แบบ ค.ศ. เช่น 2025-06-30", "a date such as 2025-06-30"),
}


def _show(value: Any) -> str:
    if value is None:
        return "(ว่าง)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _show_en(value: Any) -> str:
    return "(empty)" if value is None else _show(value)


_numbers_text = schema.numbers_text


def _codes_text(codes: Iterable[str], limit: int = 12) -> str:
    cs = list(codes)
    if len(cs) > limit:
        return ", ".join(cs[:limit]) + ", …"
    return ", ".join(cs) or "-"


_fmt = schema.number_text


# ---------------------------------------------------------------------------------------------
# The checker
# ---------------------------------------------------------------------------------------------


def _line_at(doc: _Map, path: tuple) -> int:
    """The line of the value at ``path`` (keys and list positions) in the parsed file."""
    node, line = doc, 1
    for step in path:
        if isinstance(node, _Map) and step in node:
            line, node = node.line_of(step), node[step]
        elif isinstance(node, _Seq) and isinstance(step, int) and step < len(node):
            line, node = node.line_at(step), node[step]
        else:
            break
    return line


class _Checker:
    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def add(self, line: int | None, th: str, en: str) -> None:
        self.problems.append(Problem(self.file, line, th, en))

    # -- generic -------------------------------------------------------------------------

    def fields(
        self,
        obj: Any,
        spec: dict[str, _Field],
        where: tuple[str, str],
        line: int,
    ) -> dict[str, Any] | None:
        """Check one mapping against its spec; return the values that have the right type."""
        w_th, w_en = where
        if not isinstance(obj, _Map):
            self.add(
                line,
                f"{w_th} ต้องเป็นชุดข้อมูลแบบ คีย์: ค่า แต่พบ {_show(obj)}",
                f"{w_en} must be a set of key: value lines, found {_show_en(obj)}",
            )
            return None
        good: dict[str, Any] = {}
        for key in obj:
            if key not in spec:
                close = difflib.get_close_matches(str(key), list(spec), n=1, cutoff=0.6)
                if close:
                    hint_th = f' (หมายถึง "{close[0]}" หรือไม่?)'
                    hint_en = f' (did you mean "{close[0]}"?)'
                else:
                    allowed = ", ".join(spec)
                    hint_th = f" (คีย์ที่ใช้ได้: {allowed})"
                    hint_en = f" (allowed keys: {allowed})"
                self.add(
                    obj.line_of(key),
                    f'{w_th} มีคีย์ "{key}" ที่ไม่รู้จัก{hint_th}',
                    f'{w_en}: unknown key "{key}"{hint_en}',
                )
        for name, field in spec.items():
            if name not in obj:
                if field.required:
                    self.add(
                        obj.line,
                        f'{w_th} ไม่มี "{name}" (ต้องระบุ)',
                        f'{w_en} has no "{name}" (it is required)',
                    )
                continue
            value = self.value(obj[name], field, (w_th, w_en), name, obj.line_of(name))
            if value is not _BAD:
                good[name] = value
        return good

    def value(self, raw: Any, field: _Field, where: tuple[str, str], name: str, line: int):
        w_th, w_en = where
        kind = field.kind
        ok: Any = _BAD
        if kind == "text":
            if isinstance(raw, str) and raw.strip():
                ok = raw.strip() if "\n" not in raw else raw.rstrip()
        elif kind == "int":
            if isinstance(raw, int) and not isinstance(raw, bool):
                ok = raw
        elif kind == "number":
            if isinstance(raw, bool):
                ok = _BAD
            elif isinstance(raw, int):
                ok = Decimal(raw)
            elif isinstance(raw, Decimal):
                ok = raw
            if ok is not _BAD and not ok.is_finite():
                ok = _BAD
        elif kind == "bool":
            if isinstance(raw, bool):
                ok = raw
        elif kind == "list":
            if isinstance(raw, _Seq):
                ok = raw
            elif raw is None:
                ok = _empty_seq(line)
        elif kind == "map":
            if isinstance(raw, _Map):
                ok = raw
            elif raw is None:
                ok = _empty_map(line)
        elif kind == "code":
            if isinstance(raw, str) and raw.strip():
                ok = raw.strip()
            elif isinstance(raw, (Decimal, int)) and not isinstance(raw, bool):
                ok = str(raw)
        elif kind == "date":
            if isinstance(raw, datetime.date) and not isinstance(raw, datetime.datetime):
                ok = raw
        elif kind == "enum":
            if isinstance(raw, str) and raw in field.choices:
                ok = raw
            else:
                choices = ", ".join(field.choices)
                self.add(
                    line,
                    f'{w_th}: "{name}" ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้ {choices} แต่พบ "{_show(raw)}"',
                    f'{w_en}: "{name}" must be one of {choices}, found "{_show_en(raw)}"',
                )
                return _BAD
        if ok is _BAD:
            word_th, word_en = _KIND_WORDS[kind]
            if kind == "text" and isinstance(raw, str):
                self.add(line, f'{w_th}: "{name}" ว่างอยู่', f'{w_en}: "{name}" is empty')
            else:
                self.add(
                    line,
                    f'{w_th}: "{name}" ต้องเป็น{word_th} แต่พบ "{_show(raw)}"',
                    f'{w_en}: "{name}" must be {word_en}, found "{_show_en(raw)}"',
                )
        return ok

    def percent(self, value: Decimal, where: tuple[str, str], name: str, line: int) -> bool:
        if 0 <= value <= HUNDRED:
            return True
        self.add(
            line,
            f'{where[0]}: "{name}" ต้องอยู่ระหว่าง 0 ถึง 100 แต่พบ {_fmt(value)}',
            f'{where[1]}: "{name}" must be between 0 and 100, found {_fmt(value)}',
        )
        return False

    def items(self, seq: _Seq) -> Iterable[tuple[int, Any, int]]:
        for index, item in enumerate(seq):
            yield index, item, seq.line_at(index)

    # -- the file ------------------------------------------------------------------------

    def check(self, doc: Any) -> Catalog | None:
        top = self.fields(doc, _YEAR_FIELDS, ("ไฟล์เกณฑ์", "the criteria file"), 1)
        if top is None:
            return None
        year = top.get("fiscal_year")
        self.check_file_name(year, doc.line_of("fiscal_year"))
        sources = self.check_sources(top.get("sources"), doc.line_of("sources"))
        year_source = self.check_source_list(top.get("source"), doc.line_of("source"))
        tools = self.check_tools(top.get("tools"), doc.line_of("tools"))
        indicators = self.check_indicators(top.get("indicators"), tools)
        questions = self.check_questions(top.get("questions"), indicators)
        self.check_indicator_coverage(indicators, questions, tools, doc.line_of("indicators"))
        rating = self.check_rating(top.get("rating"), doc.line_of("rating"))
        improve_below, issues = self.check_analysis(
            top.get("analysis"), tools, indicators, questions
        )
        window = self.check_window(top.get("oit_window"), doc.line_of("oit_window"))
        self.cross_checks(doc)
        if self.problems:
            return None
        return Catalog(
            fiscal_year=year,
            title_th=top["title_th"],
            confidence=top["confidence"],
            sources=dict(sources),
            source=tuple(year_source),
            notes=top["notes"],
            tools=tuple(t for t, _ in tools.values()),
            indicators=tuple(i for i, _ in indicators.values()),
            questions=tuple(
                dataclasses.replace(q, source_text=sources.get(q.source, q.source))
                for q, _ in questions.values()
            ),
            rating_scheme=rating["scheme"],
            pass_mark=rating["pass_mark"],
            rating_rules=tuple(rating["rules"]),
            analysis_issues=tuple(issues),
            improve_below=improve_below,
            file=self.file,
            oit_window=window,
        )

    def cross_checks(self, doc: _Map) -> None:
        """The schema's validators (``schema.mistake``), each on the line of what it names:
        pydantic gives the path of the part, the mistake the path below it, the line map of
        the parsed file the line. Parts the checks above found malformed are not cross-checked
        (pydantic validates a part's fields before its validators)."""
        try:
            schema.CriteriaFile.model_validate(doc, context={"file": self.file})
        except pydantic.ValidationError as exc:
            for error in exc.errors():
                if error["type"] != "cross_check":
                    continue  # the shape, which the checks above report in their words
                ctx = error["ctx"]
                path = (*error["loc"], *ctx["at"])
                self.add(_line_at(doc, path), ctx["th"], ctx["en"])

    def check_file_name(self, year: int | None, line: int) -> None:
        m = FILE_NAME_RE.match(self.file)
        if not m:
            shown = year if year is not None else "<ปี>"
            self.add(
                None,
                f"ชื่อไฟล์ต้องเป็น ita-<ปีงบประมาณ>.yaml เช่น ita-{shown}.yaml",
                f"the file must be named ita-<fiscal year>.yaml, e.g. ita-{year or '<year>'}.yaml",
            )
            return
        # the year (Buddhist era, the file's own): schema.CriteriaFile

    # -- sources -------------------------------------------------------------------------

    def check_sources(self, raw: _Map | None, line: int) -> dict[str, str]:
        out: dict[str, str] = {}
        if raw is None:
            return out
        for key, value in raw.items():
            kline = raw.line_of(key)
            if not isinstance(key, str) or not key.strip():
                self.add(
                    kline,
                    f'ชื่อแหล่งอ้างอิง "{_show(key)}" ต้องเป็นข้อความ',
                    f'the source key "{_show_en(key)}" must be text',
                )
                continue
            if not isinstance(value, str) or not value.strip():
                self.add(
                    kline,
                    f"แหล่งอ้างอิง {key} ต้องบอกที่มาเป็นข้อความ (URL หรือคำอธิบาย)",
                    f"source {key} must say where it is, as text (a URL or a description)",
                )
                continue
            out[key] = value.strip()
        return out

    def check_source_list(self, raw: _Seq | None, line: int) -> list[str]:
        out: list[str] = []
        if raw is None:
            return out
        if not raw:
            self.add(
                line,
                '"source" ต้องมีแหล่งอ้างอิงอย่างน้อย 1 รายการ',
                '"source" must name at least one source',
            )
        for index, key in enumerate(raw):
            if not isinstance(key, str) or not key.strip():
                self.add(
                    raw.line_at(index),
                    f'"source" ต้องเป็นชื่อแหล่งอ้างอิง แต่พบ "{_show(key)}"',
                    f'"source" must list source keys, found "{_show_en(key)}"',
                )
                continue
            out.append(key)
        return out

    # -- tools ---------------------------------------------------------------------------

    def check_tools(self, raw: _Seq | None, line: int) -> dict[str, tuple[ToolDef, int]]:
        tools: dict[str, tuple[ToolDef, int]] = {}
        if raw is None:
            return tools
        if not raw:
            self.add(line, "ต้องมีเครื่องมืออย่างน้อย 1 รายการ", "there must be at least one tool")
            return tools
        for index, item, iline in self.items(raw):
            label = item.get("code") if isinstance(item, _Map) else None
            where = (
                (f"เครื่องมือ {label}", f"tool {label}")
                if isinstance(label, str)
                else (f"เครื่องมือลำดับที่ {index + 1}", f"tool #{index + 1}")
            )
            f = self.fields(item, _TOOL_FIELDS, where, iline)
            if f is None:
                continue
            weight = f.get("weight")  # not negative, summing to 100: schema.ToolModel/CriteriaFile
            code = f.get("code")
            if code is None:
                continue
            if code in tools:
                first = tools[code][1]
                self.add(
                    item.line_of("code"),
                    f"รหัสเครื่องมือ {code} ซ้ำ (มีอยู่แล้วที่บรรทัด {first})",
                    f"tool code {code} is used twice (first at line {first})",
                )
                continue
            tools[code] = (
                ToolDef(
                    code=code,
                    name_th=f.get("name_th", ""),
                    name_en=f.get("name_en", ""),
                    weight=weight if weight is not None else Decimal(0),
                    confidence=f.get("confidence", "none"),
                ),
                item.line_of("code"),
            )
        return tools

    # -- indicators ----------------------------------------------------------------------

    def check_indicators(
        self, raw: _Seq | None, tools: dict[str, tuple[ToolDef, int]]
    ) -> dict[int, tuple[IndicatorDef, int]]:
        indicators: dict[int, tuple[IndicatorDef, int]] = {}
        if raw is None:
            return indicators
        for index, item, iline in self.items(raw):
            number = item.get("number") if isinstance(item, _Map) else None
            where = (
                (f"ตัวชี้วัดที่ {number}", f"indicator {number}")
                if isinstance(number, int) and not isinstance(number, bool)
                else (f"ตัวชี้วัดลำดับที่ {index + 1}", f"indicator #{index + 1}")
            )
            f = self.fields(item, _INDICATOR_FIELDS, where, iline)
            if f is None:
                continue
            number = f.get("number")  # 1 or more: schema.IndicatorModel
            if number is not None and number < 1:
                number = None
            tool = f.get("tool")  # one the year has: schema.CriteriaFile
            if tool is not None and tool not in tools:
                tool = None
            aggregation = f.get("aggregation", "mean_of_questions")
            questions_known = f.get("questions_known", True)
            # scored by the mean of sub-indicators, it lists them: schema.IndicatorModel
            subs = self.check_sub_indicators(f.get("sub_indicators"), number, aggregation, where)
            if number is None:
                continue
            if number in indicators:
                first = indicators[number][1]
                self.add(
                    item.line_of("number"),
                    f"ตัวชี้วัดที่ {number} ซ้ำ (มีอยู่แล้วที่บรรทัด {first})",
                    f"indicator {number} is listed twice (first at line {first})",
                )
                continue
            indicators[number] = (
                IndicatorDef(
                    number=number,
                    tool=tool or "",
                    name_th=f.get("name_th", ""),
                    name_en=f.get("name_en", ""),
                    aggregation=aggregation,
                    sub_indicators=tuple(s for s, _ in subs),
                    questions_known=questions_known,
                    confidence=f.get("confidence", "none"),
                ),
                item.line_of("number"),
            )
        return indicators

    def check_sub_indicators(
        self,
        raw: _Seq | None,
        number: int | None,
        aggregation: str,
        where: tuple[str, str],
    ) -> list[tuple[SubIndicatorDef, int]]:
        subs: list[tuple[SubIndicatorDef, int]] = []
        if raw is None:
            return subs
        if aggregation != "mean_of_sub_indicators":
            self.add(
                raw.line,
                f"{where[0]}: มี sub_indicators แต่คิดคะแนนแบบ {aggregation} "
                f"(ตัวชี้วัดย่อยใช้กับ mean_of_sub_indicators เท่านั้น)",
                f"{where[1]}: has sub_indicators but is scored {aggregation} "
                f"(sub-indicators go with mean_of_sub_indicators only)",
            )
            return subs
        if not raw:
            self.add(
                raw.line,
                f"{where[0]}: sub_indicators ว่างอยู่ (ถ้าไม่ทราบตัวชี้วัดย่อย ให้ใช้ mean_of_questions)",
                f"{where[1]}: sub_indicators is empty (if they are not known, use "
                f"mean_of_questions)",
            )
            return subs
        seen: dict[str, int] = {}
        for index, item, iline in self.items(raw):
            swhere = (
                f"{where[0]} ตัวชี้วัดย่อยลำดับที่ {index + 1}",
                f"{where[1]}, sub-indicator #{index + 1}",
            )
            f = self.fields(item, _SUB_FIELDS, swhere, iline)
            if f is None or "code" not in f:
                continue
            code = f["code"]
            cline = item.line_of("code")
            if number is not None and not code.startswith(f"{number}."):
                self.add(
                    cline,
                    f'{where[0]}: รหัสตัวชี้วัดย่อย "{code}" ต้องขึ้นต้นด้วย "{number}." เช่น {number}.1',
                    f'{where[1]}: sub-indicator code "{code}" must start with "{number}.", '
                    f"e.g. {number}.1",
                )
            if code in seen:
                self.add(
                    cline,
                    f"ตัวชี้วัดย่อย {code} ซ้ำ (มีอยู่แล้วที่บรรทัด {seen[code]})",
                    f"sub-indicator {code} is listed twice (first at line {seen[code]})",
                )
                continue
            seen[code] = cline
            subs.append((SubIndicatorDef(code=code, name_th=f.get("name_th", "")), cline))
        return subs

    # -- questions -----------------------------------------------------------------------

    def check_questions(
        self, raw: _Seq | None, indicators: dict[int, tuple[IndicatorDef, int]]
    ) -> dict[str, tuple[QuestionDef, int]]:
        questions: dict[str, tuple[QuestionDef, int]] = {}
        if raw is None:
            return questions
        for index, item, iline in self.items(raw):
            code = item.get("code") if isinstance(item, _Map) else None
            where = (
                (f"ข้อคำถาม {code}", f"question {code}")
                if isinstance(code, str)
                else (f"ข้อคำถามลำดับที่ {index + 1}", f"question #{index + 1}")
            )
            f = self.fields(item, _QUESTION_FIELDS, where, iline)
            if f is None:
                continue
            code = f.get("code")
            if code is not None and not QUESTION_CODE_RE.match(code):
                self.add(
                    item.line_of("code"),
                    f'รหัสข้อคำถาม "{code}" ต้องเป็นตัวอักษรภาษาอังกฤษตัวเล็กตามด้วยตัวเลข เช่น i1, e15, o35',
                    f'question code "{code}" must be lower-case letters then digits, '
                    f"e.g. i1, e15, o35",
                )
            number = f.get("indicator")  # one the year has: schema.CriteriaFile
            indicator = indicators[number][0] if number in indicators else None
            sub = f.get("sub_indicator", "")
            if indicator is not None:
                if not indicator.questions_known:
                    self.add(
                        item.line_of("indicator"),
                        f"ตัวชี้วัดที่ {number} ระบุว่ายังไม่ทราบข้อคำถาม (questions_known: false) "
                        f"แต่มีข้อคำถาม {code}",
                        f"indicator {number} says its questions are not known "
                        f"(questions_known: false) but has question {code}",
                    )
                sub_codes = [s.code for s in indicator.sub_indicators]
                if indicator.aggregation == "mean_of_sub_indicators" and sub_codes:
                    if "sub_indicator" not in item:
                        self.add(
                            iline,
                            f"{where[0]}: ต้องระบุ sub_indicator เพราะตัวชี้วัดที่ {number} "
                            f"แบ่งเป็นตัวชี้วัดย่อย ({', '.join(sub_codes)})",
                            f"{where[1]}: needs a sub_indicator because indicator {number} is "
                            f"split into sub-indicators ({', '.join(sub_codes)})",
                        )
                    elif sub and sub not in sub_codes:
                        self.add(
                            item.line_of("sub_indicator"),
                            f"ตัวชี้วัดย่อย {sub} ไม่มีในตัวชี้วัดที่ {number} (มี {', '.join(sub_codes)})",
                            f"sub-indicator {sub} does not exist in indicator {number} "
                            f"(it has {', '.join(sub_codes)})",
                        )
                elif "sub_indicator" in item:
                    self.add(
                        item.line_of("sub_indicator"),
                        f"{where[0]}: ตัวชี้วัดที่ {number} ไม่ได้แบ่งเป็นตัวชี้วัดย่อย จึงระบุ sub_indicator ไม่ได้",
                        f"{where[1]}: indicator {number} has no sub-indicators, so "
                        f"sub_indicator cannot be given",
                    )
            self.check_placeholder(f.get("text_th"), where, item.line_of("text_th"))
            oit = self.check_item_fields(item, f, where)
            if code is None:
                continue
            if code in questions:
                first = questions[code][1]
                self.add(
                    item.line_of("code"),
                    f"รหัสข้อคำถาม {code} ซ้ำ (มีอยู่แล้วที่บรรทัด {first})",
                    f"question code {code} is used twice (first at line {first})",
                )
                continue
            questions[code] = (
                QuestionDef(
                    code=code,
                    indicator=number if number is not None else 0,
                    text_th=f.get("text_th", ""),
                    kind=f.get("kind", "perception"),
                    sub_indicator=sub,
                    scoring_type=f.get("scoring_type", ""),
                    confidence=f.get("confidence", "none"),
                    source=f.get("source", ""),
                    **oit,
                ),
                item.line_of("code"),
            )
        return questions

    def check_placeholder(self, text: str | None, where: tuple[str, str], line: int) -> None:
        if text and PLACEHOLDER_RE.search(text):
            self.add(
                line,
                f'{where[0]}: อย่าเขียน "ยังไม่ยืนยัน" ไว้ในข้อความ (ผู้ใช้จะเห็นข้อความนี้) '
                f"ให้เขียนเฉพาะหัวข้อ แล้วระบุ confidence: low หรือ none แทน",
                f'{where[1]}: do not write "not confirmed" into the text (users would see it); '
                f"write the topic only and say confidence: low or none",
            )

    def check_item_fields(self, item: _Map, f: dict[str, Any], where: tuple[str, str]) -> dict:
        """The OIT workspace's fields of an item: only on disclosure items, lists of text or
        of the allowed values."""
        out: dict[str, Any] = {}
        names = ("requirements", "period", "formats", "fulfilled_by")
        given = [n for n in names if n in f]
        if given and f.get("kind") != "checklist":
            self.add(
                item.line_of(given[0]),
                f'{where[0]}: "{given[0]}" ใช้ได้เฉพาะรายการเปิดเผยข้อมูล (kind: checklist)',
                f'{where[1]}: "{given[0]}" is only for disclosure items (kind: checklist)',
            )
            return out
        if "period" in f:
            out["period"] = f["period"]
        for name in ("requirements", "formats", "fulfilled_by"):
            if name not in f:
                continue
            values = []
            seq = f[name]
            for index, value in enumerate(seq):
                line = seq.line_at(index)
                choices = _LIST_CHOICES.get(name)
                if choices and value not in choices:
                    self.add(
                        line,
                        f'{where[0]}: "{name}" มีค่า "{_show(value)}" ที่ไม่รู้จัก '
                        f"(ใช้ได้: {', '.join(choices)})",
                        f'{where[1]}: "{name}" has an unknown value "{_show_en(value)}" '
                        f"(allowed: {', '.join(choices)})",
                    )
                elif not isinstance(value, str) or not value.strip():
                    self.add(
                        line,
                        f'{where[0]}: "{name}" ต้องเป็นรายการข้อความ แต่พบ "{_show(value)}"',
                        f'{where[1]}: "{name}" must be a list of text, found "{_show_en(value)}"',
                    )
                else:
                    values.append(value.strip())
            out[name] = tuple(values)
        return out

    def check_window(self, raw: _Map | None, line: int) -> OitWindow | None:
        if raw is None:
            return None
        where = ("ช่วงตอบแบบ OIT (oit_window)", "the OIT window")
        f = self.fields(raw, _WINDOW_FIELDS, where, line)
        if f is None or "opens" not in f or "closes" not in f:
            return None
        # closing after it opens: schema.OitWindowModel
        return OitWindow(f["opens"], f["closes"], f.get("confidence", "none"), f.get("source", ""))

    def check_indicator_coverage(
        self,
        indicators: dict[int, tuple[IndicatorDef, int]],
        questions: dict[str, tuple[QuestionDef, int]],
        tools: dict[str, tuple[ToolDef, int]],
        line: int,
    ) -> None:
        by_indicator: dict[int, list[QuestionDef]] = {}
        for q, _ in questions.values():
            by_indicator.setdefault(q.indicator, []).append(q)
        for number, (ind, iline) in indicators.items():
            qs = by_indicator.get(number, [])
            if ind.questions_known and not qs:
                self.add(
                    iline,
                    f"ตัวชี้วัดที่ {number} ไม่มีข้อคำถามเลย (ถ้ายังไม่ทราบรายการข้อคำถาม "
                    f"ให้ใส่ questions_known: false)",
                    f"indicator {number} has no questions (if they are not known, set "
                    f"questions_known: false)",
                )
            if ind.aggregation == "mean_of_sub_indicators" and ind.questions_known and qs:
                used = {q.sub_indicator for q in qs}
                for sub in ind.sub_indicators:
                    if sub.code not in used:
                        self.add(
                            iline,
                            f"ตัวชี้วัดย่อย {sub.code} ไม่มีข้อคำถามเลย จึงคิดค่าเฉลี่ยไม่ได้",
                            f"sub-indicator {sub.code} has no questions, so it has no mean",
                        )
        used_tools = {ind.tool for ind, _ in indicators.values()}
        for code, (_, tline) in tools.items():
            if code not in used_tools:
                self.add(
                    tline,
                    f"เครื่องมือ {code} ไม่มีตัวชี้วัดเลย",
                    f"tool {code} has no indicators",
                )

    # -- rating --------------------------------------------------------------------------

    def check_rating(self, raw: _Map | None, line: int) -> dict[str, Any]:
        out: dict[str, Any] = {"scheme": "", "pass_mark": Decimal(0), "rules": []}
        if raw is None:
            return out
        f = self.fields(raw, _RATING_FIELDS, ("การจัดระดับ (rating)", "the rating"), line)
        if f is None:
            return out
        out["scheme"] = f.get("scheme", "")
        pass_mark = f.get("pass_mark")
        if pass_mark is not None and not self.percent(
            pass_mark, ("การจัดระดับ", "the rating"), "pass_mark", raw.line_of("pass_mark")
        ):
            pass_mark = None
        out["pass_mark"] = pass_mark if pass_mark is not None else Decimal(0)
        rules_raw = f.get("rules")
        if rules_raw is None:
            return out
        if not rules_raw:
            self.add(
                raw.line_of("rules"),
                "ต้องมีเกณฑ์การจัดระดับอย่างน้อย 1 ข้อ",
                "there must be at least one rating rule",
            )
            return out
        rules: list[tuple[RatingRule, int]] = []
        labels: dict[str, int] = {}
        for index, item, iline in self.items(rules_raw):
            label = item.get("label") if isinstance(item, _Map) else None
            where = (
                (f"ระดับ {label}", f"rating {label}")
                if isinstance(label, str)
                else (f"เกณฑ์การจัดระดับลำดับที่ {index + 1}", f"rating rule #{index + 1}")
            )
            rf = self.fields(item, _RULE_FIELDS, where, iline)
            if rf is None:
                continue
            # its scores 0–100, the lowest not above the highest: schema.RuleModel
            scores = [rf.get(n) for n in ("min_overall", "max_overall", "min_each_tool")]
            ok = all(v is None or 0 <= v <= HUNDRED for v in scores)
            if ok and scores[1] is not None and scores[0] is not None and scores[0] > scores[1]:
                ok = False
            if isinstance(label, str) and label in labels:
                self.add(
                    item.line_of("label"),
                    f"ระดับ {label} ซ้ำ (มีอยู่แล้วที่บรรทัด {labels[label]})",
                    f"rating {label} is listed twice (first at line {labels[label]})",
                )
            elif isinstance(label, str):
                labels[label] = item.line_of("label")
            required = [k for k, spec in _RULE_FIELDS.items() if spec.required]
            if not ok or any(k not in rf for k in required):
                continue
            rule = RatingRule(
                label=rf["label"],
                label_en=rf["label_en"],
                min_overall=rf["min_overall"],
                max_overall=rf.get("max_overall"),
                min_each_tool=rf.get("min_each_tool"),
                passed=rf["passed"],
                confidence=rf["confidence"],
            )
            rules.append((rule, iline))
            if pass_mark is not None:
                self.check_pass_flag(rule, pass_mark, where, item)
        out["rules"] = [r for r, _ in rules]
        return out  # the rules covering every score: schema.RatingModel

    def check_pass_flag(
        self, rule: RatingRule, pass_mark: Decimal, where: tuple[str, str], item: _Map
    ) -> None:
        top = rule.max_overall if rule.max_overall is not None else HUNDRED
        if rule.passed and rule.min_overall < pass_mark:
            self.add(
                item.line_of("passed"),
                f"{where[0]} นับว่าผ่าน แต่เริ่มที่ {_fmt(rule.min_overall)} ซึ่งต่ำกว่าเกณฑ์ผ่าน "
                f"{_fmt(pass_mark)}",
                f"{where[1]} counts as passed but starts at {_fmt(rule.min_overall)}, below "
                f"the pass mark {_fmt(pass_mark)}",
            )
        if not rule.passed and top >= pass_mark:
            self.add(
                item.line_of("passed"),
                f"{where[0]} นับว่าไม่ผ่าน แต่ครอบคลุมคะแนนถึง {_fmt(top)} ซึ่งถึงเกณฑ์ผ่าน "
                f"{_fmt(pass_mark)} แล้ว",
                f"{where[1]} counts as not passed but reaches {_fmt(top)}, at or above the "
                f"pass mark {_fmt(pass_mark)}",
            )

    # -- analysis ------------------------------------------------------------------------

    def check_analysis(
        self,
        raw: _Map | None,
        tools: dict[str, tuple[ToolDef, int]],
        indicators: dict[int, tuple[IndicatorDef, int]],
        questions: dict[str, tuple[QuestionDef, int]],
    ) -> tuple[Decimal, list[AnalysisIssueDef]]:
        improve_below = Decimal(95)
        issues: list[AnalysisIssueDef] = []
        if raw is None:
            return improve_below, issues
        f = self.fields(raw, _ANALYSIS_FIELDS, ("การวิเคราะห์ (analysis)", "the analysis"), raw.line)
        if f is None:
            return improve_below, issues
        if "improve_below" in f and self.percent(
            f["improve_below"],
            ("การวิเคราะห์", "the analysis"),
            "improve_below",
            raw.line_of("improve_below"),
        ):
            improve_below = f["improve_below"]
        seen: dict[int, int] = {}
        tool_of = {
            code: (indicators[q.indicator][0].tool or None) if q.indicator in indicators else None
            for code, (q, _) in questions.items()
        }
        for index, item, iline in self.items(f.get("issues") or _empty_seq(raw.line)):
            number = item.get("number") if isinstance(item, _Map) else None
            where = (
                (f"ประเด็นที่ {number}", f"issue {number}")
                if isinstance(number, int) and not isinstance(number, bool)
                else (f"ประเด็นลำดับที่ {index + 1}", f"issue #{index + 1}")
            )
            isf = self.fields(item, _ISSUE_FIELDS, where, iline)
            if isf is None:
                continue
            number = isf.get("number")
            if number is not None:
                if number in seen:
                    self.add(
                        item.line_of("number"),
                        f"ประเด็นที่ {number} ซ้ำ (มีอยู่แล้วที่บรรทัด {seen[number]})",
                        f"issue {number} is listed twice (first at line {seen[number]})",
                    )
                else:
                    seen[number] = item.line_of("number")
            by_tool = self.check_issue_questions(isf.get("questions"), where, tools, tool_of)
            if number is not None and number in seen and seen[number] == item.line_of("number"):
                issues.append(
                    AnalysisIssueDef(
                        number=number,
                        title_th=isf.get("title_th", ""),
                        questions=by_tool,
                        confidence=isf.get("confidence", "none"),
                        source=isf.get("source", ""),
                        derived=isf.get("derived", False),
                    )
                )
        return improve_below, issues

    def check_issue_questions(
        self,
        raw: _Map | None,
        where: tuple[str, str],
        tools: dict[str, tuple[ToolDef, int]],
        tool_of: dict[str, str | None],
    ) -> dict[str, tuple[str, ...]]:
        out: dict[str, tuple[str, ...]] = {}
        if raw is None:
            return out
        if not raw:
            self.add(
                raw.line,
                f"{where[0]}: ไม่มีข้อคำถามเลย",
                f"{where[1]}: names no questions",
            )
        for tool, codes in raw.items():
            tline = raw.line_of(tool)
            if tool not in tools:
                self.add(
                    tline,
                    f"{where[0]}: ไม่มีเครื่องมือ {_show(tool)} ในปีนี้ (มี {_codes_text(tools)})",
                    f"{where[1]}: there is no tool {_show_en(tool)} this year (there are "
                    f"{_codes_text(tools)})",
                )
                continue
            if not isinstance(codes, _Seq) or not codes:
                self.add(
                    tline,
                    f"{where[0]}: ข้อคำถามของ {tool} ต้องเป็นรายการรหัส เช่น [i1, i2]",
                    f"{where[1]}: the {tool} questions must be a list of codes, e.g. [i1, i2]",
                )
                continue
            listed: list[str] = []
            for index, code in enumerate(codes):
                cline = codes.line_at(index)
                if not isinstance(code, str):
                    self.add(
                        cline,
                        f'{where[0]}: "{_show(code)}" ไม่ใช่รหัสข้อคำถาม',
                        f'{where[1]}: "{_show_en(code)}" is not a question code',
                    )
                    continue
                if code in listed:
                    self.add(
                        cline,
                        f"{where[0]}: ข้อ {code} อยู่ใต้ {tool} ซ้ำกัน 2 ครั้ง",
                        f"{where[1]}: {code} is listed twice under {tool}",
                    )
                    continue
                listed.append(code)
                if code not in tool_of:
                    self.add(
                        cline,
                        f"{where[0]}: ไม่มีข้อคำถาม {code} ในปีนี้",
                        f"{where[1]}: there is no question {code} this year",
                    )
                elif tool_of[code] is not None and tool_of[code] != tool:
                    self.add(
                        cline,
                        f"{where[0]}: ข้อ {code} เป็นข้อคำถามของ {tool_of[code]} แต่อยู่ใต้ {tool}",
                        f"{where[1]}: {code} is a {tool_of[code]} question but is listed "
                        f"under {tool}",
                    )
            out[tool] = tuple(listed)
        return out


class _Bad:
    def __repr__(self) -> str:
        return "<bad>"


_BAD: Any = _Bad()


def _empty_seq(line: int) -> _Seq:
    s = _Seq()
    s.line, s.item_lines = line, []
    return s


def _empty_map(line: int) -> _Map:
    m = _Map()
    m.line, m.key_lines = line, {}
    return m


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def _parse(text: str, file_name: str) -> tuple[list[Problem], Catalog | None]:
    loader = _LineLoader(text)
    try:
        doc = loader.get_single_data()
    except yaml.YAMLError as exc:
        return [_yaml_problem(file_name, exc)], None
    finally:
        loader.dispose()
    checker = _Checker(file_name)
    for line, key, first in loader.duplicate_keys:
        checker.add(
            line,
            f'คีย์ "{key}" ซ้ำในชุดข้อมูลเดียวกัน (มีอยู่แล้วที่บรรทัด {first}; ค่าหลังจะทับค่าแรก)',
            f'key "{key}" appears twice in the same mapping (first at line {first}; '
            f"the second would silently replace the first)",
        )
    if doc is None:
        checker.add(None, "ไฟล์ว่างเปล่า", "the file is empty")
        return checker.problems, None
    catalog = checker.check(doc)
    problems = sorted(checker.problems, key=lambda p: p.line or 0)
    return problems, (catalog if not problems else None)


@functools.lru_cache(maxsize=32)
def parse_catalog(text: str, file_name: str) -> Catalog:
    """The Catalog in ``text`` (the content of the file called ``file_name``).

    Raises :class:`CriteriaError` listing every problem. A Catalog is immutable, so the same
    text parsed again (the app loads the same files at each start, the tests at each test) is
    answered from a small cache; a text with problems is parsed every time.
    """
    problems, catalog = _parse(text, file_name)
    if problems or catalog is None:
        raise CriteriaError(problems)
    return catalog


def _read(path: Path) -> tuple[str | None, Problem | None]:
    try:
        return path.read_text(encoding="utf-8"), None
    except FileNotFoundError:
        return None, Problem(path.name, None, "ไม่พบไฟล์", "the file does not exist")
    except UnicodeDecodeError as exc:
        return None, Problem(
            path.name,
            None,
            f"ไฟล์ไม่ได้บันทึกเป็น UTF-8 ({exc.reason})",
            f"the file is not saved as UTF-8 ({exc.reason})",
        )
    except OSError as exc:
        return None, Problem(
            path.name, None, f"เปิดไฟล์ไม่ได้ ({exc.strerror})", f"cannot open ({exc.strerror})"
        )


def check_file(path: str | Path) -> list[Problem]:
    """Every problem of one criteria file (an empty list when it is valid). Never raises."""
    path = Path(path)
    text, problem = _read(path)
    if problem is not None:
        return [problem]
    problems, _ = _parse(text, path.name)
    return problems


def load_catalog(path: str | Path) -> Catalog:
    """The Catalog of one criteria file; raises :class:`CriteriaError` if it has problems."""
    path = Path(path)
    text, problem = _read(path)
    if problem is not None:
        raise CriteriaError([problem])
    return parse_catalog(text, path.name)


def load_all(data_dir: str | Path = DATA_DIR) -> dict[int, Catalog]:
    """Every ``ita-*.yaml`` of a folder, by fiscal year; all problems of all files at once."""
    catalogs: dict[int, Catalog] = {}
    problems: list[Problem] = []
    for path in sorted(Path(data_dir).glob("ita-*.yaml")):
        text, problem = _read(path)
        if problem is not None:
            problems.append(problem)
            continue
        found, catalog = _parse(text, path.name)
        problems.extend(found)
        if catalog is not None:
            catalogs[catalog.fiscal_year] = catalog
    if problems:
        raise CriteriaError(problems)
    return dict(sorted(catalogs.items()))


def available_years(data_dir: str | Path = DATA_DIR) -> list[int]:
    """The fiscal years that have a criteria file (by file name; not validated)."""
    years = []
    for path in Path(data_dir).glob("ita-*.yaml"):
        m = FILE_NAME_RE.match(path.name)
        if m:
            years.append(int(m.group(1)))
    return sorted(years)


_cache: dict[Path, tuple[tuple[int, int], Catalog]] = {}
_cache_lock = threading.Lock()


def catalog_for_year(year: int, data_dir: str | Path = DATA_DIR) -> Catalog:
    """The Catalog of ``year`` from the data folder, re-read only when the file changes."""
    path = Path(data_dir) / f"ita-{int(year)}.yaml"
    try:
        st = path.stat()
    except FileNotFoundError:
        raise CriteriaError(
            [
                Problem(
                    path.name,
                    None,
                    f"ยังไม่มีเกณฑ์การประเมินของปีงบประมาณ {year} (ไม่พบไฟล์ {path.name})",
                    f"there are no ITA criteria for fiscal year {year} ({path.name} not found)",
                )
            ]
        ) from None
    stamp = (st.st_mtime_ns, st.st_size)
    with _cache_lock:
        hit = _cache.get(path)
        if hit is not None and hit[0] == stamp:
            return hit[1]
    catalog = load_catalog(path)
    if catalog.fiscal_year != int(year):  # pragma: no cover - the file-name check forbids it
        raise CriteriaError(
            [Problem(path.name, None, "ปีในไฟล์ไม่ตรงกับชื่อไฟล์", "year does not match file")]
        )
    with _cache_lock:
        _cache[path] = (stamp, catalog)
    return catalog


def main(argv: list[str] | None = None, out: Callable[[str], None] = print) -> int:
    """``python -m prongsai.criteria.loader [--en] [FILE…]``: check files, exit 1 on problems."""
    args = list(sys.argv[1:] if argv is None else argv)
    lang = "th"
    if "--en" in args:
        args.remove("--en")
        lang = "en"
    paths = [Path(a) for a in args] or sorted(DATA_DIR.glob("ita-*.yaml"))
    bad = 0
    for path in paths:
        problems = check_file(path)
        if problems:
            bad += 1
            for p in problems:
                out(p.format(lang))
        else:
            out(f"{path.name}: {'ถูกต้อง' if lang == 'th' else 'OK'}")
    return 1 if bad else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
