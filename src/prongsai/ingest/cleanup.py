"""Repairs for text that came out of a PDF or a Word table: characters, spaces and cut words.

When a converter lays a narrow table column out as text, every line wrap inside a cell becomes a
space, and Thai words get cut in two (``การมอบ หมายงาน``, ``คอร์ รัปชัน``). Thai puts no spaces
between words, so a space that falls *inside* a word is a wrap, not the writer's: PyThaiNLP's
word segmentation tells the two apart, and only such spaces are removed. A space between two
words is left alone even when it, too, was a wrap: the text does not say.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pythainlp.tokenize import word_tokenize

_THAI = "\u0e01-\u0e4e"  # letters, vowels and tone marks; not digits
_CHARS = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u200b": "",  # zero-width space
        "\u200c": "",
        "\u200d": "",
        "\ufeff": "",
        "\u00ad": "",  # soft hyphen
        "\u2028": "\n",
        "\u2029": "\n",
    }
)
_SPACE_BETWEEN_THAI = re.compile(rf"(?<=[{_THAI}]) +(?=[{_THAI}])")
# A word hyphenated at a wrap: "การ- เพิ่มพูน".
_HYPHEN_WRAP = re.compile(rf"(?<=[{_THAI}])-\s+(?=[{_THAI}])")
# Characters that cannot start or end a Thai word: a space next to them is always a wrap.
_CANNOT_START = re.compile("[\u0e30-\u0e3a\u0e45\u0e47-\u0e4e]")  # ะ า ำ ิ ี … ่ ้ ๊ ๋ ์
_CANNOT_END = re.compile("[\u0e40-\u0e44]")  # เ แ โ ใ ไ
_WINDOW = 24


def normalize_chars(text: str) -> str:
    """Odd characters of PDF extraction made plain (``ํา`` → ``ำ``, no-break spaces → spaces)."""
    return text.translate(_CHARS).replace("\u0e4d\u0e32", "\u0e33")


def collapse(text: str) -> str:
    """All whitespace, line breaks included, as single spaces."""
    return " ".join(text.split())


def join_cut_words(text: str) -> str:
    """Remove the spaces that cut a Thai word in two, and hyphens left by a wrap."""
    text = _HYPHEN_WRAP.sub("", text)
    if " " not in text:
        return text
    out: list[str] = []
    last = 0
    for match in _SPACE_BETWEEN_THAI.finditer(text):
        left = text[max(0, match.start() - _WINDOW) : match.start()]
        right = text[match.end() : match.end() + _WINDOW]
        out.append(text[last : match.start()])
        head = _thai_head(right)
        abbreviation = right[len(head) : len(head) + 1] == "."
        if abbreviation or head.startswith("ๆ") or not _is_cut(_thai_tail(left), head):
            out.append(match.group(0))
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def join_lines(text: str) -> str:
    """A hard-wrapped paragraph as one line: Thai wraps without a space, other text with one."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return ""
    out = lines[0]
    for line in lines[1:]:
        glue = "" if re.search(f"[{_THAI}]$", out) and re.match(f"[{_THAI}]", line) else " "
        out += glue + line
    return out


def _thai_tail(text: str) -> str:
    match = re.search(f"[{_THAI}]+$", text)
    return match.group(0) if match else ""


def _thai_head(text: str) -> str:
    match = re.match(f"[{_THAI}]+", text)
    return match.group(0) if match else ""


@lru_cache(maxsize=4096)
def _is_cut(left: str, right: str) -> bool:
    """True when a space between ``left`` and ``right`` (Thai runs) falls inside a word.

    It does when the word segmentation of the two joined has a word across the boundary *and*
    needs fewer words than the two apart: ``การมอบ|หมายงาน`` (4 words apart, 2 joined:
    การมอบหมาย·งาน), ``ทุกส่วน|ราชการ``. It does not for ``หน่วยงาน|ประจำปี``
    (หน่วย·งานประจำ·ปี is no shorter), nor before a word that starts with การ/ความ after a whole
    word (``ควรรายงาน|การใช้จ่าย`` is not ``งานการ``), nor before ``ๆ`` or an abbreviation.
    """
    if not left or not right:
        return False
    if _CANNOT_START.match(right) or _CANNOT_END.search(left[-1]):
        return True
    joined = _words(left + right)
    crossing = None
    position = 0
    for token in joined:
        if position < len(left) < position + len(token):
            crossing = left[position:]
            break
        position += len(token)
    if crossing is None or len(joined) >= len(_words(left)) + len(_words(right)):
        return False
    return not (right.startswith(("การ", "ความ")) and crossing in _dictionary())


def _words(text: str) -> list[str]:
    return word_tokenize(text, engine="newmm", keep_whitespace=False)


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())
