from django.shortcuts import render

from prongsai.access.scope import agencies_for, is_national
from prongsai.agencies.selectors import agencies_with_assessments


def home(request):
    agencies = agencies_with_assessments().filter(pk__in=agencies_for(request.user))
    return render(
        request, "core/home.html", {"agencies": agencies, "national": is_national(request.user)}
    )
