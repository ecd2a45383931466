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


def leading_number(text: str) -> tuple[int | None, str]:
    """``"๑.แนวทางการ ใช้งบประมาณ"`` → ``(1, "แนวทางการ ใช้งบประมาณ")``."""
    match = _LEADING.match(to_arabic_digits(text))
    if not match:
        return None, text.strip()
    value = int(match.group("paren") or match.group("num"))
    return value, text[match.end() :].strip()


def starts_with_marker(text: str) -> bool:
    return bool(_LEADING.match(to_arabic_digits(text)) or _BULLET.match(text))


def split_steps(text: str) -> list[str]:
    """The steps of a cell, each without its marker, spaces tidied and cut words joined."""
    if not text or not text.strip():
        return []
    pieces = _split_numbered(text) or _split_bulleted(text) or [text]
    steps = [join_cut_words(collapse(piece)).strip(" ,;") for piece in pieces]
    return [step for step in steps if step]


def _split_numbered(text: str) -> list[str] | None:
    work = to_arabic_digits(text)
    found = [_marker(m) for m in _MARKER.finditer(work)]
    if not found:
        return None
    first_at_start = not work[: found[0].start].strip()
    style = found[0].style
    accepted: list[_Marker] = []
    for marker in found:
        if marker.style != style:
            continue
        if not accepted:
            if marker.value == 1 or (marker is found[0] and first_at_start):
                accepted.append(marker)
            continue
        at_line_start = not work[: marker.start].rsplit("\n", 1)[-1].strip()
        if marker.value == accepted[-1].value + 1 or (marker.value == 1 and at_line_start):
            accepted.append(marker)
    if not accepted or (len(accepted) == 1 and not first_at_start):
        return None
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


def _marker(match: re.Match[str]) -> _Marker:
    if match.group("paren"):
        return _Marker(match.start(), match.end(), "paren", int(match.group("paren")))
    return _Marker(match.start(), match.end(), match.group("sep"), int(match.group("num")))
