"""Document pages in the app (look, download, publish) and the public pages of what is published."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.access.scope import agency_or_404, object_or_404
from prongsai.agencies.models import Agency
from prongsai.core.errors import ActionError, NotApproved

from .actions import NothingChanged, document_publish
from .builders import KINDS, ROUND_KINDS, DocumentError, build
from .models import Publication, parse_slug
from .output import FORMATS, filename
from .output import render as render_format
from .render import render_body
from .services import memo_document


def _options(request) -> tuple[str | None, str]:
    round_ = request.GET.get("round") or request.POST.get("round") or None
    digits = request.GET.get("digits") or request.POST.get("digits") or "thai"
    if digits not in ("thai", "arabic"):
        raise Http404("ตัวเลขต้องเป็น thai หรือ arabic")
    return round_, digits


def _file(data: bytes, fmt: str, name: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(data, content_type=FORMATS[fmt])
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response


def _page_url(kind: str, agency_id: int, year: int, round_: str | None) -> str:
    url = reverse("documents:page", args=[agency_id, year, kind])
    return f"{url}?round={round_}" if round_ else url


@login_required
def document_page(request, pk: int, year: int, kind: str):
    agency = agency_or_404(request, pk, "view")
    if kind not in KINDS:
        raise Http404("ไม่มีเอกสารชนิดนี้")
    round_, digits = _options(request)
    return _page(request, agency, year, kind, round_, digits)


def _page(request, agency, year, kind, round_, digits, *, refusal=None, status=200):
    """The document page; ``refusal`` (a publish refused) is shown on top with its 4xx."""
    try:
        document = build(kind, agency, year, round_, digits)
    except DocumentError as exc:
        return render(
            request,
            "documents/page.html",
            {
                "agency": agency,
                "year": year,
                "kind": kind,
                "label": _(KINDS[kind]),
                "error": exc.message_th,
            },
            status=404,
        )
    versions = Publication.objects.filter(
        agency=agency, fiscal_year=year, kind=kind, round=document["round"] or ""
    ).defer("pdf", "docx", "xlsx", "html", "content")
    context = {
        "agency": agency,
        "year": year,
        "kind": kind,
        "label": _(KINDS[kind]),
        "document": document,
        "body": render_body(document),
        "digits": digits,
        "round": document["round"],
        "rounds": ROUND_KINDS,
        "versions": versions.order_by("-version"),
        "refusal": refusal,
    }
    return render(request, "documents/page.html", context, status=status)


@login_required
def download(request, pk: int, year: int, kind: str, fmt: str):
    agency = agency_or_404(request, pk, "view")
    round_, digits = _options(request)
    try:
        document = build(kind, agency, year, round_, digits)
    except DocumentError as exc:
        raise Http404(exc.message_th) from exc
    return _file(render_format(document, fmt), fmt, filename(document, fmt))


def _publish(request, kind, agency, year, round_, digits):
    """Publish; the publication, or the refusal (an :class:`ActionError`) when not allowed."""
    try:
        publication = document_publish(
            kind, agency.pk, year, round_, by=request.user, digits=digits
        )
    except DocumentError as exc:
        messages.error(request, exc.message_th)
        return None
    except NothingChanged as exc:
        messages.error(request, str(exc))
        return exc.publication
    except ActionError as exc:  # not approved (approved before published, on every door)
        return exc
    messages.success(
        request,
        _("เผยแพร่ “%(title)s” ฉบับที่ %(version)s แล้ว ที่ %(url)s (ลิงก์นี้ใช้อ้างอิงได้ตลอดไป)")
        % {
            "title": publication.title,
            "version": publication.version,
            "url": request.build_absolute_uri(reverse("public:list", args=[agency.pk, year])),
        },
    )
    return publication


@login_required
@require_POST
def publish(request, pk: int, year: int, kind: str):
    agency = agency_or_404(request, pk, "edit")
    if kind not in KINDS:
        raise Http404("ไม่มีเอกสารชนิดนี้")
    round_, digits = _options(request)
    done = _publish(request, kind, agency, year, round_, digits)
    if isinstance(done, ActionError):  # refused: the page again, the reason on top, a 4xx
        return _page(
            request, agency, year, kind, round_, digits, refusal=str(done), status=done.status
        )
    return redirect(_page_url(kind, pk, year, round_))


@login_required
@require_POST
def publish_memo(request, memo_id: int):
    """The publish button of an approved memo: publishes the document the memo carries."""
    from prongsai.measures.memo_views import memo_page
    from prongsai.measures.models import Memo
    from prongsai.measures.rules import still_as_approved

    memo = object_or_404(
        request,
        Memo.objects.select_related("agency", "round__plan", "plan", "analysis"),
        "edit",
        pk=memo_id,
    )
    refusal = None
    if memo.status != "approved" or not still_as_approved(memo):
        refusal = NotApproved(_("เผยแพร่ได้เฉพาะบันทึกข้อความที่ได้รับอนุมัติครบทุกลำดับแล้ว"))
    else:
        kind, agency, year, round_ = memo_document(memo)
        done = _publish(request, kind, agency, year, round_, "thai")
        refusal = done if isinstance(done, ActionError) else None
    if refusal is not None:  # the memo page again with the reason, and a 4xx
        messages.error(request, str(refusal))
        response = memo_page(request, memo_id=memo.pk)
        response.status_code = refusal.status
        return response
    return redirect("measures:memo", memo_id=memo.pk)


# --- Public pages: no login, published snapshots only --------------------------------------


def _published(pk: int, year: int):
    return Publication.objects.filter(agency_id=pk, fiscal_year=year).defer(
        "pdf", "docx", "xlsx", "html", "content"
    )


@login_not_required
def public_list(request, pk: int, year: int):
    agency = get_object_or_404(Agency.objects.select_related("district", "province"), pk=pk)
    publications = list(_published(pk, year).order_by("kind", "round", "-version"))
    groups: dict[str, list[Publication]] = {}
    for publication in publications:
        groups.setdefault(publication.slug, []).append(publication)
    return render(
        request,
        "documents/public_list.html",
        {"agency": agency, "year": year, "groups": list(groups.values())},
    )


def _version(pk: int, year: int, slug: str, version: int) -> Publication:
    parsed = parse_slug(slug)
    if parsed is None:
        raise Http404("ไม่มีเอกสารนี้")
    kind, round_ = parsed
    return get_object_or_404(
        Publication, agency_id=pk, fiscal_year=year, kind=kind, round=round_, version=version
    )


@login_not_required
def public_view(request, pk: int, year: int, slug: str, version: int):
    publication = _version(pk, year, slug, version)
    return HttpResponse(publication.html, content_type=FORMATS["html"])


@login_not_required
def public_file(request, pk: int, year: int, slug: str, version: int, fmt: str):
    if fmt not in ("pdf", "docx", "xlsx"):
        raise Http404("ไม่มีไฟล์รูปแบบนี้")
    publication = _version(pk, year, slug, version)
    name = f"{slug}-{year}-agency{pk}-v{version}.{fmt}"
    return _file(bytes(getattr(publication, fmt)), fmt, name, inline=fmt == "pdf")
