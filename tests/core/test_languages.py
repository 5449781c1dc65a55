"""The site's languages and the one in use, asked of one module."""

import pytest
from django.utils import translation

from civiccx.core.languages import (
    current_language,
    default_language,
    is_site_language,
    language_choices,
    language_name,
    other_languages,
    own_name_choices,
    site_language,
)


def test_codes_fold_to_a_site_language():
    assert site_language("es") == "es" and site_language("es-US") == "es"
    assert site_language("en-us") == "en" and site_language("fr") == "en"
    assert site_language(None) == site_language("") == default_language() == "en"
    assert is_site_language("es") and not is_site_language("es-us")
    assert not is_site_language("") and not is_site_language(None)


@pytest.mark.parametrize(("active", "current", "other"), [
    ("en", "en", "es"), ("es", "es", "en"), ("es-us", "es", "en"), ("de", "en", "es")])
def test_the_current_language_and_the_one_to_switch_to(active, current, other):
    with translation.override(active):
        assert current_language() == current
        assert [language.code for language in other_languages()] == [other]


def test_outside_any_language_the_default_is_in_use():
    with translation.override(None):
        assert current_language() == "en"


def test_names_for_staff_in_their_language_and_for_the_public_in_each_own():
    with translation.override("es"):
        assert [(code, str(name)) for code, name in language_choices()] == [
            ("en", "Inglés"), ("es", "Español")]
        assert str(language_name("en")) == "Inglés"
    assert [(code, str(name)) for code, name in language_choices()] == [
        ("en", "English"), ("es", "Spanish")]
    assert own_name_choices() == [("en", "English"), ("es", "Español")]
