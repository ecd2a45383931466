"""Charts of the documents (no database): horizontal bars, one row per label, one bar per
series (this year, the year before…), with an optional vertical mark (the year's pass mark).

A chart is laid out as an HTML table: the labels, the legend, the values and the axis are text
of the page, shaped by the same engine as the rest of the document, and only the bars, the grid
and the mark are small SVG pictures without any text. (WeasyPrint draws SVG text letter by
letter, which tears Thai vowels and tone marks away from their consonants; text of the page
keeps them whole and gives the PDF's text layer the exact Thai.) The same HTML shows the chart
on the app's page: SVG attributes, no style attributes, so the Content-Security-Policy holds.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join

from .blocks import CHART_TICKS

COLOURS = ["#1f4e79", "#8fabc8", "#c9d3de"]  # this year dark, earlier years lighter
MARK_COLOUR = "#b00020"
GRID_COLOUR = "#c9d0d9"


def _bar_svg(value: float | None, colour: str, maximum: float, mark: float | None) -> str:
    """One bar across a 100-unit-wide box: grid lines at the ticks, the mark dashed."""
    grid = format_html_join(
        "",
        '<line x1="{0}" y1="0" x2="{0}" y2="10" stroke="' + GRID_COLOUR + '" stroke-width="0.25"/>',
        ((tick,) for tick in CHART_TICKS[1:-1]),
    )
    bar = ""
    if value is not None:
        width = 100 * max(0.0, min(value, maximum)) / maximum
        bar = format_html(
            '<rect x="0" y="1" width="{}" height="8" fill="{}"/>', f"{width:.2f}", colour
        )
    line = ""
    if mark is not None:
        x = 100 * mark / maximum
        line = format_html(
            '<line x1="{0}" y1="0" x2="{0}" y2="10" stroke="{1}" stroke-width="0.4" '
            'stroke-dasharray="2 1.4"/>',
            f"{x:.2f}",
            MARK_COLOUR,
        )
    return format_html(
        '<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">'
        '<line x1="0" y1="0" x2="0" y2="10" stroke="#555" stroke-width="0.3"/>{}{}{}</svg>',
        grid,
        bar,
        line,
    )


def _key_svg(colour: str, dashed: bool = False) -> str:
    if dashed:
        return format_html(
            '<svg class="key" viewBox="0 0 10 10" aria-hidden="true"><line x1="5" y1="0" '
            'x2="5" y2="10" stroke="{}" stroke-width="1.2" stroke-dasharray="2.5 1.5"/></svg>',
            colour,
        )
    return format_html(
        '<svg class="key" viewBox="0 0 10 10" aria-hidden="true">'
        '<rect width="10" height="10" fill="{}"/></svg>',
        colour,
    )


def layout(block: dict) -> dict:
    """What ``documents/_chart.html`` draws for a ``chart`` block: the legend, a row per label
    with a bar and a value per series, the axis' numbers (the numbers as the block writes them,
    in the document's digits)."""
    maximum = float(block.get("maximum") or 100)
    mark = block.get("mark")
    mark = float(mark) if mark is not None else None
    colours = [COLOURS[i % len(COLOURS)] for i in range(len(block["series"]))]
    legend = [
        {"key": _key_svg(colour), "name": one["name"]}
        for colour, one in zip(colours, block["series"], strict=True)
    ]
    if mark is not None and block.get("mark_label"):
        legend.append({"key": _key_svg(MARK_COLOUR, dashed=True), "name": block["mark_label"]})
    rows = []
    for index, label in enumerate(block["labels"]):
        bars = [
            {
                "svg": _bar_svg(one["values"][index], colour, maximum, mark),
                "value": one["shown"][index],
                "name": one["name"],
            }
            for colour, one in zip(colours, block["series"], strict=True)
        ]
        rows.append({"label": label, "bars": bars, "span": len(bars)})
    return {"legend": legend, "rows": rows, "ticks": block["ticks"]}
