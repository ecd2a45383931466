from django.urls import path

from . import views

app_name = "bulk"
urlpatterns = [
    path("", views.start, name="start"),
    path("<int:pk>/", views.job, name="job"),
    path("<int:pk>/progress/", views.progress, name="progress"),
    path("<int:pk>/zip/", views.download, name="zip"),
]
