"""Thai line breaking for WeasyPrint: break between words, never inside one.

Pango (through libthai) finds break opportunities in Thai by itself, but it also breaks inside
words that PyThaiNLP's newmm segmentation keeps whole ("ผู้⏎รับผิดชอบ", "ระยะเวลาดำเ⏎นินการ" in a
narrow column). So each line of text is segmented with newmm and Pango (the library WeasyPrint
lays out with) is asked where it may break. A word in which Pango would break is wrapped in a
``white-space: nowrap`` span; a ZERO WIDTH SPACE (U+200B) goes between two Thai words where
Pango would not break, and beside each span. The space is drawn as nothing and is left out of
the PDF's text layer. Only the words that need it get a span: the spans cost layout time (style
cascade and inline splitting), which is why libthai is given PyThaiNLP's word list
(:mod:`prongsai.documents.thai_dictionary`), leaving few words to wrap. A word joiner (U+2060)
inside words does not work: libthai then breaks at every joiner.
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


@lru_cache(maxsize=8192)
def _line(text: str) -> str:
    breaks = _pango_breaks(text)
    out: list[str] = []
    start = 0
    previous_thai = False
    previous_span = False
    for token in word_tokenize(text, engine="newmm", keep_whitespace=True):
        end = start + len(token)
        thai = bool(_THAI.search(token))
        span = thai and any(i in breaks for i in range(start + 1, end))
        if previous_thai and thai and (span or previous_span or start not in breaks):
            # WeasyPrint judges a break between two boxes from the two letters around it
            # alone, where libthai finds no word: so a span always gets a break beside it
            out.append(ZERO_WIDTH_SPACE)
        escaped = html.escape(token)
        out.append(f'<span class="w">{escaped}</span>' if span else escaped)
        previous_thai = thai and not token.isspace()
        previous_span = span
        start = end
    return "".join(out)


def wrap_html(text: str) -> str:
    """HTML for the PDF: Thai words kept whole, ``\\n`` as ``<br>``."""
    return "<br>".join(
        _line(line) if _THAI.search(line) else html.escape(line) for line in text.split("\n")
    )


def plain_html(text: str) -> str:
    """HTML for a browser, which breaks Thai itself: ``\\n`` as ``<br>``."""
    return "<br>".join(html.escape(line) for line in text.split("\n"))
