"""Scans: pages with no text layer read with Tesseract (Thai + English), table by table and
cell by cell.

Each page is made grey, its speckles filtered out, its small tilt measured and undone (the angle
whose row profile is sharpest), and its ruling lines found (long thin runs of dark pixels, with
NumPy). The rules give the tables' cells — a cell whose rule is missing spans into the next
column or row, as a merged cell does — and each cell is read on its own (Tesseract's "one block
of text" mode), so a column's words never run into the next column's; the text between tables is
read with the tables blanked out. Tesseract reads Thai digits poorly (๘ and ๔ as ๕, ๖ as ๒,
๙ and ๗ as ๓): each run of digits is read again by shape (``ocr_digits``). Every cell and
paragraph keeps the mean confidence of its words (``Document.confidence``), less where it has
impossible Thai, and the page images are kept for the review page.

Tesseract runs in the process through ``tesserocr`` (one engine per thread, kept), with the Thai
model of Debian's ``tesseract-ocr-tha``; nothing is downloaded. Without them a scan is refused
with a message saying OCR is not installed.
"""

from __future__ import annotations

import bisect
import glob
import hashlib
import io
import json
import os
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from prongsai.core.files.errors import IngestError
from prongsai.ingest.blocks import Block, Document, Paragraph, Table
from prongsai.thai.months import MONTH_PATTERN

MAX_PAGES = 30
DPI = 200  # scans are read at this resolution (a PDF's page images are rendered at it)
LOW_CONFIDENCE = 75.0  # a field read with less than this (0–100) is flagged for review
_LANGS = "tha+eng"
_TESSDATA = ("/usr/share/tesseract-ocr/*/tessdata", "/usr/share/tessdata")


@lru_cache(maxsize=1)
def tessdata() -> str | None:
    """The folder of Tesseract's models that has Thai and English (``TESSDATA_PREFIX`` first)."""
    places = [os.environ.get("TESSDATA_PREFIX", "")]
    places += sorted((p for pattern in _TESSDATA for p in glob.glob(pattern)), reverse=True)
    for place in places:
        if place and all(os.path.exists(os.path.join(place, f"{lang}.traineddata"))
                         for lang in ("tha", "eng")):  # fmt: skip
            return place.rstrip("/") + "/"
    return None


@lru_cache(maxsize=1)
def ocr_available() -> bool:
    """Whether Tesseract (tesserocr) with the Thai model is installed."""
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return False
    return tessdata() is not None


_engines = threading.local()


def _engine(langs: str = _LANGS):
    """This thread's Tesseract for ``langs``, loaded once (loading the Thai model takes a third
    of a second)."""
    if not hasattr(_engines, "apis"):
        _engines.apis = {}
    api = _engines.apis.get(langs)
    if api is None:
        import tesserocr

        if not ocr_available():
            raise not_installed("image", "ภาพนี้")
        api = tesserocr.PyTessBaseAPI(path=tessdata(), lang=langs)
        api.SetVariable("preserve_interword_spaces", "1")
        _engines.apis[langs] = api
    return api


def unreadable() -> IngestError:
    return IngestError(
        "ocr_nothing",
        "อ่านข้อความจากภาพไม่ได้ (ภาพอาจว่าง ไม่ชัด หรือไม่ใช่เอกสาร) โปรดสแกนใหม่ที่ความละเอียด "
        "อย่างน้อย 200 dpi หรือนำเข้าไฟล์ต้นฉบับ",
        "No text could be read from the image (it may be blank, blurred or not a document); "
        "scan it again at 200 dpi or more, or import the original file.",
    )


def not_installed(code: str, what: str) -> IngestError:
    return IngestError(
        code,
        f"{what} ไม่มีชั้นข้อความ (น่าจะเป็นเอกสารที่สแกนเป็นภาพ) และเครื่องนี้ไม่ได้ติดตั้งโปรแกรม OCR "
        "(tesseract-ocr-tha) โปรดนำเข้าไฟล์ต้นฉบับ (Word) หรือ PDF ที่สร้างจากโปรแกรมพิมพ์เอกสาร",
        f"The {what} has no text layer (it looks scanned) and OCR (tesseract-ocr-tha) is not "
        "installed here; import the original (Word) file or a PDF made by a word processor.",
    )


# --- entry points -----------------------------------------------------------------------------


