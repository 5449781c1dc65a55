"""Public help center pages: home, search (with suggestions as you type), topics, articles and
"Was this page helpful?"."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, translate_url
from django.views.decorators.http import require_GET, require_POST

from civiccx.core.languages import current_language
from civiccx.core.ratelimit import public_form_ratelimit
from civiccx.help import services
from civiccx.help.forms import CommentForm, VoteForm
from civiccx.help.models import Article, Category, Translation
from civiccx.help.rendering import markdown_to_html
from civiccx.services.models import Channel, ServiceChannel
from civiccx.services.visits import visit_id

MAIN_PHONE_SERVICE = "phone-assistance"


def _published(language: str):
    return Translation.objects.filter(language=language, live__isnull=False)


def _next_channels(article: Article | None = None) -> dict:
    """Where to go when reading did not solve it, from the catalog: a phone line's page (the
    article's service's own line if the catalog lists one, else the main line) and the walk-in
    center finder."""
    lines = (ServiceChannel.objects.filter(channel=Channel.PHONE, is_active=True)
             .exclude(url="").order_by("service__slug"))
    line = None
    if article is not None:
        line = lines.filter(service__in=article.services.all()).first()
    line = line or lines.filter(service__slug=MAIN_PHONE_SERVICE).first() or lines.first()
    return {"callback_url": line.localized_url if line else None}


@require_GET
def home(request):
    language = current_language()
    categories = Category.objects.annotate(published=Count(
        "articles__translations", filter=Q(articles__translations__language=language,
                                           articles__translations__live__isnull=False)))
    return render(request, "help/home.html", {
        "categories": [c for c in categories if c.published], **_next_channels()})


@require_GET
def search(request):
    language = current_language()
    query = request.GET.get("q", "")
    visit = visit_id(request, create=bool(query.strip()))
    outcome = services.search(query, language, visit=visit)
    return render(request, "help/search.html", {
        "outcome": outcome, "query": outcome.query, **_next_channels()})


@require_GET
def suggest(request):
    """Suggestions as you type: an HTML fragment swapped in by htmx under the search box."""
    prefix = request.GET.get("q", "")[:200]
    language = current_language()
    found, articles = [], []
    if prefix.strip():
        completions = services.help_search.suggest(prefix, language, limit=8)
        articles = services.help_search.search(prefix, language, limit=3)
        if not articles and completions:  # the last word is half typed: use its completion
            articles = services.help_search.search(completions[0].text, language, limit=3)
        shown = {hit.slug for hit in articles}
        found = [c for c in completions if c.slug not in shown][:5]
    return render(request, "help/_suggestions.html",
                  {"suggestions": found, "articles": articles, "prefix": prefix})


@require_GET
def category(request, slug: str):
    language = current_language()
    topic = get_object_or_404(Category, slug=slug)
    articles = (_published(language).filter(article__category=topic)
                .select_related("live", "article").order_by("live__title"))
    if not articles:
        raise Http404
    return render(request, "help/category.html", {"category": topic, "articles": articles})


@require_GET
def article(request, slug: str):
    language = current_language()
    topic = get_object_or_404(Article.objects.select_related("category"), slug=slug)
    translations = {t.language: t for t in topic.translations.select_related("live")
                    if t.live_id}
    current = translations.get(language)
    if current is None:
        if not translations:
            raise Http404
        here = reverse("help:article", args=[slug])
        available = [(t, translate_url(here, t.language))
                     for _code, t in sorted(translations.items())]
        return render(request, "help/not_translated.html",
                      {"article": topic, "available": available}, status=404)
    services.note_click(request.GET.get("sq"), visit_id(request), slug,
                        request.GET.get("r"))
    if request.GET.get("sq"):  # the click is noted: keep the address clean to share or bookmark
        return redirect(reverse("help:article", args=[slug]))
    related = (_published(language).filter(article__in=topic.related.all())
               .select_related("live", "article").order_by("live__title"))
    vote = services.vote_from_token(request.GET.get("voted"))
    if vote is not None and vote.translation_id != current.pk:
        vote = None
    return render(request, "help/article.html", {
        "article": topic, "translation": current, "revision": current.live,
        "body_html": markdown_to_html(current.live.body), "related": related,
        "vote": vote, "vote_form": VoteForm(),
        "comment_form": CommentForm(initial={"vote": request.GET.get("voted")}) if vote else None,
        **_next_channels(topic)})


@require_POST
@public_form_ratelimit
def vote(request, slug: str):
    language = current_language()
    current = get_object_or_404(Translation.objects.select_related("article"),
                                article__slug=slug, language=language, live__isnull=False)
    article_url = reverse("help:article", args=[slug])
    if "comment" in request.POST:
        return _comment(request, current, article_url)
    form = VoteForm(request.POST)
    if not form.is_valid() or form.is_spam():
        return redirect(f"{article_url}#helpful")
    recorded = services.record_vote(current, form.cleaned_data["helpful"] == "yes")
    token = services.vote_token(recorded)
    if request.htmx:
        return render(request, "help/_vote_thanks.html", {
            "vote": recorded, "translation": current,
            "comment_form": CommentForm(initial={"vote": token})})
    return redirect(f"{article_url}?voted={token}#helpful")


def _comment(request, current: Translation, article_url: str):
    form = CommentForm(request.POST)
    recorded = services.vote_from_token(request.POST.get("vote"))
    if recorded is None or recorded.translation_id != current.pk:
        return redirect(f"{article_url}#helpful")
    if not form.is_valid():
        template = "help/_vote_thanks.html" if request.htmx else "help/article_comment.html"
        return render(request, template, {"vote": recorded, "translation": current,
                                          "comment_form": form}, status=400)
    if not form.is_spam() and form.cleaned_data["comment"].strip():
        services.add_comment(recorded, form.cleaned_data["comment"])
    return render(request, "help/_comment_thanks.html" if request.htmx
                  else "help/comment_thanks.html", {"translation": current, "vote": recorded})
