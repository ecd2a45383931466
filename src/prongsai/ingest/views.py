"""Upload a document, review what was read beside its text, and save it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from prongsai.access.scope import action_for, agencies_for, is_national
from prongsai.core.errors import ActionError
from prongsai.core.files.errors import IngestError
from prongsai.core.forms import active_lang
from prongsai.core.templatetags.thai import be_date
from prongsai.thai import format_date

from .batch import Source, archive_members, is_archive
from .forms import DocumentForm, MeasureFormSet, UploadForm
from .importing import stage
from .models import ImportedDocument, ImportedPage
from .saving import import_save


@login_required
@require_http_methods(["GET", "POST"])
def upload(request):
    """One file: read it and go to its review. Many files, or a ZIP: read each, list them."""
    form = UploadForm(request.POST or None, request.FILES or None)
    results: list[dict] = []
    if request.method == "POST" and form.is_valid():
        todo: list[Source] = []
        for item in form.cleaned_data["file"]:
            data = item.read()
            if is_archive(item.name, data):
                todo.extend(archive_members(item.name, data))
            else:
                todo.append(Source(item.name, data))
        results = [_stage_one(request, source) for source in todo]
        if len(results) == 1:
            only = results[0]
            if only["error"]:
                form.add_error("file", only["error"])
            else:
                if not only["created"]:
                    messages.info(
                        request,
                        _("ไฟล์นี้เคยนำเข้าแล้วเมื่อ %(when)s (ระบบตรวจจากเนื้อหาไฟล์) จะไม่มีการบันทึกซ้ำ")
                        % {"when": _when(only["document"].created_at)},
                    )
                return redirect("ingest:review", pk=only["document"].pk)
            results = []
    recent = _documents(request.user, "view").select_related("agency")[:20]
    return render(
        request, "ingest/upload.html", {"form": form, "recent": recent, "results": results}
    )


def _stage_one(request, source: Source) -> dict:
    """Read one file of an upload: the document staged, or the reason it was refused."""
    entry = {"name": source.name, "document": None, "created": False, "error": None}
    if source.error is not None or source.data is None:
        entry["error"] = source.error.message(active_lang()) if source.error else ""
        return entry
    try:
        document, created = stage(source.data, source.name, by=request.user)
    except IngestError as exc:
        entry["error"] = exc.message(active_lang())
        return entry
    result = document.result or {}
    entry |= {
        "document": document,
        "created": created,
        "reader": result.get("reader"),
        "unsure": len(result.get("low_confidence") or []),
        "warnings": len(result.get("warnings") or []),
    }
    return entry


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk: int):
    document = get_object_or_404(_documents(request.user, action_for(request.method)), pk=pk)
    result = document.result
    measures = result.get("measures") or []
    status = 200
    if request.method == "POST":
        form = DocumentForm(request.POST)
        formset = MeasureFormSet(request.POST, prefix="m")
        if form.is_valid() and formset.is_valid():
            data = _data(result, form, formset, measures)
            try:
                outcome = import_save(document.pk, data, by=request.user)
            except ActionError as exc:
                field = "question_scores" if exc.field == "question_scores" else None
                form.add_error(field, str(exc))
                status = 409 if exc.status == 409 else 200  # frozen or conflict: say so

            else:
                messages.success(
                    request,
                    _("บันทึกแล้ว: %(what)s")
                    % {"what": " · ".join(outcome.created + outcome.updated)},
                )
                return redirect("agencies:detail", pk=outcome.agency.pk)
    else:
        form = DocumentForm(initial=DocumentForm.initial_from(result))
        formset = MeasureFormSet(
            initial=[MeasureFormSet.form.initial_from(m) for m in measures], prefix="m"
        )
    confidence = result.get("confidence") or {}
    low = set(result.get("low_confidence") or [])
    for n, mform in enumerate(formset.forms):
        mform.unsure = [
            (_FIELD_NAMES.get(key.split(".")[-1], key), round(confidence[key]))
            for key in sorted(low)
            if key.startswith(f"measures.{n}.")
        ]
    return render(
        request,
        "ingest/review.html",
        {
            "document": document,
            "form": form,
            "formset": formset,
            "pages": list(document.pages.values_list("number", flat=True)),
            "read_by_ocr": result.get("reader") == "ocr",
            "unsure_header": [
                (_FIELD_NAMES[key], round(confidence[key]))
                for key in ("agency", "fiscal_year")
                if key in low
            ],
            "warnings": result.get("warnings") or [],
            "has_scores": bool(
                result.get("overall_score")
                or result.get("indicator_scores")
                or result.get("question_scores")
            ),
        },
        status=status,
    )


_FIELD_NAMES = {
    "agency": gettext_lazy("หน่วยงาน"),
    "fiscal_year": gettext_lazy("ปีงบประมาณ"),
    "title": gettext_lazy("ชื่อมาตรการ"),
    "methods": gettext_lazy("วิธีดำเนินการ"),
    "responsible": gettext_lazy("ผู้รับผิดชอบ"),
    "period": gettext_lazy("ระยะเวลา"),
    "result": gettext_lazy("ผลการดำเนินงาน"),
    "outcome": gettext_lazy("ผลลัพธ์"),
    "kpi": gettext_lazy("ตัวชี้วัด"),
}


@login_required
@require_http_methods(["GET"])
def page_image(request, pk: int, number: int):
    """A scanned page as the OCR read it, for the review page (the same access as the review)."""
    document = get_object_or_404(_documents(request.user, "view"), pk=pk)
    page = get_object_or_404(ImportedPage, document=document, number=number)
    response = HttpResponse(bytes(page.image), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response


def _documents(user, action: str):
    """The documents a user may see (or save): those they uploaded, and those already saved into
    an agency within their reach."""
    if is_national(user):
        return ImportedDocument.objects.all()
    return ImportedDocument.objects.filter(
        Q(uploaded_by=user) | Q(agency__in=agencies_for(user, action))
    )


def _message(exc) -> str:
    """An error's message in the active language, when it has an English one."""
    english = getattr(exc, "message_en", "")
    return english if english and active_lang() == "en" else exc.message_th


def _when(moment) -> str:
    local = timezone.localtime(moment)
    if active_lang() == "en":
        day = be_date(local.date(), "short")  # 1 Oct 2566
    else:
        day = format_date(local.date(), style="short", digits="arabic")  # 1 ต.ค. 66
    return _("%(date)s %(time)s น.") % {"date": day, "time": f"{local:%H:%M}"}


def _data(result: dict, form: DocumentForm, formset, originals: list[dict]) -> dict:
    d = form.cleaned_data
    measures = []
    for n, measure_form in enumerate(formset.forms):
        if measure_form.cleaned_data.get("DELETE") or not measure_form.cleaned_data:
            continue
        original = originals[n] if n < len(originals) else None
        measures.append(measure_form.as_json(original))
    return {
        **result,
        "kind": d["kind"],
        "agency": {
            "name": d["agency_name"].strip(),
            "kind": d["agency_kind"],
            "district": d["district"].strip() or None,
            "province": d["province"],
        },
        "fiscal_year": d["fiscal_year"],
        "round": d["round"] or None,
        "overall_score": _f(d["overall_score"]),
        "rating": d["rating"].strip() or None,
        "indicator_scores": {
            str(n): _f(d[f"indicator_{n}"])
            for n in range(1, 11)
            if d.get(f"indicator_{n}") is not None
        },
        "question_scores": {code: _f(v) for code, v in d["question_scores"].items()},
        "measures": measures,
    }


def _f(value):
    return None if value is None else float(value)
