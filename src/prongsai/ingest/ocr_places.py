"""Place names of a scan put right by the real places of Thailand.

The name of an agency, a district or a province is no dictionary word, so the spelling model
(``ocr_spelling``) leaves the lines that name places alone; Tesseract still misreads their
marks (``ท่าศาลา`` read as ``ทำศาลา``, ``วังน้ำเย็น`` as ``วังน้าเย็น``) or stops short of their
end (``เทศบาลตำบลดอน`` for ``เทศบาลตำบลดอนแก้ว``). A gazetteer is built once from the lists
PyThaiNLP ships: the municipalities and tambon administrations of its Wikipedia titles
(``เทศบาลตำบลท่าศาลา``), the districts of the Volubilis dictionary (``อำเภอประจันตคาม``) and
the provinces. A name read after an agency kind, ``อำเภอ``/``อ.`` or ``จังหวัด``/``จ.`` that is
no real place but one or two marks (for a district or a province, also one letter) away from
exactly one real place of its kind is taken as that place; a name that is the start of a
longer one is completed only when that longer name is written elsewhere in the same document.
"""

from __future__ import annotations

import re
from functools import lru_cache

from prongsai.ingest.ocr_spelling import MARK, _changes, _corpus, skeleton

_AGENCY = ("องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนจังหวัด", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร")
_SHORT = ("อบต.", "อบจ.", "ทต.", "ทม.", "ทน.")
_NAME = "[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e4e]+"
# a place after the word that says what it is: agency, district, province
_PLACE = re.compile(
    "(?P<kind>"
    + "|".join(re.escape(k) for k in _AGENCY + _SHORT)
    + r"|อำเภอ|อ\.|จังหวัด|จ\.)(?P<space>\s?)(?P<name>"
    + _NAME
    + ")(?=[ \t](?P<next>"
    + _NAME
    + "))?"
)
_KIND_OF = {**dict.fromkeys(_AGENCY + _SHORT, "agency"), "อำเภอ": "district", "อ.": "district"}
_KIND_OF |= {"จังหวัด": "province", "จ.": "province"}
LONGEST = 20  # letters of a long place name (ประจันตคาม: 10; the longest tambons near 20)
# a name read is never the word that follows it
_NOT_NAMES = frozenset({"และ", "ที่", "ใน", "ได้", "เพื่อ", "ของ", "โดย", "ทุก", "ซึ่ง", "จึง"})


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, frozenset[str]]:
    """The real places by kind: ``agency`` (the places agencies are named after, districts
    and provinces among them), ``district``, ``province``."""
    provinces = set()
    with _corpus("thailand_provinces_th.csv").open(encoding="utf-8") as rows:
        for row in rows:
            name = row.split(",", 1)[0].strip()
            if re.fullmatch(_NAME, name):
                provinces.add(name)
    districts = set()
    with _corpus("volubilis_words_th.txt").open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("อำเภอ") and re.fullmatch(_NAME, name := line.strip()[5:]):
                districts.add(name)
    titles = _corpus("wikipedia_titles_th.txt").read_text(encoding="utf-8")
    kinds = "|".join(re.escape(k) for k in _AGENCY)
    agencies = set(re.findall(f"^(?:{kinds})({_NAME})$", titles, re.MULTILINE))
    return {
        "agency": frozenset(agencies | districts | provinces),
        "district": frozenset(districts),
        "province": frozenset(provinces),
    }


def _deletions(text: str) -> set[str]:
    return {text} | {text[:i] + text[i + 1 :] for i in range(len(text))}


@lru_cache(maxsize=1)
def _index() -> dict[str, dict[str, set[str]]]:
    """Per kind, the places by each skeleton they have with at most one letter left out."""
    out: dict[str, dict[str, set[str]]] = {}
    for kind, names in gazetteer().items():
        index: dict[str, set[str]] = {}
        for name in names:
            for key in _deletions(skeleton(name)):
                index.setdefault(key, set()).add(name)
        out[kind] = index
    return out


def nearest(name: str, kind: str) -> str | None:
    """The one real place of ``kind`` that ``name`` is (a mark or two, or one letter, away);
    ``None`` when none is, or more than one is as near."""
    if name in gazetteer()[kind] or len(name) < 3:
        return name if name in gazetteer()[kind] else None
    index = _index()[kind]
    bare = skeleton(name)
    found: set[str] = set()
    for key in _deletions(bare):
        found |= index.get(key, set())
    priced = []
    for place in found:
        if skeleton(place) == bare:
            price = _changes(name, place)
        elif kind != "agency":  # the agencies' list is far from all of them: marks only
            price = _letter_off(name, place)
        else:
            continue
        if price <= 2 * MARK:
            priced.append((price, place))
    if not priced:
        return None
    priced.sort()
    if len(priced) > 1 and priced[1][0] == priced[0][0]:
        return None
    return priced[0][1]


