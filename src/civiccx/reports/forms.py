"""Staff forms. A report form has no field that holds a number: numbers are chosen as figure
references, and narrative text with a typed figure in it is refused."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civiccx.core.fiscal import fiscal_quarter
from civiccx.core.redaction import redact
from civiccx.reports.building import typed_numbers
from civiccx.reports.figures import catalog, figure_choice
from civiccx.reports.models import (
    CapacityAssessment,
    Commitment,
    ProgressReport,
    Quote,
    validate_quarter,
)
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
        label=_("Service"), queryset=Service.objects.all(), to_field_name="slug",
        empty_label=_("Choose a service"),
    )
    quarter = forms.CharField(
        label=_("Fiscal quarter"),
        max_length=8,
        validators=[validate_quarter],
        help_text=_("For example FY2025Q3."),
    )
    audience = forms.ChoiceField(
        label=_("Written for"),
        choices=ProgressReport.Audience.choices,
        initial=ProgressReport.Audience.PUBLIC,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "The public's and partners' reports are published on the public site; "
            "employees' reports only for signed-in staff."
        ),
    )

    def clean_quarter(self):
        return self.cleaned_data["quarter"].upper()

    def clean_audience(self):
        return self.cleaned_data["audience"] or ProgressReport.Audience.PUBLIC


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


QUOTE_MAX = 600


class QuoteForm(forms.ModelForm):
    """A customer's words for "What we heard". Redacted when stored; published only with the
    customer's agreement, which the publisher states here."""

    class Meta:
        model = Quote
        fields = ["service", "quarter", "text", "text_es", "public_consent"]
        labels = {
            "service": _("Service"),
            "quarter": _("Fiscal quarter"),
            "text": _("What the customer said (English)"),
            "text_es": _("What the customer said (Spanish)"),
            "public_consent": _("The customer agreed that these words may be published"),
        }
        help_texts = {
            "quarter": _("The quarter whose report may show it, for example FY2025Q3."),
            "text": _(
                "The customer's own words. Names, phone numbers, addresses and other "
                "personal details are removed before it is saved."
            ),
            "text_es": _("Optional: the same words in Spanish."),
            "public_consent": _(
                "Without this agreement the quote is kept for analysts but never published."
            ),
        }
        error_messages = {
            "text": {"required": _("Enter what the customer said.")},
            "service": {"required": _("Choose the service the customer used.")},
            "quarter": {"required": _("Enter the fiscal quarter, for example FY2025Q3.")},
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4, "maxlength": QUOTE_MAX}),
            "text_es": forms.Textarea(attrs={"rows": 4, "maxlength": QUOTE_MAX}),
        }

    def _words(self, name: str) -> str:
        text = " ".join(self.cleaned_data.get(name, "").split())
        if len(text) > QUOTE_MAX:
            raise forms.ValidationError(
                _("Keep a quote to %(max)s characters; this one has %(count)s.")
                % {"max": QUOTE_MAX, "count": len(text)}
            )
        return text

    def clean_text(self):
        text = self._words("text")
        if not text:
            raise forms.ValidationError(_("Enter what the customer said."))
        return text

    def clean_text_es(self):
        return self._words("text_es")

    def clean_quarter(self):
        return self.cleaned_data["quarter"].upper()

    def redacted(self) -> bool:
        """Whether saving will remove personal details from the words typed."""
        return any(
            redact(self.cleaned_data.get(name, "")).redacted for name in ("text", "text_es")
        )


class CapacityAssessmentForm(forms.Form):
    """One fiscal year's self-assessment: a score from 1 to 5 in each of OMB's five domains,
    with a note on each. A year is scored once; earlier years stay as they were."""

    SCORES = [(n, str(n)) for n in range(1, 6)]
    fiscal_year = forms.IntegerField(
        label=_("Fiscal year"),
        help_text=_("The federal fiscal year assessed, for example 2026."),
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        for domain, label in CapacityAssessment.Domain.choices:
            self.fields[f"{domain}_score"] = forms.TypedChoiceField(
                label=_("%(domain)s: score") % {"domain": label},
                choices=self.SCORES,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=_("1 is beginning, 5 is leading."),
            )
            self.fields[f"{domain}_note"] = forms.CharField(
                label=_("%(domain)s: why this score (English)") % {"domain": label},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                max_length=1000,
            )
            self.fields[f"{domain}_note_es"] = forms.CharField(
                label=_("%(domain)s: why this score (Spanish)") % {"domain": label},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                max_length=1000,
            )

    def clean_fiscal_year(self):
        year = self.cleaned_data["fiscal_year"]
        latest = fiscal_quarter(self.today).year
        if not 2000 <= year <= latest:
            raise forms.ValidationError(
                _("Enter a fiscal year from 2000 to %(latest)s: a year cannot be assessed "
                  "before it starts.") % {"latest": latest}
            )
        if CapacityAssessment.objects.filter(fiscal_year=year).exists():
            raise forms.ValidationError(
                _("FY%(year)s is already assessed. Published scores are never changed; "
                  "assess the next year instead.") % {"year": year}
            )
        return year

    def scores(self) -> list[CapacityAssessment]:
        data = self.cleaned_data
        return [
            CapacityAssessment(
                fiscal_year=data["fiscal_year"],
                domain=domain,
                score=data[f"{domain}_score"],
                note=redact(data[f"{domain}_note"]).text,
                note_es=redact(data[f"{domain}_note_es"]).text,
            )
            for domain in CapacityAssessment.Domain.values
        ]
