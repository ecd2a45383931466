from django.shortcuts import render

from prongsai.agencies.selectors import agencies_with_assessments


def home(request):
    agencies = agencies_with_assessments()
    return render(request, "core/home.html", {"agencies": agencies})
