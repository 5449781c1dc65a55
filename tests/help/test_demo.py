"""The demo agency's help center: every article, plus work for the editors to see."""


import pytest

from civiccx.help.models import Article, Translation

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_edit_waiting_for_review_and_articles_due_for_their_check(seed_demo):
    seed_demo("help")
    waiting = Translation.objects.get(state=Translation.State.IN_REVIEW)
    assert waiting.working.author.username == "content-editor"
    assert waiting.live.body != waiting.working.body  # the public still sees the old text
    assert sorted(a.slug for a in Article.objects.all() if a.is_stale()) == [
        "child-tax-credit", "itin-basics", "payment-plan-options"]
    seed_demo("help")
    assert Translation.objects.filter(state=Translation.State.IN_REVIEW).count() == 1
