"""Reading the OIT workspace: the year's items grouped as the criteria group them, the links
Prongsai's own published documents give, the predicted score and the public snapshot.

No writes here (those are :mod:`prongsai.oit.actions`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from prongsai.assessments.models import ToolScore
from prongsai.criteria.catalog import Catalog, QuestionDef
from prongsai.criteria.services import CriteriaNotLoaded, get_catalog
from prongsai.documents.builders import KINDS
from prongsai.documents.models import Publication, parse_slug

from .models import READY_STATUSES, OitItem, OitWorkspace
from .predict import Prediction, predict


def catalog_or_none(year: int) -> Catalog | None:
    try:
        return get_catalog(year)
    except CriteriaNotLoaded:
        return None


def document_year(year: int, slug: str, period: str) -> int:
    """The fiscal year of the Prongsai document that fulfils an item of OIT ``year``: the
    analysis is always of the previous year's results; plans and progress reports are of the
    item's year (the previous one for an item about the previous year)."""
    if slug == "analysis":
        return year - 1
    return year - 1 if period == "previous" else year


def document_links(agency_id: int, year: int, q: QuestionDef) -> list[dict]:
    """The permanent URLs of the latest published version of each document fulfilling ``q``."""
    out = []
    for slug in q.fulfilled_by:
        parsed = parse_slug(slug)
        if parsed is None:
            continue
        kind, round_ = parsed
        doc_year = document_year(year, slug, q.period)
        pub = (
            Publication.objects.filter(
                agency_id=agency_id, fiscal_year=doc_year, kind=kind, round=round_
            )
            .order_by("-version")
            .only("pk", "version", "title", "fiscal_year", "kind", "round")
            .first()
        )
        title = str(KINDS[kind]) + (f" ({round_})" if round_ else "") + f" {doc_year}"
        if pub is None:
            out.append({"slug": slug, "year": doc_year, "title": title, "url": "", "auto": True})
        else:
            url = reverse("public:view", args=[agency_id, doc_year, pub.slug, pub.version])
            out.append(
                {"slug": slug, "year": doc_year, "title": pub.title, "url": url, "auto": True}
            )
    return out


@dataclass
class ItemView:
    q: QuestionDef
    row: OitItem | None
    documents: list[dict] = field(default_factory=list)
    cost: Decimal | None = None
    oit_cost: Decimal | None = None
    last_event: object = None  # the item's latest core.Event (who changed it, when)

    @property
    def ready(self) -> bool:
        return self.row is not None and self.row.status in READY_STATUSES

    @property
    def checks(self) -> list[tuple[str, bool]]:
        done = self.row.checklist if self.row else {}
        return [(r, bool(done.get(r))) for r in self.q.requirements]

    @property
    def broken(self) -> list:
        return [e for e in self.row.evidence.all() if e.broken] if self.row else []


@dataclass
class Group:
    number: int
    name: str
    subs: list[tuple[str, str, list[ItemView]]]
    confidence: str = "medium"  # of the indicator's grouping of items
    source_text: str = ""


def others_for(workspace: OitWorkspace, catalog: Catalog) -> tuple[dict, dict]:
    """The IIT/EIT scores the prediction assumes: typed estimates first, else last year's
    results; with where each comes from."""
    last = {
        code: score
        for code, score in ToolScore.objects.filter(
            assessment__agency_id=workspace.agency_id,
            assessment__fiscal_year=workspace.fiscal_year - 1,
        ).values_list("tool__code", "score")
    }
    values, basis = {}, {}
    for code, estimate in (("IIT", workspace.iit_estimate), ("EIT", workspace.eit_estimate)):
        if estimate is not None:
            values[code], basis[code] = estimate, "estimate"
        elif last.get(code) is not None:
            values[code], basis[code] = last[code], "last_year"
        else:
            values[code], basis[code] = None, "missing"
    return values, basis


def prediction(workspace: OitWorkspace, catalog: Catalog, items=None) -> Prediction:
    items = items if items is not None else list(workspace.items.all())
    ready = [i.code for i in items if i.status in READY_STATUSES]
    values, basis = others_for(workspace, catalog)
    p = predict(catalog, ready, values)
    p.basis.update(basis)
    return p


