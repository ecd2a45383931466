"""Write src/prongsai/ingest/data/thai_digits.npz: the shapes of ๐–๙ in Debian's Thai fonts.

    uv run python scripts/make_thai_digit_templates.py [--leave-one-out]

Each digit is drawn in every font of ``fonts-thai-tlwg`` (and Laksaman), at the sizes a 14–18
point digit has in a 150–300 dpi scan, sharp and a little blurred, and kept as its feature vector
(``prongsai.ingest.ocr_digits.features``). ``--leave-one-out`` prints, for each font family, how
well the digits drawn in it are read with the shapes of the other families only — how the reader
does on a font it has never seen.
"""

from __future__ import annotations

import argparse
import glob
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from prongsai.ingest.ocr_digits import QUANTUM, TEMPLATES, THAI_DIGITS, features

FONT_DIRS = ("/usr/share/fonts/truetype/tlwg", "/usr/share/fonts/truetype/thai")
SIZES = (30, 40, 56)  # pixels per em


def fonts() -> list[str]:
    return sorted({p for d in FONT_DIRS for p in glob.glob(f"{d}/*.ttf")})


def draw(path: str, digit: str, size: int, blur: float):
    font = ImageFont.truetype(path, size)
    image = Image.new("L", (size * 2, size * 2), 255)
    ImageDraw.Draw(image).text((size // 2, size // 3), digit, font=font, fill=0)
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    return np.asarray(image) < 140


def shapes(paths):
    rows, labels, families = [], [], []
    for path in paths:
        family = Path(path).stem.split("-")[0]
        for label, digit in enumerate(THAI_DIGITS):
            for size in SIZES:
                for blur in (0.0, 0.8):
                    vector = features(draw(path, digit, size, blur))
                    if vector is not None:
                        rows.append(vector)
                        labels.append(label)
                        families.append(family)
    return np.array(rows, dtype=np.float32), np.array(labels, dtype=np.int8), families


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leave-one-out", action="store_true")
    args = parser.parse_args()
    rows, labels, families = shapes(fonts())
    if args.leave_one_out:
        families_arr = np.array(families)
        right = total = 0
        for family in sorted(set(families)):
            test = families_arr == family
            train = ~test
            d = np.linalg.norm(rows[test][:, None, :] - rows[train][None, :, :], axis=2)
            guess = labels[train][d.argmin(axis=1)]
            ok = int((guess == labels[test]).sum())
            right, total = right + ok, total + int(test.sum())
            print(f"{family}: {ok}/{int(test.sum())}")
        print(f"all: {right}/{total} = {100 * right / total:.1f} %")
        return
    TEMPLATES.parent.mkdir(exist_ok=True)
    # kept in steps of 1/20 (0–255): a tenth of the size, the same nearest shapes
    quantised = np.clip(np.round(rows * QUANTUM), 0, 255).astype(np.uint8)
    np.savez_compressed(TEMPLATES, features=quantised, labels=labels)
    print(f"{TEMPLATES}: {len(rows)} shapes from {len(fonts())} fonts")


if __name__ == "__main__":
    main()
