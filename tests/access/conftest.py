"""Two agencies with a full year of work each (results, analysis, plan, a round, a memo, an
imported document), and users with different reach. Agency B's name carries a marker that
must never reach a user of agency A, nor the public."""

from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from prongsai.access.actions import membership_grant, signatory_add, unit_add
from prongsai.agencies.models import Agency, District, Province
from prongsai.analysis.services import create_analysis
from prongsai.assessments.services import record_scores
from prongsai.core.actions import SYSTEM
from prongsai.ingest.models import ImportedDocument, ImportedPage
from prongsai.measures.actions import (
    EvidenceData,
    evidence_add,
    memo_draft,
    plan_from_analysis,
    round_start,
)
from prongsai.measures.models import Measure
from prongsai.suggestions.models import MeasureFamily
from tests.acting import fixture_create
from tests.conftest import SEED_003_INDICATORS

MARKER = "ซ่อนเร้น"  # in agency B's name, its measure and its memo
INDICATORS = {n: float(score) for n, score in SEED_003_INDICATORS.items()}


@dataclass
class Side:
    agency: Agency
    objects: dict = field(default_factory=dict)


def build_side(place: str, province: Province, django_user_model) -> Side:
    district = District.objects.create(province=province, name_th=f"อำเภอทดสอบ{province.pk}")
    agency = Agency.objects.create(
        kind="sao", place_name=place, province=province, district=district
    )
    unit_add(agency.pk, f"สำนักปลัด{place}", by=SYSTEM)
    for n, position in enumerate(["นักวิเคราะห์นโยบายและแผน", "นายก"], start=1):
        signatory_add(
            by=SYSTEM, agency=agency, order=n, name=f"ผู้ลงนาม{place}{n}", position=position
        )
    assessment, _ = record_scores(
        agency=agency,
        fiscal_year=2566,
        indicator_scores=INDICATORS,
        question_scores={"i1": 87.19, "i2": 89.35, "i3": 88.29, "o1": 0},
        source="manual",
    )
    analysis = create_analysis(assessment)
    plan = plan_from_analysis(analysis.pk, by=SYSTEM)
    measure = plan.measures.order_by("number").first()
    Measure.objects.filter(pk=measure.pk).update(title=f"มาตรการของ{place}")
    round_ = round_start(plan.pk, "6m", by=SYSTEM)
    round_.progress.update(status="done", result=f"ผลงานของ{place}")
    upload = ContentFile(f"%PDF-1.4\n% หลักฐานของ{place}".encode(), name="e.pdf")
    evidence = evidence_add(
        round_.progress.first().pk, EvidenceData(f"ภาพถ่ายของ{place}", file=upload), by=SYSTEM
    )
    memo = memo_draft("round", round_.pk, by=SYSTEM)
    document = fixture_create(
        ImportedDocument,
        file_name=f"{place}.txt",
        content_hash=f"{place}-hash".ljust(64, "0")[:64],
        size=10,
        kind="measures_report",
        status="saved",
        agency=agency,
        result={"agency": {"name": agency.name}},
        source_text=f"รายงานของ{place}",
    )
    fixture_create(ImportedPage, document=document, number=1, image=b"\x89PNG\r\n\x1a\n")
    # the OIT workspace of 2567 (issue 14): an item with a step and a file naming the agency
    from prongsai.oit.actions import FileInput, ItemInput, oit_item_save, oit_workspace_open

    oit = oit_workspace_open(agency.pk, 2567, by=SYSTEM)
    oit_item = oit_item_save(
        oit.items.get(code="o1").pk,
        ItemInput(
            status="ready",
            steps=[f"ขั้นตอนของ{place}"],
            files=[FileInput(f"{place}.pdf", f"%PDF-1.4\n% {place}".encode())],
        ),
        by=SYSTEM,
    )
    return Side(
        agency,
        {
            "oit_evidence": oit_item.evidence.get(),
            "assessment": assessment,
            "analysis": analysis,
            "plan": plan,
            "measure": measure,
            "round": round_,
            "memo": memo,
            "document": document,
            "evidence": evidence,
        },
    )


@pytest.fixture
def world(criteria, django_user_model, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    khonkaen = Province.objects.get(name_th="ขอนแก่น")
    chonburi = Province.objects.get(name_th="ชลบุรี")
    a = build_side("ทดสอบเอ", khonkaen, django_user_model)
    b = build_side(MARKER, chonburi, django_user_model)
    users = {}
    for name, role, scope in [
        ("a_editor", "editor", {"agency": a.agency}),
        ("a_signer", "signer", {"agency": a.agency}),
        ("a_admin", "agency_admin", {"agency": a.agency}),
        ("khonkaen_viewer", "regional_viewer", {"province": khonkaen}),
        ("national", "national_admin", {}),
    ]:
        users[name] = django_user_model.objects.create_user(name, password="pass-12345-xyz")
        membership_grant(by=SYSTEM, user=users[name], role=role, **scope)
    users["nobody"] = django_user_model.objects.create_user("nobody", password="pass-12345-xyz")
    # a measure family anyone may be offered (suggestions:adopt drafts it into a plan)
    MeasureFamily.objects.create(
        key="isolation-family",
        name="เผยแพร่คู่มือการป้องกันการทุจริตบนเว็บไซต์",
        indicator_numbers=[10],
        examples=[{"title": "เผยแพร่คู่มือการป้องกันการทุจริตบนเว็บไซต์", "methods": ["ขั้นที่หนึ่ง"]}],
        computed_at=timezone.now(),
    )
    return {"A": a, "B": b, "users": users}
