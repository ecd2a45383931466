"""Who is responsible: a cell such as ``สำนักปลัด,กองคลัง ,กองการศึกษา และกองช่าง`` as unit names.

Units are separated by commas, slashes, ``และ``, line breaks or spaces. A piece that does not
start like a unit (``สำนัก…``, ``กอง…``, ``งาน…``, ``ทุก…``) belongs to the piece before it
(``หัวหน้าส่วนราชการ ทุกส่วนงาน`` stays one). The agency's own name after a unit is dropped
(``สำนักปลัด อบต.``, ``สำนักปลัดเทศบาล`` → ``สำนักปลัด``); ``ทุกส่วนราชการ`` is kept as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

from prongsai.ingest.cleanup import collapse, join_cut_words

_SEPARATORS = re.compile(r"\s*(?:[,/;、]|\n|(?<!\S)และ|^และ)\s*|\s+")
_UNIT_START = re.compile(
    r"^(?:สำนัก|กอง|งาน|ฝ่าย|ส่วน|หน่วย|ศูนย์|กลุ่ม|ทุก|คณะ|ปลัด|รองปลัด|นายก|ผู้อำนวยการ|ผอ\.|"
    r"หัวหน้า|เจ้าหน้าที่|เลขานุการ|ผู้บริหาร|สภา|โรงเรียน)"
)
_BARE_START = re.compile(r"^(?:สำนัก|กอง|งาน|ฝ่าย|ส่วน|หน่วย|ศูนย์|กลุ่ม)$")
# People rather than units: "ทุก…" after one of them says which of them ("หัวหน้าส่วนราชการ ทุกส่วนงาน").
_ROLE_START = re.compile(r"^(?:หัวหน้า|ผู้อำนวยการ|ผอ\.|เจ้าหน้าที่|ผู้บริหาร|ปลัด|รองปลัด|นายก|เลขานุการ)")
_AGENCY_SUFFIX = re.compile(
    r"\s*(?:อบต\.?|ทต\.?|ทม\.?|ทน\.?|อบจ\.?|เทศบาล(?:ตำบล|เมือง|นคร)?\S*|องค์การบริหารส่วน\S*)$"
)
_AGENCY_ALONE = re.compile(r"^(?:อบต|ทต|ทม|ทน|อบจ)\.?$")
_FILLER = re.compile(r"^(?:ดำเนินการ|ดำเนินงาน|โดย|ร่วมกับ|รับผิดชอบ|และ|-+)$")


def split_units(text: str) -> list[str]:
    """``"สำนักปลัด อบต. และทุกกองงาน"`` → ``["สำนักปลัด", "ทุกกองงาน"]``."""
    text = join_cut_words(collapse(text.replace("\n", ", ")))
    units: list[str] = []
    position, said_and = 0, False
    for separator in [*_SEPARATORS.finditer(text), None]:
        end = separator.start() if separator else len(text)
        piece = text[position:end].strip(" .,-–")
        position = separator.end() if separator else len(text)
        if piece == "และ" or not piece:  # "และ" on a line of its own carries on to the next
            said_and = (
                said_and or piece == "และ" or "และ" in (separator.group(0) if separator else "")
            )
            continue
        if _FILLER.match(piece) or _AGENCY_ALONE.match(piece):
            said_and = False
            continue
        if units and _BARE_START.match(units[-1]):  # "สำนัก ปลัด": a name cut by a line wrap
            units[-1] += piece
        elif units and not _UNIT_START.match(piece):
            units[-1] = units[-1] + "และ" + piece if said_and else _glue(units[-1], piece)
        elif units and piece.startswith("ทุก") and _ROLE_START.match(units[-1]):
            units[-1] = f"{units[-1]} {piece}"
        else:
            units.append(piece)
        said_and = "และ" in (separator.group(0) if separator else "")
    names: list[str] = []
    for unit in units:
        name = _without_agency(unit)
        if name and name not in names:
            names.append(name)
    return names


def units_as_written(text: str) -> str:
    """The responsible cell as the agency wrote it (``สำนักปลัดเทศบาล``, ``สำนักปลัด อบต. และ
    ทุกกองงาน``), without what the document's line wraps did to it: cut words joined
    (``หัวหน้าส่วน ราชการ`` → ``หัวหน้าส่วนราชการ``), no space after a slash or before a comma."""
    text = join_cut_words(collapse(text.replace("\n", " ")))
    text = re.sub(r"\s+,", ",", re.sub(r"(?<=[\u0e01-\u0e4e.])/\s+", "/", text))
    out: list[str] = []
    for piece in text.split(" "):
        if out and piece and not _UNIT_START.match(piece) and not _AGENCY_ALONE.match(piece):
            out[-1] = _glue(out[-1], piece)
        elif piece:
            out.append(piece)
    return " ".join(out).strip(" ,")


_PREFIX_ALONE = frozenset({"กอง", "สำนัก", "ฝ่าย", "งาน", "ส่วน"})


def _glue(unit: str, piece: str) -> str:
    """A piece that carries on a unit's name: joined without a space when together they end
    in one word (``หัวหน้าส่วน`` + ``ราชการ`` → ``หัวหน้าส่วนราชการ``), else with one."""
    words = _dictionary()
    if unit in _PREFIX_ALONE:  # "กอง" cut from its name at a line end
        return unit + piece
    if any(unit[-n:] + piece in words for n in range(1, min(len(unit), 12) + 1)):
        return unit + piece
    return f"{unit} {piece}"


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


def _without_agency(unit: str) -> str:
    if unit.startswith("ทุก"):
        return unit
    stripped = _AGENCY_SUFFIX.sub("", unit).strip()
    return stripped or unit
