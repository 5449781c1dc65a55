from django.urls import path

from civiccx.directfile.views import public, staff, statistics

app_name = "directfile"

urlpatterns = [
    path("direct-file/", public.landing, name="landing"),
    path("direct-file/check/", public.checker, name="checker"),
    path("direct-file/check/result/", public.checker_result, name="checker-result"),
    path("direct-file/check/<slug:step>/", public.checker, name="checker-step"),
    path("direct-file/start/", public.start, name="start"),
    path("direct-file/session/keep-alive/", public.keep_alive, name="keep-alive"),
    path("direct-file/session/ended/", public.session_ended, name="session-ended"),
    path("direct-file/submissions/<str:confirmation>/pdf/", public.submission_pdf,
         name="submission-pdf"),
    path("direct-file/statistics/", statistics.season_statistics, name="statistics"),
    path("direct-file/<int:year>/", public.hub, name="hub"),
    path("direct-file/<int:year>/resume/", public.resume, name="resume"),
    path("direct-file/<int:year>/status/", public.where_is_my_return, name="status"),
    path("direct-file/<int:year>/pdf/", public.draft_pdf, name="draft-pdf"),
    path("direct-file/<int:year>/print-and-mail/", public.print_and_mail,
         name="print-and-mail"),
    path("direct-file/<int:year>/knockout/<slug:code>/", public.knockout, name="knockout"),
    path("direct-file/<int:year>/why/<str:line>/", public.why, name="why"),
    path("direct-file/<int:year>/list/<slug:loop_key>/", public.loop_action, name="loop"),
    path("direct-file/<int:year>/<slug:key>/", public.screen, name="screen"),
    path("direct-file/<int:year>/<slug:key>/<slug:item>/", public.screen, name="item-screen"),
    path("staff/direct-file/", staff.returns, name="staff-returns"),
    path("staff/direct-file/processing/", statistics.console, name="processing"),
    path("staff/direct-file/<int:pk>/", staff.return_detail, name="staff-return"),
]
