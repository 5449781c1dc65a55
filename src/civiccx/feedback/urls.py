from django.urls import path

from civiccx.feedback.views import public, staff

app_name = "feedback"

urlpatterns = [
    path("feedback/thank-you/", public.thanks, name="thanks"),
    path("feedback/link/<str:token>/", public.invitation_survey, name="invitation"),
    path("feedback/embed/thank-you/", public.embedded_thanks, name="embed-thanks"),
    path("feedback/embed/<int:survey_id>/", public.embedded_survey, name="embed"),
    path("feedback/<slug:service_slug>/<str:channel>/", public.hosted_survey, name="hosted"),
    path("staff/cx/", staff.dashboard, name="dashboard"),
    path("staff/cx/comments/", staff.comments, name="comments"),
    path("staff/cx/comments/<int:pk>/", staff.comment_update, name="comment-update"),
    path("staff/cx/a11/", staff.a11_export, name="a11-export"),
]
