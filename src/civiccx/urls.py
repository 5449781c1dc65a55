"""URL map. Public pages live under i18n_patterns: English at /, Spanish at /es/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from civiccx.core.admin_site import StaffAdminSite
from civiccx.core.views import public as core_views
from civiccx.feedback.api import api as feedback_api
from civiccx.phone import urls as phone_urls

admin.site.__class__ = StaffAdminSite
admin.site.site_header = "Civic CX administration"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/feedback/v1/", feedback_api.urls),
    path("", include((phone_urls.webhook_urlpatterns, "phone"), namespace="phone-webhooks")),
]
urlpatterns += i18n_patterns(
    path("", include("civiccx.services.urls")),
    path("", include("civiccx.core.urls")),
    path("", include("civiccx.accounts.urls")),
    path("", include("civiccx.feedback.urls")),
    path("", include("civiccx.phone.urls")),
    path("", include("civiccx.staffing.urls")),
    path("", include("civiccx.walkin.urls")),
    path("", include("civiccx.help.urls")),
    path("", include("civiccx.directfile.urls")),
    path("", include("civiccx.research.urls")),
    path("", include("civiccx.reports.urls")),
    prefix_default_language=False,
)

handler403 = "civiccx.core.views.public.permission_denied"
handler404 = "civiccx.core.views.public.page_not_found"
handler500 = "civiccx.core.views.public.server_error"
