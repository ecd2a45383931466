"""How valid a Thai text is, and repairs for what PDF producers' text layers get wrong.

A PDF's text is what its fonts' ToUnicode maps say the glyphs are. Thai fonts draw ำ as two
glyphs (the nikhahit ◌ํ and า) and have shifted variants of the marks (a tone mark lowered
when there is no upper vowel, ู moved down under ญ ฐ…); producers map those glyphs badly:

* the nikhahit of ำ mapped to nothing, a space, a private-use or a stray Latin letter
  (``ดĖาเนิน``, ``ด  าเนิน``, ``ดาเนิน``) — read as ำ where it stands between a consonant and า;
* ู mapped as the tone mark beside it (``ผ้้``, ``ผ้่``) — two tone marks on one consonant are
  never written, so the first is the vowel;
* marks placed out of order or cut off by a space when an extractor sorts glyphs by position
  (``สิ ่ง``, ``เพ่อื``).

``invalid_count`` counts sequences no Thai writer produces; the PDF reader reads each file with
more than one extractor and keeps the text with the fewest.
"""

from __future__ import annotations

import re

_CONSONANT = "\u0e01-\u0e2e"
_TONE = "\u0e48-\u0e4b"
_ABOVE = "\u0e31\u0e34-\u0e37\u0e47"  # ั ิ ี ึ ื ็
_BELOW = "\u0e38-\u0e3a"  # ุ ู ฺ
_MARK = f"{_ABOVE}{_BELOW}{_TONE}\u0e4c\u0e4d\u0e4e"  # every mark written over/under a letter
# a glyph the font's map named wrongly: Latin-1 supplement/extended letters, private use, NUL
_STRAY = "\u0000\u00c0-\u024f\ue000-\uf8ff\ufffd"

_NIKHAHIT = re.compile(rf"(?<=[{_CONSONANT}])([{_TONE}]?)(?:[{_STRAY}]| {{1,2}}|\u0e4d)\u0e32")
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
)


def invalid_count(text: str) -> int:
    """How many sequences of ``text`` no Thai writer produces."""
    return sum(len(pattern.findall(text)) for pattern in _INVALID)


def repair_text_layer(text: str) -> str:
    """The misread glyphs of a Thai PDF text layer put back (see the module's docstring)."""
    if not text:
        return text
    text = _SPACE_BEFORE_MARK.sub("", text)
    text = _TONE_FIRST.sub(r"\2\1", text)
    text = _NIKHAHIT.sub(lambda m: m.group(1) + "\u0e33", text)
    text = _UU_AS_TONE.sub("\u0e39", text)
    text = _UU_AS_TONE_AFTER.sub("\u0e39\u0e48", text)
    return text
