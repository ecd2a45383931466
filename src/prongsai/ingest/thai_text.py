"""How valid a Thai text is, and repairs for what PDF producers' text layers get wrong.

A PDF's text is what its fonts' ToUnicode maps say the glyphs are. Thai fonts draw ำ as two
glyphs (the nikhahit ◌ํ and า) and have shifted variants of the marks (a tone mark lowered
when there is no upper vowel, ู moved down under ญ ฐ…); producers map those glyphs badly:

* the nikhahit of ำ mapped to nothing, a space, a private-use or a stray Latin letter
  (``ดĖาเนิน``, ``ด  าเนิน``, ``ดาเนิน``) — read as ำ where it stands between a consonant and า;
* ู mapped as the tone mark beside it (``ผ้้``, ``ผ้่``) — two tone marks on one consonant are
  never written, so the first is the vowel;
* ำ mapped as ำ and its า glyph again as า (``ประจำาปี``, Tlwg Typist in LibreOffice);
* a mark mapped twice (``ผูู้``) — no writer types the same mark twice on a letter;
* a cell's line wrapped after a leading vowel (``ดำเ นินการ``), joined with a space;
* marks placed out of order or cut off by a space when an extractor sorts glyphs by position
  (``สิ ่ง``, ``เพ่อื``).

``invalid_count`` counts sequences no Thai writer produces; the PDF reader reads each file with
more than one extractor and keeps the text with the fewest.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

_CONSONANT = "\u0e01-\u0e2e"
_TONE = "\u0e48-\u0e4b"
_ABOVE = "\u0e31\u0e34-\u0e37\u0e47"  # ั ิ ี ึ ื ็
_BELOW = "\u0e38-\u0e3a"  # ุ ู ฺ
_MARK = f"{_ABOVE}{_BELOW}{_TONE}\u0e4c\u0e4d\u0e4e"  # every mark written over/under a letter
# a glyph the font's map named wrongly: Latin-1 supplement/extended letters, private use, NUL
_STRAY = "\u0000\u00c0-\u024f\ue000-\uf8ff\ufffd"

_NIKHAHIT = re.compile(
    rf"(?<=[{_CONSONANT}])(?:([{_TONE}]?)[{_STRAY}\u0e4d]|() {{2}})\u0e32"
)  # a space before า only stands for the nikhahit where no tone mark tells otherwise
_SPACE_BEFORE_VOWEL = re.compile(rf"(?<=[{_CONSONANT}{_MARK}]) +(?=[\u0e30\u0e32\u0e33\u0e45])")
_UU_AS_TONE = re.compile(rf"(?<=[{_CONSONANT}])\u0e49(?=[{_TONE}])")
_UU_AS_TONE_AFTER = re.compile(rf"(?<=[{_CONSONANT}])\u0e48\u0e49")
_TONE_FIRST = re.compile(rf"([{_TONE}])([{_ABOVE}{_BELOW}])")  # written in the vowel's place
_SPACE_BEFORE_MARK = re.compile(rf"(?<=[{_CONSONANT}{_ABOVE}{_BELOW}]) +(?=[{_MARK}])")

_INVALID = (
    re.compile(rf"(?:^|[^{_CONSONANT}{_MARK}\u0e24\u0e26])[{_MARK}]", re.M),  # a mark on nothing
    re.compile(rf"[{_TONE}\u0e4c][{_TONE}\u0e4c]"),  # two tone marks on one letter
    re.compile(rf"[{_ABOVE}][{_ABOVE}]|[{_BELOW}][{_BELOW}]"),  # two upper (lower) vowels
    re.compile(rf"[{_TONE}][{_ABOVE}{_BELOW}]"),  # a tone mark before its vowel
    re.compile("[\u0e40-\u0e44](?:[^\u0e01-\u0e2e]|$)", re.M),  # เ แ โ ใ ไ before no consonant
    re.compile("(?:^|[^\u0e01-\u0e4e])[\u0e30\u0e32\u0e33\u0e45]", re.M),  # ะ า ำ on nothing
    re.compile(f"[{_STRAY}]"),
    re.compile(rf"[{_TONE}]\u0e2d\u0e37(?![{_TONE}])"),  # เร่อืง: the tone put after its vowel
    re.compile("\u0e33\u0e32"),  # ำา: the า of ำ read twice
)
_AM_AA = re.compile("\u0e33\u0e32")
_DOUBLED_MARK = re.compile(rf"([{_MARK}])\1+")  # ผูู้: one glyph mapped (or drawn) twice
_SPACE_AFTER_LEADING = re.compile(rf"(?<=[\u0e40-\u0e44]) +(?=[{_CONSONANT}])")


def invalid_count(text: str) -> int:
    """How many sequences of ``text`` no Thai writer produces."""
    return sum(len(pattern.findall(text)) for pattern in _INVALID)


def repair_text_layer(text: str) -> str:
    """The misread glyphs of a Thai PDF text layer put back (see the module's docstring)."""
    if not text:
        return text
    text = _SPACE_BEFORE_MARK.sub("", text)
    text = _TONE_FIRST.sub(r"\2\1", text)
    text = _NIKHAHIT.sub(lambda m: (m.group(1) or "") + "\u0e33", text)
    text = _SPACE_BEFORE_VOWEL.sub("", text)
    text = _AM_AA.sub("\u0e33", text)
    text = _DOUBLED_MARK.sub(r"\1", text)
    text = _SPACE_AFTER_LEADING.sub("", text)  # "ดำเ นินการ": a cell's line wrapped after เ
    text = _UU_AS_TONE.sub("\u0e39", text)
    text = _UU_AS_TONE_AFTER.sub("\u0e39\u0e48", text)
    return text


# --- marks a font's glyph map confused with one another -----------------------------------------

# Lowered or shifted variants of these marks are the glyphs producers map wrongly, each as
# another of them (Loma: ู as ้; Norasi: ่ as ู; Waree: ู as ่): which one was meant, only the
# word says. Tried only where the word as read is not a word.
_CONFUSABLE = "\u0e38\u0e39\u0e48\u0e49"  # ุ ู ่ ้
_CONFUSED = re.compile(rf"(?<=[{_CONSONANT}])[{_CONFUSABLE}]{{1,2}}")
_READINGS = ("\u0e39", "\u0e39\u0e49", "\u0e39\u0e48", "\u0e48", "\u0e49", "\u0e38", "\u0e38\u0e48",
             "\u0e38\u0e49")  # fmt: skip
_LOST_NIKHAHIT = re.compile(rf"(?:(?<=[{_CONSONANT}])|(?<=[{_CONSONANT}][{_TONE}]))\u0e32")


def has_confused_marks(text: str) -> bool:
    """Whether a text layer shows the signature of a font whose marks are mapped wrongly:
    stacked marks no writer types, or stray glyphs."""
    return any(pattern.search(text) for pattern in _INVALID[1:4] + _INVALID[6:7])


def repair_confused_marks(text: str) -> str:
    """Each word holding a confusable mark (ุ ู ่ ้), with its neighbours, read again with the
    other marks: the reading that leaves fewest letters outside dictionary words (PyThaiNLP),
    then in fewest words, is kept. For text layers that ``has_confused_marks``."""
    from pythainlp.tokenize import word_tokenize

    tokens = _marks_joined(word_tokenize(text, engine="newmm", keep_whitespace=True))
    words = _words()
    out: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        doubtful = (
            _is_unknown(token, words)
            or len(token) <= 3
            or (index + 1 < len(tokens) and _is_unknown(tokens[index + 1], words))
        )
        if (
            not doubtful
            or not (_CONFUSED.search(token) or "\u0e32" in token)
            or _cut_by_a_wrap(tokens, index)
        ):
            out.append(token)
            index += 1
            continue
        before = out.pop() if out and out[-1].strip() else ""
        after = []  # the two tokens after it: a word the tokenizer cut in three is mended too
        while len(after) < 2 and index + 1 + len(after) < len(tokens):
            following = tokens[index + 1 + len(after)]
            if not following.strip():
                break
            after.append(following)
        out.append(_repair_span(before + token + "".join(after)))
        index += 1 + len(after)
    return "".join(out)


def _marks_joined(tokens: list[str]) -> list[str]:
    """The tokenizer leaves a mark it cannot place as a token of its own (``แก`` ``ู``): it
    belongs to the letter before it."""
    out: list[str] = []
    for token in tokens:
        if out and out[-1].strip() and _STARTS_WITH_MARK.match(token):
            out[-1] += token
        else:
            out.append(token)
    return out


_STARTS_WITH_MARK = re.compile(f"[{_MARK}]")


def _cut_by_a_wrap(tokens: list[str], index: int) -> bool:
    """Whether ``tokens[index]`` (or the token after it) ends the first piece of a word a line
    wrap cut with a space (``สาธารณสุ ขและ``): the piece (back to the space before it) joined
    with the piece after the space has every letter in words. Its marks are right as they
    are."""
    for end in (index, index + 1):
        if end + 2 >= len(tokens) or tokens[end + 1] != " " or not tokens[end + 2].strip():
            continue
        first = end
        while first > 0 and tokens[first - 1].strip():
            first -= 1
        piece = "".join(tokens[first : end + 1])
        if _score(piece + tokens[end + 2])[0] == 0 and _score(piece)[0] > 0:
            return True
    return False


def _repair_span(span: str) -> str:
    """``span`` with the marks changed that put more of its letters in words, or make fewer
    (longer) words of them. A change that only makes the words commoner is not kept
    (``ท่าช้าง`` is not made ``ท่าช่าง``), unless the span holds a sequence no writer types."""
    original = _score(span)
    best, best_score = span, original
    for _ in range(6):  # one mark at a time, each time the one change that helps most
        found = None
        for match in _LOST_NIKHAHIT.finditer(best):  # an ำ read as า (its nikhahit lost)?
            candidate = best[: match.start()] + "\u0e33" + best[match.end() :]
            score = _score(candidate)
            # only where it puts letters into words: ปลาม้า is not made ปลาม้ำ (a fish) for
            # being one word
            if score[0] < best_score[0]:
                found, best_score = candidate, score
        for match in _CONFUSED.finditer(best):
            for reading in _READINGS:
                if reading == match.group(0):
                    continue
                candidate = best[: match.start()] + reading + best[match.end() :]
                score = _score(candidate)
                if score < best_score:
                    found, best_score = candidate, score
        if found is None:
            break
        best = found
    if best_score[:2] < original[:2] or invalid_count(span):
        return best
    return span  # only commoner words, as many: the marks as read may well be right


@lru_cache(maxsize=65_536)
def _score(text: str) -> tuple[int, int, float]:
    """Lower is better: letters outside dictionary words, then words, then how rare they are
    (the Thai National Corpus' frequencies, shipped with PyThaiNLP)."""
    from pythainlp.tokenize import word_tokenize

    tokens = word_tokenize(text, engine="newmm", keep_whitespace=False)
    words = _words()
    unknown = sum(len(t) for t in tokens if _is_unknown(t, words))
    freqs = _frequencies()
    rarity = -sum(math.log(freqs.get(t, 0) + 1) for t in tokens)
    return unknown, len(tokens), round(rarity, 3)


_FREQ: dict[str, int] | None = None


def _frequencies() -> dict[str, int]:
    global _FREQ
    if _FREQ is None:
        from pythainlp.corpus import tnc

        _FREQ = dict(tnc.word_freqs())
    return _FREQ


def _is_unknown(token: str, words) -> bool:
    return bool(re.search("[\u0e01-\u0e4e]", token)) and token not in words


_WORDS: frozenset[str] | None = None


def _words() -> frozenset[str]:
    global _WORDS
    if _WORDS is None:
        from pythainlp.corpus import thai_words

        _WORDS = frozenset(thai_words())
    return _WORDS


# --- glyphs a font's map names with stray letters -------------------------------------------------

# A consonant, two stray glyphs, า: the nikhahit and the tone mark raised over it (``นĺĶา`` for
# น้ำ, WeasyPrint with Laksaman or Umpush); an upper vowel or a consonant, then a stray glyph
# that is not before า: a raised tone mark (``ดังนีķ`` for ดังนี้).
_STRAY_AM = re.compile(rf"(?<=[{_CONSONANT}])[{_STRAY}\u0e4d]([{_STRAY}])\u0e32")
_STRAY_MARK = re.compile(rf"(?<=[{_CONSONANT}{_ABOVE}])[{_STRAY}](?![\u0e32{_STRAY}\u0e4d])")
_AM_TONES = ("\u0e49", "\u0e48")  # ้ ่ (น้ำ, ค่ำ)
_TONES_AFTER = ("\u0e49", "\u0e48", "\u0e4a", "\u0e4b", "\u0e4c")  # ้ ่ ๊ ๋ ์


def repair_stray_glyphs(text: str) -> str:
    """Tone marks a font's map named with stray letters put back, each as the mark that makes
    its word a dictionary word (``วังนĺĶาเย็น`` → ``วังน้ำเย็น``, ``ดังนีķ`` → ``ดังนี้``)."""
    if not re.search(f"[{_STRAY}]", text):
        return text

    def chunk(match: re.Match) -> str:
        word = match.group(0)
        slots: list[tuple[int, tuple[str, ...]]] = []
        out = ""
        last = 0
        for found in sorted(
            [(m, _AM_TONES) for m in _STRAY_AM.finditer(word)]
            + [(m, _TONES_AFTER) for m in _STRAY_MARK.finditer(word)],
            key=lambda item: item[0].start(),
        ):
            m, options = found
            if m.start() < last:
                continue
            out += word[last : m.start()]
            slots.append((len(out), options))
            out += options[0] + ("\u0e33" if options is _AM_TONES else "")
            last = m.end()
        out += word[last:]
        for at, options in slots:
            best, best_score = out, _score(out)
            for option in options[1:]:
                candidate = out[:at] + option + out[at + 1 :]
                if (score := _score(candidate)) < best_score:
                    best, best_score = candidate, score
            out = best
        return out

    return re.sub(rf"\S*[{_STRAY}]\S*", chunk, text)


# --- tone marks a producer wrote apart from their letter ----------------------------------------

_STRAY_TONE = re.compile(rf"(\S+) +([{_TONE}\u0e4c\u0e38\u0e39])(?=\s|$)", re.M)
_TONE_AT = re.compile(rf"[{_CONSONANT}][{_ABOVE}{_BELOW}]?(?![{_ABOVE}{_BELOW}{_TONE}\u0e4c])")
_BELOW_AT = re.compile(rf"[{_CONSONANT}](?![{_BELOW}{_ABOVE}])")  # ุ ู go before a tone mark


def repair_stray_tones(text: str) -> str:
    """A tone mark (or ุ ู) on nothing after a space (``ขันตอนการ ้``, ``ร้ความ ู``: a font's
    shifted glyph that LibreOffice writes at the end of the line) put back on a letter of the
    word before it, where the words come out best (most letters in dictionary words, fewest
    words, commonest: ``ขั้นตอนการ``); dropped if every place breaks a word."""
    if not _STRAY_TONE.search(text) and not _LEADING_MARK.search(text):
        return text

    def place(match: re.Match) -> str:
        word, mark = match.group(1), match.group(2)
        best, best_score = word, None
        places = _BELOW_AT if mark in "\u0e38\u0e39" else _TONE_AT
        for at in places.finditer(word):
            candidate = word[: at.end()] + mark + word[at.end() :]
            score = _score(candidate)
            if best_score is None or score < best_score:
                best, best_score = candidate, score
        if best_score is None or best_score[:2] > _score(word)[:2]:
            return word  # no letter takes it without breaking words
        return best

    return _LEADING_MARK.sub(_mark_after_its_letter, _STRAY_TONE.sub(place, text))


# a line (or a word after a space) that starts with a mark, before the letter it sits on
# (``ูผ้เข้าร่วม``: LibreOffice wrote the ู of ผู้ first) — or after it, on the last letter of
# the line before (``ส่วนเส`` / ``ียภายใน``, a word cut at a wrap): the dictionary tells which
_LEADING_MARK = re.compile(rf"(\S*)([ \n]+)([{_ABOVE}{_BELOW}])([{_CONSONANT}])(\S*)")


def _mark_after_its_letter(match: re.Match) -> str:
    before, gap, mark, letter, rest = match.groups()
    moved = before + letter + mark + rest
    if _score(moved)[:2] < _score(before + mark + letter + rest)[:2]:
        return before + gap + letter + mark + rest
    return match.group(0)


# --- marks an OCR dropped -------------------------------------------------------------------------

_DROPPABLE = "\u0e48\u0e49\u0e31\u0e34\u0e35\u0e37\u0e38\u0e39\u0e47\u0e4c"  # ่ ้ ั ิ ี ื ุ ู ็ ์
_INSERT_AT = re.compile(
    f"[{_CONSONANT}](?![{_MARK}])|[{_CONSONANT}][{_ABOVE}{_BELOW}](?![{_TONE}])"
)


def repair_dropped_marks(text: str) -> str:
    """OCR loses thin marks (``ขันตอน``, ``สิงแวดล้อม``, ``ที``): a short piece of a line, or one
    outside the dictionary, gets a mark put back where that makes it one word with its
    neighbours or takes letters into words (PyThaiNLP's dictionary), one mark per piece."""
    from pythainlp.tokenize import word_tokenize

    tokens = word_tokenize(text, engine="newmm", keep_whitespace=True)
    out: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if not _thai_token(token) or len(token) > 4:
            out.append(token)
            index += 1
            continue
        before = out[-1] if out and _thai_token(out[-1]) else ""
        after = (
            tokens[index + 1] if index + 1 < len(tokens) and _thai_token(tokens[index + 1]) else ""
        )
        repaired = _insert_mark(before, token, after)
        if repaired is None:
            out.append(token)
            index += 1
            continue
        if before:
            out.pop()
        out.append(repaired)
        index += 2 if after else 1
    return "".join(out)


def _likelier(joined: str, pieces: list[str]) -> bool:
    """Whether the words of ``joined`` are likelier than ``pieces`` as they stand, by the
    words' frequencies (TNC): a mark that joins pieces into a rare compound is no repair
    (``ผู้มา ใช้`` is not ``ผู้ม้าใช้``, though ม้าใช้ is a dictionary word)."""
    from pythainlp.tokenize import word_tokenize

    freqs = _frequencies()
    total = _total_frequency()

    def logp(words) -> float:
        return sum(math.log(max(freqs.get(w, 0), 0.5) / total) for w in words if w.strip())

    return logp(word_tokenize(joined, engine="newmm", keep_whitespace=False)) > logp(
        [p for p in pieces if p]
    )


@lru_cache(maxsize=1)
def _total_frequency() -> int:
    return sum(_frequencies().values())


def _thai_token(token: str) -> bool:
    return bool(re.search("[\u0e01-\u0e4e]", token))


def _insert_mark(before: str, token: str, after: str) -> str | None:
    """``before + token + after`` with one mark put into ``token``, if that makes fewer words
    of them (a piece joined to its neighbour: ``ขัน ตอน`` → ``ขั้นตอน``), or a one- or
    two-letter word ten times as common (``ที`` → ``ที่``)."""
    original = _score(before + token + after)
    freqs = _frequencies()
    best, best_score = None, original
    for match in _INSERT_AT.finditer(token):
        at = match.end()
        for mark in _DROPPABLE:
            changed = token[:at] + mark + token[at:]
            score = _score(before + changed + after)
            merges = (
                score[0] <= original[0]
                and score[1] < original[1]
                and _likelier(before + changed + after, [before, token, after])
            )
            common = (
                len(token) <= 2
                and score[:2] == original[:2]
                and freqs.get(changed, 0) > 10 * max(freqs.get(token, 0), 1)
            )
            if (merges or common) and score < best_score:
                best, best_score = before + changed + after, score
    return best
