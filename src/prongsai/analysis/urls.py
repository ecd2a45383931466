from django.urls import path

from . import views

app_name = "analysis"
urlpatterns = [
    path("<int:pk>/analysis/<int:year>/", views.analysis_page, name="page"),
    path("<int:pk>/analysis/<int:year>/constraints/", views.constraints, name="constraints"),
]
