from django.urls import path

from . import views

app_name = "agencies"
urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/<int:year>/", views.year, name="year"),
]
