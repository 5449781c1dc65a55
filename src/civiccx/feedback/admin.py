"""Admin pages for surveys and sampling: where an administrator deploys an instrument to a
service, sets its PRA details, adds the agency's own questions and tunes sampling."""

from django.contrib import admin

from civiccx.feedback.models import SamplingRule, Survey


class SamplingRuleInline(admin.StackedInline):
    model = SamplingRule
    extra = 0


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["service", "channel", "instrument_name", "instrument_version", "variant",
                    "is_active"]
    list_filter = ["instrument_name", "is_active", "channel"]
    inlines = [SamplingRuleInline]
