"""The workflow's rules, written once: which status may follow which, what "frozen" and
"overdue" mean. Actions of every app ask these; no view decides them."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from .choices import MemoStatus, Status
from .errors import Frozen, Invalid, NotApproved

# status → the statuses it may move to (by an action)
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.SUBMITTED}),
    Status.SUBMITTED: frozenset({Status.DRAFT, Status.APPROVED}),  # returned / last approval
    # a correction reopens it as a new draft version (its approvals stay as history; what was
    # published stays at its URL, the next publication is the next version)
    Status.APPROVED: frozenset({Status.PUBLISHED, Status.DRAFT}),
    Status.PUBLISHED: frozenset({Status.PUBLISHED, Status.DRAFT}),
}
REOPENABLE = frozenset({Status.APPROVED, Status.PUBLISHED})
MEMO_TRANSITIONS: dict[str, frozenset[str]] = {
    MemoStatus.DRAFT: frozenset({MemoStatus.IN_REVIEW}),
    MemoStatus.RETURNED: frozenset({MemoStatus.IN_REVIEW}),
    MemoStatus.IN_REVIEW: frozenset({MemoStatus.RETURNED, MemoStatus.APPROVED}),
    MemoStatus.APPROVED: frozenset(),
    MemoStatus.PAPER: frozenset(),  # a paper record stays what it was
}
MEMO_EDITABLE = frozenset({MemoStatus.DRAFT, MemoStatus.RETURNED})
PUBLISHABLE = frozenset({Status.APPROVED, Status.PUBLISHED})


def is_frozen(status: str) -> bool:
    """In review, approved or published: nothing of it changes by any path."""
    return status != Status.DRAFT


def require_draft(obj, what=None) -> None:
    """Refuse (:class:`Frozen`) unless ``obj.status`` is draft; ``what`` names it."""
    if is_frozen(obj.status):
        raise Frozen(
            _("%(what)s%(status)s แก้ไขไม่ได้ (การแก้ไขต้องทำเป็นฉบับใหม่ผ่านบันทึกข้อความใหม่)"),
            what=what or _("ส่วนนี้"),
            status=obj.get_status_display(),
        )


def require_transition(obj, new: str, table=TRANSITIONS) -> None:
    if new not in table.get(obj.status, ()):
        raise Invalid(
            _("เปลี่ยนสถานะจาก “%(old)s” เป็น “%(new)s” ไม่ได้"),
            code="bad_transition",
            old=obj.get_status_display(),
            new=new,
        )


def require_publishable(obj) -> None:
    """Approved before published: the one place this rule is written."""
    if obj.status not in PUBLISHABLE:
        raise NotApproved(
            _("ยังเผยแพร่ไม่ได้: ต้องได้รับอนุมัติผ่านบันทึกข้อความก่อน (สถานะตอนนี้: %(status)s)"),
            status=obj.get_status_display(),
        )


def is_overdue(due: date | None, finished: bool, today: date) -> bool:
    return not finished and due is not None and today > due
