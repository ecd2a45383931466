"""The OIT workspace pages (``/agencies/<id>/oit/<year>/``) and the public ITA pages
(``/p/<agency>/`` and ``/p/<agency>/<year>/ita/``). Views parse, call an action and show what
it refused next to the field; nothing here writes a model."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from prongsai.access import scope
from prongsai.access.scope import agency_or_404
from prongsai.agencies.models import Agency
from prongsai.core.errors import ActionError
from prongsai.core.files.evidence import CONTENT_TYPES, download_name

from . import actions
from .forms import ItemForm, SettingsForm
from .models import OitEvidence, OitItem, OitWorkspace
from .services import build, catalog_or_none


def _url(pk: int, year: int, code: str | None = None) -> str:
    url = reverse("oit:workspace", args=[pk, year])
    return f"{url}#item-{code}" if code else url


def _page(request, agency, year, *, bound=None, settings_form=None, status=200):
    catalog = catalog_or_none(year)
    if catalog is None or not catalog.oit_items():
        raise Http404(_("ยังไม่มีรายการ OIT ของปีงบประมาณ %(year)s ในระบบ") % {"year": year})
    workspace = OitWorkspace.objects.filter(agency=agency, fiscal_year=year).first()
    can_edit = scope.can(request.user, agency, "edit")
    can_admin = scope.can(request.user, agency, "admin")
    context = {
        "agency": agency,
        "year": year,
        "catalog": catalog,
        "workspace": workspace,
        "can_edit": can_edit,
        "can_admin": can_admin,
        "has_last_year": OitWorkspace.objects.filter(agency=agency, fiscal_year=year - 1).exists(),
    }
    if workspace is not None:
        groups, prediction = build(workspace, catalog)
        units = list(agency.units.all())
        for g in groups:
            for _code, _name, views in g.subs:
                for v in views:
                    if v.row is None:
                        continue
                    if bound is not None and bound.item.pk == v.row.pk:
                        v.form = bound
                    elif can_edit:
                        v.form = ItemForm(item=v.row, requirements=v.q.requirements, units=units)
        ready = sum(1 for g in groups for _c, _n, vs in g.subs for v in vs if v.ready)
        total = sum(len(vs) for g in groups for _c, _n, vs in g.subs)
        context.update(
            groups=groups,
            prediction=prediction,
            ready=ready,
            total=total,
            settings_form=settings_form
            or SettingsForm(
                initial={
                    "opens": workspace.opens,
                    "closes": workspace.closes,
                    "iit_estimate": workspace.iit_estimate,
                    "eit_estimate": workspace.eit_estimate,
                    "iit_url": workspace.iit_url,
                    "eit_url": workspace.eit_url,
                }
            ),
        )
    return render(request, "oit/workspace.html", context, status=status)


@login_required
@require_GET
def workspace(request, pk: int, year: int):
    agency = agency_or_404(request, pk)
    return _page(request, agency, year)


def _refused(request, error: ActionError, pk, year, code=None):
    messages.error(request, str(error))
    return redirect(_url(pk, year, code))


@login_required
@require_POST
def start(request, pk: int, year: int):
    agency_or_404(request, pk, "edit")
    try:
        actions.oit_workspace_open(pk, year, by=request.user)
    except ActionError as error:
        return _refused(request, error, pk, year)
    return redirect(_url(pk, year))


@login_required
@require_POST
def copy(request, pk: int, year: int):
    agency_or_404(request, pk, "edit")
    try:
        result = actions.oit_copy_last_year(pk, year, by=request.user)
    except ActionError as error:
        return _refused(request, error, pk, year)
    messages.success(
        request,
        _("คัดลอกลิงก์และขั้นตอนของปี %(last)s มาแล้ว %(n)s รายการ (สถานะเริ่มใหม่ทุกรายการ)")
        % {"last": year - 1, "n": len(result.mapped)},
    )
    if result.kept:
        messages.info(
            request,
            _("รายการที่ปีนี้มีข้อมูลอยู่แล้วไม่ได้ถูกแทนที่: %(items)s") % {"items": ", ".join(result.kept)},
        )
    if result.unmapped:
        listed = ", ".join(f"{c} {t}" for c, t in result.unmapped)
        messages.warning(
            request,
            _("รายการของปี %(last)s ที่ไม่มีรายการตรงกันในปีนี้ (ไม่ได้คัดลอก): %(items)s")
            % {"last": year - 1, "items": listed},
        )
    return redirect(_url(pk, year))


@login_required
@require_POST
def item_save(request, pk: int, year: int, code: str):
    agency = agency_or_404(request, pk, "edit")
    item = get_object_or_404(
        OitItem.objects.prefetch_related("evidence"),
        workspace__agency=agency,
        workspace__fiscal_year=year,
        code=code,
    )
    catalog = catalog_or_none(year)
    q = next((q for q in catalog.oit_items() if q.code == code), None) if catalog else None
    form = ItemForm(
        request.POST,
        request.FILES,
        item=item,
        requirements=q.requirements if q else (),
        units=list(agency.units.all()),
    )
    if not form.is_valid():
        return _page(request, agency, year, bound=form, status=400)
    try:
        actions.oit_item_save(
            item.pk, form.to_input(), by=request.user, version=form.cleaned_data["version"]
        )
    except ActionError as error:
        field = {"links": "url0", "files": "file0"}.get(error.field, error.field)
        form.add_error(field if field in form.fields else None, str(error))
        return _page(request, agency, year, bound=form, status=error.status)
    messages.success(request, _("บันทึกรายการ %(code)s แล้ว") % {"code": code})
    return redirect(_url(pk, year, code))


@login_required
@require_POST
def item_check(request, pk: int, year: int, code: str):
    agency = agency_or_404(request, pk, "admin")
    item = get_object_or_404(
        OitItem, workspace__agency=agency, workspace__fiscal_year=year, code=code
    )
    try:
        actions.oit_item_check(item.pk, by=request.user)
    except ActionError as error:
        return _refused(request, error, pk, year, code)
    messages.success(request, _("ตรวจรายการ %(code)s แล้ว") % {"code": code})
    return redirect(_url(pk, year, code))


@login_required
@require_POST
def settings_save(request, pk: int, year: int):
    agency = agency_or_404(request, pk, "edit")
    ws = get_object_or_404(OitWorkspace, agency=agency, fiscal_year=year)
    form = SettingsForm(request.POST)
    if not form.is_valid():
        return _page(request, agency, year, settings_form=form, status=400)
    try:
        actions.oit_settings_save(ws.pk, form.to_input(), by=request.user)
    except ActionError as error:
        form.add_error(error.field if error.field in form.fields else None, str(error))
        return _page(request, agency, year, settings_form=form, status=error.status)
    messages.success(request, _("บันทึกการตั้งค่าแล้ว"))
    return redirect(_url(pk, year))


@login_required
@require_POST
def publish(request, pk: int, year: int):
    agency = agency_or_404(request, pk, "edit")
    ws = get_object_or_404(OitWorkspace, agency=agency, fiscal_year=year)
    try:
        actions.oit_publish(ws.pk, by=request.user)
    except ActionError as error:
        return _refused(request, error, pk, year)
    messages.success(request, _("เผยแพร่หน้า ITA ของปีนี้แล้ว"))
    return redirect(_url(pk, year))


def _file_response(e: OitEvidence):
    extension = "." + e.file.name.rsplit(".", 1)[-1].lower()
    try:
        handle = e.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("ไม่พบไฟล์นี้ในที่เก็บ")) from None
    return FileResponse(
        handle,
        as_attachment=extension not in (".pdf", ".png", ".jpg", ".gif"),
        filename=download_name(e.label or e.file_name, extension),
        content_type=CONTENT_TYPES.get(extension, "application/octet-stream"),
    )


@login_required
@require_GET
def evidence_file(request, pk: int, year: int, evidence_id: int):
    agency = agency_or_404(request, pk)
    e = get_object_or_404(
        OitEvidence.objects.exclude(file=""),
        pk=evidence_id,
        item__workspace__agency=agency,
        item__workspace__fiscal_year=year,
    )
    return _file_response(e)


# --- public pages ------------------------------------------------------------------------------


@login_not_required
@require_GET
def public_years(request, pk: int):
    from prongsai.documents.models import Publication

    agency = get_object_or_404(Agency.objects.select_related("district", "province"), pk=pk)
    ita = set(
        OitWorkspace.objects.filter(agency=agency, published_at__isnull=False).values_list(
            "fiscal_year", flat=True
        )
    )
    docs = set(Publication.objects.filter(agency=agency).values_list("fiscal_year", flat=True))
    years = [{"year": y, "ita": y in ita, "documents": y in docs} for y in sorted(ita | docs)]
    return render(request, "oit/public_years.html", {"agency": agency, "years": years[::-1]})


def _published(pk: int, year: int) -> OitWorkspace:
    return get_object_or_404(
        OitWorkspace.objects.select_related("agency__district", "agency__province"),
        agency_id=pk,
        fiscal_year=year,
        published_at__isnull=False,
    )


@login_not_required
@require_GET
def public_ita(request, pk: int, year: int):
    ws = _published(pk, year)
    context = {"agency": ws.agency, "year": year, "ws": ws, "content": ws.public_content}
    return render(request, "oit/public_ita.html", context)


@login_not_required
@require_GET
def public_ita_pdf(request, pk: int, year: int):
    from weasyprint import HTML

    from prongsai.documents.render import FONT_FILES

    ws = _published(pk, year)
    context = {"agency": ws.agency, "year": year, "ws": ws, "content": ws.public_content}
    context["fonts"] = FONT_FILES  # the documents' Thai font (Debian's Laksaman)
    html = render(request, "oit/public_ita_print.html", context).content.decode()
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="ita-{year}-agency{pk}.pdf"'
    return response


@login_not_required
@require_GET
def public_file(request, pk: int, year: int, evidence_id: int):
    ws = _published(pk, year)
    published = {
        link.get("file")
        for ind in ws.public_content.get("indicators", [])
        for sub in ind["subs"]
        for item in sub["items"]
        for link in item["links"]
    }
    if evidence_id not in published:
        raise Http404(_("ไม่มีไฟล์นี้ในหน้าที่เผยแพร่"))
    e = get_object_or_404(OitEvidence.objects.exclude(file=""), pk=evidence_id)
    return _file_response(e)
