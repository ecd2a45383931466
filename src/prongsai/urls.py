from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "โปร่งใส — ผู้ดูแลระบบ"
admin.site.site_title = "โปร่งใส"
admin.site.index_title = "จัดการข้อมูล"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("prongsai.core.urls")),
]
