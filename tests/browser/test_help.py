"""A taxpayer uses the help center by keyboard alone: search with suggestions, open an
article, vote and comment, switch to Spanish; a search with no answer offers a callback."""

import re

import pytest

from civiccx.help.models import Category, SearchLog, Vote
from tests.browser.keyboard import tab_to
from tests.help.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_help(seed_demo):
    seed_demo("help", "phone")


def test_search_open_vote_and_switch_language_by_keyboard(live_server, page, assert_accessible,
                                                          demo_help):
    page.goto(f"{live_server.url}/help/")
    assert_accessible(page, "help center home")
    tab_to(page, "#help-search-field")
    page.keyboard.type("check the sta")
    suggestion = page.locator("#help-suggestions a", has_text="Check the status of your refund")
    suggestion.wait_for()
    assert_accessible(page, "help center with suggestions")
    page.locator("#help-search-field").fill("")
    page.keyboard.type("wheres my refnd")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", name=re.compile(r"results for “wheres my refnd”"))
    assert_accessible(page, "search results")
    first = page.locator("ol.usa-collection a").first
    assert first.inner_text() == "Check the status of your refund"
    tab_to(page, "ol.usa-collection li:first-child a")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/help/articles/check-your-refund-status/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Check the status of your refund"
    assert SearchLog.objects.latest("pk").clicked_slug == "check-your-refund-status"
    assert_accessible(page, "article")

    tab_to(page, "#helpful button[value=no]")
    page.keyboard.press("Enter")
    page.get_by_text("Tell us what you were looking for").wait_for()
    # htmx moves focus to the thanks heading once the swap settles (its autofocus)
    page.wait_for_function("document.activeElement && document.activeElement.id === "
                           "'helpful-heading'")
    assert_accessible(page, "after voting")
    tab_to(page, "#helpful textarea")
    page.keyboard.type("I need to know when it will arrive. Call me at 202-555-0143.")
    tab_to(page, "#helpful button[type=submit]")
    page.keyboard.press("Enter")
    page.get_by_text("Your comment was sent").wait_for()
    vote = Vote.objects.latest("pk")
    assert not vote.helpful and "202-555-0143" not in vote.comment
    assert "when it will arrive" in vote.comment

    tab_to(page, "a[hreflang=es]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/es/help/articles/check-your-refund-status/$"))
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("heading", level=1).inner_text() == "Consulte el estado de su reembolso"
    assert_accessible(page, "artículo")


def test_no_results_offers_a_callback_in_spanish(live_server, page, assert_accessible, demo_help):
    page.goto(f"{live_server.url}/es/help/")
    tab_to(page, "#help-search-field")
    page.keyboard.type("xilófono morado")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/es/help/search/" in page.url
    assert_accessible(page, "sin resultados")
    tab_to(page, "#still-need-help ~ ul a[href*='/phone/callback/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/es/phone/callback/[a-z-]+/$"))
    assert page.locator("input[name=phone]").is_visible()
    assert SearchLog.objects.latest("pk").results == 0


def test_a_spanish_search_whose_only_answer_is_in_english_shows_it_labelled(
        live_server, page, assert_accessible, demo_help):
    make_article("replace-medicare-card", category=Category.objects.first(), en=(
        "Replace your Medicare card",
        "If your Medicare card was lost, stolen or damaged, you can get a new one at no cost.",
        "Sign in to your account to ask for a new Medicare card. It arrives by mail in about "
        "30 days."))
    page.goto(f"{live_server.url}/es/help/")
    tab_to(page, "#help-search-field")
    page.keyboard.type("perdí mi tarjeta de medicare")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    first = page.locator("ol.usa-collection li").first
    assert first.locator("a").inner_text() == "Replace your Medicare card"
    assert first.locator("a").get_attribute("lang") == "en"
    assert "(en inglés)" in first.inner_text()
    assert "Algunas respuestas solo están en inglés." in page.locator(
        "#other-language-note").inner_text()
    assert_accessible(page, "resultados en inglés")
    tab_to(page, "ol.usa-collection li:first-child a")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/help/articles/replace-medicare-card/$"))
    assert "/es/" not in page.url
    assert page.get_by_role("heading", level=1).inner_text() == "Replace your Medicare card"
    assert SearchLog.objects.latest("pk").clicked_slug == "replace-medicare-card"
