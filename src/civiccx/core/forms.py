"""Public forms owned by core."""

from django import forms
from django.utils.translation import gettext_lazy as _

from civiccx.core.honeypot import HoneypotFormMixin


class ProblemReportForm(HoneypotFormMixin, forms.Form):
    page = forms.CharField(
        label=_("Which page were you on?"), max_length=500,
        error_messages={"required": _("Tell us which page had the problem.")},
    )
    what_happened = forms.CharField(
        label=_("What went wrong?"),
        help_text=_("Do not include personal information such as your Social Security number. "
                    "2,000 characters at most."),
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 2000}),
        max_length=2000,
        min_length=10,
        error_messages={
            "required": _("Tell us what went wrong."),
            "min_length": _("Tell us a bit more: at least 10 characters."),
            "max_length": _("Shorten your message to 2,000 characters or fewer "
                            "(it has %(show_value)d)."),
        },
    )
