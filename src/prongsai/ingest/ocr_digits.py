"""Thai digits in scans, read again by their shape.

Tesseract's Thai model reads the Thai digits poorly — ๖ as ๒, ๘ and ๔ as ๕ — and is sure of
it, which spoils years, dates, scores and counts. A run of digits Tesseract found is cut into
its glyphs (connected pieces of ink, a dot is a dot), and each glyph is matched against the
shapes of ๐–๙ drawn in the Thai fonts of Debian's ``fonts-thai-tlwg`` (``data/thai_digits.npz``,
made by ``scripts/make_thai_digit_templates.py``; nearest shape wins). The run is rewritten
only when it has as many glyphs as Tesseract read digits, and only with Thai digits where
Tesseract read Thai digits (Arabic digits it reads well).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "data" / "thai_digits.npz"
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
QUANTUM = 20.0  # the shapes are stored in steps of 1/QUANTUM (as bytes)
SIZE = 16  # a glyph is compared as a SIZE × SIZE picture of its ink, with its aspect ratio
_INK = 140
_BLUR = 0.7


def features(mask):
    """A glyph's ink (bool 2-D) as a vector: the ink in its box, centred in a square, scaled to
    SIZE × SIZE, followed by its height/width ratio (weighted: ๑ and ๗ differ in width)."""
    import numpy as np
    from PIL import Image, ImageFilter

    ys, xs = np.nonzero(mask)
    if not ys.size:
        return None
    box = mask[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    h, w = box.shape
    side = max(h, w)
    square = np.zeros((side, side), dtype=np.uint8)
    top, left = (side - h) // 2, (side - w) // 2
    square[top : top + h, left : left + w] = box * 255
    small = Image.fromarray(square).resize((SIZE, SIZE), Image.Resampling.BOX)
    small = small.filter(ImageFilter.GaussianBlur(_BLUR))  # near strokes count as near
    vector = np.asarray(small, dtype=np.float32).ravel() / 255.0
    return np.concatenate([vector, [4.0 * min(h / max(w, 1), 3.0)]]).astype(np.float32)


@lru_cache(maxsize=1)
def _templates():
    import numpy as np

    data = np.load(TEMPLATES)
    return data["features"].astype(np.float32) / QUANTUM, data["labels"]


def classify(mask) -> tuple[str, float] | None:
    """The Thai digit a glyph is most like, and how far it is from it (0 = the same)."""
    import numpy as np

    vector = features(mask)
    if vector is None:
        return None
    shapes, labels = _templates()
    distances = np.linalg.norm(shapes - vector, axis=1)
    best = int(np.argmin(distances))
    return THAI_DIGITS[int(labels[best])], float(distances[best])


def glyphs(mask, inside=None) -> list[tuple[str, object, int, int]]:
    """A run's ink cut into glyphs, left to right: ``(kind, mask, x0, x1)``, kind "digit" for a
    tall one (with its ink), "." for a small one (a full stop, a comma, a dash; no mask).
    ``inside`` (x0, y0, x1, y1): only the pieces whose centre is in it (the run's box; the mask
    around it lets the glyphs at its ends be whole)."""
    import numpy as np
    from scipy import ndimage

    labelled, count = ndimage.label(mask, structure=np.ones((3, 3), dtype=bool))
    if not count:
        return []
    pieces = []
    for index, (ys, xs) in enumerate(ndimage.find_objects(labelled), start=1):
        area = int((labelled[ys, xs] == index).sum())
        if area < 6:
            continue  # a speck
        if inside is not None:
            cx, cy = (xs.start + xs.stop) / 2, (ys.start + ys.stop) / 2
            if not (inside[0] <= cx <= inside[2] and inside[1] <= cy <= inside[3]):
                continue
        pieces.append([xs.start, xs.stop, ys.start, ys.stop, [index]])
    if not pieces:
        return []
    pieces.sort()
    merged: list[list] = []
    for piece in pieces:  # pieces one above the other (a broken stroke) are one glyph
        if merged and piece[0] < merged[-1][1] - 2:
            last = merged[-1]
            last[1], last[2] = max(last[1], piece[1]), min(last[2], piece[2])
            last[3] = max(last[3], piece[3])
            last[4] += piece[4]
        else:
            merged.append(piece)
    tallest = max(p[3] - p[2] for p in merged)
    # a digit's height: the lowest of the tall pieces (brackets are taller than digits)
    digit_height = min(p[3] - p[2] for p in merged if p[3] - p[2] >= 0.4 * tallest)
    out: list[tuple[str, object, int, int]] = []
    for x0, x1, y0, y1, ids in merged:
        if y1 - y0 < 0.4 * tallest:
            out.append((".", None, x0, x1))
            continue
        ink = np.isin(labelled[y0:y1, x0:x1], ids)
        for a, b in _split(ink, digit_height):
            part = ink[:, a:b]
            rows = np.flatnonzero(part.any(axis=1))
            out.append(("digit", part[rows[0] : rows[-1] + 1], x0 + a, x0 + b))
    return out


def _split(ink, height: int) -> list[tuple[int, int]]:
    """Two digits printed touching are one piece of ink, wider than a digit: cut it where the
    column of least ink is, near where a digit would end."""
    import numpy as np

    width = ink.shape[1]
    if width < 1.7 * height:  # ๓ alone is 1.3 times as wide as high
        return [(0, width)]
    columns = ink.sum(axis=0)
    low, high = int(width * 0.3), int(width * 0.7)
    cut = low + int(np.argmin(columns[low:high]))
    return _split(ink[:, :cut], height) + [
        (cut + a, cut + b) for a, b in _split(ink[:, cut:], height)
    ]


MAX_DISTANCE = 4.0  # a glyph farther than this from every digit's shape is no digit


def read_run(image, box, text: str = "", reach: tuple[int, int] | None = None) -> str | None:
    """The Thai digits (and their dots) in ``box`` of the grey ``image`` read by shape, a space
    where glyphs stand far apart; None when a glyph inside the run is like no digit. A glyph at
    either end that is like no digit (a bracket, a neighbour's letter) is left out, and the
    bracket Tesseract read there (``text``) kept. ``reach`` (x from, x to): how far the run may
    grow by digits Tesseract did not see at its ends (up to the words beside it)."""
    import numpy as np

    left, top, right, bottom = box
    lo, hi = reach or (left, right)
    lo, hi = min(lo, left) - 10, max(hi, right) + 10
    pad_y = 6
    pixels = np.asarray(image.crop((lo, top - pad_y, hi, bottom + pad_y)))
    band = (0, pad_y - 2, hi - lo, pad_y + bottom - top + 2)
    read = []
    for kind, mask, x0, x1 in glyphs(pixels < _INK, band):
        guess = classify(mask) if kind == "digit" else (".", 0.0)
        char = guess[0] if guess and guess[1] <= MAX_DISTANCE else None
        read.append((char, mask, x0 + lo, x1 + lo))
    # Tesseract's boxes of Thai digits are often short of the glyph's left or right edge
    core = [i for i, (_, _, x0, x1) in enumerate(read) if left - 6 <= (x0 + x1) / 2 <= right + 6]
    if not core:
        return None
    first, last = core[0], core[-1]
    tall = [m.shape[0] for c, m, _, _ in read[first : last + 1] if m is not None]
    height = max(tall or [bottom - top])
    while (
        first > 0
        and read[first - 1][0] not in (None, ".")
        and (read[first][2] - read[first - 1][3] < 0.6 * height)
    ):
        first -= 1
    while (
        last + 1 < len(read)
        and read[last + 1][0] is not None
        and (read[last + 1][2] - read[last][3] < 0.6 * height)
    ):
        last += 1
    read = read[first : last + 1]
    while read and (read[0][0] is None or (read[0][0] == "." and not text.startswith("."))):
        read.pop(0)
    while read and (read[-1][0] is None or (read[-1][0] == "." and text[-1:] not in ".)")):
        read.pop()
    if not read or any(char is None for char, _, _, _ in read):
        return None
    if sum(char != "." for char, _, _, _ in read) < sum(c in THAI_DIGITS for c in text):
        return None  # a digit Tesseract saw is left out: a glyph unlike any digit's shape
    out, previous = "", None
    for char, _, x0, x1 in read:
        if previous is not None and x0 - previous > 0.6 * height:
            out += " "
        out, previous = out + char, x1
    return ("(" if text.startswith("(") else "") + out + (")" if text.endswith(")") else "")
