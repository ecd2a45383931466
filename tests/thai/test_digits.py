from prongsai.thai import to_arabic_digits, to_thai_digits


def test_arabic_to_thai():
    assert to_thai_digits("1 ต.ค. 66") == "๑ ต.ค. ๖๖"
    assert to_thai_digits("0123456789") == "๐๑๒๓๔๕๖๗๘๙"


def test_thai_to_arabic():
    assert to_arabic_digits("๑ ต.ค. ๖๖") == "1 ต.ค. 66"
    assert to_arabic_digits("๐๑๒๓๔๕๖๗๘๙") == "0123456789"


def test_other_characters_are_kept():
    assert to_thai_digits("ร้อยละ 85.71 (IIT)") == "ร้อยละ ๘๕.๗๑ (IIT)"
    assert to_arabic_digits("ร้อยละ ๘๕.๗๑ (IIT)") == "ร้อยละ 85.71 (IIT)"


def test_empty_text():
    assert to_thai_digits("") == ""
    assert to_arabic_digits("") == ""
