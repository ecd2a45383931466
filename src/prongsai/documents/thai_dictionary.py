"""libthai's word list replaced by PyThaiNLP's, so that Pango breaks Thai lines where PyThaiNLP
sees words.

WeasyPrint lays text out with Pango, which breaks Thai with libthai and its own dictionary
(``/usr/share/libthai/thbrk.tri``). libthai reads its dictionary from ``$LIBTHAI_DICTDIR`` when
set. Built from PyThaiNLP's word list (``thai_words()``, the one newmm segments with), it breaks
almost everywhere newmm does: the few words it would still split are kept whole by
:mod:`prongsai.documents.wrap`, which then needs few ``nowrap`` spans — and layout is about four
times faster than with a span on every compound word.

The trie is built once with ``trietool`` (Debian ``libdatrie1-bin``) into
``<PRONGSAI_DATA_DIR>/libthai/pythainlp-<version>/thbrk.tri`` and must be in place before Pango
first breaks Thai in the process, so :func:`install` runs when Django starts (the documents
app's ``ready``). Without ``trietool`` nothing changes: Thai lines still break between words,
only more slowly.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

logger = logging.getLogger(__name__)

# libthai's alphabet: hyphen and full stop (in words like ฯลฯ), Thai letters, vowels and marks
ALPHABET = "[0x002d,0x002e]\n[0x0e01,0x0e3a]\n[0x0e40,0x0e4e]\n"
_WORD = re.compile(r"[\u0e01-\u0e3a\u0e40-\u0e4e.\-]+")


def dictionary_dir(data_dir: Path) -> Path:
    import pythainlp

    return data_dir / "libthai" / f"pythainlp-{pythainlp.__version__}"


def build(target: Path) -> bool:
    """Write ``target/thbrk.tri`` from PyThaiNLP's words; False when ``trietool`` is missing."""
    trietool = shutil.which("trietool") or shutil.which("trietool-0.2")
    if trietool is None:
        return False
    from pythainlp.corpus import thai_words

    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        work = Path(tmp)
        (work / "thbrk.abm").write_text(ALPHABET, encoding="ascii")
        words = sorted(word for word in thai_words() if _WORD.fullmatch(word))
        (work / "words.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
        subprocess.run(
            [trietool, "thbrk", "add-list", "-e", "UTF-8", "words.txt"],
            cwd=work,
            check=True,
            capture_output=True,
        )
        built = work / "built"
        built.mkdir()
        (work / "thbrk.tri").rename(built / "thbrk.tri")
        try:
            built.rename(target)  # atomic: another process may have built it meanwhile
        except OSError:
            if not (target / "thbrk.tri").exists():
                raise
    return True


def install(data_dir: Path) -> str | None:
    """Point libthai at PyThaiNLP's words (building them once); the directory, or None."""
    if os.environ.get("LIBTHAI_DICTDIR"):
        return os.environ["LIBTHAI_DICTDIR"]
    target = dictionary_dir(data_dir)
    try:
        if not (target / "thbrk.tri").exists() and not build(target):
            logger.info("trietool is missing: Thai line breaks use libthai's own dictionary")
            return None
    except (OSError, subprocess.CalledProcessError) as exc:
        logger.warning("could not build the Thai word list for libthai: %s", exc)
        return None
    os.environ["LIBTHAI_DICTDIR"] = str(target)
    return str(target)
