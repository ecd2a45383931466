"""Chart specifications (plain dicts, drawn by static/dashboards/dashboards.js with Chart.js).

Each chart also has a table beside it on the page with the same numbers; ``links`` make a bar
clickable to the agencies behind it.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.utils.translation import gettext

from .rollups import Rollup
from .selectors import AgencyDashboard
from .tables import band_label


def _be(year) -> str:
    return gettext("พ.ศ. %(year)s") % {"year": year}


def _num(v):
    return None if v is None else float(v)


def _link(base: dict, **extra) -> str:
    return "?" + urlencode({**base, **extra}) + "#ranking"


def _measures(states: list[tuple[str, str, int]]) -> dict:
    return {
        "type": "doughnut",
        "title": gettext("สถานะมาตรการ"),
        "labels": [gettext(label) for _, label, _ in states],
        "datasets": [{"label": gettext("มาตรการ"), "data": [n for _, _, n in states]}],
        "colors": [s for s, _, _ in states],
    }


def rollup_charts(r: Rollup, query: dict) -> dict:
    base = {k: v for k, v in query.items() if k in ("year", "kind")}
    bands = {
        "type": "bar",
        "title": gettext("จำนวนหน่วยงานตามช่วงคะแนนรวม"),
        "integer": True,
        "labels": [band_label(lo, hi) for lo, hi, _ in r.bands],
        "datasets": [{"label": gettext("หน่วยงาน"), "data": [n for _, _, n in r.bands]}],
        "colors": ["pass" if lo >= (r.pass_mark or 0) else "fail" for lo, _, _ in r.bands],
        "links": [
            _link(base, **({"low": lo} if lo else {}), high=hi if hi < 100 else "")
            for lo, hi, _ in r.bands
        ],
    }
    indicators = {
        "type": "bar",
        "horizontal": True,
        "title": gettext("คะแนนเฉลี่ยรายตัวชี้วัด"),
        "labels": [f"{i['number']}. {i['name']}" for i in r.indicators],
        "datasets": [{"label": gettext("คะแนนเฉลี่ย"), "data": [i["mean"] for i in r.indicators]}],
        "passMark": r.pass_mark,
        "max": 100,
        "links": [_link(base, wi=i["number"]) for i in r.indicators],
    }
    measures = _measures(r.measure_states)
    return {"bands": bands, "indicators": indicators, "measures": measures}


def agency_charts(b: AgencyDashboard) -> dict:
    labels = [_be(y) for y in b.years]
    pass_mark = _num(b.current["pass_mark"]) if b.current else None
    overall = {
        "type": "bar",
        "title": gettext("คะแนนรวมรายปี"),
        "labels": labels,
        "datasets": [
            {"label": gettext("คะแนนรวม"), "data": [_num(a["overall"]) for a in b.overall]}
        ],
        "colors": ["pass" if a["passed"] else "fail" for a in b.overall],
        "passMark": pass_mark,
        "max": 100,
    }
    tools = {
        "type": "bar",
        "title": gettext("คะแนนรายเครื่องมือ"),
        "labels": labels,
        "datasets": [
            {"label": t["code"], "data": [_num(t["scores"].get(y)) for y in b.years]}
            for t in b.tools
        ],
        "passMark": pass_mark,
        "max": 100,
    }
    shown = b.years[-2:]
    indicators = {
        "type": "bar",
        "horizontal": True,
        "title": gettext("คะแนนรายตัวชี้วัด"),
        "labels": [f"{i['number']}. {i['name']}" for i in b.indicators],
        "datasets": [
            {"label": _be(y), "data": [_num(i["scores"].get(y)) for i in b.indicators]}
            for y in shown
        ],
        "passMark": pass_mark,
        "max": 100,
    }
    measures = _measures(b.measure_states)
    return {"overall": overall, "tools": tools, "indicators": indicators, "measures": measures}
