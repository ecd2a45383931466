"""The audit trail: a history table (django-simple-history) for every model of the cycle that a
person edits, kept in this app so the other apps' migrations stay as they are; and the failed
logins that the login throttle counts.

Each history row holds the whole object as it was after a change, with who (``history_user``,
set by ``HistoryRequestMiddleware`` from the request), when and the kind of change (+ ~ -).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history import register

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

TRACKED = [
    Assessment,
    QuestionScore,
    IndicatorScore,
    ToolScore,
    Analysis,
    Finding,
    IssueNarrative,
    MeasurePlan,
    Measure,
    ProgressRound,
    MeasureProgress,
    Evidence,
    Memo,
    SignOff,
]

for _model in TRACKED:
    if not hasattr(_model, "history"):
        # module prongsai.audit.models → app label "audit": the history tables live here
        register(_model, app="prongsai.audit")


class FailedLogin(models.Model):
    """One failed login: the throttle refuses a user name (or an address) after too many."""

    username = models.CharField(_("ชื่อผู้ใช้"), max_length=150, db_index=True)
    ip = models.GenericIPAddressField(_("ที่อยู่ IP"), null=True, blank=True, db_index=True)
    at = models.DateTimeField(_("เมื่อ"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("การเข้าสู่ระบบที่ไม่สำเร็จ")
        verbose_name_plural = _("การเข้าสู่ระบบที่ไม่สำเร็จ")

    def __str__(self) -> str:
        return f"{self.username} {self.ip or ''} {self.at:%Y-%m-%d %H:%M}"
