"""Reading the audit trail: who changed what and when, field by field, for one object and the
rows that belong to it (a plan and its measures, an assessment and its scores…)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.access.scope import is_national, object_or_404
from prongsai.analysis.models import Analysis, Finding, IssueNarrative
from prongsai.assessments.models import Assessment, IndicatorScore, QuestionScore, ToolScore
from prongsai.measures.models import (
    Evidence,
    Measure,
    MeasurePlan,
    MeasureProgress,
    Memo,
    ProgressRound,
    SignOff,
)
from prongsai.thai import format_date

# Never shown as a change: they change with every save, or never.
HIDDEN_FIELDS = {"id", "created_at", "updated_at"}

KIND_TH = {"+": gettext_lazy("สร้าง"), "~": gettext_lazy("แก้ไข"), "-": gettext_lazy("ลบ")}


@dataclass(frozen=True)
class Subject:
    """What a history page is about: the object's model and its children (model, FK name)."""

    model: type[models.Model]
    children: tuple[tuple[type[models.Model], str], ...] = ()


SUBJECTS = {
    "assessment": Subject(
        Assessment,
        (
            (QuestionScore, "assessment_id"),
            (IndicatorScore, "assessment_id"),
            (ToolScore, "assessment_id"),
        ),
    ),
    "analysis": Subject(Analysis, ((Finding, "analysis_id"), (IssueNarrative, "analysis_id"))),
    "plan": Subject(MeasurePlan, ((Measure, "plan_id"),)),
    "measure": Subject(Measure),
    "round": Subject(ProgressRound, ((MeasureProgress, "round_id"),)),
    "memo": Subject(Memo, ((SignOff, "memo_id"),)),
}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    when: datetime
    who: str
    kind: str  # สร้าง / แก้ไข / ลบ
    what: str  # which row: the object itself or one of its children
    changes: list[Change] = field(default_factory=list)


def subject_object(request, kind: str, pk: int) -> models.Model:
    """The object whose history is asked for, through the permission layer: out of the user's
    reach it is "not found". A deleted object's history is for national admins only."""
    subject = SUBJECTS.get(kind)
    if subject is None:
        raise Http404("ไม่มีประวัติของข้อมูลประเภทนี้")
    if subject.model.objects.filter(pk=pk).exists() or not is_national(request.user):
        return object_or_404(request, subject.model.objects, "view", pk=pk)
    if not subject.model.history.filter(id=pk).exists():
        raise Http404("ไม่พบข้อมูลนี้")
    return None


def history(kind: str, pk: int) -> list[Entry]:
    """Every recorded change of the object and its children, newest first."""
    subject = SUBJECTS[kind]
    groups = [(subject.model, subject.model.history.filter(id=pk))]
    for child, fk in subject.children:
        groups.append((child, child.history.filter(**{fk: pk})))
        if child is MeasureProgress:
            progress_ids = child.history.filter(**{fk: pk}).values("id")
            groups.append((Evidence, Evidence.history.filter(progress_id__in=progress_ids)))
    entries: list[Entry] = []
    for model, rows in groups:
        entries += _entries(
            model, list(rows.select_related("history_user")), top=model is subject.model
        )
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries


def _entries(model, rows: list, *, top: bool) -> list[Entry]:
    labels = _Labels(model, rows)
    by_object: dict[int, list] = {}
    for row in sorted(rows, key=lambda r: (r.history_date, r.history_id)):
        by_object.setdefault(row.id, []).append(row)
    entries = []
    for versions in by_object.values():
        previous = None
        for row in versions:
            changes = _changes(model, row, previous, labels)
            previous = row
            if row.history_type == "~" and not changes:
                continue  # saved without a visible change (e.g. only the time stamp moved)
            entries.append(
                Entry(
                    when=row.history_date,
                    who=_who(row),
                    kind=str(KIND_TH.get(row.history_type, row.history_type)),
                    what=str(model._meta.verbose_name) if top else labels.row(row),
                    changes=changes if row.history_type != "-" else [],
                )
            )
    return entries


