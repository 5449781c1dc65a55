from django.urls import path

from civiccx.staffing.views import staff

app_name = "staffing"

urlpatterns = [
    path("staff/staffing/", staff.planner, name="planner"),
    path("staff/staffing/season/", staff.season_planner, name="season"),
    path("staff/staffing/season/<int:pk>/", staff.season_run, name="season-run"),
    path("staff/staffing/season/<int:pk>/progress/", staff.season_run_progress,
         name="season-progress"),
    path("staff/staffing/season/<int:pk>/<slug:kind>.csv", staff.season_run_download,
         name="season-download"),
]
