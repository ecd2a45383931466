"""The same text saved in each encoding Thai offices use gives the same result."""

import codecs

import pytest

from prongsai.ingest import read_document, to_json
from prongsai.ingest.encoding import decode_text
from tests.ingest.conftest import core, seed_path

ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16 with BOM": lambda text: text.encode("utf-16"),  # BOM, little-endian here
    "utf-16-be with BOM": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-16-le without BOM": lambda text: text.encode("utf-16-le"),
    "utf-16-be without BOM": lambda text: text.encode("utf-16-be"),
    "utf-32 with BOM": lambda text: text.encode("utf-32"),
    "tis-620": lambda text: text.encode("tis-620"),
    "windows-874": lambda text: text.encode("cp874"),
}


@pytest.fixture(scope="module")
def reference():
    text = seed_path("004").read_text(encoding="utf-8")
    return text, core(to_json(read_document(text.encode("utf-8"), "004.txt")))


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_seed_in_each_encoding(reference, encoding):
    text, expected = reference
    data = ENCODINGS[encoding](text)
    result = core(to_json(read_document(data, "004.txt")))
    assert result == expected
    assert len(result["measures"]) == 5


def test_windows_874_punctuation_of_seed_000():
    """cp874 has the en dash and quotes that TIS-620 lacks; seed 000 uses them."""
    text = seed_path("000").read_text(encoding="utf-8")
    assert "–" in text
    decoded, encoding = decode_text(text.encode("cp874"))
    assert encoding == "tis-620"
    assert decoded == text


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("รายงาน".encode("utf-16-le"), "utf-16-le"),
        ("report".encode("utf-16-be"), "utf-16-be"),
        ("รายงาน".encode(), "utf-8"),
        ("รายงาน".encode("tis-620"), "tis-620"),
    ],
)
def test_detected_encoding(data, encoding):
    assert decode_text(data)[1] == encoding


def test_line_endings_are_normalised():
    text, _ = decode_text("ก\r\nข\rค\n".encode())
    assert text == "ก\nข\nค\n"
