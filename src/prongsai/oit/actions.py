"""The only writers of the OIT workspace (``<object>_<verb>(…, *, by)``; see core/actions.py).

Each action runs in one transaction, locks the rows it changes, checks the actor's reach
(``access.scope.require``), applies the rules and records one event:

=====================  ==============================================================
``oit.open``           start the year's workspace: one row per item of the criteria
``oit.item_save``      status, unit, due date, explanation, steps, checklist, evidence
``oit.item_check``     an agency admin marks a ready item checked (ตรวจแล้ว)
``oit.copy``           bring last year's links and steps forward, mapped by title
``oit.settings``       the year's OIT window, IIT/EIT estimates and survey links
``oit.publish``        freeze what the public ITA page shows
``oit.link_check``     the link checker's findings (status, last seen)
=====================  ==============================================================
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from prongsai.access import scope
from prongsai.agencies.models import Agency, Unit
from prongsai.core import events
from prongsai.core.actions import action, actor_user
from prongsai.core.errors import Conflict, Invalid
from prongsai.core.files.evidence import EvidenceRefused, evidence_extension, stored_name

from .models import MAX_EVIDENCE, ItemStatus, OitEvidence, OitItem, OitWorkspace
from .services import catalog_or_none, public_snapshot

KEEP: object = type("Keep", (), {"__repr__": lambda self: "KEEP"})()  # "leave as it is"
EDITABLE_STATUSES = (ItemStatus.NOT_STARTED, ItemStatus.IN_PROGRESS, ItemStatus.READY)


@dataclass
class LinkInput:
    url: str
    label: str = ""


@dataclass
class FileInput:
    name: str
    data: bytes
    label: str = ""


@dataclass
class ItemInput:
    """What an officer sends for one item (parsed from a form, the API or a file)."""

    status: str
    unit_id: int | object | None = KEEP  # KEEP: leave the unit as it is
    due: date | object | None = KEEP  # KEEP: leave the due date as it is
    explanation: str = ""
    steps: list[str] = field(default_factory=list)
    checklist: dict[str, bool] = field(default_factory=dict)
    links: list[LinkInput] = field(default_factory=list)  # the item's URLs, replacing them
    files: list[FileInput] = field(default_factory=list)  # files to add
    remove: list[int] = field(default_factory=list)  # evidence ids to remove (files)


@dataclass
class WorkspaceSettings:
    opens: date | None = None
    closes: date | None = None
    iit_estimate: Decimal | None = None
    eit_estimate: Decimal | None = None
    iit_url: str = ""
    eit_url: str = ""


@dataclass
class CopyResult:
    workspace: OitWorkspace
    mapped: list[tuple[str, str]]  # (last year's code, this year's code)
    unmapped: list[tuple[str, str]]  # last year's (code, title) with nothing to go to
    copied_links: int = 0
    kept: list[str] = field(default_factory=list)  # this year's items already worked on


def _catalog(year: int):
    catalog = catalog_or_none(year)
    if catalog is None:
        raise Invalid(
            _("ยังไม่มีเกณฑ์การประเมินของปีงบประมาณ %(year)s ในระบบ"), code="no_criteria", year=year
        )
    return catalog


def _ensure(agency_id: int, year: int, by) -> tuple[OitWorkspace, bool]:
    catalog = _catalog(year)
    window = catalog.oit_window
    workspace, created = OitWorkspace.objects.select_for_update().get_or_create(
        agency_id=agency_id,
        fiscal_year=year,
        defaults={
            "opens": window.opens if window else None,
            "closes": window.closes if window else None,
        },
    )
    have = set(workspace.items.values_list("code", flat=True))
    OitItem.objects.bulk_create(
        OitItem(
            workspace=workspace,
            code=q.code,
            title=q.text_th[:300],
            order=n,
            due=workspace.closes,
        )
        for n, q in enumerate(catalog.oit_items())
        if q.code not in have
    )
    return workspace, created


@action("oit.open")
def oit_workspace_open(agency_id: int, year: int, *, by) -> OitWorkspace:
    scope.require(by, agency_id, "edit")
    Agency.objects.select_for_update().get(pk=agency_id)  # two "start" clicks: one workspace
    workspace, created = _ensure(agency_id, year, by)
    if created:
        events.record("oit.open", workspace, by=by, agency=agency_id, year=year)
    return workspace


def _check_url(url: str, field_name: str) -> str:
    url = url.strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise Invalid(
            _("ลิงก์ “%(url)s” ไม่ถูกต้อง ต้องขึ้นต้นด้วย http:// หรือ https://"),
            code="bad_url",
            field=field_name,
            url=url[:80],
        ) from None
    if len(url) > 500:
        raise Invalid(_("ลิงก์ยาวเกิน 500 ตัวอักษร"), code="too_long", field=field_name)
    return url


def _content_hash(item: OitItem) -> str:
    data = {
        "status": item.status,
        "unit": item.unit_id,
        "due": item.due.isoformat() if item.due else None,
        "explanation": item.explanation,
        "steps": item.steps,
        "checklist": item.checklist,
        "evidence": [[e.url, e.file.name if e.file else ""] for e in item.evidence.all()],
    }
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()


@action("oit.item_save")
def oit_item_save(item_id: int, data: ItemInput, *, by, version: int | None = None) -> OitItem:
    item = OitItem.objects.select_for_update().select_related("workspace").get(pk=item_id)
    ws = item.workspace
    scope.require(by, ws.agency_id, "edit")
    if version is not None and version != item.version:
        raise Conflict(
            _("มีผู้อื่นแก้ไขรายการ %(item)s ไปแล้วระหว่างนี้ โหลดหน้าใหม่แล้วแก้อีกครั้ง"),
            code="stale",
            item=item.code,
        )
    if data.status not in EDITABLE_STATUSES and data.status != ItemStatus.CHECKED:
        raise Invalid(_("สถานะไม่ถูกต้อง"), code="bad_status", field="status")
    if (
        data.unit_id is not None
        and data.unit_id is not KEEP
        and not Unit.objects.filter(pk=data.unit_id, agency_id=ws.agency_id).exists()
    ):
        raise Invalid(_("ไม่มีส่วนราชการนี้ในหน่วยงาน"), code="bad_unit", field="unit")
    links = [LinkInput(_check_url(li.url, "links"), li.label.strip()[:200]) for li in data.links]
    kept_files = [e for e in item.evidence.all() if e.file and e.pk not in set(data.remove)]
    total = len(links) + len(kept_files) + len(data.files)
    if total > MAX_EVIDENCE:
        raise Invalid(
            _("หลักฐานของรายการหนึ่งมีได้ไม่เกิน %(max)s ลิงก์หรือไฟล์ (ส่งมา %(n)s)"),
            code="too_many",
            field="links",
            max=MAX_EVIDENCE,
            n=total,
        )
    stored = []
    for f in data.files:
        try:
            stored.append((f, evidence_extension(f.data)))
        except EvidenceRefused as exc:
            raise Invalid(exc.message_th, code="bad_file", field="files") from None
    before = _content_hash(item)
    # the URLs: kept (with their last check) when unchanged, else replaced
    old_links = {e.url: e for e in item.evidence.all() if e.url}
    wanted = {li.url for li in links}
    for url, e in old_links.items():
        if url not in wanted:
            e.delete()
    for e in item.evidence.all():
        if e.file and e.pk in set(data.remove):
            e.file.delete(save=False)
            e.delete()
    for n, li in enumerate(links):
        if li.url in old_links:
            e = old_links[li.url]
            if (e.order, e.label) != (n, li.label):
                e.order, e.label = n, li.label
                e.save(update_fields=["order", "label"])
        else:
            OitEvidence.objects.create(item=item, order=n, url=li.url, label=li.label)
    for n, (f, ext) in enumerate(stored, start=len(links)):
        OitEvidence.objects.create(
            item=item,
            order=n,
            label=(f.label or f.name)[:200],
            file_name=f.name[:200],
            file=ContentFile(f.data, name=stored_name(ext)),
        )
    if data.unit_id is not KEEP:
        item.unit_id = data.unit_id
    if data.due is not KEEP:
        item.due = data.due
    item.explanation = data.explanation.strip()
    item.steps = [s.strip() for s in data.steps if s.strip()]
    item.checklist = {k: bool(v) for k, v in data.checklist.items()}
    changed = _content_hash(item) != before
    if data.status == ItemStatus.CHECKED:
        # only oit_item_check makes an item checked; a checked item stays checked while
        # nothing of it changes, and goes back to "ready" (to be checked again) when it does
        if item.status != ItemStatus.CHECKED:
            raise Invalid(
                _("ผู้ดูแลหน่วยงานเป็นผู้ตรวจรายการ (ปุ่ม “ตรวจแล้ว”) เลือกสถานะอื่น"),
                code="check_by_admin",
                field="status",
            )
        if changed:
            item.status = ItemStatus.READY
    else:
        item.status = data.status
    if item.status != ItemStatus.CHECKED:
        item.checked_by, item.checked_at = None, None
    item.version += 1
    item.save()
    events.record(
        "oit.item_save",
        item,
        by=by,
        agency=ws.agency_id,
        year=ws.fiscal_year,
        content_hash=_content_hash(item),
        data={"code": item.code, "status": item.status},
    )
    return item


@action("oit.item_check")
def oit_item_check(item_id: int, *, by) -> OitItem:
    item = OitItem.objects.select_for_update().select_related("workspace").get(pk=item_id)
    ws = item.workspace
    scope.require(by, ws.agency_id, "admin")
    if item.status not in (ItemStatus.READY, ItemStatus.CHECKED):
        raise Invalid(
            _("รายการ %(item)s ยังไม่พร้อม ตรวจได้เมื่อผู้จัดทำตั้งสถานะเป็น “พร้อม” แล้ว"),
            code="not_ready",
            item=item.code,
        )
    item.status = ItemStatus.CHECKED
    item.checked_by = actor_user(by)
    item.checked_at = timezone.now()
    item.version += 1
    item.save()
    events.record(
        "oit.item_check",
        item,
        by=by,
        agency=ws.agency_id,
        year=ws.fiscal_year,
        content_hash=_content_hash(item),
        data={"code": item.code},
    )
    return item


def _norm(title: str) -> str:
    return "".join(ch for ch in title.lower() if ch.isalnum())


def map_items(last: list[OitItem], codes_titles: list[tuple[str, str]]) -> dict[str, str]:
    """Last year's item code → this year's code: the same title first (wherever its code
    went), then the same code with a similar title, then the most similar remaining title."""
    now = dict(codes_titles)
    free = set(now)
    out: dict[str, str] = {}
    by_title = {_norm(t): c for c, t in codes_titles}
    for item in last:
        code = by_title.get(_norm(item.title))
        if code in free:
            out[item.code] = code
            free.discard(code)
    for item in last:
        if item.code in out or item.code not in free:
            continue
        ratio = difflib.SequenceMatcher(None, _norm(item.title), _norm(now[item.code])).ratio()
        if ratio >= 0.6:
            out[item.code] = item.code
            free.discard(item.code)
    for item in last:
        if item.code in out:
            continue
        best, best_ratio = None, 0.0
        for code in free:
            ratio = difflib.SequenceMatcher(None, _norm(item.title), _norm(now[code])).ratio()
            if ratio > best_ratio:
                best, best_ratio = code, ratio
        if best is not None and best_ratio >= 0.75:
            out[item.code] = best
            free.discard(best)
    return out


@action("oit.copy")
def oit_copy_last_year(agency_id: int, year: int, *, by) -> CopyResult:
    scope.require(by, agency_id, "edit")
    Agency.objects.select_for_update().get(pk=agency_id)
    catalog = _catalog(year)
    workspace, _created = _ensure(agency_id, year, by)
    last_ws = OitWorkspace.objects.filter(agency_id=agency_id, fiscal_year=year - 1).first()
    if last_ws is None:
        raise Invalid(_("ไม่มีงาน OIT ของปี %(year)s ให้คัดลอก"), code="nothing_to_copy", year=year - 1)
    last = list(last_ws.items.prefetch_related("evidence").order_by("order"))
    mapping = map_items(last, [(q.code, q.text_th) for q in catalog.oit_items()])
    rows = {i.code: i for i in workspace.items.select_for_update().prefetch_related("evidence")}
    copied = 0
    kept: list[str] = []
    for old in last:
        new_code = mapping.get(old.code)
        if new_code is None:
            continue
        row = rows[new_code]
        if row.steps or row.explanation or row.evidence.all() or row.status != "not_started":
            kept.append(new_code)  # this year's work is never overwritten by last year's
            continue
        if not (old.steps or old.explanation or old.evidence.all()):
            continue
        row.steps = list(old.steps)
        row.explanation = old.explanation
        row.unit_id = old.unit_id
        row.status = ItemStatus.IN_PROGRESS
        row.version += 1
        row.save()
        for e in old.evidence.all():
            if e.url:
                OitEvidence.objects.create(item=row, order=e.order, url=e.url, label=e.label)
                copied += 1
    unmapped = [(i.code, i.title) for i in last if i.code not in mapping]
    events.record(
        "oit.copy",
        workspace,
        by=by,
        agency=agency_id,
        year=year,
        data={
            "mapped": sorted(mapping.items()),
            "unmapped": [c for c, _ in unmapped],
            "kept": kept,
        },
    )
    return CopyResult(workspace, sorted(mapping.items()), unmapped, copied, kept)


@action("oit.settings")
def oit_settings_save(workspace_id: int, data: WorkspaceSettings, *, by) -> OitWorkspace:
    ws = OitWorkspace.objects.select_for_update().get(pk=workspace_id)
    scope.require(by, ws.agency_id, "edit")
    if data.opens and data.closes and data.closes < data.opens:
        raise Invalid(_("วันปิดตอบแบบ OIT อยู่ก่อนวันเปิด"), code="bad_window", field="closes")
    old_closes = ws.closes
    ws.opens, ws.closes = data.opens, data.closes
    ws.iit_estimate, ws.eit_estimate = data.iit_estimate, data.eit_estimate
    ws.iit_url = _check_url(data.iit_url, "iit_url") if data.iit_url else ""
    ws.eit_url = _check_url(data.eit_url, "eit_url") if data.eit_url else ""
    ws.save()
    if ws.closes != old_closes:  # items that followed the window follow it still
        for item in ws.items.select_for_update().filter(due=old_closes):
            item.due = ws.closes
            item.save(update_fields=["due", "updated_at"])
    events.record("oit.settings", ws, by=by, agency=ws.agency_id, year=ws.fiscal_year)
    return ws


@action("oit.publish")
def oit_publish(workspace_id: int, *, by) -> OitWorkspace:
    ws = OitWorkspace.objects.select_for_update().get(pk=workspace_id)
    scope.require(by, ws.agency_id, "edit")
    content = public_snapshot(ws, _catalog(ws.fiscal_year))
    ws.public_content = content
    ws.published_at = timezone.now()
    ws.published_by = actor_user(by)
    ws.save()
    digest = hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()
    events.record(
        "oit.publish", ws, by=by, agency=ws.agency_id, year=ws.fiscal_year, content_hash=digest
    )
    return ws


@dataclass
class LinkResult:
    evidence_id: int
    status: int | None
    error: str
    at: datetime


@action("oit.link_check")
def oit_links_record(results: list[LinkResult], *, by) -> int:
    """Write what the link checker found (one event per agency-year checked)."""
    rows = OitEvidence.objects.select_for_update().select_related("item__workspace")
    found = {e.pk: e for e in rows.filter(pk__in=[r.evidence_id for r in results])}
    per_ws: dict[tuple[int, int], list[int]] = {}
    for r in results:
        e = found.get(r.evidence_id)
        if e is None:
            continue
        e.check_status, e.check_error, e.checked_at = r.status, r.error[:200], r.at
        if not r.error and r.status is not None and r.status < 400:
            e.last_seen_at = r.at
        e.save(update_fields=["check_status", "check_error", "checked_at", "last_seen_at"])
        ws = e.item.workspace
        if e.broken:
            per_ws.setdefault((ws.agency_id, ws.fiscal_year), []).append(e.pk)
        else:
            per_ws.setdefault((ws.agency_id, ws.fiscal_year), [])
    for (agency_id, year), broken in per_ws.items():
        events.record(
            "oit.link_check", None, by=by, agency=agency_id, year=year, data={"broken": broken}
        )
    return len(found)
