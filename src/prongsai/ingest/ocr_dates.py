"""Dates of a scan put right where Tesseract misread a month's name, lost a dash or cut a word.

Tesseract's Thai model loses the small marks of an abbreviated month and its dots (``ก.ย.``
read as ``กุย.`` or ``กะยุ.``, ``มี.ค.`` as ``มี.คุ``, ``มิ.ย.`` as ``ม .ย.``), the last letter
of a month's name (``กันยาย``), the dash between a range's two ends, and puts a speck between
a day and its month (``๑๗ ฆ ก.ค.``). Only text read by OCR goes through here; the readers of
text, HTML, DOCX and PDF never do.

* An abbreviation is put right when its consonants are a month's consonants and the marks
  (vowels above and below, ``ะ``, ``เ``) put in or left out cost at most one (a mark half);
  the nearest month wins, and a tie (``ม.ย.`` between ``มิ.ย.`` and ``เม.ย.`` when both are as
  near) changes nothing. Consonants are never changed: ``พ.ศ.`` stays ``พ.ศ.``.
* A month's full name one letter (or two marks) short of the name, no word of the dictionary,
  next to a year, a day or a dash, is the name.
* In a cell that says only a period (months, days, years, dashes, a few filler words): two
  dates with nothing between them are a range (the dash lost), and ``ต.ค. ๖๖ - ๖๗`` or
  ``ต.ค. ๒๕๖๖ ๒๕๖๗`` (October of one year to the next year, the end month lost) is the fiscal
  year as its months: to the end of September.
"""

from __future__ import annotations

import re
from functools import lru_cache

from prongsai.thai.months import ABBR_MONTHS, FULL_MONTHS, MONTH_PATTERN, month_number

_MARKS = (
    "\u0e30\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e40"
)
_CONSONANT = "\u0e01-\u0e2e"
_MARK_CLASS = "\u0e30\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_DIGIT = "0-9๐-๙"
_ERAS = {"พศ", "คศ"}  # "พ.ศ.", "ค.ศ.": the era, no month

# an abbreviation as OCR leaves it: (เ) consonant (marks) (space) (dot) (space) consonant
# (marks) (space) dot, or without its last dot when a year or a dash follows
_ABBR = re.compile(
    rf"(?<![{_CONSONANT}{_MARK_CLASS}])"
    rf"(?P<a>เ?[{_CONSONANT}][{_MARK_CLASS}]{{0,2}})[ \t]?\.?[ \t]?"
    rf"(?P<b>[{_CONSONANT}][{_MARK_CLASS}]{{0,2}})"
    rf"(?:[ \t]?\.|(?=[ \t\n]*[{_DIGIT}\-–]|[ \t]*$))"
    rf"(?![{_CONSONANT}{_MARK_CLASS}])",
    re.MULTILINE,
)


def _key(text: str) -> str:
    return re.sub(r"[\s.]", "", text)


def _consonants(text: str) -> str:
    return "".join(c for c in text if c not in _MARKS)


def mark_distance(a: str, b: str) -> float | None:
    """How far ``a`` is from ``b`` when only marks (and ``ะ``, ``เ``) are put in or left out or
    swapped, half a point each; None when their consonants differ."""
    if _consonants(a) != _consonants(b):
        return None

    # align on the consonants: the marks between each pair of consonants compared as strings
    def groups(word: str) -> list[str]:
        out, current = [], ""
        for char in word:
            if char in _MARKS:
                current += char
            else:
                out.append(current)
                current = ""
        return [*out, current]

    total = 0.0
    # เ stands as tall as a letter: left out or put in, it costs a whole point
    a, b = a.replace("เ", "เเ"), b.replace("เ", "เเ")
    for x, y in zip(groups(a), groups(b), strict=True):
        total += 0.5 * _edit(x, y)
    return total


def _edit(x: str, y: str) -> int:
    previous = list(range(len(y) + 1))
    for i, cx in enumerate(x, start=1):
        current = [i]
        for j, cy in enumerate(y, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (cx != cy)))
        previous = current
    return previous[-1]


MAX_ABBR_DISTANCE = 1.0


@lru_cache(maxsize=1024)
def nearest_abbreviation(written: str) -> str | None:
    """The month abbreviation (``ก.ย.``) ``written`` (its dots and spaces left out) is a
    misreading of, or None: no month's consonants, too far, or two months as near."""
    key = _key(written)
    if key in _ERAS:
        return None
    scored = []
    for abbr in ABBR_MONTHS:
        distance = mark_distance(key, _key(abbr))
        if distance is not None and distance <= MAX_ABBR_DISTANCE:
            scored.append((distance, abbr))
    scored.sort()
    if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


