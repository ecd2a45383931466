from django.http import Http404
from django.shortcuts import render

from .models import Agency
from .selectors import agency_overview


def detail(request, pk: int):
    try:
        agency = agency_overview(pk)
    except Agency.DoesNotExist:
        raise Http404("ไม่พบหน่วยงานนี้") from None
    return render(request, "agencies/detail.html", {"agency": agency})
