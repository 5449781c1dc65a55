"""The help center editors' pages: the article list, new articles, details, each language's text
with a sanitized preview, the review workflow, revision history and diffs, and synonyms.

Who may do what is decided by `workflow` (the pages only show or explain it): editors write and
send for review; publishers approve, return and withdraw; nobody approves their own edit.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from civiccx.core.languages import (
    is_site_language,
    language_choices,
    language_codes,
    language_name,
    other_languages,
    site_language,
)
from civiccx.core.public_links import path_in_language
from civiccx.core.roles import CONTENT_EDITOR, CONTENT_PUBLISHER, role_required
from civiccx.help import editorial, workflow
from civiccx.help.editor_forms import (
    ArticleDetailsForm,
    NewArticleForm,
    SynonymGroupForm,
    TranslationTextForm,
)
from civiccx.help.models import (
    Article,
    Category,
    SearchState,
    SynonymGroup,
    Translation,
)
from civiccx.help.reminders import due_article_ids
from civiccx.help.rendering import markdown_to_html, unsafe_markup

editors = role_required(CONTENT_EDITOR, CONTENT_PUBLISHER)
publishers = role_required(CONTENT_PUBLISHER)

PAGE_SIZE = 50


def _article(slug: str) -> Article:
    return get_object_or_404(Article.objects.select_related("category"), slug=slug)


def _language(language: str) -> str:
    if not is_site_language(language):
        raise Http404("No such language.")
    return language


def _translation(article: Article, language: str) -> Translation:
    return get_object_or_404(
        Translation.objects.select_related("working__author", "live__author"),
        article=article, language=_language(language))


# The list ---------------------------------------------------------------------------------

@editors
def article_list(request):
    filters = editorial.ArticleFilters.from_query(request.GET)
    articles = editorial.filtered_articles(filters, request.user)
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    due = due_article_ids()
    rows = []
    for article in editorial.with_translations(Article.objects.filter(
            pk__in=[a.pk for a in page.object_list]).select_related("category")
            .order_by("slug")):
        by_language = {t.language: t for t in article.translations.all()}
        english, spanish = by_language.get("en"), by_language.get("es")
        shown = english or spanish
        rows.append({
            "article": article,
            "title": shown.working.title if shown and shown.working else article.slug,
            "languages": [{"code": code, "name": name, "translation": by_language.get(code),
                           "status": editorial.status_label(by_language.get(code))}
                          for code, name in language_choices()],
            "spanish_gap": editorial.spanish_gap(english, spanish),
            "review_due": article.pk in due,
        })
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "help/editor/article_list.html", {
        "rows": rows, "page_obj": page, "filters": filters, "query_string": query.urlencode(),
        "figures": editorial.counts(request.user), "categories": Category.objects.all(),
        "state_choices": editorial.STATE_FILTERS.items(), "languages": language_choices(),
        "can_publish": workflow.can_publish(request.user),
    })


# New article and details -----------------------------------------------------------------

@editors
def article_new(request):
    if not workflow.can_edit(request.user):
        raise PermissionDenied(_("Your role cannot edit help articles."))
    form = NewArticleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            article = form.save()
        messages.success(request, _("Article created. Now write its English text."))
        return redirect("help:editor-edit", slug=article.slug, language="en")
    return render(request, "help/editor/article_new.html", {"form": form},
                  status=400 if form.errors else 200)


@editors
def article_details(request, slug: str):
    article = _article(slug)
    if not workflow.can_edit(request.user):
        raise PermissionDenied(_("Your role cannot edit help articles."))
    # The form gets its own copy: validating it writes the new values into its instance, and
    # save_details compares the old category and services with the new ones.
    form = ArticleDetailsForm(request.POST or None, instance=Article.objects.get(pk=article.pk))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        editorial.save_details(article, category=data["category"], services=data["services"],
                               owner=data["owner"], review_every_days=data["review_every_days"],
                               related=data["related"])
        messages.success(request, _("Details saved."))
        return redirect("help:editor-article", slug=article.slug)
    return render(request, "help/editor/article_details.html",
                  {"article": article, "form": form}, status=400 if form.errors else 200)


# One article ------------------------------------------------------------------------------

def _panels(article: Article, user, errors: dict | None = None, notes: dict | None = None):
    translations = {t.language: t for t in article.translations.select_related(
        "working__author", "live__author")}
    english, spanish = translations.get("en"), translations.get("es")
    panels = []
    for code, name in language_choices():
        translation = translations.get(code)
        steps = workflow.steps_for(translation, user) if translation else []
        panels.append({
            "code": code, "name": name, "translation": translation,
            "status": editorial.status_label(translation),
            "steps": {step.action: step for step in steps},
            "refused": _refusals(steps),
            "gap": editorial.spanish_gap(english, spanish) if code == "es" else "",
            "public_url": _public_url(article, code),
            "last_event": translation.events.select_related("actor").first()
            if translation else None,
            "errors": (errors or {}).get(code, {}),
            "notes": (notes or {}).get(code, {}),
        })
    return panels


def _public_url(article: Article, language: str) -> str:
    return path_in_language("help:article", article.slug, language=language)


STEP_NAMES = {"submit": gettext_lazy("Send for review"),
              "approve": gettext_lazy("Approve and publish"),
              "return": gettext_lazy("Return to the author"),
              "withdraw": gettext_lazy("Withdraw")}


def _refusals(steps) -> list[dict]:
    """The steps this user cannot take, with why; steps refused for one reason share a line."""
    by_reason: dict[str, list[str]] = {}
    for step in steps:
        if not step.allowed:
            by_reason.setdefault(step.reason, []).append(str(STEP_NAMES[step.action]))
    return [{"steps": ", ".join(names), "reason": reason} for reason, names in by_reason.items()]


def _article_page(request, article: Article, *, errors=None, notes=None, status=200):
    return render(request, "help/editor/article.html", {
        "article": article, "panels": _panels(article, request.user, errors, notes),
        "review_due": article.pk in due_article_ids(),
        "services": article.services.all(), "related": article.related.order_by("slug"),
        "can_edit": workflow.can_edit(request.user),
    }, status=status)


@editors
def article_detail(request, slug: str):
    return _article_page(request, _article(slug))


TRANSITIONS = {
    "submit": (workflow.submit_for_review, gettext_lazy("sent for review")),
    "approve": (workflow.approve, gettext_lazy("approved and published")),
    "return": (workflow.return_to_author, gettext_lazy("returned to the author")),
    "withdraw": (workflow.withdraw, gettext_lazy("withdrawn from the site")),
}


@editors
@require_POST
def transition(request, slug: str, language: str, action: str):
    article = _article(slug)
    translation = _translation(article, language)
    if action not in TRANSITIONS:
        raise Http404("No such step.")
    step, done = TRANSITIONS[action]
    note = request.POST.get("note", "").strip()[:300]
    try:
        step(translation, request.user, note)
    except ValidationError as error:
        messages_by_field = getattr(error, "message_dict", {"note": error.messages})
        return _article_page(request, article,
                             errors={language: {action: " ".join(messages_by_field["note"])}},
                             notes={language: {action: note}}, status=400)
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
        return redirect("help:editor-article", slug=slug)
    messages.success(request, _("%(language)s version %(done)s.") % {
        "language": language_name(language), "done": done})
    return redirect("help:editor-article", slug=slug)


@editors
@require_POST
def mark_reviewed(request, slug: str):
    article = _article(slug)
    workflow.mark_reviewed(article, request.user, request.POST.get("note", "").strip()[:300])
    article.refresh_from_db()
    messages.success(request, _("Marked as checked. Next review due %(date)s.") % {
        "date": date_format(article.review_due)})
    return redirect("help:editor-article", slug=slug)


# Editing text -----------------------------------------------------------------------------

def _preview_context(title: str, summary: str, body: str) -> dict:
    return {"preview": {"title": title.strip(), "summary": summary.strip(),
                        "html": mark_safe(markdown_to_html(body)),  # noqa: S308 (nh3-sanitized)
                        "unsafe": unsafe_markup(body)}}


def _text_initial(translation: Translation | None) -> dict:
    if translation is None or translation.working is None:
        return {"base": 0}
    revision = translation.working
    return {"title": revision.title, "summary": revision.summary, "body": revision.body,
            "keywords": "\n".join(revision.keywords), "base": revision.number}


@editors
def edit_text(request, slug: str, language: str):
    article = _article(slug)
    language = _language(language)
    if not workflow.can_edit(request.user):
        raise PermissionDenied(_("Your role cannot edit help articles."))
    translation = (Translation.objects.select_related("working__author", "live")
                   .filter(article=article, language=language).first())
    form = TranslationTextForm(request.POST or None, initial=_text_initial(translation),
                               language=language)
    context = {"article": article, "language": language,
               "language_name": language_name(language), "translation": translation,
               "form": form, "other": _other_language(article, language)}
    if request.method != "POST":
        initial = form.initial
        if initial.get("body"):
            context.update(_preview_context(initial["title"], initial["summary"],
                                            initial["body"]))
        return render(request, "help/editor/edit_text.html", context)
    if "preview" in request.POST:
        post = request.POST
        context.update(_preview_context(post.get("title", ""), post.get("summary", ""),
                                        post.get("body", "")))
        return render(request, "help/editor/edit_text.html", context)
    if not form.is_valid():
        return render(request, "help/editor/edit_text.html", context, status=400)
    data = form.cleaned_data
    try:
        saved = workflow.save_text(
            article, language, base=data.get("base") or 0, title=data["title"],
            summary=data["summary"], body=data["body"], keywords=data["keywords"],
            author=request.user, note=data["note"], submit=request.POST.get("then") == "submit")
    except workflow.EditConflict as conflict:
        form.add_error(None, str(conflict))
        form.data = form.data.copy()
        form.data["base"] = conflict.newer.number
        return render(request, "help/editor/edit_text.html", context, status=409)
    except ValidationError as error:  # the same rules as the form; kept for safety
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
        return render(request, "help/editor/edit_text.html", context, status=400)
    if saved.revision is None:
        if saved.submitted:
            messages.success(request, _("Sent for review."))
        else:
            messages.info(request, _("Nothing changed, so no new revision was saved."))
    elif saved.submitted:
        messages.success(request, _("Saved as revision %(number)d and sent for review.") % {
            "number": saved.revision.number})
    else:
        messages.success(request, _("Saved as revision %(number)d (a draft: the public still "
                                    "sees the published version).") % {
            "number": saved.revision.number})
    return redirect("help:editor-article", slug=article.slug)


def _other_language(article: Article, language: str):
    """The other language's text, shown beside the form for reference."""
    other = other_languages(than=language)[0].code
    translation = (Translation.objects.select_related("working", "live")
                   .filter(article=article, language=other).first())
    if translation is None or translation.working is None:
        return None
    revision = translation.live or translation.working
    return {"code": other, "name": language_name(other), "revision": revision,
            "is_live": revision.pk == translation.live_id,
            "html": mark_safe(markdown_to_html(revision.body))}  # noqa: S308 (nh3-sanitized)


