from django.urls import path

from civiccx.core.views import public, staff

app_name = "core"

urlpatterns = [
    path("about/<slug:slug>/", public.policy_page, name="policy-page"),
    path("report-a-problem/", public.report_problem, name="report-problem"),
    path("report-a-problem/thanks/", public.report_problem_thanks, name="report-problem-thanks"),
    path("staff/", staff.staff_home, name="staff-home"),
    path("staff/problem-reports/", staff.problem_reports, name="problem-reports"),
]
