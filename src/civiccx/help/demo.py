"""The help app's part of `civiccx seed_demo`: the categories, synonyms and 167 bilingual
articles of `help/content/`, loaded through the same import path an agency would use."""

from __future__ import annotations

import json
import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from civiccx.help.content_io import import_articles, parse_json
from civiccx.help.demo_analytics import seed_analytics
from civiccx.help.models import Article, SearchState, SynonymGroup
from civiccx.help.search.content import CONTENT_DIR


def load_synonyms() -> int:
    """Seed the editable synonym list from synonyms.json, once."""
    if SynonymGroup.objects.exists():
        return 0
    data = json.loads((CONTENT_DIR / "synonyms.json").read_text(encoding="utf-8"))
    groups = [SynonymGroup(language=language, terms=terms)
              for language in ("en", "es") for terms in data[language]]
    SynonymGroup.objects.bulk_create(groups)
    SearchState.bump(rebuild=True)
    return len(groups)


def content_files() -> list:
    listing = json.loads((CONTENT_DIR / "index.json").read_text(encoding="utf-8"))
    return [CONTENT_DIR / entry["file"] for entry in listing["files"]]


@transaction.atomic
def load_content() -> int:
    """Every demo article, in one import (related articles may cross categories)."""
    categories = json.loads((CONTENT_DIR / "categories.json").read_text(encoding="utf-8"))
    records = []
    for path in content_files():
        records += parse_json(path.read_text(encoding="utf-8"))[0]
    for order, category in enumerate(categories["categories"]):
        category.setdefault("order", order)
    import_articles(records, categories["categories"], update=True)  # the demo's own articles
    return len(records)


def seed_editorial_examples() -> None:
    """Give the editors' pages something to show: an edit waiting for review (by the demo
    editor, so the demo publisher can approve it) and a few articles due for their check."""
    from civiccx.accounts.models import User
    from civiccx.help import workflow
    from civiccx.help.models import Translation

    editor = User.objects.filter(username="content-editor").first()
    english = Translation.objects.filter(article__slug="ways-to-pay", language="en").first()
    if editor is None or english is None or english.revisions.count() > 1:
        return
    live = english.live
    workflow.save_draft(
        english.article, "en", title=live.title, summary=live.summary,
        body=live.body.replace("Paying online is fastest", "Paying online is the fastest way"),
        keywords=live.keywords, author=editor, note="Plainer first paragraph.")
    workflow.submit_for_review(english, editor)
    overdue = timezone.localdate() - timedelta(days=400)
    Article.objects.filter(slug__in=["child-tax-credit", "payment-plan-options",
                                     "itin-basics"]).update(last_reviewed=overdue)


def seed(options, progress) -> list[str]:
    task = progress.add_task("Help center articles", total=3)
    load_synonyms()
    progress.advance(task)
    if not Article.objects.exists():
        load_content()
        seed_editorial_examples()
    progress.advance(task)
    seed_analytics(random.Random(2024))
    progress.advance(task)
    return ["Help center: /help/ (Spanish /es/help/); editors sign in as content-editor or "
            "content-publisher; search analytics at /staff/help/analytics/"]
