from django.urls import path

from civiccx.core import views

app_name = "core"

urlpatterns = [
    path("about/<slug:slug>/", views.policy_page, name="policy-page"),
    path("report-a-problem/", views.report_problem, name="report-problem"),
    path("report-a-problem/thanks/", views.report_problem_thanks, name="report-problem-thanks"),
    path("staff/", views.staff_home, name="staff-home"),
    path("staff/problem-reports/", views.problem_reports, name="problem-reports"),
]
