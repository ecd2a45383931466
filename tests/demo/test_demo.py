import json
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.forms.models import model_to_dict

from prongsai.agencies.models import Agency, Signatory
from prongsai.assessments.models import Assessment, QuestionScore
from prongsai.demo.services import SEEDS as DEMO_SEEDS
from tests.conftest import SEEDS

SHARED_SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def test_demo_seeds_are_the_fixtures_unchanged():
    names = sorted(p.name for p in SEEDS.glob("*.txt"))
    assert names == sorted(p.name for p in DEMO_SEEDS.glob("*.txt"))
    assert len(names) == 5
    for name in names:
        assert (SEEDS / name).read_bytes() == (DEMO_SEEDS / name).read_bytes()
        if SHARED_SEEDS.is_dir():
            assert (SEEDS / name).read_bytes() == (SHARED_SEEDS / name).read_bytes()


EXPECTED_AGENCIES = {
    # name, kind, district, province — read off each seed's header by hand
    ("องค์การบริหารส่วนตำบลท่ากระเสริม", "sao", "ป่าพอง", "ขอนแก่น"),
    ("เทศบาลตำบลขามทะเลสอ", "tambon_municipality", "ขามทะเลสอ", "นครราชสีมา"),
    ("องค์การบริหารส่วนตำบลนาวังหิน", "sao", "พนัสนิคม", "ชลบุรี"),
    ("เทศบาลตำบลพนมทวน", "tambon_municipality", "พนมทวน", "กาญจนบุรี"),
    ("องค์การบริหารส่วนตำบลปากช่อง", "sao", "จอมบึง", "ราชบุรี"),
}


@pytest.mark.django_db
def test_demo_loads_the_five_seed_agencies(demo):
    got = {
        (a.name, a.kind, a.district.name_th, a.province.name_th)
        for a in Agency.objects.select_related("district", "province")
    }
    assert got == EXPECTED_AGENCIES
    # the contradiction in seed 003 is reported with how it was resolved
    assert any("กาฬสินธุ์" in w and "กาญจนบุรี" in w for w in demo.warnings)


@pytest.mark.django_db
def test_demo_loads_seed_003_assessment_with_every_stated_score(demo):
    a = Assessment.objects.get(agency__name="เทศบาลตำบลพนมทวน", fiscal_year=2566)
    assert str(a.overall) == "80.42"
    assert str(a.stated_overall) == "80.42"
    assert a.rating == "ต้องปรับปรุง" == a.stated_rating
    assert a.passed is False
    assert a.indicator_scores.filter(stated__isnull=False).count() == 10
    stated_questions = a.question_scores.filter(inferred=False)
    # 30 IIT + 14 EIT (e14 is not in the document) + the OIT items it names
    assert stated_questions.filter(question__code__startswith="i").count() == 30
    assert stated_questions.filter(question__code__startswith="e").count() == 14
    oit = {s.question.code for s in stated_questions.filter(question__code__startswith="o")}
    assert oit == {
        f"o{n}" for n in [1, 2, 3, 5, 10, 11, 12, 13, 15, 16, 17, 20, 22, 23, 24, 25, 26]
    } | {f"o{n}" for n in [27, 28, 29, 31, 32, 33, 34, 35]}
    e14 = QuestionScore.objects.get(assessment=a, question__code="e14")
    assert e14.inferred and str(e14.score) == "68.53"


@pytest.mark.django_db
def test_demo_reads_the_sign_off_chain_of_seed_000(demo):
    chain = list(
        Signatory.objects.filter(agency__name="องค์การบริหารส่วนตำบลท่ากระเสริม").values_list(
            "name", "position"
        )
    )
    assert chain == [
        ("นางแก่นวิไล ศรีมาย", "นักวิเคราะห์นโยบายและแผน ปฏิบัติการ"),
        ("นางสาวฉวี มาอ้อย", "หัวหน้าสำนักปลัด"),
        ("นางวิไลภรณ์ โถทอง", "รองปลัดองค์การบริหารส่วนตำบลท่ากระเสริม"),
        ("นายชวลิต มุลทา", "ปลัดองค์การบริหารส่วนตำบลท่ากระเสริม"),
        ("นายประสิทธิ์ คลังกลาง", "นายกองค์การบริหารส่วนตำบลท่ากระเสริม"),
    ]


def test_the_signed_memo_of_seed_000_is_a_paper_record_that_does_not_publish(demo, client):
    """Read from a document signed on paper, the memo is kept as that record: its page says
    "ลงนามในเอกสารกระดาษ นำเข้าโดย ระบบ เมื่อ …", it is no approval in Prongsai (no sign-off
    steps, the round stays a draft) and publishing it is refused."""
    from django.contrib.auth import get_user_model

    from prongsai.measures.models import Memo

    memo = Memo.objects.get(agency__name="องค์การบริหารส่วนตำบลท่ากระเสริม")
    assert memo.status == "paper" and not memo.signoffs.exists()
    assert memo.round.status == "draft"
    assert [s["name"] for s in memo.paper_signatures][-1] == "นายประสิทธิ์ คลังกลาง"
    client.force_login(get_user_model().objects.get(username="demo"))
    page = client.get(f"/agencies/memos/{memo.pk}/").content.decode()
    assert "ลงนามในเอกสารกระดาษ นำเข้าโดย ระบบ เมื่อ" in page
    assert "อนุมัติแล้ว" not in page
    response = client.post(f"/documents/memos/{memo.pk}/publish/", follow=True)
    assert "เผยแพร่ได้เฉพาะบันทึกข้อความที่ได้รับอนุมัติครบทุกลำดับแล้ว" in response.content.decode()
    assert not memo.round.plan.agency.publications.exists()


def _snapshot():
    data = {}
    for label in ("criteria", "agencies", "assessments"):
        for model in apps.get_app_config(label).get_models():
            data[model.__name__] = sorted(
                (json.dumps(model_to_dict(o), default=str, sort_keys=True), str(o.pk))
                for o in model.objects.all()
            )
    return data


@pytest.mark.django_db
def test_running_demo_again_changes_nothing(criteria):
    call_command("demo", stdout=StringIO())
    before = _snapshot()
    out = StringIO()
    call_command("demo", stdout=out)
    assert _snapshot() == before
    assert "demo / prongsai-demo" in out.getvalue()


@pytest.mark.django_db
def test_demo_users_try_out_each_role(demo):
    from django.contrib.auth.models import User

    from prongsai.access.scope import agencies_for

    def reach(username, action="view"):
        return sorted(a.name for a in agencies_for(User.objects.get(username=username), action))

    assert reach("officer", "admin") == ["เทศบาลตำบลพนมทวน"]
    assert reach("kanchanaburi") == ["เทศบาลตำบลพนมทวน"]  # the province's only demo agency
    assert reach("kanchanaburi", "edit") == []
    assert reach("mayor", "sign") == ["องค์การบริหารส่วนตำบลท่ากระเสริม"]
    assert reach("mayor", "edit") == []
    assert User.objects.get(username="mayor").check_password("prongsai-demo")
