"""Thai line breaking for WeasyPrint: break between words, never inside one.

Pango (through libthai) finds break opportunities in Thai by itself, but its words are not
PyThaiNLP's: it breaks inside words that newmm keeps whole ("ผู้⏎รับผิดชอบ", "ระยะเวลาดำเ⏎นินการ" in
a narrow column), and where it breaks depends on where the text it reads starts, which for
WeasyPrint is the start of each new line. So each line is segmented with newmm and a ZERO WIDTH
SPACE (U+200B) goes between every two Thai words: a break is allowed there, and libthai reads
each word on its own. A word that libthai would still split on its own is wrapped in a
``white-space: nowrap`` span. libthai is given PyThaiNLP's word list
(:mod:`prongsai.documents.thai_dictionary`), so hardly any word needs a span (spans make
WeasyPrint's layout several times slower). The zero-width space is drawn as nothing and left out
of the PDF's text layer. (A word joiner, U+2060, inside words does not work: libthai then breaks
at every joiner.)
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from pythainlp.tokenize import word_tokenize

from prongsai.thai.months import MONTH_PATTERN

ZERO_WIDTH_SPACE = "\u200b"
_THAI = re.compile(r"[\u0e01-\u0e5b]")


def _pango_breaks(text: str) -> set[int]:
    """Indexes ``i`` of ``text`` where Pango may break a line before ``text[i]``."""
    from weasyprint.text.line_break import get_log_attrs

    attrs = get_log_attrs(text, "th")
    return {i for i in range(1, len(text)) if attrs[i].is_line_break}


@lru_cache(maxsize=65536)
def _splits(word: str) -> bool:
    """Whether Pango (libthai) may break inside ``word`` when it is read on its own."""
    return bool(_pango_breaks(word))


@lru_cache(maxsize=8192)
def _line(text: str, ranges: tuple[tuple[int, int], ...] = ()) -> str:
    """``text`` segmented into newmm words with a zero-width space between Thai words, a word
    libthai would split in a ``nowrap`` span, and the words of each of ``ranges`` (protected
    names and dates) together in one span."""
    out: list[str] = []
    kept: list[str] = []
    previous_thai, offset = False, 0
    for token in word_tokenize(text, engine="newmm", keep_whitespace=True):
        start, offset = offset, offset + len(token)
        inside = next((r for r in ranges if r[0] < offset and start < r[1]), None)
        thai = bool(_THAI.search(token)) and not token.isspace()
        if kept and inside is None:
            out.append(_kept_whole("".join(kept)))
            kept = []
        if previous_thai and thai and not kept:
            out.append(ZERO_WIDTH_SPACE)
        previous_thai = thai
        if inside is not None:
            kept.append(token)
            if offset >= inside[1]:  # the name ends with this token
                out.append(_kept_whole("".join(kept)))
                kept = []
            continue
        escaped = html.escape(token)
        split = thai and len(token) > 1 and _splits(token)
        out.append(f'<span class="w">{escaped}</span>' if split else escaped)
    if kept:
        out.append(_kept_whole("".join(kept)))
    return "".join(out)


def _kept_whole(segment: str) -> str:
    return f'<span class="w">{html.escape(segment)}</span>'


# a web address as documents write them: with its scheme or from "www." (Thai letters, spaces
# and brackets end it; a full stop or comma after it is the sentence's)
URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'()\[\]\u0e00-\u0e7f]+[^\s<>\"'()\[\].,;:\u0e00-\u0e7f]"
)


def href(url: str) -> str:
    return url if "://" in url else f"https://{url}"


def _linked(line: str, text_html) -> str:
    """``line`` as HTML with every web address a link (a link annotation in the PDF)."""
    out, last = [], 0
    for match in URL.finditer(line):
        out.append(text_html(line[last : match.start()]))
        url = match.group(0)
        out.append(f'<a href="{html.escape(href(url))}">{html.escape(url)}</a>')
        last = match.end()
    out.append(text_html(line[last:]))
    return "".join(out)


def _thai_line(text: str) -> str:
    return _line(text) if _THAI.search(text) else html.escape(text)


# what never breaks inside, whatever the document: dates (day month year) and dotted
# abbreviations (พ.ศ., ม.ค., ก.ย., กกก., อบต.). ("พ.ศ. ๒๕๖๗" alone may break after พ.ศ.: kept
# whole, WeasyPrint then broke a neighbouring word in narrow cells.)
_ALWAYS = [
    rf"[0-9๐-๙]{{1,2}}\s?(?:{MONTH_PATTERN})\s?(?:พ\.ศ\.\s?)?[0-9๐-๙]{{2,4}}",
    r"(?<![\u0e01-\u0e4e])(?:[\u0e01-\u0e2e]{1,3}\.){2,3}",
    r"(?<![\u0e01-\u0e4e])(?:อบต|อบจ|ทต|ทม|ทน|กกก)\.",
]
PROTECTED_LONGEST = 24  # letters: a longer name may still break (kept whole it would overflow)


@lru_cache(maxsize=64)
def protected_pattern(names: tuple[str, ...] = ()) -> re.Pattern:
    """One pattern for the names a document must never break inside (agency, place, district,
    province, units, people, the agency's abbreviation) and the dates and abbreviations any
    document has, the longest first."""
    kept = sorted({n for n in names if n and len(n) <= PROTECTED_LONGEST}, key=len, reverse=True)
    return re.compile("|".join([*(re.escape(name) for name in kept), *_ALWAYS]))


def _protected_line(text: str, pattern: re.Pattern | None) -> str:
    """A line segmented into words, each protected name or date kept whole."""
    if pattern is None or not _THAI.search(text):
        return _thai_line(text)
    return _line(text, tuple(m.span() for m in pattern.finditer(text) if m.group(0).strip()))


def wrap_html(text: str, protected: re.Pattern | None = None) -> str:
    """HTML for the PDF: Thai words kept whole, the ``protected`` names and dates never broken
    inside, web addresses linked, ``\\n`` as ``<br>``."""
    pattern = protected if protected is not None else protected_pattern()
    return "<br>".join(
        _linked(line, lambda part: _protected_line(part, pattern)) for line in text.split("\n")
    )


def plain_html(text: str, protected: re.Pattern | None = None) -> str:
    """HTML for a browser, which breaks Thai itself: links, ``\\n`` as ``<br>``."""
    return "<br>".join(_linked(line, html.escape) for line in text.split("\n"))
