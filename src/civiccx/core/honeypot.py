"""A hidden field that people never fill in and form-filling bots usually do."""

from django import forms
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website"


class HoneypotFormMixin(forms.Form):
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD))
