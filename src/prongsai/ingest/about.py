"""What a document is about: the fiscal year and the round its title (or memo subject) names.

The year is the first ``ปีงบประมาณ พ.ศ. ๒๕๖๘`` / ``ประจำปี ๒๕๖๕`` / ``ในปีงบประมาณ 2566`` within a
few lines after the title starts (the first รายงาน… or มาตรการส่งเสริม… before the first table),
else the first one before the first table. For an analysis report that is the year of the
results it analyses (its title says so first). The round is 6 or 12 months when the title says
``รอบ ๖ เดือน`` or names the months (``ตุลาคม ๒๕๖๔ - มีนาคม ๒๕๖๕``); otherwise there is none.
"""

from __future__ import annotations

import re

from prongsai.ingest.blocks import Document, Paragraph, Table
from prongsai.thai import find_periods, round_bounds, to_arabic_digits
from prongsai.thai.months import MONTH_PATTERN

# "พ.ศ." as written, or as a scan's OCR reads it ("พิศ", "wa."): a short word before the year
# ("ประจำปี งบประมาณ": a space, or a line wrap, may part ปี and งบประมาณ)
_YEAR = re.compile(
    r"(?:ปี\s?งบประมาณ|ปีงบฯ|(?:ประจำ|ใน)ปี(?:\s?งบประมาณ)?)"
    r"\s*(?:พ\s*\.\s*ศ\s*\.?|\(?\S{1,4}\.?)?\s*(\d{4})(?!\d)"
)
_TITLE_WORDS = re.compile(r"รายงาน|เรื่อง|มาตรการ|วิเคราะห์")
# The title starts at the first "รายงาน…" or "มาตรการ…"; its year follows within a few lines.
_TITLE = re.compile(r"รายงาน|มาตรการส่งเสริม")
_TITLE_REACH = 400
# "รอบ ๖ เดือน", or after the title's year with its รอบ lost ("พ.ศ. ๒๕๖๗ ๑๒ เดือน")
_ROUND = re.compile(r"(?:รอบ\s*(?:ระยะเวลา\s*)?|(?<=\d{4}) +)(6|12|หก|สิบสอง)\s*เดือน")
_MONTH = re.compile(MONTH_PATTERN)
_ROUND_WORDS = {"6": "6m", "หก": "6m", "12": "12m", "สิบสอง": "12m"}
_LOW, _HIGH = 2500, 2700
# a round written as its months in brackets, whatever is read of its years
# (its first month may be read as Latin letters, "(AIAN ๒๕๖๖ - กันยายน ๒๕๖๗", and its closing
# bracket lost at a line's end)
_ROUND_MONTHS = re.compile(
    r"\(\s*(?:[0-9๐-๙]{1,2}\s*)?(?:ตุลาคม|[A-Za-z.]{2,8})[^()\n]{0,12}?[-–]\s*"
    r"(?:[0-9๐-๙]{1,2}\s*)?(มีนาคม|กันยาย?น?)[^()\n]{0,12}(?:\)|$)",
    re.M,
)
# … or as "รอบ (๖) เดือน" with its months abbreviated after it, the first one misread as it may
# be ("รอบเดือน (A.A.- มี.ค.)": the number lost, ต.ค. read as Latin): the last month says which
_ROUND_END = re.compile(
    r"รอบ\s*(?:[0-9๐-๙]{1,2}\s*)?เดือน\s*\([^()\n]{0,20}?[-–]\s*"
    r"(มีนาคม|มี\.\s?ค\.|กันยาย?น?|ก\.\s?ย\.)[^()\n]{0,12}\)"
)


def opening(document: Document) -> list[str]:
    """The paragraphs before the first table: title, memo, introduction."""
    texts = []
    for block in document.blocks:
        if isinstance(block, Table):
            break
        if isinstance(block, Paragraph):
            texts.append(block.text)
    return texts


def fiscal_year_of_document(document: Document) -> int | None:
    head = "\n".join(opening(document) or [b.text for b in document.paragraphs[:20]])
    head = to_arabic_digits(head)
    if title := _TITLE.search(head):
        window = head[title.start() : title.start() + _TITLE_REACH]
        if year := _first_year(window):
            return year
    return _first_year(head)


def _first_year(text: str) -> int | None:
    for match in _YEAR.finditer(text):
        year = int(match.group(1))
        if _LOW <= year <= _HIGH:
            return year
    return None


def round_of_document(document: Document, fiscal_year: int | None) -> str | None:
    texts = opening(document)
    # a title with the two paragraphs after it: a scan's title lines are paragraphs of their
    # own, and the period "(ตุลาคม ๒๕๖๕ – มีนาคม ๒๕๖๖)" may wrap onto the next line
    titled = [
        " ".join(texts[i : i + 3]) for i, text in enumerate(texts) if _TITLE_WORDS.search(text)
    ]
    for text in titled:
        if match := _ROUND.search(to_arabic_digits(text)):
            return _ROUND_WORDS[match.group(1)]
    if fiscal_year is None:
        return None
    for text in titled:
        for period in find_periods(text, fiscal_year=fiscal_year):
            if not _MONTH.search(period.text):
                continue  # "ประจำปี ๒๕๖๕" is the year, not a round
            for name in ("6m", "12m"):
                if (period.start, period.end) == round_bounds(fiscal_year, name):
                    return name
    for text in titled:  # a scan's years may be unreadable: "(ตุลาคม ๒๕๖ ๆ - มีนาคม weds)"
        if match := _ROUND_MONTHS.search(text) or _ROUND_END.search(text):
            return "6m" if match.group(1).startswith("มี") else "12m"
    return None


# the introduction: the last paragraph before the table, in prose ("ตามที่ … ดังนี้")
_INTRO = re.compile(r"^ตามที่|ดังนี้\s*$|ดังต่อไปนี้\s*$|ต่อไปนี้\s*$")
_INTRO_MIN = 60


def introduction_of(document: Document) -> str:
    """The introduction paragraph that leads into the report's table, or ``""``: the last
    paragraph before the first table when it is prose that starts ``ตามที่…`` or ends
    ``…ดังนี้`` (seeds 000, 002, 004), not a title in bold."""
    texts = opening(document)
    if not texts:
        return ""
    last = " ".join(texts[-1].split())
    if len(last) < _INTRO_MIN or last.startswith("**") or not _INTRO.search(last):
        return ""
    return last


def cover_title_of(document: Document) -> str:
    """An analysis report's cover title as written, one line a line (seed 003: three lines
    before the agency's name), or ``""`` when the document starts with its report heading."""
    texts = opening(document)
    if not texts:
        return ""
    lines = [" ".join(line.split()) for line in texts[0].strip("* \n").splitlines()]
    lines = [line for line in lines if line]
    if not lines or lines[0].startswith("รายงานการวิเคราะห์"):
        return ""
    return "\n".join(lines)
