from django.urls import path

from . import views

app_name = "work"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("count/", views.count, name="count"),
    path("next/<int:pk>/<int:year>/<str:view>/", views.next_banner, name="next"),
    path("next/<int:pk>/<int:year>/<str:view>/<str:key>/", views.next_banner, name="next"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.mark_read, name="read"),
    path("settings/", views.settings_page, name="settings"),
]
