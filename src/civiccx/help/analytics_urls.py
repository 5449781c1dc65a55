"""Search analytics for editors and analysts (staff only)."""

from django.urls import path

from civiccx.help.views import staff_analytics

urlpatterns: list = [
    path("staff/help/analytics/", staff_analytics.analytics, name="analytics"),
    path("staff/help/analytics/<slug:table>.csv", staff_analytics.analytics_csv,
         name="analytics-csv"),
]
