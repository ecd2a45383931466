"""Dashboard pages: parse the request, call a selector, render (or export a table)."""

from __future__ import annotations

import hashlib
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext

from prongsai.access.scope import is_national
from prongsai.agencies.models import District, Province
from prongsai.agencies.names import KIND_BY_CODE
from prongsai.core import exports
from prongsai.oit import readiness as oit_readiness
from prongsai.oit import services as oit_services

from . import selectors, tables
from .charts import agency_charts, rollup_charts
from .rollups import Filters, Scope, all_ranked, bool_param, ranking


def _url_prefixes() -> dict[str, str]:
    """ "/dashboards/agency/" etc.: the many links of a page without one reverse() per row."""
    return {
        name: reverse(f"dashboards:{name}", args=[0])[:-2]
        for name in ("agency", "province", "district")
    }


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _dec(value):
    try:
        return Decimal(value) if value not in (None, "") else None
    except InvalidOperation:
        return None


def _filters(get) -> Filters:
    return Filters(
        q=(get.get("q") or "").strip()[:100],
        passed=bool_param(get.get("passed")),
        low=_dec(get.get("low")),
        high=_dec(get.get("high")),
        weak_question=(get.get("weak") or "").strip()[:10],
        weak_indicator=(get.get("wi") or "").strip()[:3],
        overdue=get.get("overdue") == "1",
        sort=get.get("sort") if get.get("sort") in Filters.SORTS else "rank",
    )


def _rollup_page(request, scope: Scope, title: str, crumbs: list[tuple[str, str]]):
    version = selectors.current_version()
    years = selectors.rollup_years(request.user, version)
    if not years:
        return render(request, "dashboards/empty.html", {"title": title, "crumbs": crumbs})
    year = _int(request.GET.get("year"), years[0])
    if year not in years:
        raise Http404("ไม่มีผลการประเมินของปีนี้")
    kind = request.GET.get("kind") or scope.kind
    if kind and kind not in KIND_BY_CODE:
        raise Http404("ไม่รู้จักประเภทหน่วยงานนี้")
    scope = Scope(province=scope.province, district=scope.district, kind=kind or None)
    filters = _filters(request.GET)
    rows = scope.apply(selectors.visible_summaries(request.user).filter(fiscal_year=year))
    fmt = request.GET.get("export")
    if fmt in ("csv", "xlsx") and request.GET.get("table") == "oit":
        oit = _oit_readiness(request, scope, version)
        if oit:
            name = f"oit-{oit['year']}-{scope.key}"
            return exports.response(oit_readiness.table(oit), fmt, name)
    if fmt in ("csv", "xlsx"):
        return _export(request, scope, year, rows, filters, fmt)
    urls = _url_prefixes()
    ranking_html = _ranking_section(request, scope, year, rows, filters, urls, version)
    if request.headers.get("HX-Request"):
        return HttpResponse(ranking_html)
    # the roll-up, its charts and bands are read only inside the template's cached fragment:
    # lazily, so a page whose fragment is cached does not load them at all
    r = SimpleLazyObject(lambda: selectors.rollup(request.user, scope, year, version))
    charts = SimpleLazyObject(
        lambda: selectors.cached(
            request.user,
            f"charts:{scope.key}:{year}:{get_language()}",
            lambda: rollup_charts(r, {"year": year, "kind": scope.kind or ""}),
            version,
        )
    )
    context = {
        "cache_key": selectors.cache_key(request.user, f"page:{scope.key}:{year}", version),
        "version": version,  # the summaries' version, read once (the suggestions table too)
        "export_base": urlencode({"year": year, **({"kind": scope.kind} if scope.kind else {})})
        + "&",
        "urls": urls,
        "title": title,
        "crumbs": crumbs,
        "scope": scope,
        "year": year,
        "years": years,
        "kinds": [(k.code, k.label_th) for k in KIND_BY_CODE.values()],
        "r": r,
        "charts": charts,
        "bands": SimpleLazyObject(lambda: _bands(charts["bands"])),
        "ranking": ranking_html,
        "oit": _oit_readiness(request, scope, version),
    }
    return render(request, "dashboards/rollup.html", context)


def _bands(bands: dict) -> list[tuple]:
    """The distribution table's rows: label, number of agencies, link."""
    return list(zip(bands["labels"], bands["datasets"][0]["data"], bands["links"], strict=True))


def _ranking_section(request, scope: Scope, year: int, rows, filters: Filters, urls, version):
    """The ranking section (one page of the filtered, sorted agencies) as HTML, cached like the
    roll-up: its rows are the agency-year summaries, which move the version whenever they
    change. Keyed by the path and query (the filters, the page), the day (the overdue counts)
    and the language."""

    def build() -> str:
        page = ranking(rows, filters, page=_int(request.GET.get("page"), 1))
        kept = {k: v for k, v in request.GET.items() if k not in ("page", "export", "table")}
        context = {
            "scope": scope,
            "year": year,
            "filters": filters,
            "page": page,
            "page_base": urlencode(kept) + "&" if kept else "",
            "ranking_headers": tables.ranking_table([]).headers,
            "ranking_rows": tables.ranking_rows_html(page.rows, page.offset, urls, year),
        }
        return render_to_string("dashboards/_ranking.html", context, request=request)

    where = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:20]
    name = f"ranking:{scope.key}:{year}:{where}:{timezone.localdate().isoformat()}:{get_language()}"
    return selectors.cached(request.user, name, build, version)


