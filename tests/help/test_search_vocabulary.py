"""The product's synonyms and lexicon are in the database after `migrate`, with no demo: a fresh
install searches across languages, and an upgrade's new terms reach every process."""

import pytest

from civiccx.help import search_vocabulary
from civiccx.help.models import ProductVocabulary, SearchState, SynonymGroup
from civiccx.help.search import load_synonyms
from civiccx.help.search.content import product_synonyms
from civiccx.help.search_service import HelpSearch
from tests.help.factories import make_article

pytestmark = pytest.mark.django_db


def test_migrate_loads_the_product_vocabulary():
    assert not SynonymGroup.objects.exists()  # nothing of the agency's, no demo
    assert ProductVocabulary.objects.filter(kind="lexicon").count() == len(
        product_synonyms()["cross_language"])
    assert search_vocabulary.synonyms_from_database() == load_synonyms(include_demo=False)
    assert search_vocabulary.sync_product_vocabulary() is False  # already current


def test_a_fresh_install_finds_an_english_only_article_from_spanish():
    make_article("lost-refund-check", en=("Lost refund check", "Ask for a refund trace.",
                                          "If your refund check was lost, ask for a trace."))
    hits = HelpSearch().search("cheque de reembolso perdido", "es")
    assert [(h.slug, h.language) for h in hits] == [("lost-refund-check", "en")]


def test_new_product_terms_reach_the_database_and_make_processes_rebuild():
    ProductVocabulary.objects.filter(kind="lexicon").order_by("-position").first().delete()
    version, rebuilt = SearchState.current()
    assert search_vocabulary.sync_product_vocabulary() is True
    assert SearchState.current()[1] > rebuilt
    assert search_vocabulary.synonyms_from_database() == load_synonyms(include_demo=False)


def test_the_agency_groups_come_first_and_win():
    SynonymGroup.objects.create(language="en", terms=["refund", "our refund tracker"])
    merged = search_vocabulary.synonyms_from_database()
    assert merged["en"][0] == ["refund", "our refund tracker"]
