"""The home page, under its old name (``core:home``)."""

from django.urls import path

from . import views

urlpatterns = [path("", views.home, name="home")]
