"""Reading back the PDFs the documents app writes: text, fonts, line breaks."""

from __future__ import annotations

import itertools
import re
import subprocess
from pathlib import Path

from fontTools.ttLib import TTFont
from pythainlp.tokenize import word_tokenize

from prongsai.documents import blocks
from prongsai.documents.render import FONT_FILES
from prongsai.thai import to_arabic_digits

THAI = re.compile(r"[\u0e01-\u0e4e]")  # letters, vowels and marks (not digits)
PAGE_NUMBER = re.compile(r"-[๐-๙0-9]+-")


def pdftotext(pdf: bytes, tmp_path: Path, *options: str) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *options, str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout


def page_count(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    return int(re.search(r"Pages:\s+(\d+)", info.stdout)[1])


def pdfinfo(pdf: bytes, tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True)
    return dict(
        (key.strip(), value.strip())
        for key, _, value in (line.partition(":") for line in out.stdout.splitlines())
    )


def pdffonts(pdf: bytes, tmp_path: Path) -> list[list[str]]:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    return [line.split() for line in out.stdout.splitlines()[2:]]


def squash(text: str) -> str:
    return "".join(text.split())


def assert_text_in_order(document: dict, text: str) -> None:
    """Every text of the document is in the PDF's text, exactly and in reading order.

    Whitespace is ignored (lines wrap), and so are page numbers and table headers repeated on
    later pages, which a text running over a page break has in its middle. Table cells other
    than a row's first are checked to be there exactly, not for their order: a row split over a
    page break comes back cell part by cell part.
    """
    found = PAGE_NUMBER.sub("", squash(text))
    headers = {squash("".join(table["columns"])) for table in blocks.tables(document)}
    for header in headers:
        assert header in found, f"table header missing: {header}"
    for header in headers:
        found = found.replace(header, "")  # drawn again on each page, amid split rows
    ordered: list[str] = []  # every text but table cells, and each row's first cell
    anywhere: list[str] = []  # the other cells (identical cells in other rows are common)
    for block in document["blocks"]:
        if block["type"] != "table":
            ordered += blocks.texts({"blocks": [block]})
            continue
        ordered.append(block["caption"])
        for row in block["rows"]:
            ordered.append(row[0])
            anywhere += row[1:]
    position = 0
    for expected in ordered:
        wanted = squash(expected)
        if not wanted:
            continue
        first = _find_in_pieces(found, wanted, position)
        assert first is not None, (
            f"not found in order: {wanted[:80]!r}\n"
            f"after: {found[max(0, position - 40) : position + 80]!r}"
        )
        position = first + 1  # the next text starts after this one starts
    for expected in anywhere:
        wanted = squash(expected)
        assert not wanted or _find_in_pieces(found, wanted, 0) is not None, wanted[:80]


def _find_in_pieces(found: str, wanted: str, start: int, pieces: int = 8) -> int | None:
    """Where ``wanted`` starts at or after ``start``, or ``None``.

    A table row split over a page break is drawn cell part by cell part: the first part of
    every cell on one page, the rest on the next. So a cell's text may come in up to
    ``pieces`` pieces in order (each of at least 10 characters, or the whole rest), with the
    other cells' parts between them.
    """
    whole = found.find(wanted, start)
    if whole >= 0:
        return whole
    position, rest, first_start = start, wanted, None
    for _ in range(pieces):
        at = found.find(rest[: min(10, len(rest))], position)  # the earliest start
        if at < 0:
            return None
        low, high, length = 1, len(rest), 0
        while low <= high:  # the longest prefix of ``rest`` found there
            middle = (low + high) // 2
            if found.startswith(rest[:middle], at):
                length, low = middle, middle + 1
            else:
                high = middle - 1
        first_start = first_start if first_start is not None else at
        position, rest = at + length, rest[length:]
        if not rest:
            return first_start
    return None


def mid_word_breaks(text: str, document: dict) -> list[str]:
    """Line ends of the PDF's text that fall inside a PyThaiNLP (newmm) word of the source.

    Each line of the source is segmented whole, as the renderer does. A line end is inside a
    word when the text around it is found in the source only with no word boundary there. Text
    around a line end that is not in the source at all joins two cells (pdftotext reads table
    rows across), and a space in the source is a break between words.
    """
    segmented = []
    for source in blocks.texts(document):
        for line in source.split("\n"):
            boundaries, offset = {0}, 0
            for token in word_tokenize(line, engine="newmm", keep_whitespace=True):
                offset += len(token)
                boundaries.add(offset)
            segmented.append((line, boundaries))
    lines = [line.strip() for line in text.splitlines()]
    bad = []
    for line, following in itertools.pairwise(lines):
        if not line or not following:
            continue
        tail, head = line.split()[-1], following.split()[0]
        if not (THAI.match(tail[-1]) and THAI.match(head[0])):
            continue
        joined, found, between_words = tail + head, False, False
        for source, boundaries in segmented:
            at = source.find(joined)
            while at >= 0 and not between_words:
                found = True
                between_words = at + len(tail) in boundaries
                at = source.find(joined, at + 1)
        if found and not between_words:
            bad.append(f"{tail}⏎{head}")
    return bad


def missing_glyphs(document: dict) -> set[str]:
    """Characters of the document that the PDF font (Laksaman) has no glyph for."""
    cmap = TTFont(FONT_FILES["regular"]).getBestCmap()
    chars = set("".join(blocks.texts(document)))
    return {c for c in chars if not c.isspace() and ord(c) not in cmap}


def normal(text: str) -> str:
    """For comparing data with documents: Arabic digits, whitespace squashed."""
    return squash(to_arabic_digits(text or ""))


def row_fragments(document: dict) -> list[tuple[int, int]]:
    """``(page, lines)`` of every part of a table row that a page break split: the number of
    lines of its tallest cell on that page (laid out exactly as ``render_pdf`` lays it out)."""
    import weasyprint
    from weasyprint.formatting_structure import boxes as wboxes

    from prongsai.documents.render import FONT_DIR, memo_cues, render_html

    source = render_html(document, for_pdf=True, cues=memo_cues(document))
    pages = weasyprint.HTML(string=source, base_url=str(FONT_DIR)).render().pages

    def lines(box) -> int:
        if isinstance(box, wboxes.LineBox):
            return 1
        return sum(lines(child) for child in getattr(box, "children", ()))

    def rows(box):
        if isinstance(box, wboxes.TableRowBox):
            yield box
            return
        for child in getattr(box, "children", ()):
            yield from rows(child)

    seen: dict[int, list[tuple[int, int]]] = {}
    for number, page in enumerate(pages, 1):
        for row in rows(page._page_box):
            if row.element is None or row.element.tag != "tr" or row.element.find("td") is None:
                continue  # the repeated header
            tallest = max((lines(cell) for cell in row.children), default=0)
            seen.setdefault(id(row.element), []).append((number, tallest))
    return [part for parts in seen.values() if len(parts) > 1 for part in parts]


def protected_breaks(text: str, document: dict) -> list[str]:
    """Line ends of the PDF's text inside a name, a date or an abbreviation the document must
    keep whole (:func:`prongsai.documents.wrap.protected_pattern`): each such text of the
    document is looked for in the PDF with a line end allowed between any two letters."""
    from prongsai.documents.wrap import protected_pattern

    pattern = protected_pattern(tuple(document.get("protected") or ()))
    kept = set()
    for source in blocks.texts(document):
        kept.update(m.group(0) for m in pattern.finditer(source) if len(squash(m.group(0))) > 1)
    lines = PAGE_NUMBER.sub("", text)
    bad = []
    for name in sorted(kept):
        letters = squash(name)
        loose = r"[ \t]*\n?[ \t]*".join(re.escape(ch) for ch in letters)
        for match in re.finditer(loose, lines):
            if "\n" in match.group(0):
                bad.append(match.group(0).replace("\n", "⏎"))
    return bad
