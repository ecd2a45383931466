"""English as the second locale: Thai by default, English for a browser that asks for it or
for whoever picks it in the header's switcher; the English catalogue complete and compiled;
no untranslated Thai left in the templates that are translated."""

from __future__ import annotations

import re
import shutil
import subprocess
from gettext import GNUTranslations
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from prongsai.access.actions import membership_grant
from prongsai.core.actions import SYSTEM

PACKAGE = Path(settings.PACKAGE_DIR)
PO = PACKAGE / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
THAI = re.compile(r"[\u0e00-\u0e7f]")
EN = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}

# The templates whose every Thai text goes through {% translate %} / {% blocktranslate %}.
TRANSLATED_TEMPLATES = [
    "templates/base.html",
    "templates/partials/field.html",
    "templates/registration/login.html",
    "templates/403.html",
    "templates/404.html",
    "access/templates/access/team.html",
    *sorted(
        str(p.relative_to(PACKAGE))
        for p in (PACKAGE / "templates" / "registration").glob("password_reset_*")
    ),
    *sorted(
        str(p.relative_to(PACKAGE)) for p in (PACKAGE / "work" / "templates" / "work").rglob("*.*")
    ),
    *sorted(
        str(p.relative_to(PACKAGE))
        for p in (PACKAGE / "assessments" / "templates" / "assessments").glob("*.html")
    ),
    *sorted(
        str(p.relative_to(PACKAGE))
        for p in (PACKAGE / "ingest" / "templates" / "ingest").glob("*.html")
    ),
    "analysis/templates/analysis/page.html",
    "analysis/templates/analysis/constraints.html",
    "measures/templates/measures/plan.html",
    "measures/templates/measures/measure_form.html",
    "measures/templates/measures/round.html",
    "measures/templates/measures/memo.html",
    "templates/partials/memo_box.html",
    "measures/templates/measures/inbox.html",
    "documents/templates/documents/page.html",
    "documents/templates/documents/_downloads.html",
    "documents/templates/documents/_versions.html",
    "documents/templates/documents/_memo_publish.html",
    "documents/templates/documents/public_list.html",
    "audit/templates/audit/history.html",
    "templates/400.html",
    "templates/403_csrf.html",
    "templates/500.html",
    "templates/partials/view_only.html",
    *sorted(
        str(p.relative_to(PACKAGE))
        for p in (PACKAGE / "dashboards" / "templates" / "dashboards").glob("*.html")
    ),
]


