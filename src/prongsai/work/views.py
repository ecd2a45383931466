"""The pages above every stage: home, an agency, a year of its cycle, my work, notifications."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.access.scope import agencies_for, agency_or_404, can, is_national
from prongsai.agencies.models import Agency
from prongsai.core.cycle import next_step

from .forms import PreferenceForm
from .models import Notification, Preference
from .selectors import (
    STEP_PAGES,
    agencies_with_assessments,
    agency_overview,
    cycle_of,
    cycle_years,
    my_work,
    my_work_count,
    returns_of_year,
    step_url,
)


def home(request):
    agencies = agencies_with_assessments().filter(pk__in=agencies_for(request.user))
    return render(
        request, "work/home.html", {"agencies": agencies, "national": is_national(request.user)}
    )


def floor(request):
    """The site frame and nothing else, for a signed-in user: what every page costs before its
    own content (the session, the user, the header's counts, the template). ``bench.dashboards``
    reports each dashboard's latency as a ratio to it."""
    return render(request, "work/floor.html")


def agency(request, pk: int):
    try:
        agency = agency_overview(pk, within=agencies_for(request.user))
    except Agency.DoesNotExist:
        raise Http404(_("ไม่พบหน่วยงานนี้")) from None
    return render(
        request,
        "work/agency.html",
        {
            "agency": agency,
            "can_admin": can(request.user, agency, "admin"),
            "years": cycle_years(agency, today()),
        },
    )


def year(request, pk: int, year: int):
    agency = agency_or_404(request, pk)
    if not 2500 <= year <= 2700:
        raise Http404(_("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2567"))
    steps, plan = cycle_of(agency, year)
    now = today()
    nxt = next_step(steps)
    return render(
        request,
        "work/year.html",
        {
            "agency": agency,
            "year": year,
            "steps": [(s, s.overdue(now), step_url(agency.pk, year, s.key)) for s in steps],
            "next": nxt,
            "next_url": step_url(agency.pk, year, nxt.key) if nxt else "",
            "plan": plan,
            "today": now,
            "returns": returns_of_year(agency, year),
        },
    )


def today():
    return timezone.localdate()


def mine(request):
    """งานของฉัน: what waits for my decision, what came back to me, what is due."""
    now = today()
    return render(request, "work/mine.html", {"work": my_work(request.user, now), "today": now})


def count(request):
    """The header's count (fetched by the header after the page: no query on every page)."""
    n = my_work_count(request.user, today())
    unread = Notification.objects.filter(user=request.user, read_at__isnull=True).count()
    return render(request, "work/count.html", {"n": n, "unread": unread})


def next_banner(request, pk: int, year: int, view: str, key: str = ""):
    """The "next step" line on the pages of the steps (fetched after the page, like the
    count): the first unfinished step of the year's cycle, unless it is this page's own."""
    agency = agency_or_404(request, pk)
    if view not in STEP_PAGES or not 2500 <= year <= 2700:
        raise Http404(_("ไม่พบหน้านี้"))
    own_key, shift = STEP_PAGES[view]
    cycle_year = year + shift
    steps, _plan = cycle_of(agency, cycle_year)
    nxt = next_step(steps)
    own = own_key or key
    if nxt is None or nxt.key == own:
        nxt_url = ""
        nxt = None if nxt is None or nxt.key == own else nxt
    else:
        nxt_url = step_url(agency.pk, cycle_year, nxt.key)
    return render(
        request,
        "work/next.html",
        {
            "agency": agency,
            "year": cycle_year,
            "next": nxt,
            "next_url": nxt_url,
            "year_url": f"/agencies/{agency.pk}/{cycle_year}/",
        },
    )


def notifications(request):
    notes = Notification.objects.filter(user=request.user)[:200]
    return render(request, "work/notifications.html", {"notes": notes})


@require_POST
def mark_read(request):
    """Mark one notification (``id``) or all of them read; ``next`` follows a notification's
    link after marking it."""
    mine = Notification.objects.filter(user=request.user, read_at__isnull=True)
    if request.POST.get("id"):
        mine = mine.filter(pk=request.POST["id"] if request.POST["id"].isdigit() else 0)
    done = mine.update(read_at=timezone.now())
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    if done:
        messages.success(request, _("ทำเครื่องหมายว่าอ่านแล้ว"))
    return redirect("work:notifications")


def settings_page(request):
    pref, _created = Preference.objects.get_or_create(user=request.user)
    form = PreferenceForm(request.POST if request.method == "POST" else None, instance=pref)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("บันทึกการตั้งค่าการแจ้งเตือนแล้ว"))
        return redirect("work:settings")
    return render(request, "work/settings.html", {"form": form})
