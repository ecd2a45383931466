from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from prongsai.api.urls import urls as api_urls
from prongsai.audit.throttle import ThrottledAdminAuthenticationForm, ThrottledAuthenticationForm

admin.site.site_header = "โปร่งใส — ผู้ดูแลระบบ"
admin.site.site_title = "โปร่งใส"
admin.site.index_title = "จัดการข้อมูล"
admin.site.login_form = ThrottledAdminAuthenticationForm  # login throttling, Thai message

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(authentication_form=ThrottledAuthenticationForm),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    # the overview pages live in the top-level app `work` (above every stage), by their old names
    path("agencies/", include(("prongsai.work.agency_urls", "agencies"))),
    path("agencies/", include("prongsai.analysis.urls")),
    path("agencies/", include("prongsai.measures.urls")),
    path("agencies/", include("prongsai.assessments.urls")),
    path("agencies/", include("prongsai.access.urls")),
    path("agencies/", include("prongsai.oit.urls")),
    path("agencies/", include("prongsai.suggestions.urls")),
    path("import/", include("prongsai.ingest.urls")),
    path("documents/", include("prongsai.documents.urls")),
    path("bulk/", include("prongsai.bulk.urls")),
    path("p/", include("prongsai.documents.public_urls")),
    path("p/", include("prongsai.oit.public_urls")),
    path("history/", include("prongsai.audit.urls")),
    path("api/", api_urls),
    path("dashboards/", include("prongsai.dashboards.urls")),
    path("work/", include("prongsai.work.urls")),
    path("", include(("prongsai.work.home_urls", "core"))),
]
