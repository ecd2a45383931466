"""Place names of OCR'd text put right by the real places PyThaiNLP lists (``ocr_places``)."""

from __future__ import annotations

import pytest

from prongsai.ingest.ocr_places import correct_places, gazetteer, nearest


def test_the_gazetteer_holds_real_places_of_each_kind():
    places = gazetteer()
    assert len(places["province"]) == 77
    assert {"ขอนแก่น", "ปราจีนบุรี", "นครศรีธรรมราช"} <= places["province"]
    assert {"ท่าศาลา", "ประจันตคาม"} <= places["district"]
    assert "วังน้ำเย็น" in places["agency"]  # เทศบาลเมืองวังน้ำเย็น
    assert places["district"] <= places["agency"]  # agencies are named after districts too


@pytest.mark.parametrize(
    ("read", "kind", "place"),
    [
        ("ทำศาลา", "agency", "ท่าศาลา"),  # ่ read as ำ's circle
        ("วังน้าเย็น", "agency", "วังน้ำเย็น"),
        ("ประจนตคาม", "district", "ประจันตคาม"),  # a mark dropped
        ("ปราจีนบูรี", "province", "ปราจีนบุรี"),
        ("ปราจีนบุวี", "province", "ปราจีนบุรี"),  # a letter taken for its look-alike
        ("ขอนแก่น", "province", "ขอนแก่น"),  # a real place is itself
    ],
)
def test_a_place_a_mark_or_a_letter_away_from_a_real_one_is_that_one(read, kind, place):
    assert nearest(read, kind) == place


def test_a_name_no_real_place_is_near_is_none():
    assert nearest("กขฃคฅฆง", "province") is None
    assert nearest("ดอน", "agency") is None  # a short start of many names is none of them


def test_places_are_put_right_after_the_word_that_says_what_they_are():
    text = "เทศบาลตำบลทำศาลา อำเภอทำศาลา จังหวัดนครศรีธรรมราช"
    assert correct_places(text) == "เทศบาลตำบลท่าศาลา อำเภอท่าศาลา จังหวัดนครศรีธรรมราช"
    # the same letters after no place word are no place: left to the spelling model
    assert correct_places("ทำศาลาไว้") == "ทำศาลาไว้"


def test_a_name_cut_short_is_completed_only_by_the_longer_name_the_document_writes():
    document = "เทศบาลตำบลดอน\nสำนักงานตั้งอยู่ที่ ตำบลดอนแก้ว อำเภอเมือง"
    assert correct_places("เทศบาลตำบลดอน", document) == "เทศบาลตำบลดอนแก้ว"
    assert correct_places("เทศบาลตำบลดอน", "เทศบาลตำบลดอน") == "เทศบาลตำบลดอน"
    # two longer names on the page: no telling which one was meant
    two = document + "\nตำบลดอนชัย"
    assert correct_places("เทศบาลตำบลดอน", two) == "เทศบาลตำบลดอน"


def test_a_name_cut_in_two_by_a_space_is_joined_when_whole_it_is_a_place():
    document = "เทศบาลตำบลดอน แก้ว อำเภอแม่ริม จังหวัดเชียงใหม่\nปลัดเทศบาลตำบลดอนแก้ว"
    assert correct_places(document.split("\n")[0], document) == (
        "เทศบาลตำบลดอนแก้ว อำเภอแม่ริม จังหวัดเชียงใหม่"
    )
    # a real place whole: no document needed; the district and province after it still read
    assert correct_places("เทศบาลตำบลท่า ศาลา อำเภอทำศาลา") == "เทศบาลตำบลท่าศาลา อำเภอท่าศาลา"
    # a place and the word after it that make no place stay two words
    assert correct_places("อบต.ท่ากระเสริม ได้กำหนด") == "อบต.ท่ากระเสริม ได้กำหนด"


def test_a_name_is_not_completed_by_the_words_a_line_runs_on_with():
    document = "ทต.ท่าศาลาได้กำหนดมาตรการ\nเทศบาลตำบลท่าศา"
    assert correct_places("เทศบาลตำบลท่าศา", document) == "เทศบาลตำบลท่าศา"


def test_a_misread_district_or_province_word_before_a_real_place_is_put_right():
    assert correct_places("อำเกอุประจันตคาม จังหวัดปราจีนบุรี") == ("อำเภอประจันตคาม จังหวัดปราจีนบุรี")
    assert correct_places("อำเภอประจันตคาม จังหวดปราจีนบุรี") == ("อำเภอประจันตคาม จังหวัดปราจีนบุรี")
    # a word like it before no place is no district word
    assert correct_places("อำนวยการ ประจำปี") == "อำนวยการ ประจำปี"
