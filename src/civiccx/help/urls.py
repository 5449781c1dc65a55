from django.urls import include, path

app_name = "help"

urlpatterns = [
    path("", include("civiccx.help.staff_urls")),
    path("", include("civiccx.help.analytics_urls")),
]
