"""The public help pages: search, suggestions, articles in both languages, and votes."""

import pytest
from django.urls import reverse

from civiccx.help.models import SearchLog, Vote
from civiccx.metrics.models import Rollup
from civiccx.services.models import Interaction, ServiceChannel
from civiccx.services.visits import VISIT_SESSION_KEY
from tests.factories import make_call_queue, make_service
from tests.help.factories import make_article, make_category

pytestmark = pytest.mark.django_db

REFUND_BODY = "## Check your refund\n\nUse the refund tracker.\n\n<script>alert('x')</script>"


@pytest.fixture
def refunds():
    category = make_category(slug="refunds", name="Refunds", name_es="Reembolsos")
    service = make_service(slug="help-center", name="Help center")
    article = make_article(
        "check-your-refund-status", category=category,
        en=("Check the status of your refund", "Use the refund tracker.", REFUND_BODY),
        es=("Consulte el estado de su reembolso", "Use la herramienta de seguimiento.",
            "Use la herramienta del **reembolso**."),
        keywords_en=["wheres my refund"], keywords_es=["donde esta mi reembolso"])
    article.services.add(service)
    make_article("refund-delayed", category=category,
                 en=("Why your refund may be delayed", "Reasons refunds take longer.",
                     "Errors and reviews slow a refund."))
    related = make_article("payment-plans", en=("Payment plans", "Pay over time.", "Apply."))
    article.related.add(related)
    return article


def test_home_lists_topics_with_published_articles(client, refunds):
    make_category(slug="empty", name="Nothing here yet")
    page = client.get(reverse("help:home")).content.decode()
    assert "Refunds" in page and "2 articles" in page
    assert "Nothing here yet" not in page


def test_search_ranks_highlights_and_logs_a_redacted_query(client, refunds):
    response = client.get(reverse("help:search"), {"q": "wheres my refund 123-45-6789"})
    page = response.content.decode()
    assert page.index("Check the status of your refund") < page.index("Why your refund may")
    assert "<mark>refund</mark>" in page
    log = SearchLog.objects.get()
    assert "123-45-6789" not in log.query and "[SSN]" in log.query
    assert log.results == 2 and log.top_slug == "check-your-refund-status"
    assert log.visit == client.session[VISIT_SESSION_KEY]


def test_opening_a_result_records_the_click_once(client, refunds):
    client.get(reverse("help:search"), {"q": "refund"})
    log = SearchLog.objects.get()
    url = reverse("help:article", args=["refund-delayed"])
    response = client.get(url, {"sq": log.pk, "r": 2})
    assert response.status_code == 302 and response.url == url
    client.get(reverse("help:article", args=["check-your-refund-status"]), {"sq": log.pk, "r": 1})
    log.refresh_from_db()
    assert (log.clicked_slug, log.clicked_rank) == ("refund-delayed", 2)


def test_a_click_from_another_visit_is_not_counted(client, refunds):
    client.get(reverse("help:search"), {"q": "refund"})
    log = SearchLog.objects.get()
    client.cookies.clear()
    client.get(reverse("help:article", args=["refund-delayed"]), {"sq": log.pk, "r": 1})
    log.refresh_from_db()
    assert log.clicked_slug == ""


def test_no_results_offers_close_matches_a_callback_and_a_walk_in_visit(client, refunds):
    queue = make_call_queue(make_service(slug="phone-assistance"), slug="main-line")
    page = client.get(reverse("help:search"), {"q": "refnd stauts"}).content.decode()
    assert "Some words were not found, so these results are for “refund status”." in page
    page = client.get(reverse("help:search"), {"q": "quantum physics"}).content.decode()
    assert "0 results" in page
    assert "We could not find an article for that" in page
    assert reverse("phone:request-callback", args=[queue.slug]) in page
    assert reverse("walkin:find") in page
    assert SearchLog.objects.filter(results=0, normalized="quantum physics").exists()


