"""Help center records for tests: categories and articles, published through the workflow."""

from __future__ import annotations

import itertools

from civiccx.help import workflow
from civiccx.help.models import Article, Category

_numbers = itertools.count(1)


def make_category(**overrides) -> Category:
    number = next(_numbers)
    slug = overrides.pop("slug", f"topic-{number}")
    defaults = {"name": f"Topic {number}", "name_es": f"Tema {number}",
                "summary": "Things to know.", "summary_es": "Cosas que saber."}
    return Category.objects.get_or_create(slug=slug, defaults={**defaults, **overrides})[0]


def make_article(slug: str | None = None, *, category: Category | None = None,
                 en: tuple[str, str, str] | None = None, es: tuple[str, str, str] | None = None,
                 keywords_en=(), keywords_es=(), publish: bool = True, **fields) -> Article:
    """An article with English (and optionally Spanish) text, published unless told not to.

    `en`/`es` are (title, summary, body)."""
    number = next(_numbers)
    article = Article.objects.create(slug=slug or f"article-{number}",
                                     category=category or make_category(),
                                     owner=fields.pop("owner", "Test content team"), **fields)
    texts = {"en": (en or (f"Article {number}", "A short summary.",
                           "Some **helpful** text about a topic."), keywords_en),
             "es": (es, keywords_es)}
    for language, (text, keywords) in texts.items():
        if text is None:
            continue
        title, summary, body = text
        if publish:
            workflow.publish_imported(article, language, title=title, summary=summary,
                                      body=body, keywords=keywords)
        else:
            workflow.save_draft(article, language, title=title, summary=summary, body=body,
                                keywords=keywords)
    return article
