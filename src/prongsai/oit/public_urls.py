"""The public ITA pages: stable URLs, no login (``/p/<agency>/``, ``/p/<agency>/<year>/ita/``)."""

from django.urls import path

from . import views

app_name = "ita"
urlpatterns = [
    path("<int:pk>/", views.public_years, name="years"),
    path("<int:pk>/<int:year>/ita/", views.public_ita, name="page"),
    path("<int:pk>/<int:year>/ita.pdf", views.public_ita_pdf, name="pdf"),
    path("<int:pk>/<int:year>/ita/files/<int:evidence_id>/", views.public_file, name="file"),
]
