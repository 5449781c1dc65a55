"""What the editors' pages need to know about articles: where each language stands, whether the
Spanish version lags the English one, and the article list's filters and counts."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civiccx.core.languages import is_site_language
from civiccx.help import workflow
from civiccx.help.models import Article, SearchState, Translation
from civiccx.help.reminders import due_article_ids

State = Translation.State

STATE_FILTERS = {
    "draft": gettext_lazy("Draft"),
    "in_review": gettext_lazy("In review"),
    "published": gettext_lazy("Published"),
    "withdrawn": gettext_lazy("Withdrawn"),
    "unpublished_changes": gettext_lazy("Published, with changes not yet live"),
}


def status_label(translation: Translation | None) -> str:
    """Where one language stands, in words an editor uses."""
    if translation is None:
        return _("Not written")
    if translation.state == State.IN_REVIEW:
        return (_("Published; changes in review") if translation.live_id
                else _("In review"))
    if translation.state == State.DRAFT:
        return (_("Published; draft changes") if translation.live_id
                else _("Draft, not published"))
    if translation.state == State.WITHDRAWN:
        return _("Withdrawn")
    return _("Published")


def spanish_gap(english: Translation | None, spanish: Translation | None) -> str:
    """"missing" when English is live and Spanish is not; "outdated" when the live Spanish
    revision is older than the live English one (English changed since); "" otherwise."""
    if english is None or english.live_id is None:
        return ""
    if spanish is None or spanish.live_id is None:
        return "missing"
    if spanish.live.created_at < english.live.created_at:
        return "outdated"
    return ""


def _live_created(language: str) -> Subquery:
    return Subquery(Translation.objects.filter(article=OuterRef("pk"), language=language)
                    .values("live__created_at")[:1])


def _with_spanish_gap(articles: QuerySet) -> QuerySet:
    return articles.annotate(en_live_at=_live_created("en"), es_live_at=_live_created("es"))


def _spanish_gap_q() -> Q:
    return Q(en_live_at__isnull=False) & (Q(es_live_at__isnull=True)
                                         | Q(es_live_at__lt=F("en_live_at")))


def _waiting_for(user) -> Exists:
    """A translation in review that this user did not write (so may approve)."""
    return Exists(Translation.objects.filter(article=OuterRef("pk"), state=State.IN_REVIEW)
                  .exclude(working__author=user))


@dataclass
class ArticleFilters:
    q: str = ""
    category: str = ""
    state: str = ""
    language: str = ""
    review_due: bool = False
    waiting_for_me: bool = False
    spanish_gap: bool = False

    @classmethod
    def from_query(cls, params) -> ArticleFilters:
        language = params.get("language", "")
        state = params.get("state", "")
        return cls(q=params.get("q", "").strip()[:100],
                   category=params.get("category", "").strip(),
                   state=state if state in STATE_FILTERS else "",
                   language=language if is_site_language(language) else "",
                   review_due=params.get("review") == "due",
                   waiting_for_me=params.get("waiting") == "me",
                   spanish_gap=params.get("spanish") == "gap")


def _state_q(state: str, prefix: str = "") -> Q:
    if state == "unpublished_changes":
        return (Q(**{f"{prefix}live__isnull": False})
                & Q(**{f"{prefix}state__in": (State.DRAFT, State.IN_REVIEW)}))
    return Q(**{f"{prefix}state": state})


def filtered_articles(filters: ArticleFilters, user, today=None) -> QuerySet:
    articles = _with_spanish_gap(Article.objects.select_related("category"))
    if filters.q:
        articles = articles.filter(
            Q(slug__icontains=filters.q)
            | Q(translations__working__title__icontains=filters.q)
            | Q(translations__live__title__icontains=filters.q))
    if filters.category:
        articles = articles.filter(category__slug=filters.category)
    if filters.state or filters.language:
        in_language = (Q(language=filters.language) if filters.language else Q())
        in_state = _state_q(filters.state) if filters.state else Q()
        articles = articles.filter(Exists(Translation.objects.filter(
            in_language & in_state, article=OuterRef("pk"))))
    if filters.review_due:
        articles = articles.filter(pk__in=due_article_ids(today))
    if filters.waiting_for_me:
        articles = articles.filter(_waiting_for(user))
    if filters.spanish_gap:
        articles = articles.filter(_spanish_gap_q())
    return articles.distinct().order_by("slug")


def with_translations(articles) -> list[Article]:
    """The articles with their languages loaded (without the bodies) for a list page."""
    translations = Translation.objects.select_related("working__author", "live").defer(
        "working__body", "live__body")
    return list(articles.prefetch_related(Prefetch("translations", queryset=translations)))


def counts(user, today=None) -> dict:
    """Figures for the top of the article list (over every article, not the filtered ones)."""
    by_state = dict(Translation.objects.values_list("state").annotate(n=Count("pk")))
    figures = {
        "articles": Article.objects.count(),
        "draft": by_state.get(State.DRAFT, 0),
        "in_review": by_state.get(State.IN_REVIEW, 0),
        "published": by_state.get(State.PUBLISHED, 0),
        "withdrawn": by_state.get(State.WITHDRAWN, 0),
        "review_due": len(due_article_ids(today)),
        "spanish_gap": _with_spanish_gap(Article.objects.all()).filter(
            _spanish_gap_q()).count(),
    }
    if workflow.can_publish(user):
        figures["waiting_for_me"] = Article.objects.filter(_waiting_for(user)).count()
    return figures


@transaction.atomic
def save_details(article: Article, *, category, services, owner: str, review_every_days: int,
                 related) -> Article:
    """Save an article's details. Category and services are part of what search shows, so a
    change to either moves the article's translations to a new search version in the same
    transaction (the index picks them up on its next check)."""
    search_changed = (article.category_id != category.pk or
                      set(article.services.values_list("pk", flat=True))
                      != {service.pk for service in services})
    article.category = category
    article.owner = owner.strip()
    article.review_every_days = review_every_days
    article.save()
    article.services.set(services)
    article.related.set(related)
    if search_changed:
        article.translations.update(search_version=SearchState.bump())
    return article
