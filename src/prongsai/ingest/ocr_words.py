"""Thai words of a scan put right where Tesseract dropped or swapped a thin mark.

Tesseract's Thai model loses the small marks above and below the letters (``สื่อ`` read as
``สือ``, ``เรื่อง`` as ``เรือง``, ``มา`` as ``ม้า``) and now and then takes one letter for its
look-alike (``เร็ว`` as ``เว็ว``). Each Thai word of a line (PyThaiNLP's dictionary segmentation)
is checked against the words of the Thai National Corpus with their frequencies (PyThaiNLP's
``tnc_freq``, shipped with it): a word one mark away from a word that is far more common (or a
word no dictionary has, one mark or one look-alike letter away from one that it has) is taken
to be misread and replaced. Words only somewhat less common than their neighbour are left alone
(``แก่`` and ``แก้`` are both common; ``สัน`` is a word too).
"""

from __future__ import annotations

import re
from functools import lru_cache

from prongsai.ingest.thai_text import _frequencies  # the TNC's word counts, loaded once

MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c"
# letters Tesseract's Thai model takes for one another
LOOK_ALIKE = {"ร": "ว", "ว": "ร", "ด": "ต", "ต": "ด", "บ": "ป", "ป": "บ", "ข": "ช", "ช": "ข"}
RATIO = 20  # a known word is replaced only by one this many times more common
MIN_COUNT = 50  # … and only by a word seen at least this often
_THAI_RUN = re.compile("[\u0e01-\u0e4e]+")


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


def _edits(word: str, *, letters: bool):
    """Words one mark away from ``word`` (a mark put in, left out or swapped), and when
    ``letters``, one look-alike letter away."""
    for i in range(1, len(word) + 1):
        for mark in MARKS:
            yield word[:i] + mark + word[i:]
    for i, char in enumerate(word):
        if char in MARKS:
            yield word[:i] + word[i + 1 :]
            for mark in MARKS:
                if mark != char:
                    yield word[:i] + mark + word[i + 1 :]
        elif letters and char in LOOK_ALIKE:
            yield word[:i] + LOOK_ALIKE[char] + word[i + 1 :]


@lru_cache(maxsize=4096)
def correct_word(word: str) -> str:
    """``word`` or the word it was most likely misread from."""
    if len(word) < 3:
        return word
    counts = _frequencies()
    known = word in counts or word in _dictionary()
    own = counts.get(word, 0)
    best, best_count = word, max(own * RATIO, MIN_COUNT - 1)
    for candidate in set(_edits(word, letters=not known)):
        count = counts.get(candidate, 0)
        if count > best_count:
            best, best_count = candidate, count
    return best


SPAN_MIN_COUNT = 500  # a word a mark put right makes of two must be at least this common


def rejoin_words(tokens: list[str]) -> list[str]:
    """Tokens with a word cut in two by a dropped or swapped mark put back: a short token that,
    with one mark more or another, makes a common dictionary word with the end of the word
    before it (or the start of the word after it), what is left of that word being a word too
    (``ความเชื่อ|มัน`` → ``ความ|เชื่อมั่น``; ``เชื่อ`` and ``มัน`` are both words, so
    ``correct_word`` leaves them)."""
    out = list(tokens)
    counts, words = _frequencies(), _dictionary()

    def word(text: str) -> bool:
        return not text or text in words

    for i, token in enumerate(out):
        if not (3 <= len(token) <= 4 and _THAI_RUN.fullmatch(token)):
            continue
        before = out[i - 1] if i and _THAI_RUN.fullmatch(out[i - 1]) else ""
        after = out[i + 1] if i + 1 < len(out) and _THAI_RUN.fullmatch(out[i + 1]) else ""
        best, best_count = token, SPAN_MIN_COUNT - 1
        for candidate in set(_edits(token, letters=False)):
            if len(candidate) < len(token):
                continue  # a mark Tesseract saw is there
            joins = [(before[:k], before[k:] + candidate) for k in range(len(before))]
            joins += [(after[k:], candidate + after[:k]) for k in range(1, len(after) + 1)]
            for rest, joined in joins:
                if joined in words and word(rest) and counts.get(joined, 0) > best_count:
                    best, best_count = candidate, counts[joined]
        out[i] = best
    return out


_TAIL = re.compile("[\u0e01-\u0e4e]+$")
_HEAD = re.compile("^[\u0e01-\u0e4e]+")


def rejoin_lines(lines: list[str]) -> list[str]:
    """Lines with a word a misread mark cut in two across their wrap put back (``rejoin_words``
    on the last Thai word of a line and the first of the next: ``ความเชื่อ`` / ``มันจาก``)."""
    from pythainlp.tokenize import word_tokenize

    out = list(lines)
    for i in range(len(out) - 1):
        tail, head = _TAIL.search(out[i]), _HEAD.match(out[i + 1])
        if not (tail and head) or _PLACE.search(out[i]) or _PLACE.search(out[i + 1]):
            continue
        before = word_tokenize(tail.group(0), engine="newmm")
        after = word_tokenize(head.group(0), engine="newmm")
        joined = rejoin_words(before[-1:] + after[:1])
        if joined != before[-1:] + after[:1]:
            out[i] = out[i][: tail.start()] + "".join(before[:-1] + joined[:1])
            out[i + 1] = "".join(joined[1:] + after[1:]) + out[i + 1][head.end() :]
    return out


def correct_text(text: str) -> str:
    """``text`` with its misread Thai words put right (``correct_word``), the rest untouched:
    not a line naming a place (its names are no dictionary words: ``บางปลาม้า``), nor the
    letters of an abbreviation (``มิ.ย.``)."""
    from pythainlp.tokenize import word_tokenize

    if _PLACE.search(text):
        return text

    def run(match: re.Match) -> str:
        start, end = match.span()
        if text[end : end + 1] == "." or text[start - 1 : start] == ".":
            return match.group(0)
        words = word_tokenize(match.group(0), engine="newmm", keep_whitespace=True)
        return "".join(rejoin_words([correct_word(w) for w in words]))

    return _THAI_RUN.sub(run, text)


_PLACE = re.compile(r"อำเภอ|ตำบล|จังหวัด|เขต|แขวง|หมู่ที่|(?<![\u0e01-\u0e4e])[อตจ]\.")