def page(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def client(client, django_user_model):
    """Every page but the login page needs a login: these tests read them as a national admin
    (what each role may see is tested in tests/access)."""
    client.force_login(django_user_model.objects.create_superuser("reader", password="pw-rd-1"))
    return client


@pytest.fixture
def officer(client, demo):
    return client


@pytest.fixture
def assessment(demo):
    from prongsai.assessments.models import Assessment

    return Assessment.objects.select_related("agency").order_by("fiscal_year").first()


# -- which language a request gets ------------------------------------------------------------


@pytest.mark.django_db
def test_thai_without_a_preference_and_for_a_thai_browser(client, demo):
    for headers in ({}, {"HTTP_ACCEPT_LANGUAGE": "th-TH,th;q=0.9,en;q=0.8"}):
        html = page(client, "/", **headers)
        assert '<html lang="th">' in html
        assert "หน่วยงานและผลการประเมิน ITA" in html
        assert "Agencies and their ITA results" not in html


@pytest.mark.django_db
def test_a_browser_asking_for_another_language_gets_thai(client, demo):
    html = page(client, "/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9,de;q=0.8")
    assert '<html lang="th">' in html


@pytest.mark.django_db
def test_home_in_english(client, demo):
    html = page(client, "/", **EN)
    assert '<html lang="en">' in html
    for text in ["Agencies and their ITA results", "District / province", "Measures plan"]:
        assert text in html
    assert "open-source software for the Integrity and Transparency Assessment" in html
    for thai in ["หน่วยงานและผลการประเมิน ITA", "แผนมาตรการ", "ซอฟต์แวร์โอเพนซอร์ส", "นำเข้าเอกสาร"]:
        assert thai not in html
    assert "80.42" in html  # the data stay as they are


@pytest.mark.django_db
def test_agency_page_in_english(client, assessment):
    html = page(client, reverse("agencies:detail", args=[assessment.agency.pk]), **EN)
    for text in ["ITA results", "Enter results", "Edit scores", "Indicator", "Score"]:
        assert text in html
    assert f"Fiscal year {assessment.fiscal_year}:" in html
    assert "Measures to promote integrity and transparency" in html
    for thai in ["มาตรการส่งเสริมคุณธรรมและความโปร่งใส", "บันทึกผลการประเมิน", "แก้ไขคะแนน"]:
        assert thai not in html


@pytest.mark.django_db
def test_year_page_in_english_with_english_months_and_buddhist_era_years(client, assessment):
    year = 2568
    html = page(client, reverse("agencies:year", args=[assessment.agency.pk, year]), **EN)
    assert f"Fiscal year {year}" in html
    assert "6-month progress report (Oct–Mar)" in html
    assert "12-month progress report (Oct–Sep)" in html
    assert "due 30 Apr 2568" in html  # the 6-month report: English month, BE year
    assert "due 31 Oct 2568" in html
    assert "not NACC announcements" in html
    for thai in ["รายงานผลรอบ", "กำหนด", "เม.ย.", "ยังไม่ได้ทำ", "ปีงบประมาณ"]:
        assert thai not in html


@pytest.mark.django_db
def test_year_page_keeps_thai_dates_in_thai(client, assessment):
    html = page(client, reverse("agencies:year", args=[assessment.agency.pk, 2568]))
    assert "กำหนด ๓๐ เม.ย. ๖๘" in html
    assert "รายงานผลรอบ ๖ เดือน (ต.ค.–มี.ค.)" in html


@pytest.mark.django_db
def test_results_entry_page_in_english(officer, assessment):
    url = reverse("assessments:entry", args=[assessment.agency.pk, assessment.fiscal_year])
    html = page(officer, url, **EN)
    assert f"ITA results, fiscal year {assessment.fiscal_year}" in html
    for text in ["Save results", "Computed results", "Paste the IIT scores from Excel"]:
        assert text in html
    assert "Announced overall score" in html
    for thai in ["บันทึกผลการประเมิน", "ผลที่คำนวณได้", "วางคะแนน", "ตามประกาศ", "ยังไม่บันทึก"]:
        assert thai not in html


@pytest.mark.django_db
def test_results_entry_messages_in_english(officer, assessment):
    url = reverse("assessments:entry", args=[assessment.agency.pk, assessment.fiscal_year])
    html = officer.post(url, {"q_i1": "120", "stated_overall": "abc"}, **EN).content.decode()
    assert "A score cannot be above 100" in html
    assert "Enter a number, e.g. 87.19" in html
    assert "Not saved yet" in html
    assert "คะแนนต้องไม่เกิน 100" not in html


@pytest.mark.django_db
def test_import_page_in_english(officer):
    html = page(officer, reverse("ingest:upload"), **EN)
    for text in ["Import existing ITA documents", "Document file", "Read the document"]:
        assert text in html
    for thai in ["นำเข้าเอกสาร ITA เดิม", "ไฟล์เอกสาร", "อ่านเอกสาร"]:
        assert thai not in html


@pytest.mark.django_db
def test_login_page_in_english(client):
    html = page(client, reverse("login"), **EN)
    for text in ["Log in", "User name", "Password"]:
        assert text in html
    for thai in ["เข้าสู่ระบบ", "ชื่อผู้ใช้", "รหัสผ่าน"]:
        assert thai not in html


# -- the cycle pages: analysis, plan, measure, round, memo, team ------------------------------


@pytest.fixture
def phanom(demo):
    """Seed 003's agency with its 2566 results and no analysis or plan yet."""
    from prongsai.agencies.models import Agency
    from prongsai.measures.models import MeasurePlan

    agency = Agency.objects.get(name="เทศบาลตำบลพนมทวน")
    from tests.acting import acting
    from tests.conftest import drop_analyses

    drop_analyses(agency)
    with acting():
        MeasurePlan.objects.filter(agency=agency).delete()
    return agency


@pytest.fixture
def drafted_plan(phanom):
    from prongsai.analysis.services import create_analysis
    from prongsai.assessments.models import Assessment
    from prongsai.core.actions import SYSTEM
    from prongsai.measures.actions import plan_from_analysis

    analysis = create_analysis(Assessment.objects.get(agency=phanom, fiscal_year=2566))
    return plan_from_analysis(analysis.pk, by=SYSTEM)


@pytest.mark.django_db
def test_analysis_page_in_english(client, phanom):
    url = reverse("analysis:page", args=[phanom.pk, 2566])
    html = page(client, url, **EN)
    assert "Analysis of the 2566 ITA results" in html
    assert "The 2566 results are in (overall score" in html
    assert "Draft the analysis" in html
    assert "ร่างการวิเคราะห์" not in html

    response = client.post(url, **EN, follow=True)
    html = response.content.decode()
    assert "The analysis is drafted from the scores" in html
    for text in ["Questions and scores", "Verdict", "Narrative analysis", "Status:"]:
        assert text in html
    assert "Cover title and the agency's constraints (part 3)" in html
    assert "Draft a memo to send the analysis" in html
    assert 'aria-label="Recommendation, OIT, issue 3"' in html
    for thai in ["ข้อคำถามและคะแนน", "ร่างบันทึกข้อความ", "วิเคราะห์บรรยาย", "สถานะ:", "ประเด็นที่"]:
        assert thai not in html
    assert 'class="chip weak">o1 0' in html  # the scores, as they are


@pytest.mark.django_db
def test_analysis_page_keeps_thai_in_thai(client, phanom):
    url = reverse("analysis:page", args=[phanom.pk, 2566])
    client.post(url)
    html = page(client, url)
    assert "วิเคราะห์ผลการประเมิน ITA ปี 2566" in html
    assert "ร่างบันทึกข้อความเพื่อเสนอการวิเคราะห์" in html
    assert 'aria-label="ข้อเสนอแนะ OIT ประเด็นที่ 3"' in html


@pytest.mark.django_db
def test_plan_page_in_english(client, phanom, drafted_plan):
    html = page(client, reverse("measures:plan", args=[phanom.pk, 2567]), **EN)
    assert "Measures to promote integrity and transparency, fiscal year 2567" in html
    assert f"{drafted_plan.measures.count()} measures" in html
    for text in ["Status:", "Add a measure", "Methods", "Responsible", "KPI", "Edit"]:
        assert text in html
    assert 'title="Move down"' in html
    assert "Draft a memo to send the measures plan" in html
    for thai in ["แผนมาตรการส่งเสริม", "เพิ่มมาตรการ", "เลื่อนลง", "ผู้รับผิดชอบ", "ร่างบันทึกข้อความ"]:
        assert thai not in html


@pytest.mark.django_db
def test_empty_plan_page_in_english(client, phanom):
    html = page(client, reverse("measures:plan", args=[phanom.pk, 2567]), **EN)
    assert "There is no measures plan for this year yet. Choose how to start:" in html
    assert "Start an empty plan" in html
    assert "There is no analysis of the 2566 results yet" in html
    assert "เริ่มแผนว่าง" not in html


@pytest.mark.django_db
def test_measure_form_and_its_messages_in_english(client, phanom, drafted_plan):
    url = reverse("measures:measure_new", args=[phanom.pk, 2567])
    html = page(client, url, **EN)
    assert "Add a measure" in html
    assert "What this measure addresses (in the 2566 results)" in html
    assert "One step per line; the system numbers them" in html
    assert "Cancel" in html
    for thai in ["เพิ่มมาตรการ", "บรรทัดละหนึ่งขั้นตอน", "มาตรการนี้แก้ไขอะไร", "ยกเลิก"]:
        assert thai not in html
    data = {
        "title": "ทดสอบ",
        "period_start": "1/10/2566",
        "period_end": "1/9/2566",
        "issue_numbers_text": "1, x",
        "question_codes_text": "o99",
    }
    html = client.post(url, data, **EN).content.decode()
    assert "The end date cannot be before the start date" in html
    assert "Issues are numbers, e.g. 1, 3 (could not read: x)" in html
    assert "There is no question o99 in the 2566 criteria" in html
    assert "วันสิ้นสุดต้องไม่อยู่ก่อนวันเริ่ม" not in html
    assert "ทดสอบ" in html  # nothing typed is lost


@pytest.mark.django_db
def test_round_page_in_english(client, demo):
    from prongsai.core.actions import SYSTEM
    from prongsai.measures.actions import round_start
    from prongsai.measures.models import MeasurePlan

    plan = MeasurePlan.objects.get(agency__name="องค์การบริหารส่วนตำบลปากช่อง", fiscal_year=2567)
    url = reverse("measures:round", args=[plan.agency.pk, 2567, "6m"])
    html = page(client, url, **EN)
    assert "The 6-month round report is not started yet" in html
    assert "Start the 6-month round report" in html
    round_start(plan.pk, "6m", by=SYSTEM)
    html = page(client, url, **EN)
    assert "Progress report on the measures, 6-month round, fiscal year 2567" in html
    for text in ["Percent of target", "Save and submit the report", "— choose a status —"]:
        assert text in html
    assert "Measures still to fill in:" in html
    for thai in ["รายงานผลการดำเนินการ", "ร้อยละของเป้าหมาย", "รอบ ๖ เดือน", "เลือกสถานะ", "บันทึก"]:
        assert thai not in html
    for thai in ["รายงานผล", "รายงานแยกตามเครื่องมือการประเมิน", "ดูและเผยแพร่", "ดาวน์โหลด"]:
        assert thai not in html  # the documents' links
    assert "View and publish" in html and "Download PDF" in html


@pytest.mark.django_db
def test_document_page_in_english_with_the_document_in_thai(client, demo):
    from prongsai.agencies.models import Agency

    agency = Agency.objects.get(name="เทศบาลตำบลพนมทวน")
    url = reverse("documents:page", args=[agency.pk, 2566, "analysis"])
    html = page(client, url, **EN)
    chrome, document = html.split('<div class="doc-view">')
    for text in ["ITA results analysis report", "Publishing", "Not published yet", "Thai digits"]:
        assert text in chrome
    for thai in ["การเผยแพร่", "ยังไม่เคยเผยแพร่", "เลขไทย", "ดาวน์โหลด:"]:
        assert thai not in chrome
    assert "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส" in document  # stays Thai
    thai = page(client, url)
    assert "การเผยแพร่" in thai and "ยังไม่เคยเผยแพร่" in thai


@pytest.mark.django_db
def test_round_page_keeps_thai_in_thai(client, demo):
    from prongsai.measures.models import MeasurePlan

    plan = MeasurePlan.objects.get(agency__name="องค์การบริหารส่วนตำบลปากช่อง", fiscal_year=2567)
    html = page(client, reverse("measures:round", args=[plan.agency.pk, 2567, "12m"]))
    assert "รายงานผลการดำเนินการตามมาตรการ รอบ ๑๒ เดือน ปีงบประมาณ 2567" in html
    assert "รายงานผลรอบ ๑๒ เดือน ปี 2567" in html  # the title


@pytest.fixture
def memo(demo):
    """Seed 000's agency, its filled 12-month round of 2565 and the memo drafted from it."""
    from prongsai.core.actions import SYSTEM
    from prongsai.measures.actions import memo_draft, round_start
    from prongsai.measures.models import MeasurePlan

    plan = MeasurePlan.objects.get(agency__name="องค์การบริหารส่วนตำบลท่ากระเสริม", fiscal_year=2565)
    round_ = round_start(plan.pk, "12m", by=SYSTEM)
    round_.progress.update(status="done", result="ดำเนินการแล้ว")
    return memo_draft("round", round_.pk, by=SYSTEM)


@pytest.mark.django_db
def test_memo_page_in_english_with_the_memo_in_thai(client, memo):
    url = reverse("measures:memo", args=[memo.pk])
    html = page(client, url, **EN)
    for text in ["Save memo", "Send", "Sign-off chain", "12-month round report"]:
        assert text in html
    assert "บันทึกข้อความ" not in html.replace(memo.subject, "")  # only in the memo's own text
    assert "ตามที่ องค์การบริหารส่วนตำบลท่ากระเสริม" in html  # the paragraphs stay Thai

    form = client.get(url).context["form"]  # "Send" sends the text on the page with it
    text = {f.html_name: "" if f.value() is None else str(f.value()) for f in form}
    text["date"] = "1/10/2567"
    html = client.post(url, {**text, "action": "send"}, follow=True, **EN).content.decode()
    assert "Memo sent; it now waits for the signers in order" in html
    for text in ["Issuing unit", "Reference no.", "Background", "Facts", "Consideration"]:
        assert text in html
    assert "Approve" in html and "Return for changes (give the reason)" in html
    assert "History" in html and "Sent up" in html
    assert "บัดนี้ องค์การบริหารส่วนตำบลท่ากระเสริม" in html
    for thai in ["เรื่องเดิม", "ข้อเท็จจริง", "ข้อพิจารณา", "สายการลงนาม", "ประวัติ", "น.</"]:
        assert thai not in html

    html = client.post(url, {"action": "returned"}, follow=True, **EN).content.decode()
    assert "Returning a memo for changes needs a reason" in html
    assert "การส่งกลับแก้ไขต้องระบุเหตุผล" not in html


@pytest.mark.django_db
def test_inbox_in_english(client, memo):
    html = page(client, reverse("measures:inbox"), **EN)
    assert "Memos awaiting a decision" in html
    assert "Nothing is awaiting a decision" in html  # the memo is not sent yet
    assert "ไม่มีเรื่องรอการพิจารณา" not in html


@pytest.mark.django_db
def test_team_page_and_its_messages_in_english(client, assessment):
    url = reverse("access:team", args=[assessment.agency.pk])
    html = page(client, url, **EN)
    for text in ["Users, units and sign-off chain", "The agency's users", "Add user", "Add unit"]:
        assert text in html
    assert "Initial password (new users only)" in html
    assert "Save the sign-off chain" in html and "Still in office" in html
    for thai in ["ผู้ใช้ของหน่วยงาน", "เพิ่มผู้ใช้", "บันทึกสายการลงนาม", "รหัสผ่านเริ่มต้น"]:
        assert thai not in html
    data = {"action": "add_member", "username": "nobody-yet", "role": "editor"}
    html = client.post(url, data, **EN).content.decode()
    assert "There is no user “nobody-yet” yet" in html


@pytest.mark.django_db
def test_403_and_404_in_english(client, assessment, django_user_model):
    from django.test import Client

    html = client.get("/agencies/987654/", **EN).content.decode()
    assert "Page not found" in html and "ไม่พบหน้านี้" not in html
    editor = django_user_model.objects.create_user("editor-en", password="pw-ed-1")
    membership_grant(by=SYSTEM, user=editor, role="editor", agency=assessment.agency)
    other = Client()
    other.force_login(editor)
    response = other.get(reverse("access:team", args=[assessment.agency.pk]), **EN)
    assert response.status_code == 403
    html = response.content.decode()
    assert "You may not do this" in html
    assert "Only an agency admin can manage the users, units and sign-off chain" in html
    assert "ไม่มีสิทธิ์" not in html
    thai = other.get(reverse("access:team", args=[assessment.agency.pk])).content.decode()
    assert "เฉพาะผู้ดูแลหน่วยงานเท่านั้นที่จัดการผู้ใช้ ส่วนราชการ และสายการลงนามได้" in thai


# -- the switcher ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_header_has_the_language_switcher(client):
    html = page(client, "/")
    assert f'action="{reverse("set_language")}"' in html
    assert 'name="language" value="th" lang="th" aria-current="true">ไทย</button>' in html
    assert 'name="language" value="en" lang="en">English</button>' in html


@pytest.mark.django_db
def test_switcher_sets_the_language_and_the_next_page_follows_it(client, demo):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/import/"})
    assert response.status_code == 302 and response["Location"] == "/import/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = page(client, "/")  # no Accept-Language: the cookie decides
    assert '<html lang="en">' in html and "Agencies and their ITA results" in html

    client.post(reverse("set_language"), {"language": "th", "next": "/"})
    html = page(client, "/", **EN)  # the choice wins over the browser's preference
    assert '<html lang="th">' in html and "หน่วยงานและผลการประเมิน ITA" in html


# -- the catalogue -----------------------------------------------------------------------------


def _po_entries(text: str) -> list[dict]:
    """Entries of a .po file written with --no-wrap: msgctxt, msgid, msgid_plural, msgstr[n]
    (a text with a line break continues on the next lines, each a quoted string)."""
    entries = []
    for block in text.split("\n\n"):
        entry: dict = {}
        key = ""
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            if line.startswith('"'):
                entry[key] += line[1:-1].replace('\\"', '"').replace("\\\\", "\\")
                continue
            key, _, value = line.partition(" ")
            entry[key] = value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        if "msgid" in entry:
            entries.append(entry)
    return entries


def test_every_msgid_has_an_english_translation():
    entries = [e for e in _po_entries(PO.read_text(encoding="utf-8")) if e["msgid"]]
    assert len(entries) > 300
    untranslated = [
        e["msgid"]
        for e in entries
        if not all(v.strip() for k, v in e.items() if k.startswith("msgstr"))
    ]
    assert untranslated == []
    assert not any(
        "#, fuzzy" in block for block in PO.read_text(encoding="utf-8").split("\n\n")[1:]
    )
    copied = [
        e["msgid"]
        for e in entries
        if e.get("msgstr") == e["msgid"] and any("\u0e00" <= c <= "\u0e7f" for c in e["msgid"])
    ]
    assert copied == []  # the Thai text copied over is not a translation


def _catalogue(mo: Path) -> dict:
    with mo.open("rb") as f:
        catalogue = dict(GNUTranslations(f)._catalog)
    catalogue.pop("", None)  # the header (creation dates)
    return catalogue


def test_compiled_catalogue_is_current(tmp_path):
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "install gettext (scripts/setup.sh does) to check the English catalogue"
    fresh = tmp_path / "django.mo"
    subprocess.run([msgfmt, "--check", "-o", str(fresh), str(PO)], check=True)
    assert MO.exists(), "run `uv run prongsai compilemessages` (see docs/README.md)"
    assert _catalogue(MO) == _catalogue(fresh), (
        "locale/en/LC_MESSAGES/django.mo is older than django.po: "
        "run `cd src/prongsai && uv run prongsai compilemessages -l en`"
    )


# -- no untranslated Thai in the translated templates ------------------------------------------

_BLOCK = re.compile(r"{%\s*blocktrans(?:late)?\b.*?{%\s*endblocktrans(?:late)?\s*%}", re.S)
_TAG = re.compile(r"{%.*?%}", re.S)
_VAR = re.compile(r"{{.*?}}", re.S)
_COMMENT = re.compile(r"{#.*?#}", re.S)


def untranslated_thai(source: str) -> list[str]:
    """The Thai texts of a template source that are outside {% translate %} and
    {% blocktranslate %} (tags, variables and comments removed)."""
    text = _COMMENT.sub(" ", source)
    text = _BLOCK.sub(" ", text)
    text = _TAG.sub(" ", text)
    text = _VAR.sub(" ", text)
    return [line.strip() for line in text.splitlines() if THAI.search(line)]


def test_untranslated_thai_is_found():
    assert untranslated_thai('<p>{% translate "หน่วยงาน" %} ปีงบประมาณ {{ year }}</p>') == [
        "<p>  ปีงบประมาณ  </p>"
    ]
    assert untranslated_thai("{% blocktranslate %}ปี {{ year }}{% endblocktranslate %}") == []


@pytest.mark.parametrize("name", TRANSLATED_TEMPLATES)
def test_translated_templates_have_no_untranslated_thai(name):
    assert untranslated_thai((PACKAGE / name).read_text(encoding="utf-8")) == []


# -- no untranslated Thai in the Python modules behind those pages ------------------------------

TRANSLATED_MODULES = [
    "core/forms.py",
    "core/cycle.py",
    "work/views.py",
    "work/selectors.py",
    "work/notify.py",
    "work/reminders.py",
    "work/models.py",
    "assessments/views.py",
    "assessments/forms.py",
    "ingest/views.py",
    "ingest/forms.py",
    "analysis/views.py",
    "analysis/forms.py",
    "measures/views.py",
    "measures/memo_views.py",
    "measures/forms.py",
    "measures/targets.py",
    "access/views.py",
    "access/forms.py",
    "access/actions.py",
    "assessments/actions.py",
    "analysis/actions.py",
    "access/scope.py",
]
GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}


