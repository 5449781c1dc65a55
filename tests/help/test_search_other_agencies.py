"""Questions another office answers (passports, driver's licenses, food assistance): the help
search shows no article that only mentions the thing in passing, and names who provides it."""

from urllib.parse import urlsplit

import pytest

from civiccx.help.search import Document, SearchIndex
from civiccx.help.search.other_agencies import load_other_agencies

pytestmark = pytest.mark.pure

ITIN = Document(
    "itin", "en", "Apply for or renew an ITIN",
    body_markdown="Mail Form W-7 with your tax return.\n\n"
                  "- Bring an identity document, such as a passport or a national ID card.")
ITIN_ES = Document(
    "itin", "es", "Cómo solicitar o renovar un ITIN",
    body_markdown="Envíe el Formulario W-7 con su declaración.\n\n"
                  "- Traiga un documento de identidad, como un pasaporte.")


def _index(*documents):
    return SearchIndex.build(documents or (ITIN, ITIN_ES), {})


@pytest.mark.parametrize(("query", "language"), [
    ("renew my passport", "en"),
    ("Renew my PASSPORTS", "en"),
    ("renovar pasaporte", "es"),
    ("renovar mi pasaporte vencido", "es"),
])
def test_a_passing_mention_is_not_an_answer(query, language):
    index = _index()
    assert index.search(query, language) == []
    assert index.other_agency(query, language).slug == "passports"


def test_without_the_topic_list_the_same_mention_would_be_shown():
    """The withholding comes from the topic, not from the confidence threshold."""
    index = SearchIndex.build([ITIN], {}, other_agencies=())
    assert [h.slug for h in index.search("renew my passport", "en")] == ["itin"]


@pytest.mark.parametrize("body", [
    "Your passport number goes on line 6d.\n\nIf your passport expired, send a copy anyway.",
    "A passport is the only document that proves identity and foreign status on its own."
    "\n\nSend your passport with Form W-7.",
])
def test_an_article_about_the_topic_is_still_shown(body):
    """Twice in the text, or in the title, and the article is about it."""
    index = _index(Document("itin-documents", "en", "ITIN documents", body_markdown=body))
    assert [h.slug for h in index.search("passport itin", "en")] == ["itin-documents"]
    titled = _index(Document("passport-id", "en", "Using your passport as proof of identity",
                             body_markdown="Send a certified copy."))
    assert [h.slug for h in titled.search("passport", "en")] == ["passport-id"]


def test_a_tax_question_with_a_near_word_is_not_sent_elsewhere():
    """Words, not stems: the Spanish stemmer makes "medicaid" and "médico" one stem."""
    form = Document("1095a", "es", "Formulario 1095-A",
                    body_markdown="Su seguro médico del Mercado.")
    index = _index(form)
    assert index.other_agency("formulario 1095-a seguro medico", "es") is None
    assert [h.slug for h in index.search("formulario 1095-a seguro medico", "es")] == ["1095a"]
    assert index.other_agency("where is my refund", "en") is None


@pytest.mark.parametrize(("query", "language", "slug"), [
    ("how do i get a drivers license", "en", "drivers-licenses"),
    ("licencias de conducir", "es", "drivers-licenses"),
    ("how to apply for food stamps", "en", "food-assistance"),
    ("copia del acta de nacimiento", "es", "vital-records"),
    ("examen de ciudadanía", "es", "immigration"),
    ("how do i register to vote", "en", "voting"),
])
def test_topics_match_as_phrases_in_either_language(query, language, slug):
    assert _index().other_agency(query, language).slug == slug


def test_every_topic_says_who_and_where_in_both_languages():
    topics = load_other_agencies()
    assert len(topics) >= 10
    for topic in topics:
        for language in ("en", "es"):
            assert topic.text("topic", language) and topic.text("agency", language)
            assert urlsplit(topic.text("url", language)).scheme == "https"
            assert topic.terms[language], (topic.slug, language)
