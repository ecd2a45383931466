"""The national setting page for the memos' ครุฑ (see :mod:`.emblem`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from prongsai.access.scope import is_national
from prongsai.core.errors import ActionError

from .emblem import MAX_BYTES, STORED, emblem_remove, emblem_set, emblem_stored


@login_required
@require_http_methods(["GET", "POST"])
def emblem_page(request):
    if not is_national(request.user):
        raise PermissionDenied(_("เฉพาะผู้ดูแลระดับประเทศเท่านั้นที่ตั้งภาพครุฑได้"))
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("action") == "remove":
                emblem_remove(by=request.user)
                messages.success(request, _("นำภาพครุฑออกแล้ว บันทึกข้อความจะเว้นที่ของครุฑไว้"))
            else:
                upload = request.FILES.get("emblem")
                data = upload.read(MAX_BYTES + 1) if upload else b""
                emblem_set(data, by=request.user)
                messages.success(request, _("ตั้งภาพครุฑแล้ว บันทึกข้อความทุกฉบับจะพิมพ์ภาพนี้"))
        except ActionError as exc:
            messages.error(request, str(exc))
            status = exc.status
        else:
            return redirect("documents:emblem")
    return render(request, "documents/emblem.html", {"stored": emblem_stored()}, status=status)


@login_required
def emblem_image(request):
    """The stored emblem, to show it on the setting page."""
    from django.core.files.storage import default_storage

    if not emblem_stored():
        raise Http404(_("ยังไม่มีภาพครุฑ"))
    return FileResponse(default_storage.open(STORED), content_type="image/png")
