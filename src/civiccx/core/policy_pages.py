"""The pages every federal site links from its identifier (USWDS identifier required links)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PolicyPage:
    slug: str
    title: str
    template: str
    url_name: str = ""
    """A page another app serves (named by URL, so core imports no domain app)."""

    @property
    def url(self) -> str:
        if self.url_name:
            return reverse(self.url_name)
        return reverse("core:policy-page", args=[self.slug])


POLICY_PAGES = {
    page.slug: page
    for page in (
        PolicyPage("about", _("About"), "core/policy/about.html"),
        PolicyPage("accessibility", _("Accessibility statement"), "core/policy/accessibility.html"),
        PolicyPage("foia", _("FOIA requests"), "core/policy/foia.html"),
        PolicyPage("no-fear-act", _("No FEAR Act data"), "core/policy/no_fear_act.html"),
        PolicyPage("inspector-general", _("Office of the Inspector General"),
                   "core/policy/inspector_general.html"),
        PolicyPage("performance", _("Performance reports"), "", url_name="reports:index"),
        PolicyPage("privacy", _("Privacy policy"), "core/policy/privacy.html"),
    )
}
