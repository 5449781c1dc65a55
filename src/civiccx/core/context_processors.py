"""Values every page's layout needs."""

from django.conf import settings
from django.urls import translate_url

from civiccx.core.agency import agency_names
from civiccx.core.languages import other_languages, site_languages
from civiccx.core.middleware import CHOICE_PARAMETER
from civiccx.core.policy_pages import POLICY_PAGES
from civiccx.core.roles import is_staff_member


def _with_choice(url: str, code: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{CHOICE_PARAMETER}={code}"


def site(request):
    other = other_languages()[0]
    name, in_sentence = agency_names()
    return {
        "agency_name": name,
        "agency_in_sentence": in_sentence,
        "show_gov_banner": settings.CIVICCX_GOV_BANNER,
        "other_language_code": other.code,
        # The link remembers the choice (core.middleware.PreferredLanguageMiddleware).
        "other_language_url": _with_choice(translate_url(request.get_full_path(), other.code),
                                           other.code),
        "other_language_name": other.own_name,
        "site_languages": site_languages(),
        "identifier_links": POLICY_PAGES.values(),
        "is_staff_member": is_staff_member(request.user) if hasattr(request, "user") else False,
    }
