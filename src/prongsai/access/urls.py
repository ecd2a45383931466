from django.urls import path

from . import views

app_name = "access"
urlpatterns = [path("<int:pk>/team/", views.team, name="team")]