def thai_outside_gettext(source: str) -> list[tuple[int, str]]:
    """Thai string literals that are neither a gettext call's argument, nor a docstring, nor a
    pattern read from documents (``re.*(...)``, ``str.maketrans(...)``)."""
    import ast

    tree = ast.parse(source)
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = getattr(func, "id", None) or getattr(func, "attr", None)
            is_re = isinstance(func, ast.Attribute) and getattr(func.value, "id", "") == "re"
            if name in GETTEXT or name == "maketrans" or is_re:
                allowed |= {id(n) for arg in node.args for n in ast.walk(arg)}
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            allowed.add(id(body[0].value))  # a docstring
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and THAI.search(node.value)
        and id(node) not in allowed
    ]


def test_thai_outside_gettext_is_found():
    source = 'x = _("ปี %(y)s") % {"y": 1}\ny = f"ปี {x}"\nz = re.compile(r"ข้อ")\n'
    assert thai_outside_gettext(source) == [(2, "ปี ")]


@pytest.mark.parametrize("name", TRANSLATED_MODULES)
def test_translated_modules_have_no_thai_outside_gettext(name):
    assert thai_outside_gettext((PACKAGE / name).read_text(encoding="utf-8")) == []


# -- dashboards, public pages, history and the rating badges in English (issue 11) -----------


