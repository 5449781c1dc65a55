"""The agency's name in the reader's language: plain for the header and titles, and with its
article for a sentence ("Get help from the Federal Revenue Service" / "Obtenga ayuda del
Servicio Federal de Ingresos", "… de la Agencia de Ejemplos").

`CIVICCX_AGENCY_NAME` (English) and `CIVICCX_AGENCY_NAME_ES` (Spanish) win when set. Each is
written as a sentence uses it, with its article ("the Department of Examples", "la Agencia de
Ejemplos"); the header shows it without. Spanish has no way to guess an article ("el Servicio",
"la Agencia"), so a Spanish name without one is used without one ("de Agencia de Ejemplos"),
never with a wrong one. Without a Spanish name, Spanish pages use the English name without its
"the". Otherwise the names come from whichever app knows the agency: the service catalog
registers its sources at start-up (`services.apps`), so core, which knows no domain, never
reads the catalog itself.

A Spanish translation writes "de %(agency)s" and "a %(agency)s"; `contracted` (the
`|contracted` filter of `{% load languages %}`) makes "de el" "del" and "a el" "al".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings

from civiccx.core.languages import current_language, default_language

FALLBACK_NAME = "Civic CX"

# The articles a configured name may start with, by language.
ARTICLES = {"en": ("the",), "es": ("el", "la", "los", "las")}
# Spanish contracts "de el" and "a el"; not before a capitalised "El" that is part of a name
# ("de El Paso").
_CONTRACTIONS = {"es": ((re.compile(r"\b([Dd])e el\b"), r"\1el"),
                        (re.compile(r"\b([Aa]) el\b"), r"\1l"))}

_sources: list[Callable[[], tuple[str, str] | None]] = []


def register_agency_name_source(source: Callable[[], tuple[str, str] | None]) -> None:
    """`source()` returns the agency's name in the current language and the name as a sentence
    uses it, with its article (one look-up for both), or None if unknown."""
    if source not in _sources:
        _sources.append(source)


def _configured() -> str:
    """The configured name in the reader's language (with its article), else ""."""
    language = current_language()
    if language != default_language():
        translated = getattr(settings, f"CIVICCX_AGENCY_NAME_{language.upper()}", "")
        if translated:
            return translated
        return without_article(settings.CIVICCX_AGENCY_NAME, default_language())
    return settings.CIVICCX_AGENCY_NAME


def without_article(name: str, language: str | None = None) -> str:
    """ "la Agencia de Ejemplos" -> "Agencia de Ejemplos"; "the Department" -> "Department"."""
    language = language or current_language()
    for article in ARTICLES.get(language, ()):
        if name[: len(article) + 1].lower() == f"{article} " and len(name) > len(article) + 1:
            rest = name[len(article) + 1 :].lstrip()
            return rest[:1].upper() + rest[1:]
    return name


def agency_names() -> tuple[str, str]:
    """(`agency_name()`, `agency_in_sentence()`), with one look-up."""
    if configured := _configured():
        return without_article(configured), _lower_article(configured)
    for source in _sources:
        names = source()
        if names and names[0]:
            return names[0], names[1] or names[0]
    return FALLBACK_NAME, FALLBACK_NAME


def agency_name() -> str:
    """For the header, a title or a list: "Federal Revenue Service"."""
    return agency_names()[0]


def agency_in_sentence() -> str:
    """For a sentence, with its article: "the Federal Revenue Service" / "el Servicio Federal
    de Ingresos" / "la Agencia de Ejemplos" (lower case: capitalise it to start a sentence)."""
    return agency_names()[1]


def _lower_article(name: str) -> str:
    first, _space, rest = name.partition(" ")
    if rest and first.lower() in ARTICLES.get(current_language(), ()):
        return f"{first.lower()} {rest}"
    return name


def contracted(text: str, language: str | None = None) -> str:
    """Spanish "de el Servicio" -> "del Servicio", "a el" -> "al" (other languages as is)."""
    for pattern, replacement in _CONTRACTIONS.get(language or current_language(), ()):
        text = pattern.sub(replacement, text)
    return text