def _letter_off(read: str, place: str) -> float:
    """The price of ``place`` read as ``read`` when their skeletons are one letter apart: at
    most two changes in all (that letter, a mark), and only in a name of five letters or more."""
    n, m = len(read), len(place)
    row = list(range(m + 1))
    for i in range(1, n + 1):
        previous, row = row, [i] + [0] * m
        for j in range(1, m + 1):
            swap = previous[j - 1] + (read[i - 1] != place[j - 1])
            row[j] = min(swap, previous[j] + 1, row[j - 1] + 1)
    return 2 * MARK if row[m] <= 2 and len(place) >= 5 else float("inf")


_MARK = "[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]*"


def _misread(word: str) -> str:
    """A pattern for ``word`` with one of its letters read as another, marks added or lost."""
    letters = [c for c in word if not re.fullmatch(_MARK[:-1], c)]
    variants = []
    for k in range(len(letters)):
        parts = ["[\u0e01-\u0e2e]" if i == k else re.escape(c) for i, c in enumerate(letters)]
        variants.append(_MARK.join(parts) + _MARK)
    return "(?:" + "|".join(variants) + ")"


# a district or province word Tesseract misread, right before the place it names
_MISREAD_WORD = re.compile(
    f"(?P<word>{_misread('อำเภอ')}|{_misread('จังหวัด')})(?P<name>[\u0e01-\u0e2e]{_MARK}"
    f"[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e4e]*?)(?=\\s|$|จังหวัด|จ\\.)"
)


def _misread_words_put_right(text: str) -> str:
    """``อำเกอุประจันตคาม`` → ``อำเภอประจันตคาม``: a word one letter away from ``อำเภอ`` or
    ``จังหวัด`` (marks aside) right before a real district or province is that word."""

    def put_right(match: re.Match) -> str:
        word = match.group("word")
        kind, right = ("district", "อำเภอ") if skeleton(word)[:1] == "อ" else ("province", "จังหวัด")
        place = nearest(match.group("name"), kind)
        if word == right or place is None:
            return match.group(0)
        return right + place

    return _MISREAD_WORD.sub(put_right, text)


def correct_places(text: str, document: str = "") -> str:
    """``text`` with each place it names after an agency kind, ``อำเภอ``/``อ.`` or
    ``จังหวัด``/``จ.`` put right (``nearest``): a name cut in two by a space is joined when
    whole it is a real place or the document writes it whole, and a name that is the start
    of the one longer place name ``document`` writes is completed (``_completed``); a district
    or province word misread before a real place is put right too."""
    text = _misread_words_put_right(text)
    out, last = [], 0
    for match in _PLACE.finditer(text):
        if match.start() < last:
            continue  # the word joined to the name before
        name, kind = match.group("name"), _KIND_OF[match.group("kind")]
        if name in _NOT_NAMES:
            continue
        end = match.end()
        if (after := match.group("next")) and name not in gazetteer()[kind]:
            whole = name + after
            if nearest(whole, kind) or _written(whole, document):
                name, end = whole, end + 1 + len(after)
        found = nearest(name, kind) or _completed(name, document, kind) or name
        if found == match.group("name") and end == match.end():
            continue
        out.append(text[last : match.start()] + match.group("kind") + match.group("space") + found)
        last = end
    return "".join(out) + text[last:]


# where a document writes a place's name in full: after an agency kind, a district, a tambon,
# and before a space, the line's end, the next place word or a stop (not run into the words
# after it: ``ทต.ท่าศาลาได้กำหนด…``)
_WRITTEN = re.compile(
    "(?:"
    + "|".join(re.escape(k) for k in _AGENCY + _SHORT)
    + r"|อำเภอ|อ\.|ตำบล|ต\.)\s?("
    + _NAME
    + r")(?=\s|$|อำเภอ|อ\.|จังหวัด|จ\.|[.,)(/])"
)


def _written(name: str, document: str) -> bool:
    """Whether ``document`` writes ``name`` whole as a place."""
    return any(m.group(1) == name for m in _WRITTEN.finditer(document))


def _completed(name: str, document: str, kind: str) -> str | None:
    """The one longer name starting with ``name`` that ``document`` writes as a place (after
    an agency kind, ``อำเภอ`` or ``ตำบล``): the rest of a name Tesseract stopped short of. Not
    a name run into the words after it: no longer than ``LONGEST`` letters, its rest starting
    with no word that follows names (``ได้``, ``และ``)."""
    if not document or kind == "province":
        return None
    longer = {
        m.group(1) for m in _WRITTEN.finditer(document)
        if m.group(1).startswith(name) and len(m.group(1)) > len(name)
    }  # fmt: skip
    longer = {
        n for n in longer
        if len(n) <= LONGEST and not any(n[len(name) :].startswith(w) for w in _NOT_NAMES)
    }  # fmt: skip
    return longer.pop() if len(longer) == 1 else None
