"""The results entry form, built from the year's criteria.

One field per question (a score 0–100, or 0/100 for a disclosure item), an optional stated
score per indicator and per tool and a stated overall score, and per tool a box to paste a
column of scores from Excel. The paste box is applied here, on the server, before the fields
are validated: each pasted value lands in its question's field and is checked there, so an
error appears next to the question it belongs to (the page's JavaScript does the same filling
in the browser, so the officer sees it at once).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.core.forms import ScoreField
from prongsai.criteria.catalog import Catalog, IndicatorDef, QuestionDef

from .scoring import ScoreError, ScoreReport, score

CHECKLIST_CHOICES = [("", "—"), ("100", gettext_lazy("มี (100)")), ("0", gettext_lazy("ไม่มี (0)"))]

# ---------------------------------------------------------------------------------------------
# Pasting a column from Excel (pure functions, no Django)

UNKNOWN_CELLS = {"", "-", "–", "—", "n/a", "na", "?"}
CODE = re.compile(r"^(?:ข้อ\s*)?([A-Za-z]{1,3})\s*\.?\s*(\d{1,3})$")
DECIMAL_COMMA = re.compile(r"^\s*\d{1,3},\d{1,4}\s*%?\s*$")
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)$")


@dataclass(frozen=True)
class PastedLine:
    line: int  # 1-based line number in the pasted text
    code: str | None  # a question code written on the line ("i1\t87.19"), else None
    value: str | None  # the number as text with Arabic digits ("87.19"), None = unknown


class PasteError(ValueError):
    """What is wrong with a pasted column, one message per problem, in the active language
    (Thai unless the page is in English; the attribute keeps its historical name)."""

    def __init__(self, messages_th: list[str]):
        self.messages_th = messages_th
        super().__init__("; ".join(messages_th))


def _cells(line: str) -> list[str]:
    line = line.translate(THAI_DIGITS).replace("\u00a0", " ").replace("\ufeff", "")
    line = re.sub(r"^\s*ข้อ\s*", "", line)  # "ข้อ o12 100"
    if "\t" in line:
        cells = line.split("\t")
    elif DECIMAL_COMMA.match(line):
        cells = [line]
    elif "," in line or ";" in line:
        cells = re.split(r"[,;]", line)
    else:
        cells = line.split()
    cleaned = []
    for cell in cells:
        cell = cell.strip().strip('"').strip()
        if DECIMAL_COMMA.match(cell):
            cell = cell.replace(",", ".")
        cleaned.append(cell)
    return [c for c in cleaned if c]


def _number(cell: str) -> str | None:
    """The cell as a number text, None when it means "unknown"; ValueError when not a number."""
    text = cell.strip().rstrip("%").strip().replace(" ", "")
    if text.lower() in UNKNOWN_CELLS:
        return None
    if not NUMBER.match(text):
        raise ValueError(cell)
    return text


def parse_pasted(text: str) -> list[PastedLine]:
    """Read a column pasted from a spreadsheet: one score per line.

    Tolerated: Thai digits, a trailing ``%``, a decimal comma (``87,19``), extra cells after
    the score (tabs, commas), a question code before the score (``i1<TAB>87.19``), blank
    lines and ``-`` for an unknown score. Trailing blank lines are dropped. Raises
    :class:`PasteError` naming every line that is not a number.
    """
    lines = text.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    result, errors = [], []
    for n, raw in enumerate(lines, start=1):
        cells = _cells(raw)
        code = None
        if cells and (m := CODE.match(cells[0])):
            code = f"{m.group(1).lower()}{int(m.group(2))}"
            cells = cells[1:]
            if not cells:
                errors.append(
                    _("บรรทัด %(line)s มีแต่รหัสข้อ %(code)s ไม่มีคะแนน") % {"line": n, "code": code}
                )
                continue
            cell = cells[-1]  # "i1 <question text> 87.19": the score is the last cell
        else:
            cell = cells[0] if cells else ""
        try:
            value = _number(cell)
        except ValueError:
            if n == 1:
                message = _("บรรทัด %(line)s “%(cell)s” ไม่ใช่ตัวเลข (ถ้าเป็นหัวคอลัมน์ ให้ลบบรรทัดนั้นออก)")
            else:
                message = _("บรรทัด %(line)s “%(cell)s” ไม่ใช่ตัวเลข")
            errors.append(message % {"line": n, "cell": cell})
            continue
        result.append(PastedLine(n, code, value))
    if errors:
        raise PasteError(errors)
    return result


def tool_questions(catalog: Catalog, tool: str) -> list[QuestionDef]:
    """The questions of one tool in the order of the criteria (the order of a pasted column)."""
    return [q for ind in catalog.indicators_of(tool) for q in catalog.questions_of(ind.number)]


def fill_from_paste(catalog: Catalog, tool: str, text: str) -> dict[str, str | None]:
    """Question code → pasted value (None = pasted blank) for one tool's paste box.

    Lines without a code fill the tool's questions in order (line 1 → the first question);
    a line with a code fills that question. Raises :class:`PasteError` with Thai messages.
    """
    questions = tool_questions(catalog, tool)
    codes = [q.code for q in questions]
    known = {q.code: q for q in catalog.questions}
    lines = parse_pasted(text)
    filled: dict[str, str | None] = {}
    errors: list[str] = []
    total = max((pl.line for pl in lines), default=0)
    if any(pl.code is None for pl in lines) and total > len(codes):
        errors.append(
            _("วางมา %(lines)s บรรทัด แต่ %(tool)s มี %(count)s ข้อ (%(first)s–%(last)s)")
            % {
                "lines": total,
                "tool": tool,
                "count": len(codes),
                "first": codes[0],
                "last": codes[-1],
            }
            if codes
            else _("ปี %(year)s ยังไม่มีรายการข้อคำถามของ %(tool)s ในระบบ")
            % {"year": catalog.fiscal_year, "tool": tool}
        )
    for pl in lines:
        if pl.code is None:
            if pl.line <= len(codes):
                filled[codes[pl.line - 1]] = pl.value
        elif pl.code not in known:
            errors.append(
                _("บรรทัด %(line)s: ไม่มีข้อ %(code)s ในเกณฑ์ปี %(year)s")
                % {"line": pl.line, "code": pl.code, "year": catalog.fiscal_year}
            )
        elif pl.code not in codes:
            owner = catalog.indicator(known[pl.code].indicator).tool
            errors.append(
                _("บรรทัด %(line)s: ข้อ %(code)s เป็นของ %(owner)s ไม่ใช่ %(tool)s")
                % {"line": pl.line, "code": pl.code, "owner": owner, "tool": tool}
            )
        else:
            filled[pl.code] = pl.value
    if errors:
        raise PasteError(errors)
    return filled


# ---------------------------------------------------------------------------------------------
# Fields


def _as_number_text(value) -> str:
    """0 and 100 in any spelling (Decimal, "100.00", "๑๐๐") → "0"/"100"; anything else as is."""
    if value in (None, ""):
        return ""
    text = str(value).translate(THAI_DIGITS).strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    if number == 100:
        return "100"
    if number == 0:
        return "0"
    return text


class ChecklistSelect(forms.Select):
    """มี (100) / ไม่มี (0). A value that is neither (pasted 50) stays shown, marked wrong."""

    def format_value(self, value):
        return [_as_number_text(value)]

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        known = {str(v) for v, _ in self.choices}
        odd = [v for v in value if v not in known]
        if odd:
            index = len(groups)
            option = self.create_option(
                name, odd[0], _("%(value)s (ไม่ถูกต้อง)") % {"value": odd[0]}, True, index, attrs=attrs
            )
            groups.append((None, [option], index))
        return groups


class ChecklistField(ScoreField):
    """A disclosure item: 0 or 100, typed, chosen or pasted in any spelling."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", ChecklistSelect(choices=CHECKLIST_CHOICES))
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value is not None and value not in (0, 100):
            raise forms.ValidationError(
                _("รายการเปิดเผยข้อมูลได้คะแนน 0 หรือ 100 เท่านั้น (ได้ %(value)s)")
                % {"value": _as_number_text(value)},
                code="checklist",
            )


