from django.urls import path

from civiccx.feedback import staff_views, views

app_name = "feedback"

urlpatterns = [
    path("feedback/thank-you/", views.thanks, name="thanks"),
    path("feedback/link/<str:token>/", views.invitation_survey, name="invitation"),
    path("feedback/embed/thank-you/", views.embedded_thanks, name="embed-thanks"),
    path("feedback/embed/<int:survey_id>/", views.embedded_survey, name="embed"),
    path("feedback/<slug:service_slug>/<str:channel>/", views.hosted_survey, name="hosted"),
    path("staff/cx/", staff_views.dashboard, name="dashboard"),
    path("staff/cx/comments/", staff_views.comments, name="comments"),
    path("staff/cx/comments/<int:pk>/", staff_views.comment_update, name="comment-update"),
    path("staff/cx/a11/", staff_views.a11_export, name="a11-export"),
]