def repair_abbreviations(text: str) -> str:
    """``text`` with each misread month abbreviation written as the month's (``กุย.`` →
    ``ก.ย.``) where a day, a year or a dash is beside it."""

    def repair(match: re.Match) -> str:
        start, end = match.span()
        before, after = text[max(0, start - 4) : start], text[end : end + 4]
        dated = re.search(rf"[{_DIGIT}\-–]\s*$", before) or re.match(rf"\s*[{_DIGIT}\-–]", after)
        if not dated and not re.fullmatch(r"\s*", text[:start] + text[end:]):
            return match.group(0)
        abbr = nearest_abbreviation(match.group("a") + match.group("b"))
        return abbr if abbr is not None else match.group(0)

    return _ABBR.sub(repair, text)


_THAI_RUN = re.compile("[\u0e01-\u0e4e]{4,}")


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


@lru_cache(maxsize=4096)
def nearest_month(word: str) -> str | None:
    """The full month name ``word`` is a misreading of (a letter or two marks short, one letter
    swapped), or None."""
    if word in FULL_MONTHS or word in _dictionary():
        return None
    best, best_cost, tie = None, 1.01, False
    for name in FULL_MONTHS:
        if abs(len(name) - len(word)) > 1:
            continue
        cost = _weighted_edit(word, name)
        if cost < best_cost:
            best, best_cost, tie = name, cost, False
        elif cost == best_cost:
            tie = True
    return None if tie else best


def _weighted_edit(x: str, y: str) -> float:
    """Edit distance with marks costing half."""

    def cost(char: str) -> float:
        return 0.5 if char in _MARKS else 1.0

    previous = [0.0]
    for cy in y:
        previous.append(previous[-1] + cost(cy))
    for cx in x:
        current = [previous[0] + cost(cx)]
        for j, cy in enumerate(y, start=1):
            swap = 0.0 if cx == cy else max(cost(cx), cost(cy))
            current.append(
                min(previous[j] + cost(cx), current[j - 1] + cost(cy), previous[j - 1] + swap)
            )
        previous = current
    return previous[-1]


def repair_month_names(text: str) -> str:
    """``text`` with each misread full month name put right where a day, a year or a dash is
    beside it (``กันยาย ๒๕๖๕`` → ``กันยายน ๒๕๖๕``)."""

    def repair(match: re.Match) -> str:
        start, end = match.span()
        before, after = text[max(0, start - 4) : start], text[end : end + 4]
        if not (re.search(rf"[{_DIGIT}\-–]\s*$", before) or re.match(rf"\s*[{_DIGIT}\-–)]", after)):
            return match.group(0)
        return nearest_month(match.group(0)) or match.group(0)

    return _THAI_RUN.sub(repair, text)


# a speck read as a letter between a day and its month: "๑๗ ฆ ก.ค."
_SPECK_BEFORE_MONTH = re.compile(
    rf"(?<=[{_DIGIT}])(?P<gap>[ \t]+)[{_CONSONANT}][ \t]+(?=(?:{MONTH_PATTERN}))"
)
# "ปีงบ ประมาณ": a word Tesseract cut
_CUT_BUDGET = re.compile(r"งบ[ \t]+ประมาณ")


# a round's months in brackets, its start read as Latin letters: "(AIAN ๒๕๖๖ - กันยายน ๒๕๖๗"
# (a round starts in October)
_ROUND_START_LOST = re.compile(
    rf"\((?P<gap>\s*)[A-Za-z]{{2,8}}(?=\s+[{_DIGIT}]{{4}}\s*[-–]\s*(?:กันยายน|มีนาคม))"
)
# "รอบเดือน (ต.ค.- มี.ค.)": the round's number lost, its months say it
_ROUND_NUMBER_LOST = re.compile(
    r"รอบ(?P<gap>\s*)(?=เดือน\s*\([^()\n]{0,24}?[-–]\s*"
    r"(?P<end>มีนาคม|มี\.\s?ค\.?|กันยายน|ก\.\s?ย\.?))"
)
# "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ ๑๒ เดือน": "รอบ" lost between the year and the round
_ROUND_WORD_LOST = re.compile(
    rf"(?<=งบประมาณ)(?P<year>[^\n]{{0,8}}?[{_DIGIT}]{{4}})(?P<gap>[ \t]+)"
    r"(?=(?:๖|๑๒|6|12)\s*เดือน)"
)


def repair_round(text: str) -> str:
    """A title's round put right where OCR lost a piece of it: the word ``รอบ``, its number
    (said by the month the round ends in), or the October it starts in."""
    text = _ROUND_START_LOST.sub(r"(\g<gap>ตุลาคม", text)
    thai = bool(re.search("[๐-๙]", text))

    def number(match: re.Match) -> str:
        six = match.group("end").startswith("มี")
        digits = ("๖" if thai else "6") if six else ("๑๒" if thai else "12")
        return f"รอบ {digits} "

    text = _ROUND_NUMBER_LOST.sub(number, text)
    return _ROUND_WORD_LOST.sub(r"\g<year>\g<gap>รอบ ", text)


