"""The demo data: the five seed agencies, and everything their documents say. Safe to run again.

Each agency is created from its document's header (with the resolutions recorded in
``agencies.yaml``), then the document itself goes through the importer — so the demo shows
seed 003's 2566 assessment and analysis, and the measures plans, progress rounds and memo of
the other seeds, exactly as an officer's upload would. The importer recognises a file it has
seen (content hash), so running the demo again changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.contrib.auth import get_user_model
from django.db import transaction

from prongsai.access.actions import (
    ChainEntry,
    NewMember,
    chain_set,
    membership_add,
    membership_grant,
)
from prongsai.agencies.models import Agency, District, Province
from prongsai.assessments.models import Assessment
from prongsai.core.actions import SYSTEM
from prongsai.criteria.services import load_all
from prongsai.ingest.header import read_agency_header
from prongsai.ingest.importing import import_file
from prongsai.ingest.memo import read_signatures

HERE = Path(__file__).parent
SEEDS = HERE / "seeds"
DEMO_USER = ("demo", "prongsai-demo")


@dataclass
class DemoResult:
    agencies: list[Agency] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def load_demo(progress: Callable[[str], None] = lambda msg: None) -> DemoResult:
    load_all()
    result = DemoResult()
    entries = yaml.safe_load((HERE / "agencies.yaml").read_text(encoding="utf-8"))
    with transaction.atomic():
        for entry in entries:
            text = (SEEDS / entry["file"]).read_text(encoding="utf-8")
            agency = _agency_from(text, entry, result)
            progress(agency.name)
            if entry.get("signatures") and not agency.signatories.exists():
                # a demo decision, not the import's: the agency's chain in Prongsai is set to
                # the people who signed the paper memo (the import itself adds nobody)
                chain = [
                    ChainEntry(name=sig.name, position=sig.position, order=order)
                    for order, sig in enumerate(read_signatures(text), start=1)
                ]
                chain_set(agency.pk, chain, by=SYSTEM)
            outcome = import_file((SEEDS / entry["file"]).read_bytes(), entry["file"], by=SYSTEM)
            if outcome.saved and outcome.saved.assessment:
                result.assessments.append(outcome.saved.assessment)
            elif outcome.document.agency_id:
                result.assessments += list(outcome.document.agency.assessments.all())
        _demo_user()
    return result


def _agency_from(text: str, entry: dict, result: DemoResult) -> Agency:
    header = read_agency_header(text)
    resolve = entry.get("resolve", {})
    province_name = resolve.get("province", header.province)
    for warning in header.warnings:
        note = f" — แก้ไขแล้ว: {resolve['why']}" if resolve else ""
        result.warnings.append(f"{entry['file']}: {warning}{note}")
    province = Province.objects.get(name_th=province_name)
    district = None
    if header.district:
        district, _ = District.objects.get_or_create(province=province, name_th=header.district)
    agency, _ = Agency.objects.get_or_create(
        province=province,
        name=header.name,
        defaults={"kind": header.kind, "place_name": header.place_name, "district": district},
    )
    result.agencies.append(agency)
    return agency


# Users to try the roles with (password: the demo password): who, role, where.
DEMO_ROLES = [
    ("officer", "editor", "เทศบาลตำบลพนมทวน"),
    ("officer", "agency_admin", "เทศบาลตำบลพนมทวน"),
    ("analyst", "editor", "องค์การบริหารส่วนตำบลท่ากระเสริม"),
    ("mayor", "signer", "องค์การบริหารส่วนตำบลท่ากระเสริม"),
    ("kanchanaburi", "regional_viewer", "กาญจนบุรี"),
]


def _demo_user() -> None:
    from prongsai.access.models import Membership

    User = get_user_model()
    username, password = DEMO_USER
    if not User.objects.filter(username=username).exists():
        User.objects.create_superuser(username, "demo@example.invalid", password)
    for name, role, where in DEMO_ROLES:
        if role == "regional_viewer":
            scope = {"province": Province.objects.filter(name_th=where).first()}
        else:  # the seed agencies: absent when only the national data set is loaded
            scope = {"agency": Agency.objects.filter(name=where).first()}
        if None in scope.values():
            continue
        user = User.objects.filter(username=name).first()
        if user is None:
            user = User.objects.create_user(name, password=password)
        if Membership.objects.filter(user=user, role=role, **scope).exists():
            continue
        if "agency" in scope:
            membership_add(scope["agency"].pk, NewMember(name, role), by=SYSTEM)
        else:  # a regional viewer: no agency's team page grants it
            membership_grant(user=user, role=role, province=scope["province"], by=SYSTEM)
    # the first and the last of Tha Krasoem's chain sign as analyst and mayor
    agency = Agency.objects.filter(name="องค์การบริหารส่วนตำบลท่ากระเสริม").first()
    chain = list(agency.signatories.order_by("order", "pk")) if agency else []
    if chain and (chain[0].user_id is None or chain[-1].user_id is None):
        users = {0: "analyst", len(chain) - 1: "mayor"}
        entries = [
            ChainEntry(
                id=s.pk,
                name=s.name,
                position=s.position,
                order=s.order,
                active=s.active,
                user_id=s.user_id
                or (User.objects.get(username=users[n]).pk if n in users else None),
            )
            for n, s in enumerate(chain)
        ]
        chain_set(agency.pk, entries, by=SYSTEM)
