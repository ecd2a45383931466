import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.agencies.names import (
    AGENCY_KINDS,
    UnknownProvince,
    full_agency_name,
    normalize_province,
    provinces,
    short_agency_name,
    split_agency_name,
)


def test_there_are_77_provinces_with_unique_names_and_codes():
    rows = provinces()
    assert len(rows) == 77
    assert len({p.name_th for p in rows}) == 77
    assert len({p.code for p in rows}) == 77


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("จังหวัดขอนแก่น", "ขอนแก่น"),
        ("จ.ขอนแก่น", "ขอนแก่น"),
        ("จังหวัด กาญจนบุรี", "กาญจนบุรี"),
        ("  นครราชสีมา ", "นครราชสีมา"),
        ("กรุงเทพฯ", "กรุงเทพมหานคร"),
        ("Ratchaburi", "ราชบุรี"),
    ],
)
def test_province_spellings_normalise(text, expected):
    assert normalize_province(text) == expected


@pytest.mark.parametrize("text", ["", "ขอนแก่นนน", "จังหวัดโคราช", "Atlantis"])
def test_unknown_province_is_refused_in_thai(text):
    with pytest.raises(UnknownProvince) as err:
        normalize_province(text)
    assert "77 จังหวัด" in err.value.message_th
    assert "77 provinces" in err.value.message_en


@pytest.mark.parametrize(
    ("text", "kind", "place"),
    [
        ("อบต.ท่ากระเสริม", "sao", "ท่ากระเสริม"),
        ("องค์การบริหารส่วนตำบลท่ากระเสริม", "sao", "ท่ากระเสริม"),
        ("ทต.พนมทวน", "tambon_municipality", "พนมทวน"),
        ("เทศบาลตำบลขามทะเลสอ", "tambon_municipality", "ขามทะเลสอ"),
        ("เทศบาลนครขอนแก่น", "city_municipality", "ขอนแก่น"),
        ("องค์การบริหารส่วนจังหวัดราชบุรี", "pao", "ราชบุรี"),
        ("สำนักงานจังหวัดราชบุรี", "other", "สำนักงานจังหวัดราชบุรี"),
    ],
)
def test_agency_names_split_into_kind_and_place(text, kind, place):
    assert split_agency_name(text) == (kind, place)


thai_place = st.text(alphabet="กขคงจฉชซดตถทนบปผพฟมยรลวสหอ", min_size=2, max_size=12)


@given(kind=st.sampled_from([k.code for k in AGENCY_KINDS[:-1]]), place=thai_place)
def test_full_and_short_names_round_trip(kind, place):
    assert split_agency_name(full_agency_name(kind, place)) == (kind, place)
    assert split_agency_name(short_agency_name(kind, place)) == (kind, place)


def test_province_names_agree_with_pythainlp():
    from pythainlp.corpus import provinces as pythainlp_provinces

    assert {p.name_th for p in provinces()} == set(pythainlp_provinces())
