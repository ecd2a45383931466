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
_LATIN_AMID_THAI = re.compile(r"(?<=[\u0e01-\u0e4e] )[A-Za-z]+(?= ?[\u0e01-\u0e4e])")


def unknown_share(text: str) -> float:
    """The share of ``text``'s Thai letters that are in no dictionary word."""
    from prongsai.ingest.thai_text import _score

    thai = len(_THAI.findall(text))
    if not thai:
        return 0.0
    return _score(text)[0] / thai


def quality(text: str, conf: float) -> float:
    """Higher is better: the confidence less what is not well-formed Thai (letters outside
    dictionary words, Latin letters amid Thai) and less a little for each word the Thai is cut
    into (a misread mark cuts a long word into short ones: ``ดำเนิน`` read as ``ดา|เน้น``)."""
    from prongsai.ingest.thai_text import _score

    stray_latin = sum(len(m) for m in _LATIN_AMID_THAI.findall(text))
    tokens = _score(text)[1] if _THAI.search(text) else 0
    return conf - 60 * unknown_share(text) - 5 * stray_latin - 2 * tokens


def better(first: tuple[str, float], second: tuple[str, float]) -> tuple[str, float]:
    """The reading of higher ``quality`` (the first when they are as good); an empty reading
    never wins over text."""
    if not second[0]:
        return first
    if not first[0]:
        return second
    return second if quality(*second) > quality(*first) else first
