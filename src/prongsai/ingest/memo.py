"""The people who sign a memo (บันทึกข้อความ): ``(name)`` followed by the position line."""

from __future__ import annotations

import re
from dataclasses import dataclass

SIGNATURE_RE = re.compile(
    r"^\s*\((?P<name>[^()\n]{4,80})\)\s*\n\s*(?P<position>[^\n]{3,150})$", re.M
)
TITLES = ("นาย", "นาง", "นางสาว", "ว่าที่", "ดร.", "จ.ส.", "พ.ต.", "ร.ต.", "ส.อ.")


@dataclass(frozen=True)
class Signature:
    name: str
    position: str


def read_signatures(text: str) -> list[Signature]:
    found: list[Signature] = []
    for m in SIGNATURE_RE.finditer(text):
        name = " ".join(m.group("name").split())
        if not name.startswith(TITLES):
            continue
        sig = Signature(name, " ".join(m.group("position").split()))
        if sig not in found:
            found.append(sig)
    return found