def test_the_callback_offered_comes_from_the_catalog_in_the_reader_s_language(client, refunds):
    main = make_call_queue(make_service(slug="phone-assistance"), slug="main-line")
    ServiceChannel.objects.create(service=refunds.services.get(), channel="phone",
                                  url="/phone/callback/refund-line/")
    article = client.get(reverse("help:article", args=[refunds.slug])).content.decode()
    assert 'href="/phone/callback/refund-line/"' in article  # the article's own line
    search = client.get("/es/help/search/", {"q": "quantum"}).content.decode()
    assert f'href="/es/phone/callback/{main.slug}/"' in search  # else the main line
    ServiceChannel.objects.filter(channel="phone").update(is_active=False)
    assert "/phone/callback/" not in client.get(reverse("help:home")).content.decode()


def test_an_empty_search_is_not_logged(client, refunds):
    assert client.get(reverse("help:search"), {"q": "   "}).status_code == 200
    assert not SearchLog.objects.exists()


def test_suggestions_show_articles_and_searches_as_you_type(client, refunds):
    fragment = client.get(reverse("help:suggest"), {"q": "check the sta"}).content.decode()
    assert "Check the status of your refund" in fragment
    assert reverse("help:article", args=["check-your-refund-status"]) in fragment
    fragment = client.get(reverse("help:suggest"), {"q": "wheres my ref"}).content.decode()
    articles, searches = fragment.split("Searches")
    assert "Check the status of your refund" in articles
    assert "wheres my refund" in searches
    assert client.get(reverse("help:suggest"), {"q": ""}).content.decode().strip() == ""


def test_an_article_shows_sanitized_text_related_articles_and_review_date(client, refunds):
    page = client.get(reverse("help:article", args=[refunds.slug])).content.decode()
    assert "<h2>Check your refund</h2>" in page
    assert "<script>alert" not in page
    assert "Payment plans" in page  # related
    assert "Last reviewed" in page
    assert "Was this page helpful?" in page


def test_the_spanish_page_shows_the_spanish_version(client, refunds):
    page = client.get(f"/es/help/articles/{refunds.slug}/").content.decode()
    assert "Consulte el estado de su reembolso" in page
    assert ('href="/help/articles/check-your-refund-status/?chosen-language=en"'
            in page)  # switch to English, remembered


def test_an_article_missing_in_spanish_points_to_the_english_version(client, refunds):
    response = client.get("/es/help/articles/refund-delayed/")
    assert response.status_code == 404
    assert 'href="/help/articles/refund-delayed/"' in response.content.decode()


def test_unknown_and_unpublished_articles_are_not_found(client, refunds):
    make_article("secret-draft", en=("Draft", "Not yet.", "Draft."), publish=False)
    assert client.get(reverse("help:article", args=["nope"])).status_code == 404
    assert client.get(reverse("help:article", args=["secret-draft"])).status_code == 404


def _effectiveness(language="en"):
    cells = Rollup.objects.filter(metric="thumbs:effectiveness", language=language)
    return sum(c.c1 for c in cells), sum(c.c0 for c in cells)


def test_a_vote_is_an_interaction_and_counts_toward_effectiveness(client, refunds):
    url = reverse("help:vote", args=[refunds.slug])
    response = client.post(url, {"helpful": "yes"})
    assert response.status_code == 302 and "voted=" in response.url
    page = client.get(response.url).content.decode()
    assert "Thank you for your feedback" in page
    vote = Vote.objects.get()
    assert vote.helpful and vote.translation.language == "en"
    interaction = Interaction.objects.get()
    assert (interaction.service.slug, interaction.channel, interaction.outcome) == (
        "help-center", "web", "resolved")
    assert vote.interaction == interaction
    client.post(f"/es/help/articles/{refunds.slug}/helpful/", {"helpful": "no"})
    assert _effectiveness("en") == (1, 0)
    assert _effectiveness("es") == (0, 1)
    assert Interaction.objects.filter(outcome="unresolved", language="es").count() == 1


