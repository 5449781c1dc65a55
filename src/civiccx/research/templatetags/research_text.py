from django import template

from civiccx.core.languages import current_language, default_language

register = template.Library()


@register.filter
def local(obj, field: str) -> str:
    """`obj.<field>_es` on Spanish pages when it is filled in, else the English field."""
    language = current_language()
    if language != default_language():
        translated = getattr(obj, f"{field}_{language}", "")
        if translated:
            return translated
    return getattr(obj, field)


@register.filter
def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