@pytest.mark.django_db
def test_dashboards_in_english(client, assessment):
    from prongsai.dashboards.summaries import refresh

    refresh()
    html = page(client, reverse("dashboards:nation"), **EN)
    for text in ["The whole country", "ITA results, fiscal year", "Agency ranking", "Sort by"]:
        assert text in html
    for thai in ["ภาพรวมทั้งประเทศ", "อันดับหน่วยงาน", "เรียงตาม", "คะแนนเฉลี่ย", "ส่งออก"]:
        assert thai not in html
    assert "ภาพรวมทั้งประเทศ" in page(client, reverse("dashboards:nation"))  # Thai stays Thai
    html = page(client, reverse("dashboards:agency", args=[assessment.agency.pk]), **EN)
    for text in ["Overall score by year", "Score by tool", "dashboard"]:
        assert text in html
    for thai in ["คะแนนรวมรายปี", "คะแนนรายเครื่องมือ", "เกณฑ์ผ่านของปีนี้"]:
        assert thai not in html


@pytest.mark.django_db
def test_public_list_and_history_in_english(client, assessment):
    from django.test import Client

    agency = assessment.agency
    html = page(Client(), reverse("public:list", args=[agency.pk, 2566]), **EN)
    assert "Each version's link never changes" in html
    assert "ลิงก์ของแต่ละฉบับ" not in html
    html = page(client, reverse("audit:history", args=["assessment", assessment.pk]), **EN)
    assert "History of changes" in html
    assert "ประวัติการแก้ไข" not in html


@pytest.mark.django_db
def test_rating_badges_in_english(client, assessment):
    from prongsai.criteria.models import RatingRule

    rule = RatingRule.objects.filter(label=assessment.rating).exclude(label_en="").first()
    assert rule is not None and rule.label != rule.label_en, "a Thai rating label to translate"
    html = page(client, reverse("agencies:detail", args=[assessment.agency.pk]), **EN)
    assert f">{rule.label_en}<" in html and f">{rule.label}<" not in html
    html = page(client, reverse("agencies:detail", args=[assessment.agency.pk]))
    assert f">{rule.label}<" in html
