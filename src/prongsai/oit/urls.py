from django.urls import path

from . import views

app_name = "oit"
urlpatterns = [
    path("<int:pk>/oit/<int:year>/", views.workspace, name="workspace"),
    path("<int:pk>/oit/<int:year>/start/", views.start, name="start"),
    path("<int:pk>/oit/<int:year>/copy/", views.copy, name="copy"),
    path("<int:pk>/oit/<int:year>/settings/", views.settings_save, name="settings"),
    path("<int:pk>/oit/<int:year>/publish/", views.publish, name="publish"),
    path("<int:pk>/oit/<int:year>/items/<str:code>/", views.item_save, name="item_save"),
    path("<int:pk>/oit/<int:year>/items/<str:code>/check/", views.item_check, name="item_check"),
    path(
        "<int:pk>/oit/<int:year>/files/<int:evidence_id>/",
        views.evidence_file,
        name="evidence_file",
    ),
]
