"""``read_document``: the bytes of a legacy ITA document in, structured data out.

Pure: no database, no Django. The reader judges the file by its content, reads its paragraphs
and tables (``readers``), then understands them: the kind, the agency, the fiscal year and
round, the measures, the scores and analysis of an analysis report, the memo in front.
Anything it could not reconcile is a warning in the result, for a person to review before
anything is saved. A file that cannot be read at all raises ``IngestError``.
"""

from __future__ import annotations

import hashlib

from prongsai.core.files.errors import IngestError
from prongsai.core.files.sniff import check_text_length, extension_mismatch
from prongsai.ingest.about import (
    cover_title_of,
    fiscal_year_of_document,
    introduction_of,
    opening,
    round_of_document,
)
from prongsai.ingest.analysis_parts import (
    Analysis,
    plan_fiscal_year,
    read_constraints,
    read_issues,
    read_plan,
    split_parts,
    use_issue_titles,
)
from prongsai.ingest.analysis_report import read_stated_scores
from prongsai.ingest.blocks import Document, Table
from prongsai.ingest.columns import column_labels
from prongsai.ingest.header import read_agency_header
from prongsai.ingest.kinds import ANALYSIS, detect_kind
from prongsai.ingest.measure_rows import measure_rows
from prongsai.ingest.measures import build_measure
from prongsai.ingest.memo import read_memo
from prongsai.ingest.ocr import LOW_CONFIDENCE, measure_confidence, opening_confidence
from prongsai.ingest.readers import read_blocks
from prongsai.ingest.result import Agency, ReadResult


def read_document(data: bytes, filename: str) -> ReadResult:
    """Read one uploaded file. Raises ``IngestError`` (with ``.code``) when it cannot."""
    document = read_blocks(data)
    text = document.text()
    check_text_length(text)
    warnings: list[str] = []
    if mismatch := extension_mismatch(filename, document.format):
        warnings.append(mismatch)
    stated = read_stated_scores(text)
    kind = detect_kind(document, text, stated_scores=_count_scores(stated))
    memo = read_memo("\n\n".join(opening(document)), warnings)
    if kind is None:
        raise _unknown_kind(memo is not None)
    result = ReadResult(
        file=filename,
        sha256=hashlib.sha256(data).hexdigest(),
        format=document.format,
        kind=kind,
        document=document,
        memo=memo,
    )
    header = read_agency_header(text)
    result.agency = Agency(
        header.name, header.kind, header.district, header.province, list(header.provinces_seen)
    )
    warnings.extend(header.warnings)
    result.fiscal_year = fiscal_year_of_document(document)
    if result.fiscal_year is None:
        warnings.append("ไม่พบปีงบประมาณในชื่อเรื่องของเอกสาร")
    result.round = round_of_document(document, result.fiscal_year)
    if kind == ANALYSIS:
        _read_analysis(result, document, stated, warnings)
        result.cover_title = cover_title_of(document)
    else:
        result.introduction = introduction_of(document)
        result.column_labels = column_labels(
            row for block in document.blocks if isinstance(block, Table) for row in block.rows
        )
        found = measure_rows(document.blocks)
        result.measures = [
            build_measure(
                rows,
                fiscal_year=result.fiscal_year,
                warnings=warnings,
                scanned=document.format == "scan",
            )
            for rows in found
        ]
        if document.confidence:
            result.confidence.update(measure_confidence(found, document.confidence))
    if not result.measures and kind != ANALYSIS:
        warnings.append("ไม่พบมาตรการในตารางของเอกสาร")
    if document.confidence:
        result.confidence.update(opening_confidence(document))
        if low := result.low_confidence():
            warnings.append(
                f"อ่านจากภาพสแกน (OCR): {len(low)} ช่องอ่านได้ไม่ชัด (ความมั่นใจต่ำกว่า "
                f"{LOW_CONFIDENCE:.0f}%) โปรดตรวจสอบกับภาพหน้าเอกสาร"
            )
    result.warnings = warnings
    return result


def _read_analysis(result: ReadResult, document: Document, stated, warnings: list[str]) -> None:
    parts = split_parts(document)
    result.overall_score = stated.overall
    result.rating = stated.rating or None
    result.indicator_scores = dict(stated.indicators)
    analysis = Analysis(rating=result.rating)
    analysis.issues = read_issues(parts.get(1, []), warnings)
    for issue in analysis.issues:
        for question in issue.questions:
            seen = result.question_scores.setdefault(question.code, question.score)
            if seen != question.score:
                warnings.append(
                    f"ข้อ {question.code} มีคะแนนสองค่าในเอกสาร ({seen} และ {question.score}) ใช้ค่าแรก"
                )
    for code, score in stated.questions.items():
        result.question_scores.setdefault(code, score)
    if result.fiscal_year is None and stated.fiscal_year:
        result.fiscal_year = stated.fiscal_year
    plan_blocks = parts.get(2, [])
    analysis.plan_fiscal_year = plan_fiscal_year(plan_blocks) or (
        result.fiscal_year + 1 if result.fiscal_year else None
    )
    result.measures, analysis.plan = read_plan(plan_blocks, analysis.plan_fiscal_year, warnings)
    use_issue_titles(result.measures, analysis)
    analysis.constraints = read_constraints(parts.get(3, []))
    if result.overall_score is None:
        warnings.append("ไม่พบคะแนนภาพรวมในรายงานการวิเคราะห์")
    if len(result.indicator_scores) != 10:
        warnings.append(f"พบคะแนนตัวชี้วัด {len(result.indicator_scores)} จาก 10 ตัวชี้วัด (โปรดตรวจสอบ)")
    result.analysis = analysis


def _count_scores(stated) -> int:
    return len(stated.questions) + (3 if stated.overall is not None else 0)


def _unknown_kind(has_memo: bool) -> IngestError:
    memo_th = " (พบบันทึกข้อความ แต่ไม่พบรายงานหรือตารางมาตรการที่แนบมา)" if has_memo else ""
    memo_en = " (a memo was found, but no report or measures table with it)" if has_memo else ""
    return IngestError(
        "unknown_kind",
        "ไม่รู้จักชนิดของเอกสารนี้: ไม่ใช่รายงานผลการดำเนินการตามมาตรการ แผนมาตรการ "
        "หรือรายงานการวิเคราะห์ผลการประเมิน ITA" + memo_th,
        "Unknown kind of document: it is not a measures report, a measures plan or an ITA "
        "analysis report" + memo_en + ".",
    )
