"""The public "call me back" form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from civiccx.core.honeypot import HoneypotFormMixin
from civiccx.core.languages import own_name_choices
from civiccx.services.interactions import normalize_phone


class CallbackRequestForm(HoneypotFormMixin, forms.Form):
    phone = forms.CharField(
        label=_("Phone number to call"), max_length=30,
        help_text=_("A US number, for example (202) 555-0143."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"required": _("Enter the phone number we should call.")},
    )
    language = forms.ChoiceField(
        label=_("Language for the call"), choices=own_name_choices(),
        widget=forms.RadioSelect)
    best_time = forms.ChoiceField(
        label=_("Best time to call"), required=False,
        choices=[("", _("As soon as possible")), ("morning", _("Morning")),
                 ("afternoon", _("Afternoon"))])
    survey_consent = forms.BooleanField(
        label=_("You may text me a short, optional survey about this call."), required=False)

    def clean_phone(self):
        try:
            return normalize_phone(self.cleaned_data["phone"])
        except ValidationError as error:
            raise ValidationError(
                _("Enter a valid US phone number with its area code, for example "
                  "(202) 555-0143.")) from error
