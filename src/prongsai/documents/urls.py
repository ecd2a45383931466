from django.urls import path

from . import converters, emblem_views, views, wording_views  # noqa: F401 (registers <fmt:>)

app_name = "documents"
urlpatterns = [
    path("emblem/", emblem_views.emblem_page, name="emblem"),
    path("emblem/image.png", emblem_views.emblem_image, name="emblem_image"),
    path("<int:pk>/<int:year>/wording/", wording_views.wording, name="wording"),
    path("<int:pk>/<int:year>/<str:kind>/", views.document_page, name="page"),
    path("<int:pk>/<int:year>/<str:kind>.<fmt:fmt>", views.download, name="download"),
    path("<int:pk>/<int:year>/<str:kind>/publish/", views.publish, name="publish"),
    path("memos/<int:memo_id>/publish/", views.publish_memo, name="publish_memo"),
]
