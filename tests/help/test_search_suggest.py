"""Suggestions as you type and "did you mean" for no-results pages."""

from functools import cache

import pytest

from civiccx.help.search import SearchIndex, Suggestion, load_documents, load_synonyms

pytestmark = pytest.mark.pure


@cache
def index() -> SearchIndex:
    return SearchIndex.build(load_documents(), load_synonyms())


def texts(prefix: str, language: str = "en", limit: int = 8) -> list[str]:
    return [s.text.lower() for s in index().suggest(prefix, language, limit)]


def test_suggestions_complete_the_last_word():
    found = texts("refu")
    assert found
    assert all("refund" in text for text in found)


def test_earlier_words_must_be_in_the_suggestion():
    found = texts("direct file st")
    assert found
    assert all("direct file" in text for text in found)
    assert any("states" in text or "status" in text for text in found)


def test_the_last_word_is_typo_tolerant():
    assert any("refund" in text for text in texts("rfund"))
    assert any("reembolso" in text for text in texts("reembolzo", "es"))


def test_titles_come_with_their_slug():
    titles = [s for s in index().suggest("payment", "en") if s.slug]
    assert titles
    assert all(isinstance(s, Suggestion) for s in titles)
    assert "payment-plan-options" in {s.slug for s in titles}


def test_spanish_suggestions_fold_accents():
    assert texts("prorroga", "es") == texts("prórroga", "es")
    assert any("prórroga" in text or "prorroga" in text for text in texts("prorr", "es"))


def test_suggestions_are_stable_limited_and_unique():
    first = index().suggest("pay", "en", limit=5)
    assert first == index().suggest("pay", "en", limit=5)
    assert len(first) == 5
    assert len({s.text.casefold() for s in first}) == 5


@pytest.mark.parametrize("prefix", ["", " ", "?", "x" * 500])
def test_odd_prefixes_do_not_crash(prefix):
    assert isinstance(index().suggest(prefix, "en"), list)


@pytest.mark.parametrize(
    ("query", "language", "expected"),
    [
        ("refnd stauts", "en", "refund status"),
        ("paymnet plan", "en", "payment plan"),
        ("identiy theft", "en", "identity theft"),
        ("multta", "es", "multa"),
    ],
)
def test_did_you_mean_offers_the_closest_known_words(query, language, expected):
    assert index().did_you_mean(query, language) == expected


@pytest.mark.parametrize("query", ["refund status", "xyzzyq", "", "how do i"])
def test_did_you_mean_is_none_when_there_is_nothing_better(query):
    assert index().did_you_mean(query, "en") is None


def test_a_complete_word_is_not_stretched_into_another():
    found = texts("where is my refund")
    assert "where is my refundable" not in found and "where is my refunds" not in found


def test_one_completion_per_stem():
    found = [t for t in texts("where is my refu", limit=20) if t.startswith("where is my ")]
    stems = [t.split()[-1][:6] for t in found]
    assert found and len(stems) == len(set(stems)), found
