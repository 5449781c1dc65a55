from django import template

register = template.Library()


@register.filter
def local(obj, field: str) -> str:
    """`obj.<field>_es` on Spanish pages when it is filled in, else the English field."""
    return obj.localized(field)


@register.filter
def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
