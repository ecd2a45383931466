"""The agency and year pages, under their old names (``agencies:detail``, ``agencies:year``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/", views.agency, name="detail"),
    path("<int:pk>/<int:year>/", views.year, name="year"),
]