@editors
@require_POST
def preview(request):
    """The sanitized preview of the text being edited (an HTMX fragment)."""
    post = request.POST
    return render(request, "help/editor/_preview.html",
                  _preview_context(post.get("title", ""), post.get("summary", ""),
                                   post.get("body", "")))


# History and differences ------------------------------------------------------------------

@editors
def history(request, slug: str, language: str):
    article = _article(slug)
    translation = _translation(article, language)
    revisions = list(translation.revisions.select_related("author").defer("body"))
    events = translation.events.select_related("actor", "revision")
    return render(request, "help/editor/history.html", {
        "article": article, "translation": translation, "revisions": revisions,
        "events": events, "language_name": language_name(translation.language)})


@editors
def revision_diff(request, slug: str, language: str, number: int):
    article = _article(slug)
    translation = _translation(article, language)
    revision = get_object_or_404(translation.revisions.select_related("author"), number=number)
    against = request.GET.get("against", "previous")
    if against == "live":
        old = translation.live
    elif against.isdigit():
        old = get_object_or_404(translation.revisions, number=int(against))
    else:
        against = "previous"
        old = (translation.revisions.filter(number__lt=number).order_by("-number").first())
    lines = workflow.revision_diff(old, revision)
    return render(request, "help/editor/diff.html", {
        "article": article, "translation": translation, "revision": revision, "old": old,
        "against": against, "lines": _around_changes(lines),
        "added": sum(1 for line in lines if line.kind == "added"),
        "removed": sum(1 for line in lines if line.kind == "removed"),
        "language_name": language_name(translation.language),
        "html": mark_safe(markdown_to_html(revision.body)),  # noqa: S308 (nh3-sanitized)
    })


