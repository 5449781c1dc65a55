"""The demo agency's help center: every article, plus work for the editors to see."""

import os

import pytest
from django.core.management import call_command

from civiccx.help.models import Article, Translation

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_edit_waiting_for_review_and_articles_due_for_their_check():
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", interactions=0, responses=0, stdout=quiet)
    waiting = Translation.objects.get(state=Translation.State.IN_REVIEW)
    assert waiting.working.author.username == "content-editor"
    assert waiting.live.body != waiting.working.body  # the public still sees the old text
    assert sorted(a.slug for a in Article.objects.all() if a.is_stale()) == [
        "child-tax-credit", "itin-basics", "payment-plan-options"]
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", interactions=0, responses=0, stdout=quiet)
    assert Translation.objects.filter(state=Translation.State.IN_REVIEW).count() == 1