def read_scanned_pdf(data: bytes) -> Document:
    """A PDF of page images: each page rendered at ``DPI`` and read."""
    if not ocr_available():
        raise not_installed("pdf_no_text", "PDF นี้")
    try:
        import pypdfium2

        pdf = pypdfium2.PdfDocument(data)
        images = []
        for index, page in enumerate(pdf):
            if index >= MAX_PAGES:
                break
            images.append(page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L"))
        pdf.close()
    except IngestError:
        raise
    except Exception as error:
        raise unreadable() from error
    return read_images(images)


def read_image_file(data: bytes) -> Document:
    """A PNG, JPEG or TIFF (every frame of a TIFF is a page)."""
    if not ocr_available():
        raise not_installed("image", "ไฟล์ภาพนี้")
    try:
        from PIL import Image, ImageSequence

        Image.MAX_IMAGE_PIXELS = 80_000_000  # ~ A3 at 600 dpi; larger is no scan of a page
        image = Image.open(io.BytesIO(data))
        images = []
        for index, frame in enumerate(ImageSequence.Iterator(image)):
            if index >= MAX_PAGES:
                break
            images.append(_at_dpi(frame.convert("L"), frame.info.get("dpi")))
    except Exception as error:  # Pillow raises many kinds on damaged images
        raise unreadable() from error
    return read_images(images)


def read_images(images) -> Document:
    blocks: list[Block] = []
    confidence: dict[str, float] = {}
    pngs: list[bytes] = []
    for image in images:
        page = read_page(image)
        blocks.extend(page.blocks)
        confidence.update(page.confidence)
        pngs.append(page.png)
    if not any(isinstance(b, Table) or len(b.text) > 20 for b in blocks):
        raise unreadable()
    blocks, confidence = _with_years_fixed(blocks, confidence)
    blocks, confidence = _with_words_fixed(blocks, confidence)
    return Document(tuple(blocks), "scan", confidence=confidence, page_images=tuple(pngs))


def _with_years_fixed(blocks: list[Block], confidence: dict[str, float]):
    """Every paragraph and cell with its misread dates put right: month names and dashes
    (``ocr_dates``), years no ITA report has (``ocr_years.fix_ita_years``), a cell's figures
    that disagree (``ocr_kpi``), then its period
    years by the fiscal year of the document (``ocr_years.fix_years``); a text changed keeps
    its confidence, but one whose figures were made to agree is flagged for review (under
    ``LOW_CONFIDENCE``: a count put back or a digit swapped is not what the page shows)."""
    from prongsai.ingest.about import fiscal_year_of_document
    from prongsai.ingest.ocr_dates import repair_period_cell, repair_text
    from prongsai.ingest.ocr_kpi import repair_figures
    from prongsai.ingest.ocr_years import fix_ita_years, fix_years

    confidence = dict(confidence)
    each = lambda blocks, change: _each_text(blocks, change, confidence)  # noqa: E731

    def first(text: str, cell: bool) -> str:
        text = fix_ita_years(repair_text(text))
        if not cell:
            return text
        figures = repair_figures(text)
        if figures != text:  # figures made to agree: a count or digit not as read, to be checked
            guessed.add(figures)
        return figures

    guessed: set[str] = set()
    blocks = each(blocks, first)
    for text in guessed:
        confidence[text] = min(confidence.get(text, LOW_CONFIDENCE), LOW_CONFIDENCE - 1)
    fiscal_year = fiscal_year_of_document(Document(tuple(blocks), "scan"))
    if fiscal_year is None:
        return blocks, confidence

    def fix(text: str, cell: bool) -> str:
        text = fix_years(text, fiscal_year, confusable=cell)
        return repair_period_cell(text) if cell else text  # again: "งบประมาณ ๒๕๒๐๓" is now a year

    return each(blocks, fix), confidence


def _with_words_fixed(blocks: list[Block], confidence: dict[str, float]):
    """Every paragraph and cell with its misread words put right by the spelling model
    (``ocr_spelling``) and its misread place names by the real places of Thailand and the
    longer names the document itself writes (``ocr_places``); a text changed keeps its
    confidence. Done once the readings are chosen (``ocr_choice`` judges what Tesseract read)."""
    from prongsai.ingest.ocr_places import correct_places
    from prongsai.ingest.ocr_spelling import correct_lines

    texts: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            texts.extend(cell for row in block.rows for cell in row)
        else:
            texts.append(block.text)
    document = "\n".join(texts)
    confidence = dict(confidence)
    fix = lambda text, _cell: correct_places(correct_lines(text), document)  # noqa: E731
    return _each_text(blocks, fix, confidence), confidence


def _each_text(blocks: list[Block], change, confidence: dict[str, float]) -> list[Block]:
    """``blocks`` with every paragraph's and cell's text passed through ``change(text, cell)``;
    a text changed keeps its confidence (``confidence`` is updated in place)."""

    def fixed(text: str, cell: bool) -> str:
        new = change(text, cell)
        if new != text and text in confidence:
            confidence[new] = confidence[text]
        return new

    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table):
            out.append(Table(tuple(tuple(fixed(c, True) for c in row) for row in block.rows),
                             block.cut))  # fmt: skip
        else:
            out.append(Paragraph(fixed(block.text, False)))
    return out


# --- one page ---------------------------------------------------------------------------------


@dataclass
class Page:
    blocks: list[Block]
    confidence: dict[str, float]
    png: bytes


@dataclass
class _Word:
    text: str
    conf: float
    x: float  # centre
    y: float
    left: int
    right: int
    line: tuple[int, int, int]
    order: int = 0  # Tesseract's reading order (marks come after their letter)
    box: tuple[int, int, int, int] = (0, 0, 0, 0)  # in the image Tesseract read
    stray: bool = False  # taken for a speck or a mark read as a letter


def read_page(image) -> Page:
    import numpy as np
    from PIL import Image, ImageFilter

    image = _deskew(image.filter(ImageFilter.MedianFilter(3)))  # speckles out, then upright
    pixels = np.asarray(image)
    if pixels.size == 0 or pixels.std() < 3:
        return Page([], {}, _png(image))
    rows, cols = _rules(pixels < 140)
    # the rules painted out before reading: Tesseract reads a rule beside a letter as a letter
    clean = pixels.copy()
    for y, x0, x1 in rows:
        clean[max(0, y - 4) : y + 5, max(0, x0 - 2) : x1 + 2] = 255
    for x, y0, y1 in cols:
        clean[max(0, y0 - 2) : y1 + 2, max(0, x - 4) : x + 5] = 255
    tables = _tables(rows, cols)
    found: list[tuple[float, Block, dict[str, float]]] = []
    outside = clean.copy()
    for rules, xs, all_cols, cut in tables:
        table, confidence = _read_table(
            Image.fromarray(clean), rules, xs, all_cols, cut=cut, ruled=pixels < 140
        )
        ys = [y for y, _, _ in rules]
        outside[max(0, ys[0] - 4) : ys[-1] + 5, max(0, xs[0] - 4) : xs[-1] + 5] = 255
        if table is not None:
            found.append((ys[0], table, confidence))
    if (outside < 140).sum() > 30:
        words = _recognize(Image.fromarray(outside), psm=3)
        for top, text, conf in _paragraphs(words):
            found.append((top, Paragraph(text), {text: conf}))
    found.sort(key=lambda item: item[0])
    confidence: dict[str, float] = {}
    for _, _, conf in found:
        confidence.update(conf)
    return Page([block for _, block, _ in found], confidence, _png(image))


