"""Keeping the index fresh: one edited article changes results as a rebuild would."""

import dataclasses

import pytest

from civiccx.help.search import Document, SearchIndex, load_documents, load_synonyms

pytestmark = pytest.mark.pure

QUERIES = [
    ("refund", "en"),
    ("payment plan", "en"),
    ("lost w2", "en"),
    ("reembolso", "es"),
    ("cita", "es"),
    ("quokka", "en"),
]


def results(index: SearchIndex) -> list:
    return [index.search(q, language) for q, language in QUERIES]


def test_add_makes_a_new_article_findable():
    index = SearchIndex.build(load_documents(), load_synonyms())
    assert index.search("quokka", "en") == []
    index.add(Document("quokka-care", "en", "Quokka care", "About quokkas.", "Quokkas."))
    assert index.search("quokka", "en")[0].slug == "quokka-care"
    assert index.search("quokka", "es", cross_language=False) == []
    assert [h.language for h in index.search("quokka", "es")] == ["en"]  # only in English
    assert ("quokka-care", "en") in index
    assert index.last_refresh_seconds < 1.0


def test_update_in_place_matches_a_full_rebuild():
    documents = load_documents()
    edited = [
        dataclasses.replace(d, title="Quokka refund guide") if d.slug == "pay-by-card" else d
        for d in documents
    ]
    index = SearchIndex.build(documents, load_synonyms())
    for d in edited:
        if d.slug == "pay-by-card":
            index.update(d)
    rebuilt = SearchIndex.build(edited, load_synonyms())
    assert results(index) == results(rebuilt)
    assert index.search("quokka", "en")[0].slug == "pay-by-card"


def test_remove_matches_a_full_rebuild_and_frees_the_words():
    documents = load_documents()
    index = SearchIndex.build(documents, load_synonyms())
    assert index.remove("check-your-refund-status") is True  # both languages
    assert index.remove("check-your-refund-status") is False
    rebuilt = SearchIndex.build(
        [d for d in documents if d.slug != "check-your-refund-status"], load_synonyms()
    )
    assert results(index) == results(rebuilt)
    assert len(index) == len(documents) - 2


def test_remove_one_language_only():
    documents = load_documents()
    index = SearchIndex.build(documents, load_synonyms())
    spanish = next(d for d in documents if d.language == "es" and d.slug == "pay-with-cash")
    assert index.remove(spanish) is True
    assert "pay-with-cash" not in [h.slug for h in index.search("efectivo", "es")]
    assert "pay-with-cash" in [h.slug for h in index.search("cash", "en")]


def test_words_only_in_a_removed_article_are_no_longer_typo_targets():
    index = SearchIndex.build(
        [Document("a", "en", "Quokka facts"), Document("b", "en", "Refund facts")], {}
    )
    assert index.search("quoka", "en")[0].slug == "a"
    index.remove("a", "en")
    assert index.search("quoka", "en") == []
    assert index.search("quokka", "en") == []


def test_slots_are_reused_after_removal():
    index = SearchIndex.build([Document(f"d{i}", "en", f"Title {i} refund") for i in range(5)])
    for i in range(5):
        index.remove(f"d{i}", "en")
        index.add(Document(f"e{i}", "en", f"Title {i} refund"))
    assert [h.slug for h in index.search("refund", "en")] == [f"e{i}" for i in range(5)]


def test_a_word_brought_by_an_edit_is_a_typo_target_at_once():
    index = SearchIndex.build([Document("b", "en", "Refund facts")], {})
    assert index.search("quoka", "en") == []  # typo tables built now
    index.add(Document("a", "en", "Quokka facts"))
    assert [h.slug for h in index.search("quoka", "en")] == ["a"]
    assert index.did_you_mean("quoka", "en") == "quokka"


def test_edits_merged_into_the_base_still_match_a_full_rebuild(monkeypatch):
    from civiccx.help.search import ranking

    monkeypatch.setattr(ranking, "COMPACT_AFTER", 3)  # merge the overlay every few edits
    documents = load_documents()
    index = SearchIndex.build(documents, load_synonyms())
    edited = list(documents)
    for i, d in enumerate(documents[:40:4]):
        changed = dataclasses.replace(d, summary=f"{d.summary} quokka refund {i}")
        index.update(changed)
        edited[edited.index(d)] = changed
    index.remove(documents[1])
    edited.remove(documents[1])
    rebuilt = SearchIndex.build(edited, load_synonyms())
    assert results(index) == results(rebuilt)
