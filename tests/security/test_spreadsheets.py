"""No formula from data in any spreadsheet Prongsai writes: a progress result typed as
``=HYPERLINK(...)`` stays text in the document's XLSX (the same bytes a publication serves on
the public page) and in the dashboards' CSV and XLSX exports."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import User
from openpyxl import load_workbook

from prongsai.access.actions import membership_grant
from prongsai.agencies.models import Agency
from prongsai.core.actions import SYSTEM
from prongsai.core.exports import Table, response
from prongsai.measures.models import MeasureProgress

FORMULA = '=HYPERLINK("http://evil.example/","คลิก")'
TAKRASOEM = "องค์การบริหารส่วนตำบลท่ากระเสริม"


def _cells(data: bytes):
    book = load_workbook(io.BytesIO(data))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


@pytest.mark.django_db
def test_a_formula_typed_as_a_result_is_text_in_the_documents_xlsx(client, demo):
    agency = Agency.objects.get(name=TAKRASOEM)
    progress = MeasureProgress.objects.filter(
        round__plan__agency=agency, round__plan__fiscal_year=2565
    )
    progress.update(result=FORMULA, outcome="+66 81 234 5678", suggestion="@ทุกคน")
    user = User.objects.create_user("officer-xlsx", password="x")
    membership_grant(user=user, role="editor", agency=agency, by=SYSTEM)
    client.force_login(user)
    data = client.get(f"/documents/{agency.pk}/2565/progress.xlsx").content
    cells = _cells(data)
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    typed = [c for c in cells if c.value == FORMULA]
    assert typed, "the result is in the sheet, as it was typed"
    assert all(c.data_type == "s" for c in typed)  # a text cell: Excel shows it, never runs it


def test_dashboard_exports_keep_formulas_as_text():
    rows = [["=1+1", 87.5], ["-2+3", None], ["ปกติ", 1]]
    xlsx = response(Table("t", "ตาราง", ["ชื่อ", "คะแนน"], rows), "xlsx", "t").content
    cells = _cells(xlsx)
    assert not [c for c in cells if c.data_type == "f"]
    assert [c.value for c in cells][2:] == ["'=1+1", 87.5, "'-2+3", None, "ปกติ", 1]
    stream = response(Table("t", "ตาราง", ["ชื่อ", "คะแนน"], rows), "csv", "t")
    text = b"".join(stream.streaming_content).decode("utf-8-sig")
    expected = [["'=1+1", "87.5"], ["'-2+3", ""], ["ปกติ", "1"]]
    assert list(csv.reader(io.StringIO(text)))[1:] == expected