def repair_text(text: str) -> str:
    """The repairs of one OCR'd cell or paragraph that need no fiscal year."""
    if not text:
        return text
    text = repair_round(_CUT_BUDGET.sub("งบประมาณ", text))
    text = repair_abbreviations(text)
    text = repair_month_names(text)
    text = _SPECK_BEFORE_MONTH.sub(r"\g<gap>", text)
    return repair_period_cell(text)


# --- a cell that says only a period -----------------------------------------------------------

_YEAR = rf"(?:พ\.\s?ศ\.\s?)?[{_DIGIT}]{{4}}(?![{_DIGIT}])|[{_DIGIT}]{{2}}(?![{_DIGIT}])"


def _point(p: str) -> str:
    return rf"(?:[{_DIGIT}]{{1,2}}[ \t\n]*)?(?P<{p}m>{MONTH_PATTERN})[ \t\n]*(?P<{p}y>{_YEAR})"


_TWO_POINTS = re.compile(rf"^(?P<first>{_point('a')})(?P<gap>[ \t\n]+)(?P<second>{_point('b')})$")
_OCTOBER = r"ตุลาคม|ต\.\s?ค\.?"
_OCTOBER_TO_YEAR = re.compile(
    rf"^(?P<start>(?:[{_DIGIT}]{{1,2}}[ \t\n]*)?(?:{_OCTOBER})[ \t\n]*(?P<y1>{_YEAR}))"
    rf"(?P<gap>[ \t\n]*-?[ \t\n]*)(?P<y2>{_YEAR})$"
)
_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _year_value(text: str) -> int:
    return int(re.sub(r"\D", "", text.translate(_ARABIC))[-4:])


# "งบประมาณ ๒๕๖๗" alone: the "ปี" (or "ตลอดปี") before it lost
_BUDGET_YEAR_ALONE = re.compile(rf"^งบประมาณ\s*(?:พ\.\s?ศ\.\s?)?[{_DIGIT}]{{4}}$")


def repair_period_cell(text: str) -> str:
    """A cell of a period alone, with the dash of its range put back where it was lost, and
    the ``ปี`` of ``ปีงบประมาณ ๒๕๖๗`` where only ``งบประมาณ ๒๕๖๗`` is left."""
    flat = text.strip()
    if _BUDGET_YEAR_ALONE.match(flat):
        return "ปี" + flat
    if match := _TWO_POINTS.match(flat):
        if month_number(match.group("am")) and month_number(match.group("bm")):
            return f"{match.group('first')} - {match.group('second')}"
        return text
    if match := _OCTOBER_TO_YEAR.match(flat):
        y1, y2 = match.group("y1"), match.group("y2")
        if len(y1) == len(y2) and _year_value(y2) == _year_value(y1) + 1:
            september = "กันยายน" if "ตุลาคม" in match.group("start") else "ก.ย."
            return f"{match.group('start')} - {september} {y2}"
    return text


# --- a period cell read again -----------------------------------------------------------------

_LATIN_MONTH = re.compile(r"[A-Za-z@][ \t]?\.[ \t]?[A-Za-z@]\.?")  # "A.A.", "W.A.": ต.ค., พ.ค.
_QUARTER_NO_NUMBER = re.compile(r"ไตรมาส(?:ที่)?\s*$")
_PERIOD_SIGN = re.compile(rf"{MONTH_PATTERN}|ไตรมาส|[{_DIGIT}]")
_CHECK_YEAR = 2567  # any fiscal year: only whether a period can be read at all is asked


def readable_period(text: str) -> bool:
    """Whether ``text`` (repaired) names a period."""
    from prongsai.thai import PeriodError, parse_period

    try:
        parse_period(repair_text(text), fiscal_year=_CHECK_YEAR)
    except (PeriodError, ValueError):
        return False
    return True


def needs_reading_again(text: str) -> bool:
    """Whether a cell looks like a period whose month or number OCR lost: short, with a month
    read as Latin letters (``A.A. -\\n๖๗``) or a quarter with no number (``ไตรมาสที่``), and no
    period can be read from it."""
    flat = text.strip()
    if not flat or len(flat) > 40 or flat.count("\n") > 3:
        return False
    latin = _LATIN_MONTH.search(flat) and _PERIOD_SIGN.search(_LATIN_MONTH.sub("", flat) or "-")
    quarter = _QUARTER_NO_NUMBER.search(flat)
    return bool(latin or quarter or _LATIN_MONTH.fullmatch(flat)) and not readable_period(flat)
