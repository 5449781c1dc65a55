"""Values every page's layout needs."""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from civiccx.core.policy_pages import POLICY_PAGES
from civiccx.core.roles import is_staff_member


def agency_name() -> str:
    """The agency shown in the header: the configured name, else the catalog's first provider."""
    if settings.CIVICCX_AGENCY_NAME:
        return settings.CIVICCX_AGENCY_NAME
    from civiccx.services.models import ServiceProvider

    provider = ServiceProvider.objects.order_by("pk").only("name", "name_es").first()
    return provider.localized("name") if provider else "Civic CX"


def site(request):
    current = translation.get_language() or settings.LANGUAGE_CODE
    other = "es" if current.startswith("en") else "en"
    return {
        "agency_name": agency_name(),
        "show_gov_banner": settings.CIVICCX_GOV_BANNER,
        "other_language_code": other,
        "other_language_url": translate_url(request.get_full_path(), other),
        "other_language_name": "Español" if other == "es" else "English",
        "identifier_links": POLICY_PAGES.values(),
        "is_staff_member": is_staff_member(request.user) if hasattr(request, "user") else False,
    }
