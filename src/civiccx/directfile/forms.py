"""The eligibility checker's forms (the interview's screens are built from the flow)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from civiccx.core.us_states import US_STATES
from civiccx.directfile.eligibility import CREDITS, SITUATIONS
from civiccx.directfile.flow import OUT_OF_SCOPE_INCOME

YEARS = ((2024, _("2024 (filed in 2025)")), (2023, _("2023 (a late return)")))
YES_NO = (("no", _("No")), ("yes", _("Yes")))
COVERED = (("w2", _("Wages from a job (Form W-2)")),
           ("ssa", _("Social Security or railroad retirement benefits (SSA-1099, RRB-1099)")),
           ("unemployment", _("Unemployment compensation (1099-G)")),
           ("interest", _("Interest from a bank or credit union (1099-INT)")))


def _choices(pairs):
    return [(path, label) for path, label in pairs]


class WhereForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Which tax year do you want to file?"), choices=YEARS,
                                  coerce=int, widget=forms.RadioSelect, initial=2024)
    state = forms.ChoiceField(label=_("Where did you live in that year?"),
                              choices=[("", _("- Select -")), *US_STATES.items()],
                              error_messages={"required": _("Choose the state you lived in.")})
    multi_state = forms.ChoiceField(label=_("Did you live in more than one state during the "
                                            "year?"), choices=YES_NO, widget=forms.RadioSelect,
                                    error_messages={"required": _("Choose Yes or No.")})


class IncomeForm(forms.Form):
    covered = forms.MultipleChoiceField(
        label=_("Which of these did you have? Direct File covers all of them."),
        choices=COVERED, required=False, widget=forms.CheckboxSelectMultiple)
    out_of_scope = forms.MultipleChoiceField(
        label=_("Did you have any of these? Check all that apply."),
        choices=_choices(OUT_OF_SCOPE_INCOME), required=False,
        widget=forms.CheckboxSelectMultiple)
    interest_over_limit = forms.BooleanField(
        label=_("My interest was more than $1,500"), required=False)


class SituationsForm(forms.Form):
    situations = forms.MultipleChoiceField(
        label=_("Do any of these apply to you? Check all that apply."),
        choices=_choices(SITUATIONS), required=False, widget=forms.CheckboxSelectMultiple)


class CreditsForm(forms.Form):
    credits = forms.MultipleChoiceField(
        label=_("Direct File figures the earned income tax credit, the child tax credit, the "
                "credit for other dependents, and the student loan interest and educator "
                "expense deductions. Do you want anything else?"),
        choices=_choices(CREDITS), required=False, widget=forms.CheckboxSelectMultiple)


STEP_FORMS = {"where": WhereForm, "income": IncomeForm, "situations": SituationsForm,
              "credits": CreditsForm}
