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
def _line(text: str) -> str:
    out: list[str] = []
    previous_thai = False
    for token in word_tokenize(text, engine="newmm", keep_whitespace=True):
        thai = bool(_THAI.search(token)) and not token.isspace()
        if previous_thai and thai:
            out.append(ZERO_WIDTH_SPACE)
        escaped = html.escape(token)
        split = thai and len(token) > 1 and _splits(token)
        out.append(f'<span class="w">{escaped}</span>' if split else escaped)
        previous_thai = thai
    return "".join(out)


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


def wrap_html(text: str) -> str:
    """HTML for the PDF: Thai words kept whole, web addresses linked, ``\\n`` as ``<br>``."""
    return "<br>".join(_linked(line, _thai_line) for line in text.split("\n"))


def plain_html(text: str) -> str:
    """HTML for a browser, which breaks Thai itself: links, ``\\n`` as ``<br>``."""
    return "<br>".join(_linked(line, html.escape) for line in text.split("\n"))
