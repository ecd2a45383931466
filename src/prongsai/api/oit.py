"""The OIT workspace through the API (issue 14): read an agency-year's items — status,
responsible unit, due date, how-to-find steps and evidence URLs (Prongsai's own publications,
links, uploaded files) — with the predicted score. The same reach as the workspace page
(``access.scope``): out of reach 404; a regional viewer reads. Changes stay on the page's
actions (``oit.actions``)."""

from __future__ import annotations

from django.urls import reverse
from ninja import Router

from prongsai.access.scope import agency_or_404
from prongsai.oit.models import OitWorkspace
from prongsai.oit.services import build, catalog_or_none

from . import schemas as s
from .cycle import AgencyId, Year

router = Router(tags=["oit"])


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _evidence(request, agency_id: int, year: int, view) -> list[dict]:
    absolute = request.build_absolute_uri
    out = [
        {"kind": "document", "label": d["title"], "url": absolute(d["url"]), "broken": False}
        for d in view.documents
        if d["url"]
    ]
    for e in view.row.evidence.all() if view.row else ():
        if e.url:
            out.append(
                {"kind": "link", "label": e.label or e.url, "url": e.url, "broken": e.broken}
            )
        else:
            where = {"pk": agency_id, "year": year, "evidence_id": e.pk}
            url = absolute(reverse("oit:evidence_file", kwargs=where))
            out.append({"kind": "file", "label": e.label or e.file_name, "url": url})
    return out


@router.get(
    "/agencies/{agency_id}/oit/{year}",
    response={200: s.OitWorkspaceOut, 404: s.Error},
)
def oit_workspace(request, agency_id: AgencyId, year: Year):
    """Every OIT item of the year's criteria in the agency's workspace, with its evidence URLs
    and the predicted OIT and overall score (404 until the workspace is started)."""
    agency = agency_or_404(request, agency_id)
    catalog = catalog_or_none(year)
    ws = OitWorkspace.objects.filter(agency=agency, fiscal_year=year).first()
    if catalog is None or ws is None:
        return 404, {
            "detail": "no OIT workspace for this year",
            "detail_th": f"ยังไม่ได้เริ่มงาน OIT ของปี {year} (หรือยังไม่มีเกณฑ์ของปีนี้)",
        }
    groups, prediction = build(ws, catalog)
    items = [
        {
            "code": v.q.code,
            "title": v.q.text_th,
            "indicator": g.number,
            "sub_indicator": sub,
            "status": v.row.status if v.row else "not_started",
            "status_th": v.row.get_status_display() if v.row else "ยังไม่เริ่ม",
            "unit": v.row.unit.name if v.row and v.row.unit else None,
            "due": _date(v.row.due if v.row else None),
            "checked_at": _date(v.row.checked_at if v.row else None),
            "steps": list(v.row.steps) if v.row else [],
            "evidence": _evidence(request, agency.pk, year, v),
        }
        for g in groups
        for sub, _name, views in g.subs
        for v in views
    ]
    published = ws.published_at is not None
    return {
        "agency_id": agency.pk,
        "fiscal_year": year,
        "opens": _date(ws.opens),
        "closes": _date(ws.closes),
        "published_at": _date(ws.published_at),
        "public_page": request.build_absolute_uri(reverse("ita:page", args=[agency.pk, year]))
        if published
        else None,
        "ready": sum(1 for i in items if i["status"] in ("ready", "checked")),
        "total": len(items),
        "items": items,
        "predicted": prediction.as_dict(),
    }


def register(api) -> None:
    api.add_router("", router)
