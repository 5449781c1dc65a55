"""The planner's settings, with the same limits the math library enforces."""

from django import forms
from django.utils.translation import gettext_lazy as _

from civiccx.metrics.registry import volume_sources
from civiccx.services.models import Service
from civiccx.staffing.models import SeasonHistory

WEEKDAYS = [(0, _("Monday")), (1, _("Tuesday")), (2, _("Wednesday")), (3, _("Thursday")),
            (4, _("Friday")), (5, _("Saturday")), (6, _("Sunday"))]


class PlannerForm(forms.Form):
    source = forms.ChoiceField(label=_("Forecast from"), widget=forms.RadioSelect, choices=[
        ("recorded", _("Calls we recorded (average of recent weeks)")),
        ("history", _("A season history saved earlier")),
        ("upload", _("A forecast file (CSV: interval_start, calls_offered, aht_seconds)"))],
        initial="recorded")
    service = forms.ModelChoiceField(label=_("Service"), queryset=Service.objects.all(),
                                     required=False, empty_label=_("Choose a service"))
    history = forms.ModelChoiceField(label=_("Saved history"), required=False,
                                     queryset=SeasonHistory.objects.all(),
                                     empty_label=_("Choose a saved history"))
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
        if data.get("source") == "history" and not data.get("history"):
            self.add_error("history", _("Choose a saved history."))
        if data.get("model") == "erlang-a" and not data.get("patience_seconds"):
            self.add_error("patience_seconds", _("Erlang A needs the mean caller patience."))
        return data


def _date_field(label, help_text=""):
    return forms.DateField(label=label, help_text=help_text,
                           widget=forms.DateInput(attrs={"type": "date"}))


