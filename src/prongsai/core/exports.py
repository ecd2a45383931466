"""Every dashboard table as CSV (UTF-8 with BOM, so Excel shows Thai) or XLSX (openpyxl).

Every cell goes through :func:`prongsai.core.sanitize.spreadsheet_safe`: text that a
spreadsheet would run as a formula (``=HYPERLINK(…)`` typed as a name or a result) stays text."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.http import HttpResponse, StreamingHttpResponse

from prongsai.core.sanitize import spreadsheet_safe

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Table:
    name: str  # file name part, ASCII
    title: str  # Thai sheet/heading
    headers: Sequence[str]
    rows: Iterable[Sequence]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(table: Table):
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(table.headers)
    for row in table.rows:
        yield writer.writerow(["" if v is None else spreadsheet_safe(v) for v in row])


def response(table: Table, fmt: str, filename: str):
    """An attachment response of ``table`` in ``fmt`` ("csv" or "xlsx")."""
    if fmt == "csv":
        resp = StreamingHttpResponse(_csv_lines(table), content_type="text/csv; charset=utf-8")
        resp["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return resp
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=table.title[:31])
    sheet.append(list(table.headers))
    for row in table.rows:
        sheet.append([_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    resp = HttpResponse(out.getvalue(), content_type=XLSX)
    resp["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return resp


def _cell(value):
    from decimal import Decimal

    return float(value) if isinstance(value, Decimal) else spreadsheet_safe(value)
