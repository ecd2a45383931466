import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import SEED_003_INDICATORS


def run(*args):
    out = StringIO()
    call_command("score", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_score_prints_indicators_tools_overall_rating_and_the_check(demo):
    text = run("--agency", "เทศบาลตำบลพนมทวน", "--year", "2566")
    assert "80.42" in text
    assert "ต้องปรับปรุง" in text
    assert "ไม่ผ่านเกณฑ์" in text
    assert "คะแนนรวมตามเอกสาร 80.42 คำนวณจากตัวชี้วัดได้ 80.42: ตรงกัน" in text
    for value in SEED_003_INDICATORS.values():
        assert value in text
    assert "IIT (น้ำหนัก 30%): 87.64" in text
    assert "ข้อ e14 ไม่มีในเอกสาร คำนวณย้อนจากตัวชี้วัดได้ 68.53" in text


@pytest.mark.django_db
def test_score_json_has_the_documented_shape(demo):
    data = json.loads(run("--agency", "ทต.พนมทวน", "--year", "2566", "--format", "json"))
    assert abs(data["overall"] - 80.42) <= 0.01
    assert data["stated_overall"] == 80.42
    assert data["rating"] == "ต้องปรับปรุง"
    assert data["passed"] is False
    assert set(data["tools"]) == {"IIT", "EIT", "OIT"}
    assert data["tools"]["EIT"] == 75.94
    assert list(data["indicators"]) == [str(n) for n in range(1, 11)]
    assert data["indicators"]["10"] == 63.75
    assert data["overall_matches"] is True
    assert data["inferred_questions"] == {"e14": 68.53}


@pytest.mark.django_db
def test_score_says_clearly_what_is_missing(demo):
    with pytest.raises(CommandError, match="ไม่พบหน่วยงาน"):
        run("--agency", "เทศบาลตำบลไม่มีจริง", "--year", "2566")
    with pytest.raises(CommandError, match="ยังไม่มีผลการประเมินปี 2568"):
        run("--agency", "เทศบาลตำบลพนมทวน", "--year", "2568")
