from django.urls import path

from . import views

app_name = "dashboards"
urlpatterns = [
    path("", views.nation, name="nation"),
    path("province/<int:code>/", views.province, name="province"),
    path("district/<int:pk>/", views.district, name="district"),
    path("kind/<str:code>/", views.kind, name="kind"),
    path("agency/<int:pk>/", views.agency, name="agency"),
]
