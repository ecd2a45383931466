import pickle

import pytest

from prongsai.thai import PeriodError, ThaiDateError, ThaiValueError, parse_date, parse_period


@pytest.mark.parametrize("error_type", [ThaiDateError, PeriodError])
def test_errors_are_value_errors_with_thai_first(error_type):
    error = error_type("ข้อความไทย", "English text")
    assert isinstance(error, ValueError)
    assert isinstance(error, ThaiValueError)
    assert str(error) == "ข้อความไทย"
    assert error.message_th == "ข้อความไทย"
    assert error.message_en == "English text"
    assert error.message("en") == "English text"
    assert error.message("th") == "ข้อความไทย"


def test_errors_survive_pickling():
    """Celery workers send exceptions between processes."""
    error = pickle.loads(pickle.dumps(ThaiDateError("ไทย", "English")))
    assert (error.message_th, error.message_en, str(error)) == ("ไทย", "English", "ไทย")


def test_raised_errors_carry_both_languages():
    with pytest.raises(ThaiDateError) as info:
        parse_date("31 กันยายน 2566")
    assert "กันยายน" in str(info.value)
    assert "September" in info.value.message_en
    with pytest.raises(PeriodError) as info:
        parse_period("ไม่มีวันที่")
    assert str(info.value).startswith("ไม่พบวันที่")
    assert info.value.message_en.startswith("No date or period")
