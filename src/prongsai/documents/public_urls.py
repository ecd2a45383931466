"""Public pages of published documents: stable URLs, no login (``/p/…``)."""

from django.urls import path

from . import converters, views  # noqa: F401 (registers <fmt:>)

app_name = "public"
urlpatterns = [
    path("<int:pk>/<int:year>/", views.public_list, name="list"),
    path("<int:pk>/<int:year>/<slug:slug>/v<int:version>/", views.public_view, name="view"),
    path(
        "<int:pk>/<int:year>/<slug:slug>/v<int:version>.<fmt:fmt>",
        views.public_file,
        name="file",
    ),
]
