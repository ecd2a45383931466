"""The project's URLs plus one view that fails, for the 500 page test."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from prongsai.urls import urlpatterns as project


@login_not_required
def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", boom), *project]
