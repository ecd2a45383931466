"""Loading the criteria files into the database: idempotent, and safe for saved scores."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from prongsai.criteria.loader import DATA_DIR
from prongsai.criteria.models import CriteriaYear, Question


def load(*args):
    out, err = StringIO(), StringIO()
    call_command("criteria", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_load_is_idempotent():
    first, _ = load("load")
    assert "ITA 2566 (ita-2566.yaml): เพิ่มใหม่" in first
    counts = Question.objects.count(), CriteriaYear.objects.count()
    second, _ = load("load")
    assert "ITA 2566 (ita-2566.yaml): ไม่เปลี่ยนแปลง" in second
    assert (Question.objects.count(), CriteriaYear.objects.count()) == counts
    assert Question.objects.filter(year__fiscal_year=2566).count() == 30 + 15 + 43


@pytest.mark.django_db
def test_check_names_file_line_and_problem(tmp_path):
    text = (DATA_DIR / "ita-2566.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "ita-2566.yaml"
    broken.write_text(text.replace("weight: 40", "weight: 45", 1), encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "criteria", "check", str(broken), "--lang", "en", stderr=err, stdout=StringIO()
        )
    message = err.getvalue()
    assert "ita-2566.yaml" in message and "line" in message and "100" in message


@pytest.mark.django_db
def test_check_accepts_every_shipped_file():
    files = sorted(DATA_DIR.glob("ita-*.yaml"))
    out, _ = load("check", *[str(p) for p in files])
    assert out.count("ถูกต้อง") == len(files) >= 3


@pytest.mark.django_db
def test_a_question_with_scores_cannot_be_removed_by_a_reload(demo, tmp_path):
    from prongsai.agencies.models import Agency
    from prongsai.assessments.services import record_scores

    agency = Agency.objects.get(name="องค์การบริหารส่วนตำบลปากช่อง")
    record_scores(agency=agency, fiscal_year=2566, question_scores={"o4": 100})
    year = CriteriaYear.objects.get(fiscal_year=2566)
    before = (Question.objects.filter(year=year).count(), year.content_hash)

    text = (DATA_DIR / "ita-2566.yaml").read_text(encoding="utf-8")
    edited = tmp_path / "ita-2566.yaml"
    edited.write_text(
        "".join(line for line in text.splitlines(keepends=True) if "{code: o4," not in line),
        encoding="utf-8",
    )
    err = StringIO()
    with pytest.raises(CommandError, match="ไม่มีการบันทึกข้อมูลจากไฟล์นี้"):
        call_command("criteria", "load", str(edited), stdout=StringIO(), stderr=err)
    assert "o4" in err.getvalue()
    year.refresh_from_db()
    assert (Question.objects.filter(year=year).count(), year.content_hash) == before


def _rows(fiscal_year):
    from prongsai.criteria.models import Indicator, Tool

    year = {"year__fiscal_year": fiscal_year}
    return (
        list(Tool.objects.filter(**year).order_by("code").values()),
        list(Indicator.objects.filter(**year).order_by("number").values()),
        list(Question.objects.filter(**year).order_by("code").values()),
    )


@pytest.mark.django_db
def test_a_first_load_in_bulk_writes_the_rows_a_reload_keeps(tmp_path):
    """A year loaded for the first time is written in bulk; a reload of a changed file takes
    the row-by-row path. Both give the same rows, and the reload keeps their ids."""
    from prongsai.criteria.services import load_year_file

    load_year_file(DATA_DIR / "ita-2566.yaml")
    first = _rows(2566)
    assert len(first[2]) == 30 + 15 + 43 and all(q["indicator_id"] for q in first[2])
    changed = tmp_path / "ita-2566.yaml"
    text = (DATA_DIR / "ita-2566.yaml").read_text(encoding="utf-8")
    changed.write_text(text + "\n# a comment: a new content hash\n", encoding="utf-8")
    assert load_year_file(changed).status == "updated"
    assert _rows(2566) == first
