"""The site's languages, and which one is in use: the one place that knows them.

Codes are the short ones the data stores ("en", "es"); `settings.LANGUAGES` lists them, the
first being the default (`settings.LANGUAGE_CODE`). Django may report a regional variant
("es-us") or nothing at all (outside a request): `site_language` folds both to a site language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise


@dataclass(frozen=True)
class SiteLanguage:
    code: str
    name: str | Promise
    """Its name in the reader's language ("Spanish", "español"): for staff pages and lists."""
    own_name: str
    """Its name in itself ("Español"): for a control that switches to it or chooses it."""


# Each language's name in itself, as a language menu shows it (Django's own table is in lower
# case: "español").
OWN_NAMES = {"en": "English", "es": "Español"}


def site_languages() -> tuple[SiteLanguage, ...]:
    return tuple(SiteLanguage(code, name, OWN_NAMES.get(code, str(name)))
                 for code, name in settings.LANGUAGES)


def language_codes() -> tuple[str, ...]:
    return tuple(code for code, _name in settings.LANGUAGES)


def default_language() -> str:
    return site_language(settings.LANGUAGE_CODE, fallback=language_codes()[0])


def is_site_language(code: str | None) -> bool:
    return code in language_codes()


def site_language(code: str | None, *, fallback: str | None = None) -> str:
    """`code` if the site speaks it (a regional variant counts: "es-us" is "es"), else the
    default language."""
    codes = language_codes()
    base = (code or "").lower().split("-")[0]
    if base in codes:
        return base
    return fallback if fallback is not None else default_language()


def current_language() -> str:
    """The site language of the request (or `translation.override` block) in progress."""
    return site_language(translation.get_language())


def other_languages(than: str | None = None) -> tuple[SiteLanguage, ...]:
    """The languages other than `than` (default: the current one): those a reader can switch
    to, or an editor compare with."""
    code = site_language(than) if than else current_language()
    return tuple(language for language in site_languages() if language.code != code)


def language_choices() -> list[tuple[str, str | Promise]]:
    """(code, name in the reader's language), for staff forms and filters."""
    return [(language.code, language.name) for language in site_languages()]


def own_name_choices() -> list[tuple[str, str]]:
    """(code, name in itself), for the public choosing the language of their messages."""
    return [(language.code, language.own_name) for language in site_languages()]


def language_name(code: str) -> str | Promise:
    return dict(language_choices()).get(code, code)


def own_language_name(code: str) -> str:
    return dict(own_name_choices()).get(code, code)