def test_a_comment_after_a_no_vote_is_redacted_and_saved_once(client, refunds):
    url = reverse("help:vote", args=[refunds.slug])
    response = client.post(url, {"helpful": "no"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "Tell us what you were looking for" in page
    token = page.split('name="vote" value="')[1].split('"')[0]
    response = client.post(url, {"vote": token, "comment": "My SSN is 123-45-6789, no refund"},
                           HTTP_HX_REQUEST="true")
    assert "Your comment was sent" in response.content.decode()
    vote = Vote.objects.get()
    assert "123-45-6789" not in vote.comment and vote.redactions == 1
    client.post(url, {"vote": token, "comment": "Second try"})
    vote.refresh_from_db()
    assert "Second try" not in vote.comment


def test_a_forged_vote_token_changes_nothing(client, refunds):
    url = reverse("help:vote", args=[refunds.slug])
    client.post(url, {"helpful": "no"})
    response = client.post(url, {"vote": "forged", "comment": "hello"})
    assert response.status_code == 302
    assert Vote.objects.get().comment == ""


def test_a_too_long_comment_keeps_the_text_and_says_why(client, refunds):
    url = reverse("help:vote", args=[refunds.slug])
    page = client.post(url, {"helpful": "no"}, HTTP_HX_REQUEST="true").content.decode()
    token = page.split('name="vote" value="')[1].split('"')[0]
    response = client.post(url, {"vote": token, "comment": "x" * 1001})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Keep your comment under 1000 characters" in page
    assert "x" * 1001 in page


def test_a_bad_vote_value_is_ignored(client, refunds):
    client.post(reverse("help:vote", args=[refunds.slug]), {"helpful": "maybe"})
    assert not Vote.objects.exists()


def test_votes_are_rate_limited(client, refunds, settings):
    settings.CIVICCX_PUBLIC_FORM_RATE = "2/m"
    url = reverse("help:vote", args=[refunds.slug])
    codes = [client.post(url, {"helpful": "yes"}).status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    assert Vote.objects.count() == 2


def test_a_spanish_search_shows_an_english_only_answer_labelled_with_a_callback(client, refunds):
    make_call_queue(make_service(slug="phone-assistance"), slug="main-line")
    make_article("refund-check-lost", en=(
        "What if my refund check was lost or stolen?", "Ask for a refund trace.",
        "If your refund check never arrived, or it was stolen, ask for a refund trace."))
    page = client.get("/es/help/search/", {"q": "cheque de reembolso robado"}).content.decode()
    assert 'href="/help/articles/refund-check-lost/' in page  # the English page, not /es/
    assert 'lang="en" hreflang="en">What if my refund check was lost or stolen?</a>' in page
    assert "(en inglés)" in page
    assert "Algunas respuestas solo están en inglés." in page
    assert "Podemos devolverle la llamada en español." in page


def test_an_off_topic_search_says_nothing_matched(client, refunds):
    page = client.get(reverse("help:search"), {"q": "how do i renew my fishing license"})
    assert "We could not find an article for that" in page.content.decode()
    assert SearchLog.objects.get().results == 0


@pytest.mark.parametrize(("prefix", "query", "heading", "agency"), [
    ("", "renew my passport", "Passports: another office can help",
     "It is handled by the U.S. Department of State."),
    ("/es", "renovar pasaporte", "Pasaportes: otra oficina puede ayudarle",
     "De esto se encarga el Departamento de Estado de EE. UU."),
])
def test_a_question_for_another_office_says_who_handles_it(client, prefix, query, heading,
                                                            agency):
    make_article("itin", en=("Apply for or renew an ITIN", "Form W-7.",
                             "Mail Form W-7.\n\n- Bring a passport or a national ID card."),
                 es=("Cómo solicitar o renovar un ITIN", "Formulario W-7.",
                     "Envíe el Formulario W-7.\n\n- Traiga un pasaporte."))
    page = client.get(f"{prefix}/help/search/", {"q": query}).content.decode()
    assert heading in page and agency in page and ".." not in page
    assert 'href="https://' in page and "/help/articles/itin/" not in page
    assert SearchLog.objects.get().results == 0
