import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.ingest.header import read_agency_header
from prongsai.ingest.memo import read_signatures


@pytest.mark.parametrize(
    ("seed", "name", "kind", "district", "provinces"),
    [
        ("000", "องค์การบริหารส่วนตำบลท่ากระเสริม", "sao", "ป่าพอง", ["ขอนแก่น"]),
        ("001", "เทศบาลตำบลขามทะเลสอ", "tambon_municipality", "ขามทะเลสอ", ["นครราชสีมา"]),
        ("002", "องค์การบริหารส่วนตำบลนาวังหิน", "sao", "พนัสนิคม", ["ชลบุรี"]),
        ("003", "เทศบาลตำบลพนมทวน", "tambon_municipality", "พนมทวน", ["กาฬสินธุ์", "กาญจนบุรี"]),
        ("004", "องค์การบริหารส่วนตำบลปากช่อง", "sao", "จอมบึง", ["ราชบุรี"]),
    ],
)
def test_each_seed_header_names_its_agency(seed_text, seed, name, kind, district, provinces):
    header = read_agency_header(seed_text(seed))
    assert header.name == name
    assert header.kind == kind
    assert header.district == district
    assert header.provinces_seen == provinces
    contradiction = [w for w in header.warnings if "จังหวัดไม่ตรงกัน" in w]
    assert bool(contradiction) == (len(provinces) > 1)


def test_memo_signatures_of_seed_000(seed_text):
    sigs = read_signatures(seed_text("000"))
    assert [s.name for s in sigs] == [
        "นางแก่นวิไล ศรีมาย",
        "นางสาวฉวี มาอ้อย",
        "นางวิไลภรณ์ โถทอง",
        "นายชวลิต มุลทา",
        "นายประสิทธิ์ คลังกลาง",
    ]
    assert sigs[1].position == "หัวหน้าสำนักปลัด"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_header_reader_never_crashes(text):
    header = read_agency_header(text)
    assert header.name is None or header.name.strip() == header.name
