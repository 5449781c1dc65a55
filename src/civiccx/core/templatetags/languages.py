"""`{{ code|own_language_name }}`: "Español" for "es" (see core.languages); `{{ text|contracted }}`:
Spanish "de el" -> "del", "a el" -> "al" after a name with its article was filled in
(core.agency; use `{% blocktranslate asvar text %}`)."""

from django import template

from civiccx.core.agency import contracted as _contracted
from civiccx.core.languages import own_language_name as _own_language_name

register = template.Library()


@register.filter
def own_language_name(code):
    return _own_language_name(code or "")


@register.filter(is_safe=True)
def contracted(text):
    return _contracted(str(text or ""))
