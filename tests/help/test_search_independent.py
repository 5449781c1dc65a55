"""Search quality on a labelled set written apart from the demo articles (issue 17): 62
articles abridged from US government FAQ pages (IRS.gov, IRS.gov/es, SSA, Taxpayer Advocate
Service; sources in each record), some only in English, some only in Spanish, and 192 queries
with typos, other names for things, Spanish without accents, needs whose only answer is in the
other language, and 20 questions the set has no answer for. See independent_set/README.md.

The set is split in two by a hash of each query: the constants of the search library were
chosen on "tune"; "heldout" was not looked at while choosing them. Both are reported."""

import pytest

from civiccx.help.search.dictionary import is_word
from civiccx.help.search.text import surface_tokens
from tests.help.independent_set import evaluate

pytestmark = pytest.mark.pure


def test_the_set_is_big_enough_and_in_both_languages():
    articles = evaluate.articles()
    assert len(articles) >= 60
    languages = [tuple(lang for lang in ("en", "es") if lang in a) for a in articles]
    assert languages.count(("en",)) >= 10 and languages.count(("es",)) >= 5
    assert languages.count(("en", "es")) >= 15
    assert all(a["sources"] for a in articles)
    queries = evaluate.queries()
    assert len(queries) >= 100
    kinds = {k for q in queries for k in q["kinds"]}
    assert {"typo", "synonym", "no_accents", "cross_language", "no_answer"} <= kinds
    assert sum(not q["relevant"] for q in queries) >= 15
    slugs = {a["slug"] for a in articles}
    assert all(set(q["relevant"]) <= slugs for q in queries)


@pytest.mark.parametrize("split", ["tune", "heldout", "all"])
def test_quality_per_split(split, capsys):
    figures = evaluate.measure(split)
    with capsys.disabled():
        print(
            f"\nindependent set {split}: MRR@10 {figures.mrr():.3f} (en {figures.mrr('en'):.3f}, "
            f"es {figures.mrr('es'):.3f}); nothing found for {figures.nothing_found_rate:.0%} "
            f"of {len(figures.no_answer)} no-answer queries"
        )
    assert figures.mrr() >= 0.85
    assert figures.mrr("es") >= 0.80


def test_most_questions_without_an_answer_get_nothing_found():
    """Issue 17 asks for 80%. The confidence threshold alone reaches 80% on "tune" and 75% on
    the whole set: what it let through were passing mentions (an ITIN article's "pasaporte" in
    its list of documents, "marriage" and "license" in a name-change article). Questions about
    services another office provides (other_agencies.json) now get "nothing found" and a
    pointer to that office unless an article is about the service. That list was written
    after these misses were seen, so the figures here overstate what it does on new questions;
    the dev questions (a second author) are measured too."""
    for split in ("tune", "heldout", "all", "dev"):
        assert evaluate.measure(split).nothing_found_rate >= 0.8, split


def test_the_threshold_fitted_on_either_half_keeps_the_targets_on_the_other():
    """Held-out check of the confidence threshold: fitted on one half of the queries, it must
    keep the MRR targets on the half it never saw, both ways round."""
    for fit, other in (("tune", "heldout"), ("heldout", "tune")):
        figures = evaluate.measure(other, min_confidence=evaluate.fit_threshold(fit))
        assert figures.mrr() >= 0.85 and figures.mrr("es") >= 0.80


def test_no_dictionary_word_of_any_query_is_rewritten():
    """Every word of the set's queries that is a word of English or Spanish stays as typed
    (a Spanish speaker types English words too: "w2", "ssi"): typo correction only touches
    words no article, synonym and dictionary knows."""
    index = evaluate.index()
    rewritten = []
    for query in evaluate.queries() + evaluate.queries("dev"):
        language = query["language"]
        lang = index._lang(language)
        chosen, _ = index._chosen_tokens(lang, query["query"])
        for typed, kept in zip(surface_tokens(query["query"]), chosen, strict=False):
            if typed != kept and (is_word(typed, "en") or is_word(typed, "es")):
                rewritten.append((query["query"], typed, kept))
    assert rewritten == []