def _placeholder(catalog: Catalog, tool: str) -> str:
    kinds = {q.kind for q in tool_questions(catalog, tool)}
    return "100\n0\n100\n…" if kinds == {"checklist"} else "87.19\n89.35\n…"


def _score_field(label: str, **attrs) -> ScoreField:
    field = ScoreField(label=label)
    field.widget.attrs.update(attrs)
    return field


# ---------------------------------------------------------------------------------------------
# The form


class ResultsForm(forms.Form):
    stated_overall = ScoreField(label=gettext_lazy("คะแนนรวมตามประกาศ (ถ้ามี)"))

    def __init__(self, data=None, *, catalog: Catalog, initial=None, **kwargs):
        self.catalog = catalog
        self.pasted: dict[str, int] = {}  # tool code → questions filled from its paste box
        self.paste_errors: dict[str, list[str]] = {}
        if data is not None:
            data = self._apply_pastes(data)
        super().__init__(data, initial=initial, **kwargs)
        self.fields["stated_overall"].widget.attrs["aria-describedby"] = "overall-help"
        for tool in catalog.tools:
            self.fields[f"tool_{tool.code}"] = _score_field(
                _("คะแนน %(tool)s ตามประกาศ (ถ้ามี)") % {"tool": tool.code}
            )
        for ind in catalog.indicators:
            self.fields[f"ind_{ind.number}"] = _score_field(
                _("คะแนนตัวชี้วัดที่ %(number)s ตามประกาศ (ถ้ามี)") % {"number": ind.number}
            )
        for q in catalog.questions:
            tool = catalog.indicator(q.indicator).tool
            field = (
                ChecklistField(label=q.code) if q.kind == "checklist" else ScoreField(label=q.code)
            )
            field.widget.attrs.update(
                {"data-paste-target": tool, "aria-label": _("คะแนนข้อ %(code)s") % {"code": q.code}}
            )
            self.fields[f"q_{q.code}"] = field
        for tool in catalog.tools:
            codes = [q.code for q in tool_questions(catalog, tool.code)]
            self.fields[f"paste_{tool.code}"] = forms.CharField(
                label=_("วางคะแนน %(tool)s จาก Excel") % {"tool": tool.code},
                required=False,
                strip=False,
                widget=forms.Textarea(
                    attrs={
                        "rows": 2,
                        "data-paste": tool.code,
                        "spellcheck": "false",
                        "placeholder": _placeholder(catalog, tool.code),
                    }
                ),
                help_text=(
                    _(
                        "คัดลอกคอลัมน์คะแนนจาก Excel (%(count)s บรรทัด เรียงตามข้อ "
                        "%(first)s–%(last)s) แล้ววางที่นี่ บรรทัดว่างคือยังไม่ทราบคะแนน"
                    )
                    % {"count": len(codes), "first": codes[0], "last": codes[-1]}
                    if codes
                    else ""
                ),
            )

    def _apply_pastes(self, data):
        """Copy ``data`` with each paste box spread over its questions' fields.

        A box that reads cleanly is emptied (its numbers are now in the fields, where they
        are validated and can be corrected); a box with a line that is not a number is kept
        as typed, nothing of it is applied, and the error is shown next to it.
        """
        data = data.copy()
        for tool in self.catalog.tools:
            text = data.get(f"paste_{tool.code}") or ""
            if not text.strip():
                continue
            try:
                filled = fill_from_paste(self.catalog, tool.code, text)
            except PasteError as exc:
                self.paste_errors[tool.code] = exc.messages_th
                continue
            for code, value in filled.items():
                data[f"q_{code}"] = "" if value is None else value
            data[f"paste_{tool.code}"] = ""
            self.pasted[tool.code] = sum(v is not None for v in filled.values())
        return data

    def clean(self):
        data = super().clean()
        for tool, messages in self.paste_errors.items():
            for message in messages:
                self.add_error(f"paste_{tool}", message)
        unknown = sorted(
            key
            for key in self.data
            if key.startswith(("q_", "ind_", "tool_")) and key not in self.fields
        )
        for key in unknown:
            kind, _sep, name = key.partition("_")
            what = {
                "q": _("ข้อ %(name)s ไม่มีในเกณฑ์ปี %(year)s"),
                "ind": _("ตัวชี้วัดที่ %(name)s ไม่มีในเกณฑ์ปี %(year)s"),
                "tool": _("เครื่องมือ %(name)s ไม่มีในเกณฑ์ปี %(year)s"),
            }
            self.add_error(None, what[kind] % {"name": name, "year": self.catalog.fiscal_year})
        given = self.inputs(data)
        if not self.errors and given["stated_overall"] is None and not any(given.values()):
            self.add_error(None, _("ยังไม่มีคะแนนให้บันทึก กรอกหรือวางคะแนนอย่างน้อยหนึ่งช่อง"))
        return data

    # -- what was entered ----------------------------------------------------------------------

    def inputs(self, data: dict | None = None) -> dict:
        """What was entered, as record_scores / score take it (empty fields left out)."""
        data = self.cleaned_data if data is None else data
        c = self.catalog

        def given(name):
            return data.get(name) is not None

        return {
            "question_scores": {
                q.code: data[f"q_{q.code}"] for q in c.questions if given(f"q_{q.code}")
            },
            "indicator_scores": {
                i.number: data[f"ind_{i.number}"] for i in c.indicators if given(f"ind_{i.number}")
            },
            "stated_tools": {
                t.code: data[f"tool_{t.code}"] for t in c.tools if given(f"tool_{t.code}")
            },
            "stated_overall": data.get("stated_overall"),
        }

    def current_report(self) -> ScoreReport | None:
        """The scores of what is in the form now: its valid fields only when it is bound (so
        the summary follows the officer while one field is still wrong), else its initial."""
        if self.is_bound:
            self.is_valid()
            data = self.cleaned_data  # a field with an error is not in it
        else:
            data = {k: (None if v in ("", None) else v) for k, v in self.initial.items()}
        try:
            return score(self.catalog, **self.inputs(data))
        except ScoreError:
            return None

    def invalid_fields(self) -> list[dict]:
        """Each field with an error, in page order: what it is, its first message, its id."""
        if not self.is_bound:
            return []
        self.is_valid()
        names = {
            "q": _("ข้อ %(name)s"),
            "ind": _("ตัวชี้วัดที่ %(name)s"),
            "tool": _("คะแนน %(name)s ตามประกาศ"),
            "paste": _("ช่องวางคะแนน %(name)s"),
            "stated": _("คะแนนรวมตามประกาศ"),
        }
        out = []
        for name in self._page_order():
            if name not in self.errors:
                continue
            kind, _sep, rest = name.partition("_")
            out.append(
                {
                    "what": names[kind] % {"name": rest} if kind != "stated" else names[kind],
                    "message": self.errors[name][0],
                    "id": self[name].id_for_label,
                }
            )
        return out

    # -- for the template ----------------------------------------------------------------------

    def _page_order(self) -> list[str]:
        names = []
        for tool in self.catalog.tools:
            names += [f"tool_{tool.code}", f"paste_{tool.code}"]
            for ind in self.catalog.indicators_of(tool.code):
                names.append(f"ind_{ind.number}")
                names += [f"q_{q.code}" for q in self.catalog.questions_of(ind.number)]
        return [*names, "stated_overall"]

    def _filled(self, name: str) -> bool:
        value = self[name].value()
        return value not in (None, "")

    def tool_sections(self, report: ScoreReport | None = None) -> list[dict]:
        """Per tool: its stated field, paste box, counts, and indicators with their questions
        grouped by sub-indicator (OIT), each with the indicator's status from ``report``."""
        sections = []
        for tool in self.catalog.tools:
            indicators = [
                self._indicator_block(ind, report) for ind in self.catalog.indicators_of(tool.code)
            ]
            questions = tool_questions(self.catalog, tool.code)
            names = [f"q_{q.code}" for q in questions]
            own = [*names, f"paste_{tool.code}", f"tool_{tool.code}"]
            own += [f"ind_{b['indicator'].number}" for b in indicators]
            sections.append(
                {
                    "tool": tool,
                    "stated": self[f"tool_{tool.code}"],
                    "paste": self[f"paste_{tool.code}"],
                    "pasted": self.pasted.get(tool.code),
                    "indicators": indicators,
                    "count": len(questions),
                    "filled": sum(self._filled(n) for n in names),
                    "errors": sum(n in self.errors for n in own) if self.is_bound else 0,
                    "figure": report.tools.get(tool.code) if report else None,
                }
            )
        return sections

    def _indicator_block(self, ind: IndicatorDef, report: ScoreReport | None) -> dict:
        names = {s.code: s.name_th for s in ind.sub_indicators}
        groups: list[dict] = []
        for q in self.catalog.questions_of(ind.number):
            if not groups or groups[-1]["code"] != q.sub_indicator:
                groups.append(
                    {"code": q.sub_indicator, "name": names.get(q.sub_indicator, ""), "rows": []}
                )
            groups[-1]["rows"].append((q, self[f"q_{q.code}"]))
        return {
            "indicator": ind,
            "stated": self[f"ind_{ind.number}"],
            "groups": groups,
            "status": indicator_status(self.catalog, ind, report),
        }

    @staticmethod
    def initial_from(assessment) -> dict:
        """The form's initial values from a stored assessment (the inputs, not what was
        computed or inferred from them)."""
        if assessment is None:
            return {}
        initial = {"stated_overall": assessment.stated_overall}
        for s in assessment.question_scores.filter(inferred=False).select_related("question"):
            initial[f"q_{s.question.code}"] = s.score
        for s in assessment.indicator_scores.filter(stated__isnull=False).select_related(
            "indicator"
        ):
            initial[f"ind_{s.indicator.number}"] = s.stated
        for s in assessment.tool_scores.filter(stated__isnull=False).select_related("tool"):
            initial[f"tool_{s.tool.code}"] = s.stated
        return initial


def indicator_status(catalog: Catalog, ind: IndicatorDef, report: ScoreReport | None) -> dict:
    """What the grid says beside an indicator: its figure, the questions still missing and the
    ones inferred from its stated score."""
    if report is None:
        return {"number": ind.number, "figure": None, "missing": (), "inferred": []}
    codes = {q.code for q in catalog.questions_of(ind.number)}
    return {
        "number": ind.number,
        "figure": report.indicators.get(ind.number),
        "missing": report.missing.get(ind.number, ()),
        "inferred": [(c, v) for c, v in report.inferred.items() if c in codes],
        "questions": len(codes),
    }
