"""Which of two OCR readings of a piece of a scan to keep: the better-formed Thai.

Tesseract's confidence alone does not tell a good reading from a bad one (it is sure of
``ดาเน้น`` for ``ดำเนิน``), so a reading is also judged by how Thai it is: how much of its Thai
is dictionary words (PyThaiNLP's segmentation and word list), how many sequences no Thai writer
produces (a mark on nothing, two tone marks: ``thai_text.invalid_count``, already taken off the
confidence the reader gives), and how many Latin letters stand among Thai words (a Thai digit
or letter misread: ``ร้อยละ cro.``).
"""

from __future__ import annotations

import re

_THAI = re.compile("[\u0e01-\u0e4e]")
_LATIN_AMID_THAI = re.compile(r"(?<=[\u0e01-\u0e4e] )[a-z]+(?=[.,]? ?[\u0e01-\u0e4e])")
# Latin that is no English word: letters with dots (A.A.), one or two letters alone (od, Ol)
_LATIN_JUNK = re.compile(r"(?<![A-Za-z])(?:(?:[A-Za-z]{1,2}\.)+|[A-Za-z]{1,2}(?![A-Za-z\-]))")


def latin_junk(text: str) -> int:
    """How many Latin letters of ``text`` are no English: what Tesseract's English model makes
    of small Thai letters and digits (``A.A.`` for ``ต.ค.``, ``od`` for ``๖๖``, a word amid
    Thai words: ``ร้อยละ cro. ของ``)."""
    junk = {m.span() for m in _LATIN_JUNK.finditer(text)}
    junk |= {m.span() for m in _LATIN_AMID_THAI.finditer(text)}
    letters = {i for start, end in junk for i in range(start, end) if text[i].isalpha()}
    return len(letters)


def unknown_share(text: str) -> float:
    """The share of ``text``'s Thai letters that are in no dictionary word."""
    from prongsai.ingest.thai_text import _score

    thai = len(_THAI.findall(text))
    if not thai:
        return 0.0
    return _score(text)[0] / thai


def quality(text: str, conf: float) -> float:
    """Higher is better: the confidence less what is not well-formed Thai (letters outside
    dictionary words, Latin letters that are no English) and less for Thai cut into short
    words (a misread mark cuts a long word into short ones: ``ดำเนิน`` read as ``ดา|เน้น``;
    counted per letter, so that a reading is not the better for having lost some of its text)."""
    from prongsai.ingest.thai_text import _score

    thai = len(_THAI.findall(text))
    words_per_letter = _score(text)[1] / thai if thai else 0.0
    return conf - 60 * unknown_share(text) - 5 * latin_junk(text) - 30 * words_per_letter


LOST = 0.1  # a reading with this share fewer letters than the other has lost some of its text
LOST_LETTERS = 4  # … and at least this many (a line, a word; not one letter read as two)


def _lost(most: int) -> float:
    return max(LOST_LETTERS, LOST * most)


def better(first: tuple[str, float], second: tuple[str, float]) -> tuple[str, float]:
    """The reading of higher ``quality`` (the first when they are as good); an empty reading
    never wins over text, and a reading that lost a tenth of the other's letters and more than
    a few (a line or a word Tesseract did not see) pays for what it lost."""
    if not second[0]:
        return first
    if not first[0]:
        return second
    sizes = [sum(c.isalnum() for c in text) for text, _ in (first, second)]
    most = max(sizes)
    scores = [
        quality(*reading) - (100 * (1 - size / most) if most - size > _lost(most) else 0.0)
        for reading, size in zip((first, second), sizes, strict=True)
    ]
    return second if scores[1] > scores[0] else first
