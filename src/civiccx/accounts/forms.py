"""Staff sign-in forms: password first, then the second factor."""

from django import forms
from django.utils.translation import gettext_lazy as _


class StaffPasswordForm(forms.Form):
    username = forms.CharField(
        label=_("Username"), max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
        error_messages={"required": _("Enter your username.")},
    )
    password = forms.CharField(
        label=_("Password"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password.")},
    )


class OneTimeCodeForm(forms.Form):
    code = forms.RegexField(
        label=_("6-digit code from your authentication app"),
        regex=r"^\s*\d{6}\s*$",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={
            "required": _("Enter the 6-digit code from your authentication app."),
            "invalid": _("The code must be exactly 6 digits, for example 123456."),
        },
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip()
