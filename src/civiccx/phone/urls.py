from django.urls import path

from civiccx.phone.views import ivr, public, staff

app_name = "phone"

urlpatterns = [
    path("phone/callback/<slug:slug>/", public.request_callback_page, name="request-callback"),
    path("phone/callback/confirmed/<str:token>/", public.confirmation, name="confirmation"),
    path("phone/callback/cancel/<str:token>/", public.cancel, name="cancel"),
    path("staff/phone/", staff.workspace, name="workspace"),
    path("staff/phone/figures/", staff.live_figures, name="live-figures"),
    path("staff/phone/status/", staff.change_status, name="change-status"),
    path("staff/phone/next/", staff.next_call, name="next-call"),
    path("staff/phone/calls/<int:pk>/finish/", staff.finish_call, name="finish-call"),
    path("staff/phone/supervisor/", staff.supervisor, name="supervisor"),
    path("staff/phone/estimates/", staff.estimates, name="estimates"),
]

# Webhooks are not translated (Twilio calls them), so they live outside i18n_patterns.
webhook_urlpatterns = [
    path("phone/voice/<slug:slug>/", ivr.voice_start, name="voice-start"),
    path("phone/voice/<slug:slug>/language/", ivr.voice_language, name="voice-language"),
    path("phone/voice/<slug:slug>/choice/", ivr.voice_choice, name="voice-choice"),
    path("phone/voice/<slug:slug>/number/", ivr.voice_number, name="voice-number"),
    path("phone/voice/<slug:slug>/entered/", ivr.voice_entered, name="voice-entered"),
    path("phone/sms/", ivr.sms_reply, name="sms-reply"),
]