def _at_dpi(image, dpi):
    """An image at about ``DPI`` (scans come at 150–600 dpi)."""
    try:
        source = float(dpi[0]) if dpi else 0.0
    except (TypeError, ValueError, IndexError):
        source = 0.0
    if source and abs(source - DPI) > 40:
        scale = DPI / source
        return image.resize((max(1, int(image.width * scale)), max(1, int(image.height * scale))))
    return image


def _png(image) -> bytes:
    small = image.copy()
    small.thumbnail((1400, 1400))
    out = io.BytesIO()
    small.save(out, "PNG", optimize=True)
    return out.getvalue()


def _deskew(image):
    """The page turned back by the tilt (within ±2°) that makes its rows of ink sharpest."""
    import numpy as np

    small = image.copy()
    small.thumbnail((800, 800))
    best, best_angle = -1.0, 0.0
    for step in range(-40, 41):
        angle = step / 20
        turned = np.asarray(small.rotate(angle, fillcolor=255)) < 140
        profile = turned.sum(axis=1).astype(float)
        score = float((np.diff(profile) ** 2).sum())
        if score > best:
            best, best_angle = score, angle
    if abs(best_angle) < 0.2:
        return image  # turning resamples the page and thins its marks: only for a real tilt
    from PIL import Image

    return image.rotate(best_angle, resample=Image.Resampling.BICUBIC, fillcolor=255)


def _runs(mask, length: int):
    """Where ``mask`` (bool, 2-D) is dark for at least ``length`` pixels along axis 1."""
    import numpy as np

    padded = np.pad(mask.astype(np.int32), ((0, 0), (1, 0)))
    sums = np.cumsum(padded, axis=1)
    window = sums[:, length:] - sums[:, :-length]
    return window >= length


