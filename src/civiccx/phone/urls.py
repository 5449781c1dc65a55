from django.urls import path

from civiccx.phone import views, voice, workspace

app_name = "phone"

urlpatterns = [
    path("phone/callback/<slug:slug>/", views.request_callback_page, name="request-callback"),
    path("phone/callback/confirmed/<str:token>/", views.confirmation, name="confirmation"),
    path("phone/callback/cancel/<str:token>/", views.cancel, name="cancel"),
    path("staff/phone/", workspace.workspace, name="workspace"),
    path("staff/phone/figures/", workspace.live_figures, name="live-figures"),
    path("staff/phone/status/", workspace.change_status, name="change-status"),
    path("staff/phone/next/", workspace.next_call, name="next-call"),
    path("staff/phone/calls/<int:pk>/finish/", workspace.finish_call, name="finish-call"),
    path("staff/phone/supervisor/", workspace.supervisor, name="supervisor"),
    path("staff/phone/estimates/", workspace.estimates, name="estimates"),
]

# Webhooks are not translated (Twilio calls them), so they live outside i18n_patterns.
webhook_urlpatterns = [
    path("phone/voice/<slug:slug>/", voice.voice_start, name="voice-start"),
    path("phone/voice/<slug:slug>/language/", voice.voice_language, name="voice-language"),
    path("phone/voice/<slug:slug>/choice/", voice.voice_choice, name="voice-choice"),
    path("phone/voice/<slug:slug>/number/", voice.voice_number, name="voice-number"),
    path("phone/voice/<slug:slug>/entered/", voice.voice_entered, name="voice-entered"),
    path("phone/sms/", voice.sms_reply, name="sms-reply"),
]
