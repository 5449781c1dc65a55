"""The public "Was this page helpful?" forms: a yes/no, then an optional comment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from civiccx.core.honeypot import HoneypotFormMixin
from civiccx.help.services import COMMENT_MAX


class VoteForm(HoneypotFormMixin, forms.Form):
    helpful = forms.ChoiceField(choices=[("yes", _("Yes")), ("no", _("No"))])


class CommentForm(HoneypotFormMixin, forms.Form):
    vote = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("What could make this page better? (optional)"), max_length=COMMENT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Do not include your Social Security number, phone number or other "
                    "personal information. We cannot reply to comments."),
        error_messages={
            "max_length": _("Keep your comment under %(limit_value)d characters."),
        })
