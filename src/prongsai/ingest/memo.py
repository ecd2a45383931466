"""The people who sign a memo (บันทึกข้อความ): ``(name)`` followed by the position line."""

from __future__ import annotations

import re
from dataclasses import dataclass

SIGNATURE_RE = re.compile(
    r"^\s*\((?P<name>[^()\n]{4,80})\)\s*\n\s*(?P<position>[^\n]{3,150})$", re.M
)
TITLES = ("นาย", "นาง", "นางสาว", "ว่าที่", "ดร.", "จ.ส.", "พ.ต.", "ร.ต.", "ส.อ.")


@dataclass(frozen=True)
class Signature:
    name: str
    position: str


def read_signatures(text: str) -> list[Signature]:
    found: list[Signature] = []
    for m in SIGNATURE_RE.finditer(text):
        name = " ".join(m.group("name").split())
        if not name.startswith(TITLES):
            continue
        sig = Signature(name, " ".join(m.group("position").split()))
        if sig not in found:
            found.append(sig)
    return found


# --- the memo as a whole ------------------------------------------------------------------------

_MEMO_MARK = re.compile(r"^\s*บันทึกข้อความ\s*$", re.M)
_HEAD_FIELDS = (
    ("department", re.compile(r"^\s*ส่วนราชการ\s*(?P<v>.+)$", re.M)),
    ("reference", re.compile(r"^\s*ที่\s+(?P<v>.+?)(?=\s+วันที่|\s*$)", re.M)),
    ("date_text", re.compile(r"(?:^|\s)วันที่\s*(?P<v>[^\n]+?)\s*$", re.M)),
    ("to", re.compile(r"^\s*เรียน\s*(?P<v>.+)$", re.M)),
)
_SUBJECT = re.compile(r"^\s*เรื่อง\s*(?P<v>.+?)\s*(?=^\s*เรียน)", re.M | re.S)
_SECTION = re.compile(
    r"^\s*(?:\d{1,2}\s*\.\s*)?(?P<name>เรื่องเดิม|ข้อเท็จจริง|ข้อพิจารณา|ข้อกฎหมาย|ข้อเสนอ)"
    r"\s*(?P<rest>[^\n]*)$",
    re.M,
)
_SECTION_KEYS = {
    "เรื่องเดิม": "background",
    "ข้อเท็จจริง": "facts",
    "ข้อกฎหมาย": "law",
    "ข้อพิจารณา": "considerations",
    "ข้อเสนอ": "proposal",
}
_SECTION_END = re.compile(r"^\s*(?:ลงชื่อ|ความเห็น|ข้อสั่งการ|\()", re.M)
_COMMENT = re.compile(r"^\s*(?P<label>ความเห็น\S*|ข้อสั่งการ\S*(?:\s+\S+\s*อบต\.?)?)(?P<text>.*)$")
_DOTS = re.compile(r"(?:\.{2,}|…+)")


@dataclass
class SignOff:
    name: str
    position: str
    comment: str | None = None
    label: str | None = None  # the step's own label as written ("ความเห็นรองปลัดฯ")


@dataclass
class Memo:
    department: str | None = None
    reference: str | None = None
    date_text: str | None = None
    date: object = None  # datetime.date when the date could be read
    subject: str | None = None
    to: str | None = None
    sections: dict[str, str] | None = None
    sign_offs: list[SignOff] | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "department": self.department,
            "reference": self.reference,
            "date": self.date.isoformat() if self.date else None,
            "date_text": self.date_text,
            "subject": self.subject,
            "to": self.to,
            **{key: (self.sections or {}).get(key) for key in _SECTION_KEYS.values()},
            "signatures": [
                {"name": s.name, "position": s.position, "comment": s.comment, "label": s.label}
                for s in self.sign_offs or []
            ],
        }


def read_memo(text: str, warnings: list[str] | None = None) -> Memo | None:
    """The memo (บันทึกข้อความ) a document starts with, or None if it has none.

    ``text`` is the memo's part of the document (its paragraphs before any table).
    """
    mark = _MEMO_MARK.search(text)
    if not mark:
        return None
    text = text[mark.end() :]
    memo = Memo()
    for key, pattern in _HEAD_FIELDS:
        if match := pattern.search(text):
            setattr(memo, key, " ".join(match.group("v").split()))
    if match := _SUBJECT.search(text):
        memo.subject = " ".join(match.group("v").split())
    if memo.date_text:
        memo.date = _read_date(memo.date_text, warnings)
    memo.sections = _sections(text)
    memo.sign_offs = _sign_offs(text)
    return memo


def _read_date(text: str, warnings: list[str] | None):
    from prongsai.thai import ThaiDateError, parse_date

    try:
        return parse_date(text)
    except ThaiDateError as error:
        if warnings is not None:
            warnings.append(f"บันทึกข้อความ: อ่านวันที่ไม่ได้ — {error.message_th}")
        return None


def _sections(text: str) -> dict[str, str]:
    found = list(_SECTION.finditer(text))
    sections: dict[str, str] = {}
    ends = [match.start() for match in found[1:]] + [len(text)]
    for match, end in zip(found, ends, strict=False):  # no section: nothing to zip
        body = match.group("rest") + "\n" + text[match.end() : end]
        if stop := _SECTION_END.search(body):
            body = body[: stop.start()]
        key = _SECTION_KEYS[match.group("name")]
        sections.setdefault(key, " ".join(body.split()))
    return sections


def _sign_offs(text: str) -> list[SignOff]:
    """The signatures in order, each with the comment written above it (ความเห็น…, ข้อสั่งการ…)."""
    sign_offs: list[SignOff] = []
    comment: str | None = None
    label: str | None = None
    seen: set[tuple[str, str]] = set()
    lines = [line for line in text.split("\n") if line.strip()]
    for index, line in enumerate(lines):
        if match := _COMMENT.match(line):
            words = _DOTS.sub(" ", match.group("text")).strip(" -–")
            comment = " ".join(words.split()) or None
            label = " ".join(_DOTS.sub(" ", match.group("label")).split()) or None
            continue
        name_match = re.match(r"^\s*\((?P<name>[^()\n]{4,80})\)\s*$", line)
        if not name_match or index + 1 >= len(lines):
            continue
        name = " ".join(name_match.group("name").split())
        position = " ".join(lines[index + 1].split())
        if not name.startswith(TITLES) or not position or (name, position) in seen:
            continue
        seen.add((name, position))
        sign_offs.append(SignOff(name, position, comment, label))
        comment = label = None
    return sign_offs
