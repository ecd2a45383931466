"""The home page, under its old name (``core:home``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    # the frame of every page, nothing in it: the floor bench.dashboards measures pages against
    path("floor/", views.floor, name="floor"),
]
