"""The history page of an object: who changed it, when, and which fields from what to what."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from .history import SUBJECTS, history, subject_object


@login_required
def history_page(request, kind: str, pk: int):
    obj = subject_object(request, kind, pk)
    context = {
        "object": obj,
        "kind": kind,
        "model_name": SUBJECTS[kind].model._meta.verbose_name,
        "entries": history(kind, pk),
        "back": request.GET.get("back", "") if _local(request.GET.get("back", "")) else "",
    }
    return render(request, "audit/history.html", context)


def _local(url: str) -> bool:
    """Only a path on this site may be the "back" link (no link to elsewhere: ``//x``, ``/\\x``
    and schemes are refused by Django's own check)."""
    return url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None)
