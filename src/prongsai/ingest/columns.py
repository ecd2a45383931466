"""Table columns recognised by what their header says, whatever words each agency chose.

Every seed names its columns differently (มาตรการ/แนวทาง, มาตรการ/โครงการ/กิจกรรม,
วิธีการดำเนินการ, ขั้นตอนหรือวิธีการปฏิบัติ, ผลการดำเนินงาน, สรุปผล…, ผลลัพธ์…,
ผู้รับผิดชอบ / ระยะเวลาดำเนินการ in one cell…). ``role_of`` maps a header to a role;
``header_columns`` decides whether a row is a header row and where each role is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from prongsai.ingest.numbering import starts_with_marker

# Roles of the columns of measures tables and of analysis tables.
TITLE, TOOL, METHODS, STEPS = "title", "tool", "methods", "steps"
RESPONSIBLE, PERIOD, RESPONSIBLE_PERIOD = "responsible", "period", "responsible_period"
RESULT, OUTCOME, SUGGESTION = "result", "outcome", "suggestion"
NUMBER, QUESTION, SCORE, VERDICT, INDICATOR = "number", "question", "score", "verdict", "indicator"

MEASURE_ROLES = frozenset(
    (METHODS, STEPS, RESPONSIBLE, PERIOD, RESPONSIBLE_PERIOD, RESULT, OUTCOME)
)
_MAX_HEADER = 160


_MAX_MISREAD = 40  # headers are short: longer cells are not tried as misread headers


@lru_cache(maxsize=8192)
def role_of(header: str) -> str | None:
    """The role of a column from its header text, or None."""
    h = re.sub(r"\s+", "", header or "")
    if not h or len(h) > _MAX_HEADER:
        return None
    if "ผู้รับผิดชอบ" in h and "ระยะเวลา" in h:
        return RESPONSIBLE_PERIOD
    checks = (
        (RESPONSIBLE, ("ผู้รับผิดชอบ", "หน่วยงานรับผิดชอบ", "ผู้ที่เกี่ยวข้อง", "ผู้ดำเนินการ")),
        (PERIOD, ("ระยะเวลา", "ช่วงเวลา", "ห้วงเวลา", "กำหนดเวลา", "วันที่ดำเนินการ")),
        (SUGGESTION, ("ข้อเสนอแนะ", "ปัญหา/อุปสรรค", "ปัญหาอุปสรรค")),
        (OUTCOME, ("ผลลัพธ์", "ความสำเร็จ")),
        (RESULT, ("สรุปผล", "ผลการดำเนิน", "ผลการปฏิบัติ", "ผลการจัด")),
        (QUESTION, ("ข้อคำถาม",)),
        (VERDICT, ("ข้อบกพร่อง", "รักษาระดับ")),
        (SCORE, ("คะแนน",)),
        (TOOL, ("แบบวัด", "เครื่องมือ")),
        (INDICATOR, ("ตัวชี้วัด",)),
        (STEPS, ("ขั้นตอน",)),
        (METHODS, ("วิธีการ", "วิธีดำเนิน", "วิธีปฏิบัติ")),
        (TITLE, ("มาตรการ", "แนวทาง", "โครงการ", "กิจกรรม", "หัวข้อ", "ประเด็น")),
    )
    for role, words in checks:
        if any(word in h for word in words):
            return role
    if h in ("ลำดับ", "ลำดับที่", "ที่", "ข้อ"):
        return NUMBER
    if len(h) > _MAX_MISREAD:
        return None
    # a scan's header read without some of its marks ("ผูรบผดชอบ"): the letters still tell
    bare = _bare(h)
    for role, words in checks:
        if any(len(word) >= 6 and _bare(word) in bare for word in words):
            return role
    if len(bare) <= 24:  # … or with one letter misread ("ผูวับผิดชอบ"): nearly the same letters
        for role, words in checks:
            if any(len(word) >= 8 and _near(_bare(word), bare) for word in words):
                return role
    return None


_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


def _near(word: str, text: str) -> bool:
    from difflib import SequenceMatcher

    return len(text) >= len(word) - 1 and SequenceMatcher(None, word, text).ratio() >= 0.85


def _bare(text: str) -> str:
    """Thai letters without the marks over and under them."""
    return _MARKS.sub("", text)


_LABEL_MAX = 60


def header_columns(row: tuple[str, ...]) -> dict[str, int] | None:
    """``{role: column}`` when ``row`` is a header row, else None.

    A header row names at least two roles, one of them what the rows are about (a title, a tool
    or a question), none of its cells starts like a numbered item or is a bare number (a ที่
    column's), and most of its cells name a role: a measure's row whose texts happen to hold
    header words ("จัดกิจกรรม…", "…ปรับปรุงขั้นตอน…") beside cells that name nothing is data.
    """
    cells = [cell for cell in row if cell.strip()]
    if len(cells) < 2 or any(starts_with_marker(cell) for cell in cells):
        return None
    if any(_BARE_NUMBER.match(cell) for cell in cells):
        return None
    roles: dict[str, int] = {}
    unnamed = 0
    for index, cell in enumerate(row):
        size = len("".join(cell.split()))
        if size > 2 * _LABEL_MAX or (size > _LABEL_MAX and cell.count("\n") >= 3):
            continue  # a column's name is short: a long cell is a row's text ("…ระยะเวลาที่กำหนด…")
        role = role_of(cell)
        if role is None or len(cell) > _LONG_FOR_A_HEADER:
            unnamed += bool(cell.strip())
            if role is None:
                continue
        if role in roles:
            # a second column of the same role: "ขั้นตอน…" beside "วิธีการ…" are the steps
            role = STEPS if role in (METHODS, STEPS) and STEPS not in roles else None
            if role is None:
                continue
        roles[role] = index
    if STEPS in roles and METHODS not in roles:
        roles[METHODS] = roles.pop(STEPS)  # "ขั้นตอนหรือวิธีการปฏิบัติ" alone is the methods
    if TOOL in roles and TITLE in roles and METHODS not in roles and QUESTION not in roles:
        roles[METHODS] = roles.pop(TITLE)  # by tool: the "มาตรการ…" column lists the measures
    if len(roles) < 2 or not ({TITLE, TOOL, QUESTION, INDICATOR} & roles.keys()):
        return None
    if unnamed >= len(roles):
        return None
    return roles


_LONG_FOR_A_HEADER = 60  # characters: a cell this long that holds a header word is a text
_BARE_NUMBER = re.compile(r"^\s*[(]?[0-9๐-๙]{1,3}[.)]?\s*$")


def merge_header_rows(rows: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """A two-row header made one: ``มาตรการ | การดำเนินงาน | | ผู้รับผิดชอบ`` over
    `` | วิธีการ | ผลการดำเนินงาน | `` reads as ``มาตรการ | วิธีการ | ผลการดำเนินงาน | ผู้รับผิดชอบ``.

    The second row names columns only (every filled cell has a role) and leaves some cells
    empty, under the first row's cells that span both rows. A second row with fewer cells (a
    text rendering that dropped the empty cells under a rowspan) is put under the first row's
    cells that have no role or are empty.
    """
    out: list[tuple[str, ...]] = []
    index = 0
    while index < len(rows):
        row = rows[index]
        below = rows[index + 1] if index + 1 < len(rows) else None
        if below is not None and header_columns(row) is not None and _names_columns(below):
            merged = _merged(row, below)
            if merged is not None:
                out.append(merged)
                index += 2
                continue
        out.append(row)
        index += 1
    return tuple(out)


def _names_columns(row: tuple[str, ...]) -> bool:
    """Whether every filled cell of ``row`` is a column's name: a role's words, short, with no
    figures (a continuation row under a repeated header, ``กลุ่มเป้าหมาย ๗๐ คน เข้าร่วมกิจกรรม…``,
    holds a header word too)."""
    filled = [cell for cell in row if cell.strip()]
    return (
        bool(filled)
        and all(role_of(cell) is not None for cell in filled)
        and not any(starts_with_marker(cell) for cell in filled)
        and not any(len("".join(cell.split())) > _MAX_MISREAD for cell in filled)
        and not any(_FIGURE.search(cell) for cell in filled)
    )


_FIGURE = re.compile("[0-9๐-๙]")


def _merged(top: tuple[str, ...], below: tuple[str, ...]) -> tuple[str, ...] | None:
    if len(below) == len(top) and any(not cell.strip() for cell in below):
        return tuple(b if b.strip() else t for t, b in zip(top, below, strict=True))
    filled = [cell for cell in below if cell.strip()]
    # the spanning cell has no role of its own ("การดำเนินงาน"), the cells after it are empty
    slots = [
        i for i, cell in enumerate(top)
        if not cell.strip() or (role_of(cell) is None and len(_words(cell)) <= 3)
    ]  # fmt: skip
    if len(slots) != len(filled) or not slots:
        return None
    merged = list(top)
    for slot, cell in zip(slots, filled, strict=True):
        merged[slot] = cell
    return tuple(merged)


def _words(text: str) -> list[str]:
    return text.split()


def is_measures_header(columns: dict[str, int] | None) -> bool:
    return (
        bool(columns)
        and bool({TITLE, TOOL} & columns.keys())
        and bool(MEASURE_ROLES & columns.keys())
    )


def _written(header: str) -> str:
    """A header as the agency wrote it, without the spaces a line break left between Thai
    letters ("ระยะเวลา ดำเนินการ" → "ระยะเวลาดำเนินการ", "มาตรการ/ แนวทาง" → "มาตรการ/แนวทาง")."""
    text = " ".join(header.split())
    text = re.sub(r"(?<=[\u0e01-\u0e4e])\s+(?=[\u0e01-\u0e4e])", "", text)
    return re.sub(r"(?<=[\u0e01-\u0e4e]/)\s+", "", text)


def column_labels(rows) -> list[list[str]]:
    """``[[role, label], …]`` of the first measures table's header, in the document's order."""
    for row in rows:
        columns = header_columns(row)
        if columns is None or not is_measures_header(columns):
            continue
        return [[role, _written(row[index])] for role, index in sorted(
            columns.items(), key=lambda item: item[1])]  # fmt: skip
    return []