DIFF_CONTEXT = 2


def _around_changes(lines, context: int = DIFF_CONTEXT) -> list:
    """The changed lines with `context` unchanged lines either side; longer unchanged runs
    become one "skipped" row that says how many lines it hides."""
    changed = [i for i, line in enumerate(lines) if line.kind != "same"]
    if not changed:
        return lines
    keep = {j for i in changed for j in range(i - context, i + context + 1)}
    out, hidden = [], 0
    for i, line in enumerate(lines):
        if i in keep:
            if hidden:
                out.append({"kind": "skipped", "count": hidden})
                hidden = 0
            out.append(line)
        else:
            hidden += 1
    if hidden:
        out.append({"kind": "skipped", "count": hidden})
    return out


# Synonyms ---------------------------------------------------------------------------------

def _save_synonyms(save) -> None:
    """Any synonym change rebuilds every process's index (decision 0004)."""
    with transaction.atomic():
        save()
        SearchState.bump(rebuild=True)


@publishers
def synonyms(request):
    language = request.GET.get("language", "en")
    language = site_language(language)
    search = request.GET.get("q", "").strip().lower()[:80]
    form = SynonymGroupForm(request.POST or None, initial={"language": language})
    if request.method == "POST" and form.is_valid():
        _save_synonyms(form.save)
        messages.success(request, _("Synonym group added. Search uses it now."))
        return redirect(reverse("help:editor-synonyms") + f"?language={form.instance.language}")
    groups = SynonymGroup.objects.filter(language=language)
    if search:
        groups = [group for group in groups if any(search in term for term in group.terms)]
    return render(request, "help/editor/synonyms.html", {
        "form": form, "groups": groups, "language": language, "search": search,
        "languages": language_choices(),
        "counts": {code: SynonymGroup.objects.filter(language=code).count()
                   for code in language_codes()},
    }, status=400 if form.errors else 200)


@publishers
def synonym_edit(request, pk: int):
    group = get_object_or_404(SynonymGroup, pk=pk)
    form = SynonymGroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        _save_synonyms(form.save)
        messages.success(request, _("Synonym group saved. Search uses it now."))
        return redirect(reverse("help:editor-synonyms") + f"?language={group.language}")
    return render(request, "help/editor/synonym_edit.html", {"form": form, "group": group},
                  status=400 if form.errors else 200)


@publishers
@require_POST
def synonym_delete(request, pk: int):
    group = get_object_or_404(SynonymGroup, pk=pk)
    _save_synonyms(group.delete)
    messages.success(request, _("Synonym group deleted: %(terms)s.") % {
        "terms": ", ".join(group.terms[:5])})
    return redirect(reverse("help:editor-synonyms") + f"?language={group.language}")
