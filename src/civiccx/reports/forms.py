"""Staff forms. A report form has no field that holds a number: numbers are chosen as figure
references, and narrative text with a typed figure in it is refused."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from civiccx.reports.building import typed_numbers
from civiccx.reports.figures import catalog, figure_choice
from civiccx.reports.models import Commitment, ProgressReport, validate_quarter
from civiccx.services.models import Service


def _figure_choices():
    return [(choice.key, choice.title) for choice in catalog()]


class NarrativeForm(forms.ModelForm):
    figures = forms.MultipleChoiceField(
        label=_("Figures in this report"),
        choices=_figure_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Each figure is read from the data for the report's quarter, with its "
            "sample size and interval. Numbers cannot be typed."
        ),
    )

    class Meta:
        model = ProgressReport
        fields = ["learned", "learned_es", "next_steps", "next_steps_es"]
        labels = {
            "learned": _("What we learned this quarter (English)"),
            "learned_es": _("What we learned this quarter (Spanish)"),
            "next_steps": _("What's next (English)"),
            "next_steps_es": _("What's next (Spanish)"),
        }
        help_texts = {
            name: _("In words: numbers come from the figures chosen below.") for name in fields
        }
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}

    def _no_typed_numbers(self, name: str) -> str:
        text = self.cleaned_data.get(name, "")
        found = typed_numbers(text)
        if found:
            raise forms.ValidationError(
                _(
                    "Numbers come from the data, not from typing: remove %(numbers)s and add the "
                    "figure to the report instead (a year or a quarter such as FY2025Q3 is "
                    "fine)."
                )
                % {"numbers": ", ".join(f"“{n}”" for n in found)}
            )
        return text

    def clean_learned(self):
        return self._no_typed_numbers("learned")

    def clean_learned_es(self):
        return self._no_typed_numbers("learned_es")

    def clean_next_steps(self):
        return self._no_typed_numbers("next_steps")

    def clean_next_steps_es(self):
        return self._no_typed_numbers("next_steps_es")


class StartReportForm(forms.Form):
    service = forms.ModelChoiceField(
        label=_("Service"), queryset=Service.objects.all(), to_field_name="slug"
    )
    quarter = forms.CharField(
        label=_("Fiscal quarter"),
        max_length=8,
        validators=[validate_quarter],
        help_text=_("For example FY2025Q3."),
    )

    def clean_quarter(self):
        return self.cleaned_data["quarter"].upper()


class CommitmentForm(forms.ModelForm):
    metric = forms.ChoiceField(label=_("Figure"), choices=_figure_choices)

    class Meta:
        model = Commitment
        fields = [
            "service",
            "title",
            "title_es",
            "metric",
            "baseline_quarter",
            "target",
            "due_quarter",
            "owner",
        ]
        labels = {
            "title": _("Commitment (English)"),
            "title_es": _("Commitment (Spanish)"),
            "baseline_quarter": _("Baseline quarter"),
            "target": _("Target (a percent for a share; minutes; or a count)"),
            "due_quarter": _("Due by quarter"),
            "owner": _("Owner (an office)"),
        }
        help_texts = {
            "baseline_quarter": _(
                "The baseline is the figure's value in this quarter, read from the data."
            )
        }

    def clean(self):
        cleaned = super().clean()
        metric, target = cleaned.get("metric"), cleaned.get("target")
        if metric and target is not None and figure_choice(metric).unit == "share":
            if not 0 <= target <= 100:
                self.add_error("target", _("A share's target is a percent from 0 to 100."))
            else:
                cleaned["target"] = target / 100
        for name in ("baseline_quarter", "due_quarter"):
            if cleaned.get(name):
                cleaned[name] = cleaned[name].upper()
        return cleaned


class CommitmentStatusForm(forms.Form):
    ACTIONS = [
        ("deliver", _("Mark delivered")),
        ("miss", _("Mark the target as not met")),
        ("withdraw", _("Withdraw (the reason is public)")),
    ]
    action = forms.ChoiceField(label=_("Change"), choices=ACTIONS, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Public note"), widget=forms.Textarea(attrs={"rows": 3}))


class CorrectionForm(forms.Form):
    note = forms.CharField(
        label=_("What the correction changes (English)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    note_es = forms.CharField(
        label=_("What the correction changes (Spanish)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
