"""No lost updates: optimistic concurrency on the ``updated_at`` a form was opened with.

A form carries the row's ``updated_at`` in a hidden ``version`` field. On save, the service
locks the row (``select_for_update``) inside the transaction and compares: if someone saved in
between, the save is refused with :class:`EditConflict`, which lists, field by field, what was
saved meanwhile beside what this person typed. The form is shown again with what they typed and
the new version, so saving again (after reading the differences) is a deliberate overwrite.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django import forms
from django.db import models
from django.utils import timezone

from prongsai.thai import format_date


@dataclass
class Difference:
    field: str
    theirs: str
    yours: str


class EditConflict(Exception):
    def __init__(self, current, differences: list[Difference]):
        self.current = current
        self.differences = differences
        who = _last_editor(current)
        when = timezone.localtime(current.updated_at)
        self.message_th = (
            f"ยังไม่ได้บันทึก: มีผู้อื่น{who}บันทึกข้อมูลนี้เมื่อ "
            f"{format_date(when.date(), 'short', 'arabic')} {when:%H:%M:%S} น. "
            "หลังจากที่คุณเปิดแบบฟอร์ม สิ่งที่คุณกรอกยังอยู่ในแบบฟอร์มครบ "
            "ตรวจความแตกต่างด้านล่าง แล้วกดบันทึกอีกครั้งถ้าต้องการใช้ค่าของคุณ"
        )
        super().__init__(self.message_th)


def _last_editor(obj) -> str:
    history = getattr(obj, "history", None)
    last = history.select_related("history_user").first() if history is not None else None
    user = getattr(last, "history_user", None)
    return f" ({user.get_full_name() or user.get_username()}) " if user else " "


def version_of(obj) -> str:
    return obj.updated_at.isoformat() if obj is not None and obj.pk else ""


def parse_version(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


class VersionedForm(forms.ModelForm):
    """A model form with the hidden ``version`` of the row it edits, and its differences."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["version"] = version_of(self.instance)

    def shown_values(self, source) -> dict[str, str]:
        """Field label → readable value, from a saved row (``source`` a model object) or from
        this form's cleaned input (``source`` None). Forms with extra fields extend it."""
        out = {}
        for name in self._meta.fields:
            field = self.fields.get(name)
            if field is None:
                continue
            value = getattr(source, name) if source is not None else self.cleaned_data.get(name)
            out[str(field.label)] = shown(field, value)
        return out

    def differences(self, current) -> list[Difference]:
        theirs, yours = self.shown_values(current), self.shown_values(None)
        return [
            Difference(label, theirs[label], yours[label])
            for label in theirs
            if theirs[label] != yours.get(label)
        ]

    def check_version(self, current) -> bool:
        """Whether to save this input over ``current`` (the locked row).

        True when the row is as it was when the form was opened (or the form has no version:
        a page from before this check). False when someone saved the row since and this
        person changed nothing in it: their save is kept, nothing is overwritten. Raises
        :class:`EditConflict` when both changed it, unless to the same values (a double
        click)."""
        version = parse_version(self.cleaned_data.get("version"))
        if version is None or current.updated_at == version:
            return True
        if not self.typed_extra() and self._untouched_since(current, version):
            return False
        differences = self.differences(current)
        if differences:
            raise EditConflict(current, differences)
        return True

    def typed_extra(self) -> bool:
        """Whether input outside the model's fields was given (e.g. a file to attach)."""
        return False

    def _untouched_since(self, current, version) -> bool:
        history = getattr(type(current), "history", None)
        then = history.filter(id=current.pk, updated_at=version).first() if history else None
        return then is not None and self.shown_values(then.instance) == self.shown_values(None)


def shown(field: forms.Field, value) -> str:
    if hasattr(value, "all"):  # a many-to-many: the saved row's manager or the input queryset
        names = sorted(str(v) for v in value.all())
        return ", ".join(names) if names else "—"
    if value is None or value == "":
        return "—"
    if isinstance(value, date):
        return format_date(value, "short", "arabic")
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    choices = getattr(field, "choices", None)
    if choices and not isinstance(value, models.Model):
        label = {str(k): v for k, v in choices}.get(str(value))
        if label is not None:
            return str(label)
    return str(value)


def rebound_with_version(form_class, data, current, **kwargs):
    """The same input again, carrying the current version: the next save overwrites."""
    data = data.copy()
    prefix = kwargs.get("prefix")
    data[f"{prefix}-version" if prefix else "version"] = version_of(current)
    return form_class(data, **kwargs)
