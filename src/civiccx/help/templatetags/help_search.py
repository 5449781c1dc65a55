"""Search results that may be in the other language: their address and their label."""

from django import template
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

register = template.Library()


def _page_language() -> str:
    return "es" if (translation.get_language() or "en").startswith("es") else "en"


@register.filter
def in_other_language(hit) -> bool:
    """Whether a result is an article in the other language (it has no translation here)."""
    return bool(hit.language) and hit.language != _page_language()


@register.simple_tag
def hit_url(hit) -> str:
    """The article in its own language: an English-only article from the Spanish page opens
    the English page (the Spanish address would say it is not translated)."""
    if not in_other_language(hit):
        return reverse("help:article", args=[hit.slug])
    with translation.override(hit.language):
        return reverse("help:article", args=[hit.slug])


@register.filter
def language_label(hit) -> str:
    """"(in English)" / "(en inglés)": said in the page's language."""
    return _("(in English)") if hit.language == "en" else _("(in Spanish)")