def _who(row) -> str:
    user = row.history_user
    if user is None:
        return _("ระบบ (คำสั่งหรือการนำเข้า)")
    full = user.get_full_name().strip()
    return f"{full} ({user.get_username()})" if full else user.get_username()


def _changes(model, row, previous, labels: _Labels) -> list[Change]:
    out = []
    for f in model._meta.fields:
        if f.name in HIDDEN_FIELDS:
            continue
        new = getattr(row, f.attname)
        old = getattr(previous, f.attname) if previous is not None else None
        if previous is None and new in (None, "", []):
            continue
        if previous is not None and old == new:
            continue
        out.append(Change(str(f.verbose_name), labels.value(f, old), labels.value(f, new)))
    return out


class _Labels:
    """Readable values and row names, looking related rows up once per page, not per row."""

    def __init__(self, model, rows):
        self.model = model
        self._related: dict[type, dict] = {}
        self.rows = rows

    def _lookup(self, related_model, pk):
        key = related_model
        if key not in self._related:
            ids = set()
            for f in self.model._meta.fields:
                if f.is_relation and f.related_model is related_model:
                    ids |= {getattr(r, f.attname) for r in self.rows}
            ids.add(pk)
            self._related[key] = related_model._base_manager.in_bulk([i for i in ids if i])
        return self._related[key].get(pk)

    def value(self, f, value) -> str:
        if value is None or value == "" or value == []:
            return "—"
        if f.is_relation:
            obj = self._lookup(f.related_model, value)
            return str(obj) if obj is not None else _("#%(pk)s (ถูกลบแล้ว)") % {"pk": value}
        if f.flatchoices:
            return str(dict(f.flatchoices).get(value, value))
        if isinstance(value, bool):
            return _("ใช่") if value else _("ไม่ใช่")
        if isinstance(value, datetime):
            local = timezone.localtime(value) if timezone.is_aware(value) else value
            return f"{format_date(local.date(), 'short', 'arabic')} {local:%H:%M} น."
        if isinstance(value, date):
            return format_date(value, "long", "arabic")
        if isinstance(value, Decimal):
            return f"{value:.2f}"
        if isinstance(value, list):
            return " / ".join(str(v) for v in value)
        return str(value)

    def row(self, row) -> str:
        label = ROW_LABELS.get(self.model)
        return label(row, self._related_str) if label else str(self.model._meta.verbose_name)

    def _related_str(self, row, name: str) -> str:
        f = self.model._meta.get_field(name)
        obj = self._lookup(f.related_model, getattr(row, f.attname))
        if obj is None:
            return f"#{getattr(row, f.attname)}"
        for attr in ("code", "number"):  # a question, an indicator, a tool: its short name
            if hasattr(obj, attr) and not isinstance(obj, Measure):
                return str(getattr(obj, attr))
        return str(obj)


# How a child row is named on its parent's history page (related names looked up once).
ROW_LABELS = {
    QuestionScore: lambda row, rel: _("คะแนนข้อ %(x)s") % {"x": rel(row, "question")},
    IndicatorScore: lambda row, rel: _("คะแนนตัวชี้วัดที่ %(x)s") % {"x": rel(row, "indicator")},
    ToolScore: lambda row, rel: _("คะแนนเครื่องมือ %(x)s") % {"x": rel(row, "tool")},
    Measure: lambda row, rel: _("มาตรการที่ %(x)s") % {"x": row.number},
    MeasureProgress: lambda row, rel: _("ผลการดำเนินงาน %(x)s") % {"x": rel(row, "measure")},
    Finding: lambda row, rel: (
        _("ประเด็นที่ %(x)s %(tool)s") % {"x": row.issue_number, "tool": row.tool}
    ),
    IssueNarrative: lambda row, rel: _("คำบรรยายประเด็นที่ %(x)s") % {"x": row.issue_number},
    SignOff: lambda row, rel: _("ผู้พิจารณาลำดับที่ %(x)s") % {"x": row.order},
    Evidence: lambda row, rel: _("หลักฐาน “%(x)s”") % {"x": row.title},
}
