"""The tables of the dashboard pages, one function each, shared by the page and the exports."""

from __future__ import annotations

from django.utils.translation import gettext, gettext_lazy

from prongsai.agencies.names import KIND_BY_CODE
from prongsai.core.exports import Table
from prongsai.criteria.templatetags.ratings import rating as rating_label

from .rollups import Group, Rollup

PASSED_TH = {True: gettext_lazy("ผ่าน"), False: gettext_lazy("ไม่ผ่าน"), None: "–"}


def kind_label(code: str) -> str:
    return KIND_BY_CODE[code].label_th if code in KIND_BY_CODE else code


def ranking_table(rows, offset: int = 0) -> Table:
    return Table(
        "ranking",
        gettext("อันดับหน่วยงาน"),
        [
            gettext("ลำดับ"),
            gettext("หน่วยงาน"),
            gettext("ประเภท"),
            gettext("อำเภอ"),
            gettext("จังหวัด"),
            gettext("คะแนนรวม"),
            gettext("ระดับผล"),
            gettext("ผ่านเกณฑ์"),
            gettext("มาตรการทั้งหมด"),
            gettext("ดำเนินการแล้ว"),
            gettext("เลยกำหนด"),
        ],
        (
            [
                offset + n,
                r["name"],
                kind_label(r["kind"]),
                r["district__name_th"] or "",
                r["province__name_th"],
                r["overall"],
                rating_label(r["rating"]),
                str(PASSED_TH[r["passed"]]),
                r["measures_total"],
                r["measures_done"],
                r["measures_overdue"],
            ]
            for n, r in enumerate(rows, start=1)
        ),
    )


def groups_table(name: str, title: str, label: str, groups: list[Group]) -> Table:
    return Table(
        name,
        title,
        [
            label,
            gettext("หน่วยงาน"),
            gettext("มีผลประเมิน"),
            gettext("คะแนนเฉลี่ย"),
            gettext("ผ่านเกณฑ์"),
            gettext("ร้อยละที่ผ่าน"),
            gettext("มาตรการ"),
            gettext("ร้อยละดำเนินการแล้ว"),
            gettext("มาตรการเลยกำหนด"),
        ],
        [
            [
                g.label,
                g.agencies,
                g.assessed,
                g.mean,
                g.passed,
                g.pass_rate,
                g.measures_total,
                g.completion,
                g.measures["overdue"],
            ]
            for g in groups
        ],
    )


def bands_table(r: Rollup) -> Table:
    return Table(
        "distribution",
        gettext("การกระจายของคะแนน"),
        [gettext("ช่วงคะแนน"), gettext("หน่วยงาน")],
        [[band_label(lo, hi), n] for lo, hi, n in r.bands],
    )


def band_label(lo: int, hi: int) -> str:
    if lo == 0:
        return gettext("ต่ำกว่า %(hi)s") % {"hi": hi}
    return f"{lo}–{hi}" if hi == 100 else gettext("%(lo)s–ต่ำกว่า %(hi)s") % {"lo": lo, "hi": hi}


def indicators_table(r: Rollup) -> Table:
    return Table(
        "indicators",
        gettext("ตัวชี้วัด"),
        [
            gettext("ตัวชี้วัดที่"),
            gettext("ชื่อ"),
            gettext("เครื่องมือ"),
            gettext("คะแนนเฉลี่ย"),
            gettext("หน่วยงานที่ต่ำกว่าเกณฑ์ผ่าน"),
        ],
        [[i["number"], i["name"], i["tool"], i["mean"], i["weak"]] for i in r.indicators],
    )


def questions_table(r: Rollup) -> Table:
    return Table(
        "weak-questions",
        gettext("ข้อคำถามที่ต่ำกว่าเกณฑ์บ่อยที่สุด"),
        [
            gettext("ข้อ"),
            gettext("ข้อคำถาม"),
            gettext("ตัวชี้วัดที่"),
            gettext("หน่วยงานที่ต่ำกว่าเกณฑ์ผ่าน"),
            gettext("ร้อยละของหน่วยงาน"),
        ],
        [[q["code"], q["text"], q["indicator"], q["weak"], q["share"]] for q in r.weak_questions],
    )


def tools_table(r: Rollup) -> Table:
    return Table(
        "tools",
        gettext("เครื่องมือการประเมิน"),
        [gettext("เครื่องมือ"), gettext("ชื่อ"), gettext("คะแนนเฉลี่ย")],
        [list(t) for t in r.tools],
    )


def measures_table(r: Rollup) -> Table:
    return Table(
        "measures",
        gettext("ความคืบหน้ามาตรการ"),
        [gettext("สถานะ"), gettext("มาตรการ")],
        [[gettext(label), n] for _state, label, n in r.measure_states],
    )


def ranking_rows_html(rows, offset: int, urls: dict[str, str], year: int) -> str:
    """The <tr> rows of the ranking. Built here rather than in a template loop: it is the one
    part of a roll-up page that is never cached, and format_html is many times faster."""
    from django.utils.html import format_html, format_html_join

    from prongsai.core.templatetags.thai import score2

    def cells(n: int, r: dict):
        district = (
            format_html(
                '<a href="{}{}/?year={}">{}</a>',
                urls["district"],
                r["district_id"],
                year,
                r["district__name_th"],
            )
            if r["district_id"]
            else ""
        )
        rating = (
            format_html(
                '<span class="rating {}">{}</span>',
                "pass" if r["passed"] else "fail",
                rating_label(r["rating"]),
            )
            if r["rating"]
            else ""
        )
        return (
            offset + n,
            urls["agency"],
            r["agency_id"],
            year,
            r["name"],
            kind_label(r["kind"]),
            district,
            urls["province"],
            r["province_id"],
            year,
            r["province__name_th"],
            score2(r["overall"]),
            rating,
            PASSED_TH[r["passed"]],
            r["measures_total"],
            r["measures_done"],
            r["measures_overdue"],
        )

    return format_html_join(
        "\n",
        '<tr><td class="num">{}</td><td><a href="{}{}/?year={}">{}</a></td><td>{}</td>'
        '<td>{}</td><td><a href="{}{}/?year={}">{}</a></td><td class="num">{}</td><td>{}</td>'
        '<td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>',
        (cells(n, r) for n, r in enumerate(rows, start=1)),
    )
