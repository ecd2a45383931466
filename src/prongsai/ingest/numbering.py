"""Numbered and bulleted steps inside a cell: ``๑.``, ``1.``, ``๓)``, ``(1)``, ``-``, ``*``.

A cell of steps is one run of text (``๑.แจ้งเวียน … ๒.ประกาศ …``) or one step per line. Numbers
are accepted as step markers only in sequence (1, 2, 3, …) and in the style of the first one,
so that decimals (``๘๕.๗๑``), dates (``ม.ค.๖๕``) and a sub-list in another style
(``(๑) … (๒)`` inside step ๑.) are not mistaken for steps; a new line may start again at 1
(a plan row that lists two methods, each with its own steps).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from prongsai.ingest.cleanup import collapse, join_cut_words
from prongsai.thai import to_arabic_digits

# On Arabic digits. "(1)" may follow anything but a digit ("…จ้าง(๒)วงเงิน" in a run-on list);
# "1." and "1)" start the text or a line, or follow a space or a closing bracket. Either is 1–2
# digits that are not part of a longer number.
_MARKER = re.compile(
    r"(?<!\d)\((?P<paren>\d{1,2})\)"
    r"|(?:(?<=^)|(?<=[\s)]))(?P<num>\d{1,2})(?!\d)\s?(?P<sep>[.)])(?!\d)",
    re.M,
)
# Read by OCR, a marker's dot or bracket is lost now and then ("๑ จัดทำ…", "(2 การ…", "๔การ…"):
# a number at the start of a line, right before Thai words
_LOOSE = re.compile(
    r"^[ \t]*\(?(?P<loose>\d{1,2})(?!\d)\)?[ \t]*(?=[\u0e01-\u0e2e\u0e40-\u0e44])", re.M
)
_BULLET = re.compile(r"^[ \t]*(?P<bullet>[-*•●▪‣–])[ \t]*(?=\S)", re.M)
_INLINE_BULLET = re.compile(r"(?<=\s)(?P<bullet>[-•●▪])\s+(?=\S)")
_HEADING = re.compile(r"(?:ดังนี้|ได้แก่|:)\s*$|^(?:รายละเอียด|ขั้นตอน|วิธีการ)")
_LEADING = re.compile(r"^\s*(?:\((?P<paren>\d{1,2})\)|(?P<num>\d{1,2})(?!\d)\s?[.)](?!\d))\s*")


@dataclass(frozen=True)
class _Marker:
    start: int
    end: int
    style: str
    value: int


def leading_number(text: str, *, scanned: bool = False) -> tuple[int | None, str]:
    """``"๑.แนวทางการ ใช้งบประมาณ"`` → ``(1, "แนวทางการ ใช้งบประมาณ")``. Read by OCR
    (``scanned``), a number without its dot or with half its brackets before the Thai words
    (``"(2 การส่งเสริม…"``, ``"๔การจัดซื้อ…"``) is the number too."""
    work = to_arabic_digits(text)
    match = _LEADING.match(work)
    if match:
        return int(match.group("paren") or match.group("num")), text[match.end() :].strip()
    if scanned and (loose := _LOOSE.match(work)):
        return int(loose.group("loose")), text[loose.end() :].strip()
    return None, text.strip()


def starts_with_marker(text: str) -> bool:
    return bool(_LEADING.match(to_arabic_digits(text)) or _BULLET.match(text))


def split_steps(text: str, *, scanned: bool = False) -> list[str]:
    """The steps of a cell, each without its marker, spaces tidied and cut words joined. Read
    by OCR (``scanned``), a step's number may have lost its dot (``"๑ จัดทำ…"`` at a line's
    start, taken in the sequence of the others) or be misread as another digit at the cell's
    start (``"๖. ประกาศ… ๒. จัดทำ…"``: the first of steps 2, 3, … is step 1)."""
    if not text or not text.strip():
        return []
    pieces = _split_numbered(text, scanned) or _split_bulleted(text) or [text]
    steps = [join_cut_words(collapse(piece)).strip(" ,;") for piece in pieces]
    return [step for step in steps if step]


def _split_numbered(text: str, scanned: bool = False) -> list[str] | None:
    work = to_arabic_digits(text)
    found = [_marker(m) for m in _MARKER.finditer(work)]
    if scanned:
        loose = [
            m for m in map(_loose, _LOOSE.finditer(work))
            if not any(f.start < m.end and m.start < f.end for f in found)
        ]  # fmt: skip
        found = sorted([*found, *loose], key=lambda m: m.start)
    if not found:
        return None
    first_at_start = not work[: found[0].start].strip()
    styles = [m.style for m in found if m.style != _ANY]
    style = styles[0] if styles else _ANY
    accepted: list[_Marker] = []
    for marker in found:
        if marker.style not in (style, _ANY):
            continue
        if not accepted:
            if marker.value == 1 or (marker is found[0] and first_at_start):
                accepted.append(marker)
            continue
        at_line_start = not work[: marker.start].rsplit("\n", 1)[-1].strip()
        if marker.value == accepted[-1].value + 1 or (marker.value == 1 and at_line_start):
            accepted.append(marker)
        elif scanned and marker.value == 2 and accepted == [found[0]] and first_at_start:
            accepted.append(marker)  # the first number misread ("๖." for "๑."): it is step 1
    if not accepted or (len(accepted) == 1 and not first_at_start):
        return None
    if len(accepted) == 1 and accepted[0].style == _ANY and accepted[0].value != 1:
        return None  # a number before Thai words alone is no step's number: "5 คน"
    pieces = []
    preamble = text[: accepted[0].start].strip()
    if preamble and not _is_heading(preamble):
        pieces.append(preamble)
    for marker, following in zip(accepted, [*accepted[1:], None], strict=True):
        end = following.start if following else len(text)
        pieces.append(text[marker.end : end])
    return pieces


def _split_bulleted(text: str) -> list[str] | None:
    starts = list(_BULLET.finditer(text))
    if len(starts) == 1 and starts[0].start() == 0 and "\n" not in text.strip():
        # one line of dashed steps ("- ประกาศ… - จัดทำ…"): each " - " starts the next
        starts += list(_INLINE_BULLET.finditer(text, starts[0].end()))
    if not starts:
        return None
    pieces = []
    preamble = text[: starts[0].start()].strip()
    if preamble:
        pieces.append(preamble)
    for match, following in zip(starts, [*starts[1:], None], strict=True):
        end = following.start() if following else len(text)
        pieces.append(text[match.end() : end])
    return pieces


def _is_heading(text: str) -> bool:
    """A short lead-in to the list (``รายละเอียดขั้นตอนการดำเนินการ``, ``… ดังนี้``), not a step."""
    text = text.strip()
    return len(text) <= 60 and bool(_HEADING.search(text))


_ANY = "loose"  # a marker without its dot or bracket: of any style


def _loose(match: re.Match[str]) -> _Marker:
    return _Marker(match.start(), match.end(), _ANY, int(match.group("loose")))


def _marker(match: re.Match[str]) -> _Marker:
    if match.group("paren"):
        return _Marker(match.start(), match.end(), "paren", int(match.group("paren")))
    return _Marker(match.start(), match.end(), match.group("sep"), int(match.group("num")))
