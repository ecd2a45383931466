"""OIT readiness across agencies (the province/district/kind dashboards): per item the share
of agencies ready, and the agencies with items missing as the window closes."""

from __future__ import annotations

import time
from collections import Counter, defaultdict

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q

from prongsai.criteria.services import CriteriaNotLoaded, get_catalog

from .models import READY_STATUSES, OitItem, OitWorkspace

VERSION_KEY = "oit:readiness:version"


def version() -> int:
    """A number in the shared cache that moves on every commit changing a workspace or an item
    (``bump``, from the signals in apps.py): the dashboards keep the readiness under it, so every
    server shows an item's new state from that commit on. An emptied cache starts again from
    the clock, above any number an earlier key used."""
    found = cache.get(VERSION_KEY)
    if found is None:
        cache.add(VERSION_KEY, time.time_ns(), None)
        found = cache.get(VERSION_KEY, 0)
    return found


def bump() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (emptied, or never read)
        cache.set(VERSION_KEY, time.time_ns(), None)


def bump_on_commit(**_kwargs) -> None:
    transaction.on_commit(bump)


def for_agencies(agencies, year: int | None = None, *, limit: int = 20) -> dict | None:
    """``agencies``: a queryset of the agencies in view (already cut to the user's reach)."""
    workspaces = OitWorkspace.objects.filter(agency__in=agencies)
    years = sorted(
        set(workspaces.order_by().values_list("fiscal_year", flat=True).distinct()), reverse=True
    )
    if not years:
        return None
    year = year if year in years else years[0]
    try:
        catalog = get_catalog(year)
    except CriteriaNotLoaded:
        return None
    items = catalog.oit_items()
    n_agencies = agencies.count()
    ready = Counter(
        dict(
            OitItem.objects.filter(
                workspace__in=workspaces.filter(fiscal_year=year), status__in=READY_STATUSES
            )
            .values_list("code")
            .annotate(n=Count("pk"))
        )
    )
    per_item = [
        {
            "code": q.code,
            "title": q.text_th,
            "confidence": q.confidence,
            "source_text": q.source_text,
            "ready": ready.get(q.code, 0),
            "share": round(100 * ready.get(q.code, 0) / n_agencies, 1) if n_agencies else None,
        }
        for q in items
    ]
    started = {
        row["agency_id"]: row
        for row in workspaces.filter(fiscal_year=year)
        .values("agency_id", "closes", "agency__name")
        .annotate(n_ready=Count("items", filter=Q(items__status__in=READY_STATUSES)))
    }
    missing_codes: dict[int, list[str]] = defaultdict(list)
    for agency_id, code in (
        OitItem.objects.filter(workspace__fiscal_year=year, workspace__agency__in=agencies)
        .exclude(status__in=READY_STATUSES)
        .values_list("workspace__agency_id", "code")
    ):
        missing_codes[agency_id].append(code)
    lagging = []
    for agency_id, name in agencies.values_list("pk", "name"):
        row = started.get(agency_id)
        n_ready = row["n_ready"] if row else 0
        if n_ready >= len(items):
            continue
        lagging.append(
            {
                "agency_id": agency_id,
                "name": name,
                "started": row is not None,
                "ready": n_ready,
                "missing": len(items) - n_ready,
                "codes": missing_codes.get(agency_id, []) if row else [],
                "closes": row["closes"]
                if row
                else (catalog.oit_window.closes if catalog.oit_window else None),
            }
        )
    lagging.sort(key=lambda r: (-r["missing"], r["name"]))
    return {
        "year": year,
        "years": years,
        "agencies": n_agencies,
        "items": per_item,
        "lagging": lagging[:limit],
        "lagging_total": len(lagging),
        "all_lagging": lagging,
        "closes": catalog.oit_window.closes if catalog.oit_window else None,
    }


def table(data: dict):
    """The readiness as an export table (CSV/XLSX through core.exports)."""
    from prongsai.core.exports import Table

    rows = [
        [
            r["name"],
            "ยังไม่เริ่ม" if not r["started"] else "เริ่มแล้ว",
            r["ready"],
            r["missing"],
            " ".join(r["codes"]),
        ]
        for r in data["all_lagging"]
    ]
    return Table(
        "oit-readiness",
        f"ความพร้อม OIT ปี {data['year']}",
        ["หน่วยงาน", "สถานะงาน OIT", "พร้อมแล้ว (ข้อ)", "ยังไม่พร้อม (ข้อ)", "ข้อที่ยังไม่พร้อม"],
        rows,
    )
