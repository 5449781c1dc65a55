"""Search analytics for editors and analysts (staff only)."""

from django.urls import path

from civiccx.help import analytics_views

urlpatterns: list = [
    path("staff/help/analytics/", analytics_views.analytics, name="analytics"),
    path("staff/help/analytics/<slug:table>.csv", analytics_views.analytics_csv,
         name="analytics-csv"),
]
