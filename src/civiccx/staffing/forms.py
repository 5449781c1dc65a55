"""The planner's settings, with the same limits the math library enforces."""

from django import forms
from django.utils.translation import gettext_lazy as _

from civiccx.services.models import Service

WEEKDAYS = [(0, _("Monday")), (1, _("Tuesday")), (2, _("Wednesday")), (3, _("Thursday")),
            (4, _("Friday")), (5, _("Saturday")), (6, _("Sunday"))]


class PlannerForm(forms.Form):
    source = forms.ChoiceField(label=_("Forecast from"), widget=forms.RadioSelect, choices=[
        ("recorded", _("Calls we recorded (average of recent weeks)")),
        ("upload", _("A forecast file (CSV: interval_start, calls_offered, aht_seconds)"))],
        initial="recorded")
    service = forms.ModelChoiceField(label=_("Service"), queryset=Service.objects.all(),
                                     required=False)
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=WEEKDAYS, coerce=int,
                                     initial=0, required=False)
    weeks = forms.IntegerField(label=_("Weeks of history"), min_value=1, max_value=52,
                               initial=4, required=False)
    forecast_file = forms.FileField(label=_("Forecast file"), required=False)
    model = forms.ChoiceField(label=_("Model"), choices=[
        ("erlang-c", _("Erlang C (callers never hang up)")),
        ("erlang-a", _("Erlang A (some callers hang up)"))], initial="erlang-c")
    target_service_level = forms.FloatField(label=_("Service level target (%)"), min_value=1,
                                            max_value=99, initial=80)
    target_seconds = forms.IntegerField(label=_("…answered within (seconds)"), min_value=0,
                                        max_value=3600, initial=60)
    shrinkage = forms.FloatField(label=_("Shrinkage (%)"), min_value=0, max_value=90, initial=30,
                                 help_text=_("Time paid but not on the phones: breaks, "
                                             "training, absence."))
    max_occupancy = forms.FloatField(label=_("Maximum occupancy (%)"), min_value=10,
                                     max_value=100, initial=85)
    patience_seconds = forms.IntegerField(label=_("Mean caller patience (seconds)"),
                                          min_value=1, required=False, initial=300,
                                          help_text=_("Needed for Erlang A."))

    def clean(self):
        data = super().clean()
        if data.get("source") == "upload" and not data.get("forecast_file"):
            self.add_error("forecast_file", _("Choose a forecast file to upload."))
        if data.get("source") == "recorded" and not data.get("service"):
            self.add_error("service", _("Choose the service whose calls to use."))
        if data.get("model") == "erlang-a" and not data.get("patience_seconds"):
            self.add_error("patience_seconds", _("Erlang A needs the mean caller patience."))
        return data
