"""Form fields shared by every app: Thai dates that accept the Buddhist era, scores 0–100."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from prongsai.thai import ThaiDateError, parse_date, to_arabic_digits


def lines(text: str | None) -> list[str]:
    """The non-empty lines of a textarea, stripped: one step, unit or item per line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def active_lang() -> str:
    """``"en"`` when the active language is English, else ``"th"``: which of an error's two
    messages (``message_th`` / ``message_en``) to show."""
    return "en" if (get_language() or "").startswith("en") else "th"


class ThaiDateInput(forms.TextInput):
    """Shows a date as day/month/BE year (1/10/2566), the way Thai offices write it."""

    def format_value(self, value):
        if isinstance(value, date):
            return f"{value.day}/{value.month}/{value.year + 543}"
        return value

    def __init__(self, attrs=None):
        super().__init__(
            {"placeholder": _("เช่น 1/10/2566 หรือ 1 ต.ค. 66"), "inputmode": "text", **(attrs or {})}
        )


class ThaiDateField(forms.Field):
    """Accepts 1/10/2566, ๑/๑๐/๒๕๖๖, 1 ต.ค. 66, 1 ตุลาคม 2566 and ISO 2023-10-01."""

    widget = ThaiDateInput
    default_error_messages = {"invalid": _("วันที่ไม่ถูกต้อง")}

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, date):
            return value
        text = to_arabic_digits(str(value)).strip()
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
        try:
            return parse_date(text)
        except ThaiDateError as exc:
            raise forms.ValidationError(exc.message(active_lang()), code="invalid") from exc


class ScoreField(forms.DecimalField):
    """A score from 0 to 100 with at most two decimals; Thai digits accepted."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        # a text box, not type=number: officers type Thai digits (๘๗.๑๙), which number inputs drop
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "size": 6}))
        super().__init__(
            min_value=Decimal(0),
            max_value=Decimal(100),
            max_digits=5,
            decimal_places=2,
            error_messages={
                "invalid": _("ใส่ตัวเลข เช่น 87.19"),
                "min_value": _("คะแนนต้องไม่น้อยกว่า 0"),
                "max_value": _("คะแนนต้องไม่เกิน 100"),
                "max_decimal_places": _("ทศนิยมไม่เกิน 2 ตำแหน่ง"),
                "max_digits": _("คะแนนต้องไม่เกิน 100"),
            },
            **kwargs,
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = to_arabic_digits(value).strip()
        return super().to_python(value)
