from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from prongsai.core.cycle import next_step

from .models import Agency
from .selectors import agency_overview, cycle_of


def detail(request, pk: int):
    try:
        agency = agency_overview(pk)
    except Agency.DoesNotExist:
        raise Http404(_("ไม่พบหน่วยงานนี้")) from None
    return render(request, "agencies/detail.html", {"agency": agency})


def year(request, pk: int, year: int):
    agency = get_object_or_404(Agency.objects.select_related("province", "district"), pk=pk)
    if not 2500 <= year <= 2700:
        raise Http404(_("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2567"))
    steps, plan = cycle_of(agency, year)
    today = timezone.localdate()
    return render(
        request,
        "agencies/year.html",
        {
            "agency": agency,
            "year": year,
            "steps": [(s, s.overdue(today)) for s in steps],
            "next": next_step(steps),
            "plan": plan,
            "today": today,
        },
    )
