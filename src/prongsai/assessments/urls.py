from django.urls import path

from . import views

app_name = "assessments"
urlpatterns = [
    path("<int:pk>/results/", views.choose, name="choose"),
    path("<int:pk>/results/<int:year>/", views.entry, name="entry"),
    path("<int:pk>/results/<int:year>/preview/", views.preview, name="preview"),
]
