from django.urls import path

from . import views

app_name = "suggestions"
urlpatterns = [
    path("<int:pk>/plans/<int:year>/suggestions/adopt/", views.adopt, name="adopt"),
]
