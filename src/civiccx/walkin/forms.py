"""Public walk-in forms: find a center, book, find a booking by code, the kiosk."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from civiccx.core.honeypot import HoneypotFormMixin
from civiccx.core.languages import own_name_choices
from civiccx.core.us_states import state_choices
from civiccx.services.interactions import normalize_phone


def _state_choices():
    """By name, sorted in the reader's language (evaluated per request, not at import)."""
    return [("", _("Any state")), *state_choices()]


class FindCenterForm(forms.Form):
    zip_code = forms.CharField(label=_("ZIP code"), required=False, max_length=10,
                               help_text=_("5 digits, for example 77002."),
                               widget=forms.TextInput(attrs={"inputmode": "numeric",
                                                             "autocomplete": "postal-code"}))
    state = forms.ChoiceField(label=_("Or a state"), required=False, choices=_state_choices)

    def clean_zip_code(self):
        value = self.cleaned_data["zip_code"].strip()
        if value and not re.fullmatch(r"\d{5}(-\d{4})?", value):
            raise ValidationError(_("Enter a 5-digit ZIP code, for example 77002."))
        return value[:5]


def _clean_phone(value: str) -> str:
    if not value:
        return ""
    try:
        return normalize_phone(value)
    except ValidationError as error:
        raise ValidationError(_("Enter a valid US mobile number with its area code, for "
                                "example (202) 555-0143.")) from error


class BookingForm(HoneypotFormMixin, forms.Form):
    slot = forms.CharField(label=_("Time"), widget=forms.RadioSelect,
                           error_messages={"required": _("Choose a time.")})
    name = forms.CharField(label=_("Your name (optional)"), required=False, max_length=100,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(label=_("Email address"), required=False,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}),
                             error_messages={"invalid": _("Enter an email address like "
                                                          "name@example.com.")})
    phone = forms.CharField(label=_("Mobile number for texts"), required=False, max_length=30,
                            help_text=_("We send your confirmation code and a reminder the day "
                                        "before. Give an email, a mobile number, or both."),
                            widget=forms.TextInput(attrs={"autocomplete": "tel",
                                                          "inputmode": "tel"}))
    language = forms.ChoiceField(label=_("Language for messages"), choices=own_name_choices(),
                                 widget=forms.RadioSelect)
    needs_accessibility = forms.BooleanField(
        label=_("I need accessibility help (for example a wheelchair-height counter, a sign "
                "language interpreter, or to be seen sooner)"), required=False)

    def __init__(self, *args, slot_choices=(), account_email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].widget.choices = list(slot_choices)
        self.account_email = account_email
        if account_email:
            self.fields["email"].help_text = _("Leave empty to use your account's email.")

    def clean_phone(self):
        return _clean_phone(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("email") or data.get("phone")
                                    or self.account_email):
            self.add_error("email", _("Give an email address or a mobile number so we can "
                                      "send your confirmation code."))
        return data


class RescheduleForm(forms.Form):
    slot = forms.CharField(label=_("New time"), widget=forms.RadioSelect,
                           error_messages={"required": _("Choose a new time.")})

    def __init__(self, *args, slot_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].widget.choices = list(slot_choices)


class CodeForm(HoneypotFormMixin, forms.Form):
    code = forms.CharField(label=_("Confirmation code"), max_length=20,
                           help_text=_("8 letters and numbers, for example K7MQ2XPA."),
                           widget=forms.TextInput(attrs={"autocomplete": "off",
                                                         "autocapitalize": "characters"}),
                           error_messages={"required": _("Enter your confirmation code.")})


class TicketForm(HoneypotFormMixin, forms.Form):
    service = forms.ChoiceField(label=_("What do you need help with?"),
                                widget=forms.RadioSelect,
                                error_messages={"required": _("Choose a service.")})
    phone = forms.CharField(label=_("Mobile number (optional)"), required=False, max_length=30,
                            help_text=_("We text you when you are next, so you can wait "
                                        "outside."),
                            widget=forms.TextInput(attrs={"autocomplete": "tel",
                                                          "inputmode": "tel"}))
    needs_accessibility = forms.BooleanField(
        label=_("I need accessibility help or cannot wait standing"), required=False)
    survey_consent = forms.BooleanField(
        label=_("You may text me a short, optional survey about my visit."), required=False)

    def __init__(self, *args, service_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = list(service_choices)

    def clean_phone(self):
        return _clean_phone(self.cleaned_data["phone"])
