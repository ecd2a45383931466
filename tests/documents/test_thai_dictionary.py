"""Pango breaks Thai with PyThaiNLP's words once the documents app has started."""

import os
from pathlib import Path

from prongsai.documents import thai_dictionary
from prongsai.documents.wrap import _pango_breaks


def test_libthai_reads_pythainlp_words():
    directory = Path(os.environ["LIBTHAI_DICTDIR"])
    assert (directory / "thbrk.tri").stat().st_size > 500_000
    assert directory.name.startswith("pythainlp-")


def test_pango_keeps_compound_words_whole():
    # libthai's own list has ผู้ and รับผิดชอบ but not ผู้รับผิดชอบ
    text = "ผู้รับผิดชอบโครงการ"
    assert 3 not in _pango_breaks(text)
    assert 12 in _pango_breaks(text)  # ผู้รับผิดชอบ|โครงการ


def test_a_word_pango_would_split_is_kept_whole(monkeypatch):
    from prongsai.documents import wrap

    monkeypatch.setattr(wrap, "_pango_breaks", lambda text: {3} if text == "ผู้รับผิดชอบ" else set())
    for cached in (wrap._line, wrap._splits):
        cached.cache_clear()
    try:
        html = wrap.wrap_html("ผู้รับผิดชอบโครงการ")
    finally:
        for cached in (wrap._line, wrap._splits):
            cached.cache_clear()
    assert html == '<span class="w">ผู้รับผิดชอบ</span>\u200bโครงการ'


def test_build_writes_a_trie(tmp_path):
    target = tmp_path / "dict"
    assert thai_dictionary.build(target)
    assert (target / "thbrk.tri").exists()