class SeasonPlanForm(forms.Form):
    """The season planner's inputs: where the history comes from, the season, the service goal,
    the hiring facts and the scheduling rules."""

    source = forms.ChoiceField(label=_("History from"), widget=forms.RadioSelect, choices=[
        ("queue", _("Calls a phone line recorded")),
        ("history", _("A season history saved earlier")),
        ("upload", _("A new history file (CSV: interval_start, calls_offered, aht_seconds)"))],
        initial="queue")
    queue = forms.ChoiceField(label=_("Phone line"), required=False,
                              choices=lambda: [("", _("Choose a phone line"))]
                              + [(source.key, source.title) for source in volume_sources()])
    history = forms.ModelChoiceField(label=_("Saved history"), required=False,
                                     queryset=SeasonHistory.objects.all(),
                                     empty_label=_("Choose a saved history"))
    history_file = forms.FileField(label=_("History file"), required=False)
    history_name = forms.CharField(label=_("Name for the new history"), required=False,
                                   max_length=200)
    first_day = _date_field(_("First day of the season"))
    last_day = _date_field(_("Last day of the season"))
    hiring_from = _date_field(_("First week a class can start"))
    growth = forms.FloatField(label=_("Volume compared with last year (%)"), min_value=10,
                              max_value=1000, initial=100,
                              help_text=_("Used only with less than two years of history."))
    target_service_level = forms.FloatField(label=_("Service level target (%)"), min_value=1,
                                            max_value=99, initial=80)
    target_seconds = forms.IntegerField(label=_("…answered within (seconds)"), min_value=0,
                                        max_value=3600, initial=300)
    patience_seconds = forms.IntegerField(label=_("Mean caller patience (seconds)"),
                                          min_value=1, max_value=7200, initial=720)
    shrinkage = forms.FloatField(label=_("Time on shift off the phones (%)"), min_value=0,
                                 max_value=90, initial=15,
                                 help_text=_("Breaks, coaching, meetings."))
    absence = forms.FloatField(label=_("Paid time away (%)"), min_value=0, max_value=90,
                               initial=12, help_text=_("Leave, sick days, training days."))
    max_occupancy = forms.FloatField(label=_("Maximum occupancy (%)"), min_value=10,
                                     max_value=100, initial=90)
    level_of_service_goal = forms.FloatField(
        label=_("Level of service goal (%)"), min_value=1, max_value=99, required=False,
        help_text=_("Optional: also find the cheapest plan that answers this share of the "
                    "season's calls."))
    current_staff = forms.IntegerField(label=_("Trained CSRs on staff"), min_value=0,
                                       initial=0)
    training_weeks = forms.IntegerField(label=_("Weeks of training before taking calls"),
                                        min_value=0, max_value=52, initial=6)
    ramp_up = forms.CharField(label=_("Productivity in the first weeks on the phones (%)"),
                              initial="50, 75, 90", max_length=100,
                              help_text=_("One share per week, separated by commas."))
    attrition = forms.FloatField(label=_("CSRs leaving each month (%)"), min_value=0,
                                 max_value=99, initial=3)
    weekly_cost = forms.FloatField(label=_("Pay and benefits per CSR per week ($)"),
                                   min_value=0, initial=1150)
    hire_cost = forms.FloatField(label=_("Recruiting and training cost per hire ($)"),
                                 min_value=0, initial=4000)
    max_days_in_row = forms.IntegerField(label=_("Most days in a row"), min_value=1,
                                         max_value=7, initial=5)
    min_rest_hours = forms.FloatField(label=_("Least rest between shifts (hours)"),
                                      min_value=0, max_value=16, initial=11)

    def clean_ramp_up(self):
        text = self.cleaned_data["ramp_up"]
        try:
            shares = tuple(float(part) / 100 for part in text.split(",") if part.strip())
        except ValueError:
            raise forms.ValidationError(_("Write percentages separated by commas, like "
                                          "50, 75, 90.")) from None
        if any(not 0 < share <= 1 for share in shares):
            raise forms.ValidationError(_("Each week's productivity must be above 0% and at "
                                          "most 100%."))
        return shares

    def clean(self):
        data = super().clean()
        source = data.get("source")
        if source == "queue" and not data.get("queue"):
            self.add_error("queue", _("Choose the phone line whose calls to use."))
        if source == "history" and not data.get("history"):
            self.add_error("history", _("Choose a saved history."))
        if source == "upload":
            if not data.get("history_file"):
                self.add_error("history_file", _("Choose a history file to upload."))
            if not data.get("history_name"):
                self.add_error("history_name", _("Give the new history a name."))
        first, last, hiring = data.get("first_day"), data.get("last_day"), data.get("hiring_from")
        if first and last and last < first:
            self.add_error("last_day", _("The season must end after it starts."))
        elif first and last and (last - first).days > 366:
            self.add_error("last_day", _("Plan at most a year at a time."))
        if first and hiring and hiring > first:
            self.add_error("hiring_from", _("Hiring must start on or before the season's "
                                            "first day."))
        return data

    def run_settings(self) -> dict:
        """The run's settings as JSON (shares as fractions, dates as ISO text)."""
        data = self.cleaned_data
        return {
            "first_day": data["first_day"].isoformat(), "last_day": data["last_day"].isoformat(),
            "hiring_from": data["hiring_from"].isoformat(), "growth": data["growth"] / 100,
            "target_service_level": data["target_service_level"] / 100,
            "target_seconds": data["target_seconds"], "patience_seconds":
                data["patience_seconds"], "shrinkage": data["shrinkage"] / 100,
            "absence": data["absence"] / 100, "max_occupancy": data["max_occupancy"] / 100,
            "level_of_service_goal": (data["level_of_service_goal"] / 100
                                      if data.get("level_of_service_goal") else None),
            "current_staff": data["current_staff"], "training_weeks": data["training_weeks"],
            "ramp_up": list(data["ramp_up"]), "attrition": data["attrition"] / 100,
            "weekly_cost": data["weekly_cost"], "hire_cost": data["hire_cost"],
            "max_days_in_row": data["max_days_in_row"],
            "min_rest_hours": data["min_rest_hours"]}
