from django.urls import path

from . import memo_views, views

app_name = "measures"
urlpatterns = [
    path("<int:pk>/plans/<int:year>/", views.plan_page, name="plan"),
    path("<int:pk>/plans/<int:year>/create/", views.create_plan, name="create"),
    path("<int:pk>/plans/<int:year>/measures/new/", views.measure_edit, name="measure_new"),
    path(
        "<int:pk>/plans/<int:year>/measures/<int:measure_id>/",
        views.measure_edit,
        name="measure_edit",
    ),
    path("<int:pk>/plans/<int:year>/measures/<int:measure_id>/move/", views.move, name="move"),
    path(
        "<int:pk>/plans/<int:year>/measures/<int:measure_id>/delete/",
        views.delete,
        name="measure_delete",
    ),
    path("<int:pk>/plans/<int:year>/rounds/<str:round_code>/", views.round_page, name="round"),
    path("<int:pk>/evidence/<int:evidence_id>/", views.evidence_file, name="evidence"),
    path(
        "<int:pk>/evidence/<int:evidence_id>/remove/",
        views.evidence_remove,
        name="evidence_remove",
    ),
    path("memos/", memo_views.inbox, name="inbox"),
    path("memos/<int:memo_id>/", memo_views.memo_page, name="memo"),
    path("memos/new/<str:kind>/<int:object_id>/", memo_views.memo_new, name="memo_new"),
    path("memos/reopen/<str:kind>/<int:object_id>/", memo_views.reopen, name="reopen"),
]
