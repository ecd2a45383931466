from django.urls import path

from . import converters, views  # noqa: F401 (registers <fmt:>)

app_name = "documents"
urlpatterns = [
    path("<int:pk>/<int:year>/<str:kind>/", views.document_page, name="page"),
    path("<int:pk>/<int:year>/<str:kind>.<fmt:fmt>", views.download, name="download"),
    path("<int:pk>/<int:year>/<str:kind>/publish/", views.publish, name="publish"),
    path("memos/<int:memo_id>/publish/", views.publish_memo, name="publish_memo"),
]
