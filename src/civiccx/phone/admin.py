from django.contrib import admin

from civiccx.phone.models import CallQueue


@admin.register(CallQueue)
class CallQueueAdmin(admin.ModelAdmin):
    list_display = ["slug", "service", "call_center", "callback_threshold_minutes",
                    "max_attempts", "retry_delay_minutes"]