def build(workspace: OitWorkspace, catalog: Catalog) -> tuple[list[Group], Prediction]:
    rows = {
        i.code: i
        for i in workspace.items.select_related("unit", "checked_by").prefetch_related("evidence")
    }
    p = prediction(workspace, catalog, list(rows.values()))
    last_events = _last_events(list(rows.values()))
    groups: list[Group] = []
    for ind in catalog.indicators_of("OIT"):
        subs: dict[str, list[ItemView]] = {}
        for q in catalog.questions_of(ind.number):
            view = ItemView(
                q,
                rows.get(q.code),
                document_links(workspace.agency_id, workspace.fiscal_year, q),
                p.costs.get(q.code),
                p.oit_costs.get(q.code),
                last_events.get(rows[q.code].pk) if q.code in rows else None,
            )
            subs.setdefault(q.sub_indicator, []).append(view)
        groups.append(
            Group(
                ind.number,
                ind.name_th,
                [
                    (code, catalog.sub_indicator_name(ind.number, code) if code else "", views)
                    for code, views in subs.items()
                ],
                ind.confidence,
                _("การจัดกลุ่มรายการเข้าตัวชี้วัดนี้เป็นการคาดคะเน"),
            )
        )
    return groups, p


def _last_events(items: list[OitItem]) -> dict:
    """Item id → its latest event (the history of every change is in core.Event)."""
    from django.contrib.contenttypes.models import ContentType

    from prongsai.core.models import Event

    if not items:
        return {}
    out = {}
    for event in Event.objects.filter(
        content_type=ContentType.objects.get_for_model(OitItem),
        object_id__in=[i.pk for i in items],
    ).order_by("at", "pk"):
        out[event.object_id] = event
    return out


def readiness(workspace: OitWorkspace | None, catalog: Catalog) -> dict:
    """How many of the year's items are ready (for the agency page and the dashboards)."""
    total = len(catalog.oit_items())
    ready = 0
    if workspace is not None:
        ready = workspace.items.filter(status__in=READY_STATUSES).count()
    return {"ready": ready, "total": total, "missing": total - ready}


def public_snapshot(workspace: OitWorkspace, catalog: Catalog) -> dict:
    """What the public ITA page shows, frozen at publishing: year → indicator → sub-indicator →
    item with its links, explanation and steps."""
    groups, _ = build(workspace, catalog)
    out = []
    for g in groups:
        subs = []
        for code, name, views in g.subs:
            items = []
            for v in views:
                links = [{"label": d["title"], "url": d["url"]} for d in v.documents if d["url"]]
                if v.row is not None:
                    for e in v.row.evidence.all():
                        if e.url:
                            links.append({"label": e.label or e.url, "url": e.url})
                        elif e.file:
                            links.append({"label": e.label or e.file_name, "file": e.pk})
                items.append(
                    {
                        "code": v.q.code,
                        "title": v.q.text_th,
                        "confidence": v.q.confidence,
                        "source_text": v.q.source_text,
                        "links": links,
                        "explanation": v.row.explanation if v.row else "",
                        "steps": list(v.row.steps) if v.row else [],
                    }
                )
            subs.append({"code": code, "name": name, "items": items})
        out.append({"number": g.number, "name": g.name, "subs": subs})
    return {
        "fiscal_year": workspace.fiscal_year,
        "indicators": out,
        "iit_url": workspace.iit_url,
        "eit_url": workspace.eit_url,
    }


def item_links(item: OitItem, documents: list[dict]) -> list[str]:
    """Every link of an item as text (the CLI): documents' URLs, then the evidence."""
    out = [d["url"] for d in documents if d["url"]]
    for e in item.evidence.all() if item else ():
        out.append(e.url or f"file:{e.file_name}")
    return out


def card(agency) -> dict | None:
    """The agency's latest OIT workspace in a few figures (the agency dashboard)."""
    ws = OitWorkspace.objects.filter(agency=agency).order_by("-fiscal_year").first()
    if ws is None:
        return None
    catalog = catalog_or_none(ws.fiscal_year)
    if catalog is None:
        return None
    items = list(ws.items.all())
    p = prediction(ws, catalog, items)
    missing = sorted(p.costs.items(), key=lambda kv: -kv[1])[:5]
    return {
        "workspace": ws,
        "year": ws.fiscal_year,
        "ready": sum(1 for i in items if i.status in READY_STATUSES),
        "total": len(catalog.oit_items()),
        "prediction": p,
        "missing": missing,
    }


def due_items(today, *, within_days: int = 7):
    """OIT items not ready whose due date is within ``within_days`` of ``today`` or past: for
    the reminders (``prongsai remind`` of the work app) — a selector, not a copy."""
    from datetime import timedelta

    return (
        OitItem.objects.exclude(status__in=READY_STATUSES)
        .filter(due__isnull=False, due__lte=today + timedelta(days=within_days))
        .select_related("workspace__agency", "unit")
        .order_by("due", "workspace__agency__name", "order")
    )
