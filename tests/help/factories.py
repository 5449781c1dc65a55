"""Help center records for tests: categories and articles, published through the workflow."""

from __future__ import annotations

import itertools

from django.utils import timezone

from civiccx.help import workflow
from civiccx.help.models import Article, Category
from civiccx.services.models import VisitStep

_numbers = itertools.count(1)


def make_category(**overrides) -> Category:
    number = next(_numbers)
    slug = overrides.pop("slug", f"topic-{number}")
    defaults = {"name": f"Topic {number}", "name_es": f"Tema {number}",
                "summary": "Things to know.", "summary_es": "Cosas que saber."}
    return Category.objects.get_or_create(slug=slug, defaults={**defaults, **overrides})[0]


_DEFAULT = object()


def make_article(slug: str | None = None, *, category: Category | None = None,
                 en=_DEFAULT, es: tuple[str, str, str] | None = None,
                 keywords_en=(), keywords_es=(), publish: bool = True, **fields) -> Article:
    """An article with English (unless `en=None`) and optionally Spanish text, published unless
    told not to. `en`/`es` are (title, summary, body)."""
    number = next(_numbers)
    article = Article.objects.create(slug=slug or f"article-{number}",
                                     category=category or make_category(),
                                     owner=fields.pop("owner", "Test content team"), **fields)
    if en is _DEFAULT:
        en = (f"Article {number}", "A short summary.", "Some **helpful** text about a topic.")
    texts = {"en": (en, keywords_en), "es": (es, keywords_es)}
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


def make_help_translation(slug: str | None = None, language: str = "en", *,
                          title: str | None = None):
    """One published translation (its article and category made as needed)."""
    article = Article.objects.filter(slug=slug).first() if slug else None
    if article is None:
        article = Article.objects.create(slug=slug or f"article-{next(_numbers)}",
                                         category=make_category(slug="test-topics",
                                                                name="Test topics"),
                                         owner="Test team")
    revision = workflow.publish_imported(article, language,
                                         title=title or f"About {article.slug}",
                                         summary="A summary.", body="Some text.")
    return revision.translation


make_help_category = make_category


def make_help_article(slug: str | None = None, *, languages=("en", "es"), category=None,
                      title: str = "", **fields) -> Article:
    """An article published in `languages`; English titles are `title` or "Article N",
    Spanish ones "Artículo N"."""
    number = next(_numbers)
    return make_article(
        slug, category=category,
        en=(title or f"Article {number}", "What to do.", "Do the thing.\n")
        if "en" in languages else None,
        es=(f"Artículo {number}", "Qué hacer.", "Haga la cosa.\n") if "es" in languages else None,
        **fields)


def escalate(*, visit: str, channel: str, at=None) -> VisitStep:
    """A visit that asked for a person on another channel ("phone": a callback request,
    "in_person": a booked walk-in visit), as the phone and walk-in pages record it."""
    step = {"phone": VisitStep.Step.CALLBACK_REQUESTED,
            "in_person": VisitStep.Step.VISIT_BOOKED}[channel]
    return VisitStep.objects.create(visit=visit, channel=channel, step=step,
                                    at=at or timezone.now())