def _rules(dark) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    """Horizontal rules as (y, x0, x1) and vertical rules as (x, y0, y1)."""
    h, w = dark.shape
    rows = _lines(dark, min_length=max(60, w // 12))
    cols = _lines(dark.T, min_length=max(40, h // 40))
    return rows, cols


def _lines(dark, *, min_length: int) -> list[tuple[int, int, int]]:
    import numpy as np

    runs = _runs(dark, min_length)
    covered = runs.any(axis=1)
    lines: list[tuple[int, int, int]] = []
    start = None
    for index, on in enumerate([*covered.tolist(), False]):
        if on and start is None:
            start = index
        elif not on and start is not None:
            band = runs[start:index].any(axis=0)
            xs = np.flatnonzero(band)
            # a rule is thin (a little wider where the page is still tilted); a block of ink is not
            if index - start <= 20 and xs.size:
                # a rule broken off (a merged cell's missing border) is two rules
                breaks = np.flatnonzero(np.diff(xs) > 12)
                for a, b in zip([0, *(breaks + 1)], [*breaks, xs.size - 1], strict=True):
                    lines.append(((start + index) // 2, int(xs[a]), int(xs[b]) + min_length))
            start = None
    return lines


class _Words(list):
    """A reading's words; ``dropped_latin``: how many words of Latin letters amid Thai were
    left out (a Thai word the English model took over: ``nsw`` for ``ทราบ``)."""

    dropped_latin = 0


_LATIN_TAKEOVER = re.compile(r"[a-z]{3,}")  # no speck: a word of lower-case letters


def _recognize(
    image, *, psm: int, offset: tuple[int, int] = (0, 0), scale: int = 1, langs: str = _LANGS
) -> _Words:
    """Tesseract's words of ``image`` (page coordinates: ``offset`` is the image's corner, and
    ``image`` is the page's piece enlarged ``scale`` times), specks and stray marks left out,
    runs of Thai digits read again by shape."""
    words = _Words()
    line = 0
    dx, dy = offset
    for text, conf, box, new_line in _tesseract(image, psm=psm, scale=scale, langs=langs):
        line += new_line
        if not text:
            continue
        latin = bool(_LATIN_WORD.fullmatch(text))
        # a speck or a stray mark read as a letter; a mark or a rule's end read as Latin letters
        # ("ea", "Aa") or a digit: left out, unless it is a word of an English phrase
        stray = (conf < 55 and len(text) <= 3 and not text.isdigit()) or (
            _STRAY_WORD.fullmatch(text)
            and not (_PUNCTUATION.fullmatch(text) and conf >= 60)
            and not (latin and conf >= 80)
        ) or (len(text) == 1 and text.isdigit() and conf < 80)  # fmt: skip
        left, top, right, bottom = box
        words.append(
            _Word(text, conf, dx + (left + right) / 2 / scale, dy + (top + bottom) / 2 / scale,
                  dx + left // scale, dx + right // scale, (dy, dx, line), len(words),
                  (left, top, right, bottom), stray)
        )  # fmt: skip
    before = [w for w in words if _LATIN_TAKEOVER.fullmatch(w.text)]
    _keep_english_phrases(words)
    _drop_stray_latin(words)
    kept = {id(w) for w in words}
    words.dropped_latin = sum(id(w) not in kept for w in before)
    _reread_digits(image, words, scale)
    return words


def _tesseract(image, *, psm: int, scale: int, langs: str) -> list[tuple]:
    """Tesseract's words of ``image``: ``(text, confidence, box, starts a line)``, the empty
    and unsure-of-nothing ones left out. With ``PRONGSAI_OCR_CACHE`` set to a folder (in
    development only), each reading is kept there by the image's bytes and Tesseract's settings,
    so that re-reading the corpus after a change to what follows Tesseract takes half the time."""
    cache = os.environ.get("PRONGSAI_OCR_CACHE")
    if cache:
        key = hashlib.sha256(
            repr((image.mode, image.size, psm, scale, langs, DPI)).encode() + image.tobytes()
        ).hexdigest()
        path = Path(cache) / f"{key}.json"
        if path.exists():
            return [tuple(w) for w in json.loads(path.read_text(encoding="utf-8"))]
    import tesserocr

    api = _engine(langs)
    api.SetPageSegMode(psm)
    api.SetImage(image)
    api.SetSourceResolution(DPI * scale)
    api.Recognize()
    level = tesserocr.RIL.WORD
    out = []
    for item in tesserocr.iterate_level(api.GetIterator(), level):
        if item.Empty(level):
            continue
        new_line = item.IsAtBeginningOf(tesserocr.RIL.TEXTLINE)
        text = (item.GetUTF8Text(level) or "").strip()
        box = item.BoundingBox(level)
        conf = float(item.Confidence(level))
        if new_line:  # counted even where the word is left out, as Tesseract's lines are
            out.append(("", -1.0, None, True))
        if text and box is not None and conf >= 0:
            out.append((text, conf, tuple(box), False))
    if cache:
        Path(cache).mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(f".{os.getpid()}.part")  # whole or absent: readers in parallel
        part.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
        part.replace(path)
    return out


_LATIN_WORD = re.compile(r"[a-z]{2,4}")
_LATIN_LETTERS = re.compile(r"[A-Za-z]{2,12}")


def _keep_english_phrases(words: list[_Word]) -> None:
    """The words taken for specks left out, but for a word of Latin letters between two Latin
    words (on its line or at a line's end): the short words of an English phrase (``Open Data
    Integrity and Transparency``) are read with less confidence than Thai letters, yet are no
    specks."""

    def english(word: _Word | None) -> bool:
        return word is not None and bool(_ENGLISH.search(word.text))

    kept = [w for w in words if not w.stray]
    out = []
    for word in words:
        if word.stray:
            at = bisect.bisect(kept, word.order, key=lambda w: w.order)
            before = kept[at - 1] if at else None
            after = kept[at] if at < len(kept) else None
            if not (_LATIN_LETTERS.fullmatch(word.text) and english(before) and english(after)):
                continue
            word.stray = False
        out.append(word)
    words[:] = out


def _drop_stray_latin(words: list[_Word]) -> None:
    """A short lower-case Latin word Tesseract is sure of is kept only beside a Latin word on
    its line, or between two (the "and" of "Integrity and Transparency", wrapped onto a line of
    its own in a narrow cell); between Thai it is a mark misread."""

    def latin(word: _Word | None, line=None) -> bool:
        return (
            word is not None
            and (line is None or word.line == line)
            and bool(_ENGLISH.search(word.text))
        )

    keep = []
    for index, word in enumerate(words):
        if _STRAY_WORD.fullmatch(word.text) and _LATIN_WORD.fullmatch(word.text):
            before = words[index - 1] if index else None
            after = words[index + 1] if index + 1 < len(words) else None
            if not (
                latin(before, word.line)
                or latin(after, word.line)
                or (latin(before) and latin(after))
            ):
                continue
        keep.append(word)
    words[:] = keep


_ENGLISH = re.compile(r"[A-Za-z]{3,}")


_RUN_CHARS = re.compile(r"\(?[0-9๐-๙.,\-]+\)?")
_PUNCTUATION = re.compile(r"[.,:;()/\-–]{1,2}")  # the dots of พ.ศ. and มี.ค., a dash, brackets
# what Tesseract makes of a Thai digit it cannot read: Latin marks and letters, or one Thai
# letter alone (๗ read as ฆ or ฒ); the digits' shapes say whether it is one
_SUSPECT = re.compile(r"[A-Za-z0-9.,'’‘`:;]{1,4}|[ก-ฮ]")


_DIGITS = re.compile(r"[0-9๐-๙.,\-]+")
_THAI_LETTER = re.compile("[\u0e01-\u0e2e]")


def _count_digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def _box(words: list[_Word]) -> tuple[int, int, int, int]:
    return (min(w.box[0] for w in words), min(w.box[1] for w in words),
            max(w.box[2] for w in words), max(w.box[3] for w in words))  # fmt: skip


def _reach(words: list[_Word], run: list[_Word]) -> tuple[int, int]:
    """How far a run of digits may grow along its line: to the words beside it (digits
    Tesseract dropped are in between), at most three digits' widths."""
    left, top, right, bottom = _box(run)
    height = max(bottom - top, 10)
    lo, hi = left - 3 * height, right + 3 * height
    for word in words:
        if word in run or word.line != run[0].line:
            continue
        if word.box[2] <= left:
            lo = max(lo, word.box[2])
        elif word.box[0] >= right:
            hi = min(hi, word.box[0])
    return max(0, lo), hi


def _next_to(left: _Word, right: _Word) -> bool:
    height = max(left.box[3] - left.box[1], right.box[3] - right.box[1], 10)
    return left.line == right.line and right.box[0] - left.box[2] < 1.2 * height


def _reread_digits(image, words: list[_Word], scale: int = 1) -> None:
    """Runs of Thai digits (words close together on a line, digits and dots only) read again by
    the shape of their glyphs (``ocr_digits``): Tesseract's Thai model misreads them, and drops
    some. The run's first word gets the digits read, the others are left out."""
    from prongsai.ingest.ocr_digits import THAI_DIGITS, read_run

    runs: list[list[_Word]] = []
    for index, word in enumerate(words):
        last = runs[-1][-1] if runs and runs[-1] else None
        if not (_RUN_CHARS.fullmatch(word.text) and any(c.isdigit() for c in word.text)):
            if last and word.text in ".," and _next_to(last, word):
                runs[-1].append(word)  # the dot of ๘๘.๑๘: the run goes on
            else:
                runs.append([])
            continue
        if not (last and _next_to(last, word)):
            runs.append([])
            before = words[index - 1] if index else None
            if before and _SUSPECT.fullmatch(before.text) and _next_to(before, word):
                runs[-1].append(before)  # a digit misread as a letter, just before the run
        runs[-1].append(word)
    for run in runs:  # … or just after it
        if run:
            at = words.index(run[-1]) + 1
            after = words[at] if at < len(words) else None
            if after and _SUSPECT.fullmatch(after.text) and _next_to(run[-1], after):
                run.append(after)
    dropped: set[int] = set()
    for run in runs:
        text = "".join(w.text for w in run)
        thai = sum(c in THAI_DIGITS for c in text)
        if not run or thai < len([c for c in text if c.isdigit()]) - thai:
            continue  # Arabic digits: Tesseract reads them well
        reach = _reach(words, run)
        read = read_run(image, _box(run), text, reach)
        letters = [w for w in run if _THAI_LETTER.fullmatch(w.text)]
        if read and letters and _count_digits(read) <= _count_digits(text):
            read = None  # the Thai letter beside the digits is no digit: "๓๐ น"
        if not read:  # a letter or bracket beside the digits is one after all: the digits alone
            run = [w for w in run if _DIGITS.fullmatch(w.text)]
            if not run:
                continue
            read = read_run(image, _box(run), "".join(w.text for w in run), reach)
            if not read:
                continue
        run[0].text = read
        run[0].right = max(w.right for w in run)
        dropped |= {id(w) for w in run[1:]}
    if dropped:
        words[:] = [w for w in words if id(w) not in dropped]


def _cells(
    rules, xs, cols, dark=None, ruled=None
) -> list[tuple[int, int, tuple[int, int, int, int]]]:
    """A table's cells as ``(row, column, (left, top, right, bottom))`` inside their rules; a
    cell whose right rule is missing in its row spans the next column, one whose lower rule is
    missing under it spans the next row (a merged cell is one cell, at its first row and
    column). With the page's ink (``dark``), a right rule missing where the text of the two
    columns stands apart (``_gutter``: a rule too faint to be found, or printed broken) still
    divides them. With the ink of the rules too (``ruled``), a lower rule found only in pieces
    too short to be rules, but drawn across the cell (``_inked_rule``), closes it."""
    ys = [y for y, _, _ in rules]
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    covered = [[False] * n_cols for _ in range(n_rows)]
    out = []
    for r in range(n_rows):
        for c in range(n_cols):
            if covered[r][c]:
                continue
            c1 = c + 1
            while c1 < n_cols and not _vertical_rule(xs[c1], ys[r], ys[r + 1], cols):
                if dark is not None and _gutter(dark, xs[c1 - 1 : c1 + 2], ys[r], ys[r + 1]):
                    break
                c1 += 1
            r1 = r + 1
            while r1 < n_rows and not _horizontal_rule(ys[r1], xs[c], xs[c1], rules):
                if ruled is not None and _inked_rule(ruled, ys[r1], xs[c], xs[c1]):
                    break
                r1 += 1
            for rr in range(r, r1):
                for cc in range(c, c1):
                    covered[rr][cc] = True
            out.append((r, c, (xs[c] + 3, ys[r] + 3, xs[c1] - 3, ys[r1] - 3)))
    return out


GUTTER = 10  # white this wide (but for a faint rule) near a column's line parts two texts


def _gutter(dark, xs: list[int], top: int, bottom: int) -> bool:
    """Whether, between ``top`` and ``bottom``, white (or a thin line of ink, a rule too faint
    to be found) ``GUTTER`` wide runs down beside the column line at ``xs[1]``, with ink on both
    sides of it inside ``xs[0]`` and ``xs[2]``: two columns' texts, not one text over both."""
    left, x, right = xs
    top, bottom = top + 4, bottom - 4
    if bottom - top < 8 or x - left < 3 * GUTTER or right - x < 3 * GUTTER:
        return False
    ink = dark[top:bottom, x - GUTTER : x + GUTTER + 1].sum(axis=0)
    white = (ink <= 1) | (ink >= 0.5 * (bottom - top))  # white, or a faint rule
    run = longest = 0
    for clear in white.tolist():
        run = run + 1 if clear else 0
        longest = max(longest, run)
    if longest < GUTTER:
        return False  # text crosses the line: one cell over both columns
    sides = (dark[top:bottom, left + 4 : x - GUTTER], dark[top:bottom, x + GUTTER + 1 : right - 4])
    return all(int(side.sum()) >= 15 for side in sides)


def _read_table(image, rules, xs, cols, *, cut: bool = False, ruled=None):
    """One table: each cell (``_cells``) read on its own; its text in the cell's first row and
    column, the cells it covers empty. ``image`` has its rules painted out, ``ruled`` (the
    page's ink) still has them; ``cut``: its last row goes on on the next page."""
    import numpy as np

    grid = [["" for _ in xs[:-1]] for _ in rules[:-1]]
    confidence: dict[str, float] = {}
    pixels = np.asarray(image)
    for r, c, (left, top, right, bottom) in _cells(rules, xs, cols, pixels < 140, ruled):
        if right - left < 8 or bottom - top < 8:
            continue
        if (pixels[top:bottom, left:right] < 140).sum() < 15:
            continue  # an empty cell
        text, conf = _read_cell(image, (left, top, right, bottom))
        grid[r][c] = text
        if text:
            confidence[text] = conf
    kept = tuple(tuple(row) for row in grid if any(row))
    return (Table(kept, cut) if kept else None), confidence


def _read_cell(image, box: tuple[int, int, int, int]) -> tuple[str, float]:
    """A cell's text and confidence: the cell is read as it is and enlarged twice (Tesseract
    reads small marks better when they are bigger, but not always: each reading loses marks the
    other keeps), and the better-formed Thai of the two is kept (``ocr_choice.better``); one
    with Latin letters that are no English (``A.A.`` for ``ต.ค.``, ``od`` for ``๖๖``: the
    English model takes over small Thai), or that left out a word of Latin letters amid Thai
    (``nsw`` for ``ทราบ``: the word is lost with it), is read a third time with the Thai model
    alone. Cells
    are small: the extra readings cost a fraction of a page's time."""
    from PIL import Image

    from prongsai.ingest.ocr_choice import better, latin_junk

    left, top, right, bottom = box
    crop = image.crop((left - 6, top - 6, right + 6, bottom + 6))  # rules painted out
    offset = (left - 6, top - 6)
    first_words = _recognize(crop, psm=6, offset=offset)
    big = crop.resize((crop.width * 2, crop.height * 2), Image.Resampling.LANCZOS)
    second_words = _recognize(big, psm=6, offset=offset, scale=2)
    chosen = better(_text(first_words), _text(second_words))
    # Thai read as Latin ("A.A." for ต.ค.), or a Thai word left out for it ("nsw" for ทราบ):
    # Thai alone, once more
    junk = latin_junk(chosen[0])
    if junk or first_words.dropped_latin or second_words.dropped_latin:
        thai = better(chosen, _text(_recognize(crop, psm=6, offset=offset, langs="tha")))
        if junk or _letters(thai[0]) >= _letters(chosen[0]) + TAKEN_OVER:
            chosen = thai  # (for a word left out: only when the word is read this time)
    return _period_read_again(crop, offset, chosen)


def _period_read_again(crop, offset, chosen: tuple[str, float]) -> tuple[str, float]:
    """A cell that looks like a period whose month or number was lost (``A.A. - ๖๗``,
    ``ไตรมาสที่``: ``ocr_dates.needs_reading_again``) read again with the Thai model alone,
    enlarged three times, as a block and as one line; the first reading that names a period
    is kept."""
    from PIL import Image

    from prongsai.ingest.ocr_dates import needs_reading_again, readable_period

    if not needs_reading_again(chosen[0]):
        return chosen
    big = crop.resize((crop.width * 3, crop.height * 3), Image.Resampling.LANCZOS)
    for psm in (6, 4):
        again = _text(_recognize(big, psm=psm, offset=offset, scale=3, langs="tha"))
        if readable_period(again[0]):
            return again
    return chosen


TAKEN_OVER = 3  # letters of a Thai word read as Latin (and left out) that a reading gets back


def _letters(text: str) -> int:
    return sum(c.isalnum() for c in text)


def _vertical_rule(x: int, top: int, bottom: int, cols) -> bool:
    """Whether a rule runs at ``x`` from ``top`` to ``bottom``: one rule, or pieces of one (a
    rule printed broken, or cut by specks) that cover nine tenths of it."""
    pieces = [(y0, y1) for cx, y0, y1 in cols if abs(cx - x) <= 8]
    if any(y0 <= top + 8 and y1 >= bottom - 8 for y0, y1 in pieces):
        return True
    covered = sum(max(0, min(y1, bottom) - max(y0, top)) for y0, y1 in pieces)
    return bottom - top > 0 and covered >= 0.9 * (bottom - top)


def _horizontal_rule(y: int, left: int, right: int, rules) -> bool:
    """Whether a rule runs at ``y`` from ``left`` to ``right``: one rule, or pieces of one that
    cover nine tenths of it."""
    pieces = [(x0, x1) for ry, x0, x1 in rules if abs(ry - y) <= 8]
    if any(x0 <= left + 8 and x1 >= right - 8 for x0, x1 in pieces):
        return True
    covered = sum(max(0, min(x1, right) - max(x0, left)) for x0, x1 in pieces)
    return right - left > 0 and covered >= 0.9 * (right - left)


RULE_INK = 0.85  # of a cell's width inked along a row's line: the rule is there


def _inked_rule(dark, y: int, left: int, right: int) -> bool:
    """Whether the page's ink draws a rule at ``y`` (a row's line, found in other columns)
    between ``left`` and ``right``: a rule printed in pieces too short to be found as rules
    (a speck's gaps, a faint print) still closes the cell above it — else the two measures'
    rows would be read as one merged cell. A line of text under it is inked in far fewer
    places than a rule."""
    inner = dark[max(0, y - 7) : y + 8, left + 6 : right - 6]
    if inner.shape[0] < 3 or inner.shape[1] < 20:
        return False
    thick = inner[:-2] | inner[1:-1] | inner[2:]  # a rule three pixels thick, or a little tilted
    return float(thick.mean(axis=1).max()) >= RULE_INK


# --- words into cells and paragraphs ------------------------------------------------------------


def _tables(rows, cols):
    """Tables as (horizontal rules, vertical rule xs, all vertical rules, cut) from the page's
    rules.

    A table cut by a page break has no rule under its last row (or over its first): the ends
    of its column rules stand for it, and the table is ``cut`` (its last row goes on on the next
    page) when its lowest rule is one of those."""
    rows = sorted(rows)
    open_end = None
    if rows and cols:
        low = max(y1 for _, _, y1 in cols)
        high = min(y0 for _, y0, _ in cols)
        x0, x1 = min(x for x, _, _ in cols), max(x for x, _, _ in cols)
        if low > rows[-1][0] + 12:
            open_end = (low, x0, x1)
            rows.append(open_end)
        if high < rows[0][0] - 12:
            rows.insert(0, (high, x0, x1))
    tables = []
    group: list[tuple[int, int, int]] = []
    for rule in rows:
        if group and not _joined(group[-1], rule, cols):
            tables.append(group)
            group = []
        group.append(rule)
    if group:
        tables.append(group)
    out = []
    for group in tables:
        if len(group) < 2:
            continue
        top, bottom = group[0][0], group[-1][0]
        xs = sorted(
            {x for x, y0, y1 in cols if y0 <= top + 12 or y1 >= bottom - 12}
            | {x for x, y0, y1 in cols if y0 < bottom and y1 > top and y1 - y0 > (bottom - top) / 3}
        )
        xs = _dedupe(xs)
        if len(xs) >= 3:
            out.append((group, xs, cols, group[-1] is open_end))
    return out


def _joined(upper, lower, cols) -> bool:
    """Two horizontal rules are of one table when a vertical rule runs from one to the other."""
    y_up, y_low = upper[0], lower[0]
    return any(y0 <= y_up + 6 and y1 >= y_low - 6 for _, y0, y1 in cols)


def _dedupe(values: list[int], gap: int = 8) -> list[int]:
    out: list[int] = []
    for value in values:
        if out and value - out[-1] <= gap:
            continue
        out.append(value)
    return out


def _text(words: list[_Word]) -> tuple[str, float]:
    words = _without_marks(words)
    if not words:
        return "", 100.0
    lines: dict[tuple, list[_Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    ordered = _without_ghost_lines(sorted(lines.values(), key=lambda ws: min(w.y for w in ws)))
    texts = []
    for line in ordered:
        line.sort(key=lambda w: w.order)
        texts.append(_join(line))
    if len(texts) > 1:  # a letter or a Latin digit alone on a line of Thai text is a stray mark
        texts = [t for i, t in enumerate(texts) if not _stray_line(texts, i)]
    from prongsai.ingest.thai_text import invalid_count

    text = _clean("\n".join(texts))
    # Tesseract is sure of words that are no Thai: each impossible sequence costs confidence
    conf = sum(w.conf for w in words) / len(words) - 15 * invalid_count(text)
    return text, max(0.0, conf)


def _stray_line(texts: list[str], i: int) -> bool:
    """Whether line ``i`` is one letter or Latin digit alone, but for a day above the line of
    its month (``3`` / ``มิ.ย.`` / ``66``)."""
    text = texts[i].strip()
    if len(text) != 1 or text in "๐๑๒๓๔๕๖๗๘๙":
        return False
    return not (text.isdigit() and i + 1 < len(texts) and _MONTH_FIRST.match(texts[i + 1]))


_MONTH_FIRST = re.compile(rf"\s*(?:{MONTH_PATTERN})")  # a line that starts with a month


GHOST_LETTERS = 12  # a line of at most this many letters may be another line's marks misread
GHOST_NEAR = 0.8  # … when its middle is this near to the longer line's (of that line's height)


def _span(line: list[_Word]) -> tuple[int, int]:
    return min(w.box[1] for w in line), max(w.box[3] for w in line)


def _without_ghost_lines(lines: list[list[_Word]]) -> list[list[_Word]]:
    """Lines without the ones Tesseract reads out of another line's marks: the vowel and tone
    marks over a line (or under it) taken for a short line of their own (``เร``, ``ฆฑฆ``,
    ``«9 aeaad ม``). Such a line lies on one side of the longer line's middle, nearer to it
    than ``GHOST_NEAR`` of its height: the line of text over or under a line is a line's height
    away or more, and a line of text beside another (two words Tesseract made two lines) has
    the same middle."""
    spans = [_span(line) for line in lines]
    sizes = [sum(len(w.text) for w in line) for line in lines]
    ghosts = set()
    for i, (top, bottom) in enumerate(spans):
        if sizes[i] > GHOST_LETTERS:
            continue
        centre = (top + bottom) / 2
        for j, (other_top, other_bottom) in enumerate(spans):
            if j == i or j in ghosts or sizes[j] <= sizes[i]:
                continue
            middle, height = (other_top + other_bottom) / 2, other_bottom - other_top
            near = 0 < abs(middle - centre) < GHOST_NEAR * height
            if near and (bottom <= middle if centre < middle else top >= middle):
                ghosts.add(i)
                break
    return [line for i, line in enumerate(lines) if i not in ghosts]


# a short line that is text, however small its letters: an abbreviation's dot, Thai digits
_SHORT_LINE_TEXT = re.compile("[\u0e01-\u0e2e]\\.|[๐-๙]{2}")


def _without_marks(words: list[_Word]) -> list[_Word]:
    """Words without the lines Tesseract reads out of marks or specks: a line of at most five
    letters or digits, each of its pieces much shorter than the text's letters (the vowel and
    tone marks of the line below or above, read as ``ขุ ง``, ``ซี่`` or ``1``) — but not a line
    of an English word, Thai digits or an abbreviation (``and``, ``๖๖``, ``ต.ค.``)."""
    if len(words) < 5:
        return words
    heights = sorted(w.box[3] - w.box[1] for w in words)
    low = 0.6 * heights[len(heights) // 2]
    lines: dict[tuple, list[_Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    stray = {
        key for key, line in lines.items()
        if sum(len(w.text) for w in line) <= 5 and all(w.box[3] - w.box[1] < low for w in line)
        and not all(_ENGLISH.fullmatch(w.text) for w in line)  # "and" wrapped onto its line
        and not _SHORT_LINE_TEXT.search("".join(w.text for w in line))  # "ต.ค.", "๖๖"
    }  # fmt: skip
    return [w for w in words if w.line not in stray]


def _join(line: list[_Word]) -> str:
    """Words of a line: Tesseract cuts Thai into pieces; pieces close together are one word,
    and so are digits ("๒ ๕ ๖ ๗")."""
    out = line[0].text
    for before, word in pairwise(line):
        gap = word.left - before.right
        a, b = before.text[-1], word.text[0]
        glued = (
            (_thai(a) and _thai(b) and gap < 14)
            or (_digit(a) and _digit(b) and gap < 20)
            or ((a in "." or b in ".") and gap < 12)  # พ.ศ., มี.ค., ๘๘.๑๘
        )
        out += ("" if glued else " ") + word.text
    return out


def _thai(char: str) -> bool:
    return "\u0e01" <= char <= "\u0e4e"


def _digit(char: str) -> bool:
    return char.isdigit()


def _paragraphs(words: list[_Word]):
    lines: dict[tuple, list[_Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    ordered = sorted(lines.values(), key=lambda ws: min(w.y for w in ws))
    groups: list[list[list[_Word]]] = []
    previous = None
    for line in ordered:
        top = min(w.y for w in line)
        if previous is None or top - previous > 70:  # a blank line between: a new paragraph
            groups.append([])
        groups[-1].append(line)
        previous = top
    for group in groups:
        all_words = [w for line in group for w in line]
        text, conf = _text(all_words)
        if text:
            yield min(w.y for w in all_words), text, conf


# Tesseract's Thai model reads ๖ as ๒ now and then: a Buddhist-era year of ITA documents is
# 2556–2599, so "๒๕๒x" is "๒๕๖x" misread (ITA began in 2556; 2520s are no such year).
_STRAY_WORD = re.compile(r"[A-Za-z]{0,2}[a-z][A-Za-z]{0,1}|[^\w\u0e01-\u0e5b]+")
_MARK_AFTER_DOT = re.compile("(?<=[.])[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+")
_SPACED_NUMBER = re.compile(r"\(\s*([0-9๐-๙]{1,3})\s*\)")
_MISREAD_YEAR = re.compile("(?<![๐-๙])๒๕๒(?=[๐-๙](?![๐-๙]))")


def _clean(text: str) -> str:
    from prongsai.ingest.cleanup import join_cut_words, normalize_chars
    from prongsai.ingest.html_text import tidy_lines
    from prongsai.ingest.ocr_words import correct_text, rejoin_lines
    from prongsai.ingest.thai_text import repair_dropped_marks, repair_text_layer

    text = _MISREAD_YEAR.sub("๒๕๖", text.replace("|", " "))
    text = _SPACED_NUMBER.sub(r"(\1)", text)  # "(๑ )": Tesseract's space inside the brackets
    text = _MARK_AFTER_DOT.sub("", text)  # "ก.ุย.": a speck under a dot read as a mark
    lines = []
    for line in tidy_lines(normalize_chars(text)).split("\n"):
        line = join_cut_words(repair_text_layer(line))
        lines.append(correct_text(repair_dropped_marks(repair_dropped_marks(line))))
    return "\n".join(rejoin_lines(lines))


# --- confidence of the fields read ------------------------------------------------------------

# a measure's field → the column roles its text comes from
_FIELD_ROLES = {
    "title": ("title", "tool"),
    "methods": ("methods",),
    "responsible": ("responsible", "responsible_period"),
    "period": ("period", "responsible_period"),
    "result": ("result",),
    "outcome": ("outcome",),
    "kpi": ("result", "outcome"),
}


def measure_confidence(measures, confidence: dict[str, float]) -> dict[str, float]:
    """``{"measures.N.field": confidence}``: the least sure of the cells the field was read
    from (a field over two pages is as sure as its worse part)."""
    out: dict[str, float] = {}
    for n, rows in enumerate(measures):
        for name, roles in _FIELD_ROLES.items():
            values = [
                confidence[text]
                for part in rows.parts
                for role in roles
                if (text := part.get(role, "")) and text in confidence
            ]
            if values:
                out[f"measures.{n}.{name}"] = min(values)
    return out


def opening_confidence(document: Document) -> dict[str, float]:
    """The title block's confidence stands for the agency and the fiscal year read from it."""
    values = []
    for block in document.blocks:
        if isinstance(block, Table):
            break
        if block.text in document.confidence:
            values.append(document.confidence[block.text])
    if not values:
        return {}
    sure = sum(values) / len(values)
    return {"agency": sure, "fiscal_year": sure}
