"""The web process's index follows the database: published text appears in search, withdrawn
text disappears, and other processes catch up from the shared version number."""

import pytest

from civiccx.help import workflow
from civiccx.help.models import SearchState, SynonymGroup, Translation
from civiccx.help.search_service import HelpSearch, help_search
from tests.factories import make_staff
from tests.help.factories import make_article

pytestmark = pytest.mark.django_db


def _slugs(hits):
    return [hit.slug for hit in hits]


def test_only_published_text_is_searchable():
    make_article("lost-w2", en=("Lost your W-2", "Get a copy of your wage form.", "Ask."))
    make_article("draft-only", en=("Lost wallet", "Draft text.", "Draft."), publish=False)
    assert _slugs(help_search.search("lost", "en")) == ["lost-w2"]


def test_an_approved_edit_reaches_search_and_another_process_catches_up():
    editor, publisher = make_staff("content_editor"), make_staff("content_publisher")
    article = make_article("pay-plan", en=("Payment plans", "Pay over time.", "Apply online."))
    other_process = HelpSearch()
    assert _slugs(other_process.search("installment", "en")) == []
    workflow.save_draft(article, "en", title="Payment plans and installment agreements",
                        summary="Pay over time.", body="Apply online.", author=editor)
    english = Translation.objects.get(article=article, language="en")
    assert _slugs(help_search.search("installment", "en")) == []  # a draft is not public
    workflow.submit_for_review(english, editor)
    workflow.approve(english, publisher)
    assert _slugs(help_search.search("installment", "en")) == ["pay-plan"]
    assert _slugs(other_process.search("installment", "en")) == ["pay-plan"]


def test_withdrawn_articles_leave_search():
    publisher = make_staff("content_publisher")
    make_article("old-rule", en=("An old rule", "No longer true.", "Forget it."))
    assert _slugs(help_search.search("old rule", "en")) == ["old-rule"]
    workflow.withdraw(Translation.objects.get(article__slug="old-rule"), publisher,
                      "The rule changed.")
    assert help_search.search("old rule", "en") == []


def test_an_up_to_date_process_checks_with_one_small_read(settings,
                                                          django_assert_num_queries):
    make_article("lost-w2", en=("Lost your W-2", "Get a copy.", "Ask your employer."))
    help_search.search("w2", "en")
    with django_assert_num_queries(1):
        help_search.search("w2", "en")
    settings.HELP_SEARCH_CHECK_SECONDS = 60
    help_search.search("w2", "en")
    with django_assert_num_queries(0):
        help_search.search("w2", "en")


def test_edited_synonyms_rebuild_the_index():
    make_article("lost-w2", en=("Lost your W-2", "Get a copy of your wage form.", "Ask."))
    assert help_search.search("earnings slip", "en") == []
    SynonymGroup.objects.create(language="en", terms=["w2", "earnings slip"])
    SearchState.bump(rebuild=True)
    assert _slugs(help_search.search("earnings slip", "en")) == ["lost-w2"]