@pytest.mark.parametrize(
    ("typo", "word", "language"),
    [
        ("refnd", "refund", "en"),
        ("transcrpt", "transcript", "en"),
        ("reembloso", "reembolso", "es"),
        ("identidaad", "identidad", "es"),
    ],
)
def test_real_typos_are_still_corrected(typo, word, language):
    index = evaluate.index()
    chosen, _ = index._chosen_tokens(index._lang(language), typo)
    assert chosen == [word]


@pytest.mark.parametrize(
    ("word", "language"),
    [
        ("said", "en"),
        ("took", "en"),
        ("county", "en"),
        ("case", "en"),
        ("ohio", "en"),
        ("texas", "en"),
        ("llevo", "es"),
        ("apellido", "es"),
        ("casi", "es"),
    ],
)
def test_words_the_issue_saw_rewritten_are_kept(word, language):
    index = evaluate.index()
    chosen, fixes = index._chosen_tokens(index._lang(language), word)
    assert chosen == [word] and fixes == {}


def test_a_spanish_question_finds_an_article_that_exists_only_in_english():
    hits = evaluate.index().search("cheque de reembolso perdido", "es")
    assert hits[0].slug == "refund-check-lost-or-stolen" and hits[0].language == "en"


def test_an_off_topic_question_finds_nothing():
    assert evaluate.index().search("how to apply for food stamps", "en") == []
    assert evaluate.index().search("cupones de alimentos", "es") == []


def test_an_ambiguous_typo_is_searched_as_typed():
    """A made-up word with many equally close known words is not "corrected" into one of them
    at random."""
    from civiccx.help.search import Document, SearchIndex

    words = ["bat", "cat", "hat", "mat", "rat", "sat"]
    index = SearchIndex.build(
        [Document(f"a-{w}", "en", f"{w}s and more", "", f"{w}s.") for w in words], {}
    )
    lang = index._lang("en")
    assert index._chosen_tokens(lang, "zats")[0] == ["zats"]
    assert index._chosen_tokens(lang, "catz")[0] == ["cats"]


def test_a_word_of_the_other_language_is_not_read_as_one_of_this_one():
    """ "medicaid" on the Spanish page: the Spanish stemmer makes it "medic", as in "médico";
    searched that way, a question about Medicaid found an article about medical receipts (and,
    on the independent set, the Taxpayer Advocate through a stem neighbour). It is an English
    word no Spanish article uses, so it matches nothing and weighs as a word no article has.
    An article that does say "Medicaid" is still found, and Spanish forms still meet."""
    from civiccx.help.search import Document, SearchIndex

    medical = Document(
        "gastos-medicos",
        "es",
        "Gastos médicos y su declaración",
        "",
        "Guarde los recibos de gastos médicos y de medicamentos.",
    )
    mortgage = Document(
        "hipotecas",
        "es",
        "Intereses de préstamos hipotecarios",
        "",
        "Puede deducir los intereses hipotecarios de su vivienda.",
    )
    index = SearchIndex.build([medical, mortgage], {})
    assert index.search("medicaid", "es") == []
    assert index.search("solicitar medicaid", "es") == []
    assert [h.slug for h in index.search("gastos medicos", "es")] == ["gastos-medicos"]
    assert [h.slug for h in index.search("hipoteca", "es")] == ["hipotecas"]

    medicaid = Document(
        "medicaid", "es", "Medicaid y su declaración", "", "Si tiene Medicaid, guarde la carta."
    )
    index.add(medicaid)
    assert index.search("medicaid", "es")[0].slug == "medicaid"
    assert evaluate.index().search("como solicitar medicaid", "es") == []


def test_questions_a_second_author_wrote_without_an_answer_mostly_find_nothing(capsys):
    """32 questions the set has no answer for (dev_queries.json), written by another author
    before any search ran on them; they widen the no-answer data the threshold is checked on.
    72% found nothing as first measured; 75% since the fix above (one of them, "como
    solicitar medicaid", showed it). This guards that figure."""
    figures = evaluate.measure("dev")
    with capsys.disabled():
        print(
            f"\nindependent set dev: nothing found for {figures.nothing_found_rate:.0%} "
            f"of {len(figures.no_answer)} no-answer queries"
        )
    assert len(figures.no_answer) == 32 and figures.queries == 32
    assert figures.nothing_found_rate >= 0.75
