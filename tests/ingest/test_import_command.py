"""`prongsai import`: dry run, saving in one transaction, duplicates, bad files."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from prongsai.agencies.models import Agency, Unit
from prongsai.assessments.models import Assessment
from prongsai.ingest.models import ImportedDocument
from prongsai.measures.models import Measure, MeasurePlan, MeasureProgress, ProgressRound
from tests.conftest import SEEDS

ALL = sorted(str(p) for p in SEEDS.glob("*.txt"))


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def counts():
    models = [Agency, Unit, Assessment, MeasurePlan, Measure, ProgressRound, MeasureProgress]
    return {m.__name__: m.objects.count() for m in models} | {
        "docs": ImportedDocument.objects.count()
    }


@pytest.mark.django_db
def test_dry_run_prints_one_json_object_per_file_and_saves_nothing(criteria):
    out, _ = run("--dry-run", "--format", "json", *ALL)
    objects = [json.loads(line) for line in out.splitlines()]
    assert [o["file"] for o in objects] == [p.rsplit("/", 1)[-1] for p in ALL]
    for o in objects:
        assert set(o) >= {
            "file",
            "kind",
            "agency",
            "fiscal_year",
            "round",
            "overall_score",
            "indicator_scores",
            "question_scores",
            "measures",
            "warnings",
        }
    assert counts() == dict.fromkeys(counts(), 0)


@pytest.mark.django_db
def test_import_saves_every_seed_and_twice_creates_nothing_new(criteria):
    run(*ALL)
    first = counts()
    assert first["docs"] == 5
    assert first["MeasurePlan"] == 5
    assert first["Measure"] == 7 + 5 + 3 + 7 + 5
    assert first["Assessment"] == 1
    out, _ = run(*ALL)
    assert out.count("เคยนำเข้าแล้ว") == 5
    assert counts() == first


@pytest.mark.django_db
def test_imported_progress_round_carries_results_and_kpi(criteria):
    run(str(SEEDS / "001_3504e9e4e2815c2b.txt"))
    plan = MeasurePlan.objects.get(agency__name="เทศบาลตำบลขามทะเลสอ", fiscal_year=2568)
    round_ = plan.rounds.get()
    assert round_.round == "12m"
    with_kpi = [p for p in round_.progress.select_related("measure") if p.kpi_percent is not None]
    assert any(str(p.kpi_percent) == "85.71" for p in with_kpi)
    assert all(p.result for p in round_.progress.all())


@pytest.mark.django_db
def test_analysis_report_saves_assessment_and_next_years_plan(criteria):
    run(str(SEEDS / "003_381929908bc1db9e.txt"))
    assessment = Assessment.objects.get()
    assert (assessment.fiscal_year, str(assessment.overall)) == (2566, "80.42")
    plan = MeasurePlan.objects.get()
    assert plan.fiscal_year == 2567
    assert plan.measures.count() == 7
    assert set(Unit.objects.values_list("name", flat=True)) >= {"สำนักปลัด", "กองคลัง"}


@pytest.mark.django_db
def test_bad_files_fail_in_thai_or_english_and_save_nothing(criteria, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    garbage = tmp_path / "garbage.docx"
    garbage.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(CommandError):
        _, err = run(str(empty), str(garbage))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import", str(empty), "--lang", "en", stdout=StringIO(), stderr=err)
    assert "empty" in err.getvalue().lower()
    assert counts() == dict.fromkeys(counts(), 0)


@pytest.mark.django_db
def test_a_failure_midway_leaves_nothing_half_saved(criteria, monkeypatch):
    from prongsai.ingest import saving

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(saving, "_save_progress", boom)
    with pytest.raises(RuntimeError):
        run(str(SEEDS / "004_3bc7e1b26b525055.txt"))
    assert counts() == dict.fromkeys(counts(), 0)


@pytest.mark.django_db
def test_a_progress_report_goes_into_an_approved_plan_without_changing_it(criteria):
    """The usual order: the plan is approved, then its 6- and 12-month reports come. A report
    imported then fills the round; the approved measures stay as they are, and a measure the
    plan does not have is refused with its title."""
    from prongsai.ingest.saving import ImportDataError, save_document

    seed_004 = next(p for p in ALL if "/004_" in p)
    run(seed_004)
    document = ImportedDocument.objects.get()
    plan = MeasurePlan.objects.get()
    from tests.acting import acting

    with acting():
        plan.rounds.all().delete()
    MeasurePlan.objects.filter(pk=plan.pk).update(status="approved")
    measures_before = list(plan.measures.order_by("number").values_list("title", "methods"))

    outcome = save_document(document, document.result)
    assert outcome.round.progress.count() == len(measures_before) > 0
    assert list(plan.measures.order_by("number").values_list("title", "methods")) == (
        measures_before
    )

    stranger = json.loads(json.dumps(document.result))
    stranger["measures"][0]["title"] = "มาตรการที่ไม่มีในแผน"
    with pytest.raises(ImportDataError) as refused:
        save_document(document, stranger)
    assert "มาตรการที่ไม่มีในแผน" in refused.value.message_th
    assert "อนุมัติแล้ว" in refused.value.message_th
