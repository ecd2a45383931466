"""Thai marks of a scan's words put right by how likely the words they make are.

Tesseract's Thai model loses, adds or swaps the thin marks above and below the letters
(``ผู้มาใช้`` read as ``ผู้ม้าใช้``, ``มี`` as ``ม``, ``เดียวกัน`` as ``เดยวกน``) and takes some
letters for their look-alikes (``ความรู้`` read as ``ความวู้``, ``รับฟัง`` as ``รับพัง``). A run of
Thai letters is segmented into words by a word-frequency model (the Thai National Corpus counts
PyThaiNLP ships, ``tnc_freq.txt``, and for dictionary words it lacks, the web counts of
``phupha_word_freqs.txt`` brought to its scale): each word costs ``-log p(word)`` and a little
more, so fewer, longer words win (``เชื่อมั่น`` as one word beats ``เชื่อ|มัน``), and a letter
that is in no word costs much. A word of the segmentation may be a dictionary word whose
*skeleton* (its letters without marks, look-alike letters taken as one) is that of the text
read, at a price per mark or letter changed: the reading changes only where the words it makes
are clearly more likely than those it had, by more than that price.

Lookups go through an index of the dictionary by skeleton, built once; a line is one dynamic
programme over its letters, not a search over its variants.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

# marks above and below the letters; ำ is read as า (and back) and is in the skeleton as า
_MARKS = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c")
_UPPER = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47")  # vowels above the letter
# letters Tesseract's Thai model takes for one another: each maps to the first of its group
_LOOK_ALIKE = {"ว": "ร", "ต": "ด", "ป": "บ", "ช": "ข", "ฟ": "พ", "ฝ": "ผ", "ำ": "า"}
# a word cannot start with a mark or a following vowel
_NO_START = _MARKS | frozenset("\u0e30\u0e32\u0e33\u0e45")
_THAI_RUN = re.compile("[\u0e01-\u0e4e]+")
# letters alone, no vowel or mark: an abbreviation (``ทต``, ``อบต``, ``ขก``), as written
_ABBREVIATION = re.compile("[\u0e01-\u0e2e]{2,3}")

WORD = 3.0  # each word costs this much more than its log-probability: fewer, longer words
UNKNOWN = 12.0  # a letter in no dictionary word
MARK = 4.5  # a mark put in, left out or changed
LETTER = 6.0  # a letter taken for its look-alike
MAX_WORD = 24  # letters of the longest word looked up
MAX_EDITS = 2  # changes within one word; one in a word of fewer than four letters
SURE = 20  # a word read otherwise is taken only when seen at least this often (per TNC size)


def skeleton(text: str) -> str:
    """``text`` without its marks, each look-alike letter written as the first of its group."""
    return "".join(_LOOK_ALIKE.get(c, c) for c in text if c not in _MARKS)


def _corpus(name: str) -> Path:
    import pythainlp.corpus

    return Path(pythainlp.corpus.__file__).parent / name


def _read_counts(name: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    with _corpus(name).open(encoding="utf-8") as lines:
        for line in lines:
            word, _, count = line.rstrip("\n").partition("\t")
            if count.isdigit():
                counts[word] = int(count)
    return counts


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], dict[str, list[str]], float]:
    """Each word's cost (``-log p`` and ``WORD``), the words by skeleton, and the cost of a
    word seen ``SURE`` times (the costliest a word read otherwise may be)."""
    from pythainlp.corpus import thai_words

    from prongsai.ingest.thai_text import _frequencies

    tnc = _frequencies()
    web = _read_counts("phupha_word_freqs.txt")
    total = sum(tnc.values())
    scale = sum(web.values()) / total  # the web counts brought to the TNC's size
    dictionary = set(thai_words())
    counts: dict[str, float] = {}
    for word in dictionary | {w for w, n in tnc.items() if n >= 5}:
        if len(word) < 2 or not _THAI_RUN.fullmatch(word) or word[0] in _NO_START:
            continue
        counts[word] = tnc.get(word) or web.get(word, 0) / scale or 0.5
    costs = {w: WORD - math.log(n / total) for w, n in counts.items()}

    by_skeleton: dict[str, list[str]] = {}
    for word in costs:
        by_skeleton.setdefault(skeleton(word), []).append(word)
    for words in by_skeleton.values():
        words.sort(key=costs.__getitem__)  # the likeliest first: the rest can be cut off
    return costs, by_skeleton, WORD - math.log(SURE / total)


@lru_cache(maxsize=65536)
def _changes(read: str, word: str) -> float:
    """The price of reading ``word`` as ``read`` (same skeleton): an edit distance over the
    two, a mark put in, left out or changed priced ``MARK``, a look-alike letter ``LETTER``
    (``า`` for ``ำ`` as a mark); ``inf`` past ``MAX_EDITS`` changes."""
    if read == word:
        return 0.0
    n, m = len(read), len(word)
    # (price, changes) per cell
    row = [(j * MARK, j) for j in range(m + 1)]
    for i in range(1, n + 1):
        previous, row = row, [(i * MARK, i)] + [(0.0, 0)] * m
        for j in range(1, m + 1):
            a, b = read[i - 1], word[j - 1]
            if a == b:
                swap = 0.0
            elif a in _MARKS or b in _MARKS or {a, b} == {"า", "ำ"}:
                swap = MARK
            elif m >= 4:
                swap = LETTER
            else:
                swap = math.inf  # a short word's letters are as read: ``ขก`` is no ``ชก``
            p, c = previous[j - 1]
            options = [(p + swap, c + (a != b))]
            p, c = previous[j]  # a mark (or a letter) read that is not there
            options.append((p + (MARK if a in _MARKS else LETTER), c + 1))
            p, c = row[j - 1]  # a mark (or a letter) not read
            options.append((p + (MARK if b in _MARKS else LETTER), c + 1))
            row[j] = min(options)
    price, changes = row[m]
    return price if changes <= (MAX_EDITS if len(word) >= 4 else 1) else math.inf


def segment(run: str) -> tuple[float, list[tuple[str, str]]]:
    """The cheapest reading of a run of Thai letters: its cost and its ``(read, word)`` pieces
    (``word`` the dictionary word taken for what was read, or the letter itself when in none)."""
    costs, by_skeleton, costliest = _model()
    n = len(run)
    # the run's skeleton and where each of its letters starts in it: a piece's skeleton is a slice
    bare = skeleton(run)
    at = [0] * (n + 1)
    for k, char in enumerate(run):
        at[k + 1] = at[k] + (char not in _MARKS)
    best = [0.0] + [math.inf] * n
    back: list[tuple[int, str]] = [(0, "")] * (n + 1)
    for i in range(n):
        if best[i] == math.inf:
            continue
        here = best[i]
        # a letter (with its marks) in no word
        j = i + 1
        while j < n and run[j] in _MARKS:
            j += 1
        if here + UNKNOWN * (j - i) < best[j]:
            best[j], back[j] = here + UNKNOWN * (j - i), (i, run[i:j])
        if run[i] in _NO_START:
            continue
        for j in range(i + 1, min(n, i + MAX_WORD) + 1):
            if j < n and run[j] in _MARKS:
                continue  # a word ends after its last letter's marks
            if j - i >= 5:  # a letter too many, read in a mark's stroke: ``เปบิด`` for ``เปิด``
                for k in range(i + 1, j - 1):
                    if run[k] not in _MARKS and run[k + 1] in _UPPER:
                        word = run[i:k] + run[k + 1 : j]
                        if word in costs and costs[word] <= costliest:
                            cost = here + costs[word] + LETTER
                            if cost < best[j]:
                                best[j], back[j] = cost, (i, word)
            words = by_skeleton.get(bare[at[i] : at[j]])
            if not words:
                continue
            piece = run[i:j]
            for word in words:
                if word == piece:
                    cost = here + costs[word]
                elif costs[word] > costliest:
                    continue  # a rare word is no likelier than a misread one
                elif here + costs[word] + MARK >= best[j]:
                    continue  # no cheaper, changed as little as can be
                else:
                    cost = here + costs[word] + _changes(piece, word)
                if cost < best[j]:
                    best[j], back[j] = cost, (i, word)
    pieces = []
    j = n
    while j > 0:
        i, word = back[j]
        pieces.append((run[i:j], word))
        j = i
    return best[n], pieces[::-1]


@lru_cache(maxsize=8192)
def correct_run(run: str) -> str:
    """A run of Thai letters with the words it was most likely misread from."""
    if len(run) < 2:
        return run
    return "".join(word for _, word in segment(run)[1])


def correct_line(text: str) -> str:
    """``text`` with its Thai runs put right (``correct_run``), all else untouched: not a line
    naming a place (place names are no dictionary words: ``บางปลาม้า``; ``ocr_places`` reads
    them), nor the letters of an abbreviation (``มิ.ย.``, ``อ.``)."""
    from prongsai.ingest.ocr_words import _PLACE

    if _PLACE.search(text):
        return text

    def run(match: re.Match) -> str:
        start, end = match.span()
        if text[end:].lstrip(" ")[:1] == "." or text[:start].rstrip(" ")[-1:] == ".":
            return match.group(0)
        if _ABBREVIATION.fullmatch(match.group(0)):
            return match.group(0)
        return correct_run(match.group(0))

    return _THAI_RUN.sub(run, text)


_TAIL = re.compile("[\u0e01-\u0e4e]+$")
_HEAD = re.compile("^[\u0e01-\u0e4e]+")


def correct_lines(text: str) -> str:
    """``text`` line by line (``correct_line``), and a word a cell's wrap cut in two put
    right across the wrap (``ความเชื่อ`` / ``มันจาก``): the last Thai run of a line and the
    first of the next read as one; a word put right that spans the two goes on the first
    line, the rest stays where it was."""
    from prongsai.ingest.ocr_words import _PLACE

    lines = [correct_line(line) for line in text.split("\n")]
    for i in range(len(lines) - 1):
        tail, head = _TAIL.search(lines[i]), _HEAD.match(lines[i + 1])
        if not (tail and head) or _PLACE.search(lines[i]) or _PLACE.search(lines[i + 1]):
            continue
        cut = len(tail.group(0))
        before, after, at, spanned = "", "", 0, False
        for read, word in segment(tail.group(0) + head.group(0))[1]:
            if at < cut < at + len(read):
                spanned = spanned or word != read
                before += word
            elif at < cut:
                before += word
            else:
                after += word
            at += len(read)
        if spanned:
            lines[i] = lines[i][: tail.start()] + before
            lines[i + 1] = after + lines[i + 1][head.end() :]
    return "\n".join(lines)
