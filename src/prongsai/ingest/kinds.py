"""Which kind of ITA document a file is, from its structure and its words.

* ``analysis_report``: an analysis of ITA results (วิเคราะห์ผลการประเมิน) that states scores —
  an overall score or several question scores (``ข้อ i1 87.19``).
* ``measures_report_by_tool``: a table of measures with one row per assessment tool
  (แบบวัด IIT / EIT / OIT).
* ``measures_report``: a table of measures with results (ผลการดำเนินงาน, สรุปผล, ผลลัพธ์).
* ``measures_plan``: a table of measures without results.
A memo (บันทึกข้อความ) is not a kind: it is read as a part of the document it opens.
"""

from __future__ import annotations

from prongsai.ingest.blocks import Document, Table
from prongsai.ingest.columns import OUTCOME, RESULT, TOOL, header_columns, is_measures_header

ANALYSIS, BY_TOOL, REPORT, PLAN = (
    "analysis_report",
    "measures_report_by_tool",
    "measures_report",
    "measures_plan",
)


def detect_kind(document: Document, text: str, *, stated_scores: int) -> str | None:
    """The kind, or None when the document is none of the kinds known."""
    if "วิเคราะห์" in text and stated_scores >= 3:
        return ANALYSIS
    headers = [
        columns
        for block in document.blocks
        if isinstance(block, Table)
        for row in block.rows
        if is_measures_header(columns := header_columns(row))
    ]
    if not headers:
        return None
    if any(TOOL in columns for columns in headers):
        return BY_TOOL
    if any({RESULT, OUTCOME} & columns.keys() for columns in headers):
        return REPORT
    return PLAN