def _oit_readiness(request, scope: Scope, version: int):
    """OIT readiness of the agencies in view (issue 14), beside the results: cached for users
    of the same reach under the OIT version (moved by every commit to a workspace or an item)
    and the summaries' version (the agencies in view), per day."""
    year = _int(request.GET.get("oit_year"))
    name = f"oit:{oit_readiness.version()}:{scope.key}:{year}:{timezone.localdate().isoformat()}"
    return selectors.cached(
        request.user,
        name,
        lambda: oit_readiness.for_agencies(
            scope.apply(selectors.visible_agencies(request.user)), year
        ),
        version,
    )


def _export(request, scope, year, rows, filters, fmt):
    which = request.GET.get("table", "ranking")
    if which == "ranking":
        table = tables.ranking_table(all_ranked(rows, filters))
    else:
        r = selectors.rollup(request.user, scope, year)
        child_label = {"province": gettext("จังหวัด"), "district": gettext("อำเภอ")}.get(
            scope.child or "", ""
        )
        builders = {
            "children": lambda: tables.groups_table(
                "areas", gettext("รายพื้นที่"), child_label, r.by_child
            ),
            "kinds": lambda: tables.groups_table(
                "kinds", gettext("รายประเภท"), gettext("ประเภทหน่วยงาน"), r.by_kind
            ),
            "distribution": lambda: tables.bands_table(r),
            "indicators": lambda: tables.indicators_table(r),
            "questions": lambda: tables.questions_table(r),
            "tools": lambda: tables.tools_table(r),
            "measures": lambda: tables.measures_table(r),
        }
        if which not in builders:
            raise Http404("ไม่มีตารางนี้")
        table = builders[which]()
    name = f"ita-{year}-{scope.key.replace(':', '-')}-{table.name}"
    return exports.response(table, fmt, name)


@login_required
def nation(request):
    # a user who sees only some agencies is not shown their sum as "the whole country"
    title = (
        gettext("ภาพรวมทั้งประเทศ")
        if is_national(request.user)
        else gettext("ภาพรวมหน่วยงานที่คุณเข้าถึงได้")
    )
    return _rollup_page(request, Scope(), title, [])


@login_required
def province(request, code: int):
    p = get_object_or_404(Province, code=code)
    return _rollup_page(
        request, Scope(province=p.code), gettext("จังหวัด%(name)s") % {"name": p.name_th}, []
    )


@login_required
def district(request, pk: int):
    d = get_object_or_404(District.objects.select_related("province"), pk=pk)
    return _rollup_page(
        request,
        Scope(province=d.province_id, district=d.pk),
        gettext("อำเภอ%(district)s จังหวัด%(province)s")
        % {"district": d.name_th, "province": d.province.name_th},
        [
            (
                gettext("จังหวัด%(name)s") % {"name": d.province.name_th},
                reverse("dashboards:province", args=[d.province_id]),
            )
        ],
    )


@login_required
def kind(request, code: str):
    if code not in KIND_BY_CODE:
        raise Http404("ไม่รู้จักประเภทหน่วยงานนี้")
    return _rollup_page(
        request,
        Scope(kind=code),
        gettext("%(kind)s ทั้งประเทศ") % {"kind": KIND_BY_CODE[code].label_th},
        [],
    )


@login_required
def agency(request, pk: int):
    a = get_object_or_404(
        selectors.visible_agencies(request.user).select_related("province", "district"), pk=pk
    )
    today = timezone.localdate()
    year = _int(request.GET.get("year"))

    def body() -> dict:
        board = selectors.agency_dashboard(a, year, today)
        charts = agency_charts(board) if board else {}
        context = {"agency": a, "b": board, "today": today}
        context["charts"] = {f"chart-{name}": spec for name, spec in charts.items()}
        html = render_to_string("dashboards/_agency_body.html", context, request=request)
        shown = board.year if board else None
        head = render_to_string(
            "dashboards/_agency_head.html", {"agency": a, "year": shown}, request=request
        )
        return {"head": head, "html": html, "year": shown}

    # the same for everyone who may see the agency: cached under the summaries' version (which
    # every saved score, analysis, plan, measure and round moves), the day and the language
    name = f"agency-page:{a.pk}:{year}:{today.isoformat()}:{get_language()}"
    version = selectors.current_version()
    content = selectors.shared_cached(name, body, version)
    # the OIT card: under the OIT version too (every commit to a workspace or an item moves it)
    oit = selectors.shared_cached(
        f"oit-card:{oit_readiness.version()}:{a.pk}", lambda: oit_services.card(a), version
    )
    return render(request, "dashboards/agency.html", {"agency": a, "content": content, "oit": oit})
