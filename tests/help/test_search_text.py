"""Text analysis: folding, tokens, stop words, stems; and the library stays free of Django."""

import ast
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import civiccx.help.search as search_package
from civiccx.help.search.text import (
    MAX_QUERY_CHARS,
    Analyzer,
    clip_query,
    fold,
    strip_markdown,
    surface_tokens,
)

pytestmark = pytest.mark.pure


def test_fold_strips_accents_and_case():
    assert fold("¿Dónde ESTÁ mi Niño?") == "¿donde esta mi nino?"


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Where's my W-2?", ["wheres", "my", "w2"]),
        ("Form 1099-G and SSA-1099", ["form", "1099g", "and", "ssa1099"]),
        ("1040-X, W-2c", ["1040x", "w2c"]),
        ("e-file walk-in", ["efile", "walk", "in"]),
        ("can't won’t", ["cant", "wont"]),
    ],
)
def test_form_names_and_contractions_are_one_token(text, tokens):
    assert surface_tokens(text) == tokens


def test_stop_words_and_question_phrasing_are_dropped():
    english = Analyzer("en").terms("How do I set up a payment plan?")
    assert english == ["set", "up", "payment", "plan"]
    assert Analyzer("es").terms("¿Cómo puedo hacer un plan de pagos?") == ["hac", "plan", "pag"]


def test_stems_join_singular_and_plural():
    en, es = Analyzer("en"), Analyzer("es")
    assert en.terms("refunds") == en.terms("refund")
    assert es.terms("declaraciones") == es.terms("declaración")
    assert es.terms("créditos") == es.terms("credito")


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        Analyzer("fr")


def test_markdown_is_stripped_to_text():
    assert strip_markdown("## When\n\n1. **Bold** step\n- item [link](/x)") == (
        "When\n\nBold step\nitem link"
    )


@given(st.text(max_size=1000))
def test_clip_query_caps_length(query):
    assert len(clip_query(query)) <= MAX_QUERY_CHARS


@given(st.text(max_size=200))
def test_tokens_are_plain_ascii_words(text):
    for token in surface_tokens(text):
        assert token.isalnum() and token.isascii()


def test_the_search_package_imports_nothing_from_django():
    package = Path(search_package.__file__).parent
    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(name.split(".")[0] == "django" for name in names), path.name
