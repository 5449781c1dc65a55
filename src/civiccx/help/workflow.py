"""The editorial workflow: draft → in review → published (→ withdrawn), with who may do what.

Editors save drafts and send them for review; publishers approve (publish), return with a note,
or withdraw. The states, the allowed steps and what each step changes are the transitions on
`Translation` (nobody publishes their own edit; each step is a `WorkflowEvent`; each public
change bumps the search version in the same transaction, so search never shows text that is not,
or no longer, published). This module checks roles and input, locks the translation, takes the
step and saves it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from civiccx.help.models import Article, Revision, Translation, WorkflowEvent
from civiccx.help.models import WorkflowError as WorkflowError  # the views' name for it
from civiccx.help.rendering import unsafe_markup

Action = WorkflowEvent.Action

TITLE_MAX, SUMMARY_MAX, BODY_MAX, KEYWORDS_MAX = 200, 400, 20_000, 30


def can_edit(user) -> bool:
    return user.has_perm("help.change_article")


def can_publish(user) -> bool:
    return user.has_perm("help.publish_article")


def validate_text(title: str, summary: str, body: str, keywords) -> dict[str, str]:
    """Field-by-field problems with an article's text, in plain language (empty if fine)."""
    errors: dict[str, str] = {}
    if not (title or "").strip():
        errors["title"] = _("Enter a title.")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("Keep the title under %(max)d characters.") % {"max": TITLE_MAX}
    if not (summary or "").strip():
        errors["summary"] = _("Enter a one-sentence summary.")
    elif len(summary) > SUMMARY_MAX:
        errors["summary"] = _("Keep the summary under %(max)d characters.") % {
            "max": SUMMARY_MAX}
    if not (body or "").strip():
        errors["body"] = _("Enter the article text.")
    elif len(body) > BODY_MAX:
        errors["body"] = _("Keep the article under %(max)d characters.") % {"max": BODY_MAX}
    else:
        problems = unsafe_markup(body)
        if problems:
            errors["body"] = _("Remove %(what)s: articles are Markdown only.") % {
                "what": ", ".join(problems)}
    if not isinstance(keywords, list | tuple) or not all(isinstance(k, str) for k in keywords):
        errors["keywords"] = _("Keywords must be a list of words or phrases.")
    elif len(keywords) > KEYWORDS_MAX:
        errors["keywords"] = _("Use at most %(max)d keywords.") % {"max": KEYWORDS_MAX}
    return errors


def clean_keywords(keywords) -> list[str]:
    """Lowercase, trimmed, without blanks or repeats, in the order given."""
    seen: dict[str, None] = {}
    for keyword in keywords:
        cleaned = " ".join(str(keyword).lower().split())
        if cleaned:
            seen.setdefault(cleaned, None)
    return list(seen)


@transaction.atomic
def save_draft(article: Article, language: str, *, title: str, summary: str, body: str,
               keywords=(), author=None, note: str = "") -> Revision:
    """Save an edit as a new revision. The public keeps seeing the published text until a
    publisher approves this one."""
    if author is not None and not can_edit(author):
        raise PermissionDenied(_("Your role cannot edit help articles."))
    errors = validate_text(title, summary, body, list(keywords))
    if errors:
        raise ValidationError(errors)
    translation, _created = Translation.objects.select_for_update().get_or_create(
        article=article, language=language)
    revision = _new_revision(translation, title, summary, body, keywords, author, note)
    translation.edit(revision, author, note)
    translation.save()
    return revision


def _new_revision(translation, title, summary, body, keywords, author, note) -> Revision:
    number = (translation.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
    return Revision.objects.create(
        translation=translation, number=number, title=title.strip(), summary=summary.strip(),
        body=body.strip() + "\n", keywords=clean_keywords(keywords), author=author,
        note=note[:300])


def _locked(translation: Translation) -> Translation:
    return Translation.objects.select_for_update(of=("self",)).select_related("working").get(
        pk=translation.pk)


@transaction.atomic
def submit_for_review(translation: Translation, actor, note: str = "") -> Translation:
    if not can_edit(actor):
        raise PermissionDenied(_("Your role cannot edit help articles."))
    translation = _locked(translation)
    translation.submit(actor, note)
    translation.save()
    return translation


@transaction.atomic
def approve(translation: Translation, actor, note: str = "") -> Translation:
    """Publish the revision in review: the public and search see it at once."""
    if not can_publish(actor):
        raise PermissionDenied(_("Only a publisher can approve help articles."))
    translation = _locked(translation)
    translation.approve(actor, note)
    translation.save()
    return translation


@transaction.atomic
def return_to_author(translation: Translation, actor, note: str) -> Translation:
    if not can_publish(actor):
        raise PermissionDenied(_("Only a publisher can return help articles."))
    if not (note or "").strip():
        raise ValidationError({"note": _("Say what the author should change.")})
    translation = _locked(translation)
    translation.return_to_author(actor, note)
    translation.save()
    return translation


@transaction.atomic
def withdraw(translation: Translation, actor, note: str) -> Translation:
    """Take a published article off the site (and out of search). Its history is kept."""
    if not can_publish(actor):
        raise PermissionDenied(_("Only a publisher can withdraw help articles."))
    if not (note or "").strip():
        raise ValidationError({"note": _("Say why the article is withdrawn.")})
    translation = _locked(translation)
    translation.withdraw(actor, note)
    translation.save()
    return translation


@transaction.atomic
def mark_reviewed(article: Article, actor, note: str = "") -> None:
    """The owner checked the article and it is still right: reset its review clock."""
    if not can_edit(actor):
        raise PermissionDenied(_("Your role cannot edit help articles."))
    Article.objects.filter(pk=article.pk).update(last_reviewed=timezone.localdate(),
                                                 review_reminded_at=None)
    for translation in article.translations.all():
        translation.record_event(Action.REVIEWED, translation.live, actor, note)


@transaction.atomic
def publish_imported(article: Article, language: str, *, title: str, summary: str, body: str,
                     keywords=(), actor=None, note: str = "") -> Revision:
    """Import path: an agency's already-approved FAQ goes live as a new revision (the import
    command is run by an administrator; its file is the approval)."""
    translation, _created = Translation.objects.select_for_update().get_or_create(
        article=article, language=language)
    live = translation.live
    if live and (live.title, live.summary, live.body.strip(), live.keywords) == (
            title.strip(), summary.strip(), body.strip(), clean_keywords(keywords)):
        return live
    revision = _new_revision(translation, title, summary, body, keywords, actor,
                             note or "Imported")
    translation.publish_import(revision, actor, note)
    translation.save()
    return revision


class EditConflict(WorkflowError):
    """Someone saved a newer revision after this editor opened the text. Saving would silently
    replace their work, so the editor is shown it first (the page answers 409 Conflict)."""

    def __init__(self, newer: Revision):
        self.newer = newer
        super().__init__(_(
            "%(who)s saved a newer version (revision %(number)d) while you were editing. Your "
            "text is still below: compare it with the history, then save again to replace "
            "theirs.") % {"who": author_name(newer.author), "number": newer.number})


def author_name(user) -> str:
    """How an edit's author is named to other editors."""
    if user is None:
        return _("Someone")
    return user.get_full_name() or user.username


def is_unchanged(revision: Revision | None, *, title: str, summary: str, body: str,
                 keywords) -> bool:
    """Whether saving this text would repeat `revision` (no new revision is made for it)."""
    return revision is not None and (
        revision.title, revision.summary, revision.body.strip(), revision.keywords) == (
        title.strip(), summary.strip(), body.strip(), clean_keywords(keywords))


@dataclass(frozen=True)
class TextSave:
    """What an editor's save did: the new revision (None when the text was unchanged), and
    whether the draft went to review."""

    revision: Revision | None
    submitted: bool


@transaction.atomic
def save_text(article: Article, language: str, *, base: int, title: str, summary: str,
              body: str, keywords=(), author, note: str = "", submit: bool = False) -> TextSave:
    """An editor saves one language's text, having started from revision number `base` (0 for
    a language with no text yet), and with `submit` sends it for review in the same step.

    The conflict check and the save are one transaction with the translation locked: if anyone
    saved a newer revision since `base`, nothing is saved and `EditConflict` says who. Text
    identical to the working revision makes no new revision (a withdrawn article's text may be
    saved again as a draft)."""
    translation = (Translation.objects.select_for_update(of=("self",))
                   .select_related("working__author")
                   .filter(article=article, language=language).first())
    working = translation.working if translation else None
    if working is not None and base != working.number:
        raise EditConflict(working)
    if is_unchanged(working, title=title, summary=summary, body=body, keywords=keywords) and (
            translation.state != Translation.State.WITHDRAWN):
        sent = submit and translation.state == Translation.State.DRAFT
        if sent:
            submit_for_review(translation, author, note)
        return TextSave(None, submitted=sent)
    revision = save_draft(article, language, title=title, summary=summary, body=body,
                          keywords=keywords, author=author, note=note)
    if submit:
        submit_for_review(revision.translation, author, note)
    return TextSave(revision, submitted=submit)


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "added", "removed" or "same"
    text: str


def revision_diff(old: Revision | None, new: Revision) -> list[DiffLine]:
    """Line-by-line changes from `old` to `new` (title, summary, keywords, then the body)."""

    def lines(revision: Revision | None) -> list[str]:
        if revision is None:
            return []
        return [f"# {revision.title}", f"> {revision.summary}",
                f"Keywords: {', '.join(revision.keywords)}", "",
                *revision.body.rstrip("\n").split("\n")]

    out = []
    for line in difflib.ndiff(lines(old), lines(new)):
        code, text = line[:2], line[2:]
        if code == "? ":
            continue
        kind = {"+ ": "added", "- ": "removed"}.get(code, "same")
        out.append(DiffLine(kind, text))
    return out


@dataclass(frozen=True)
class Step:
    """A workflow step that applies to a translation in its current state, and whether this user
    may take it; `reason` says why not, so the editor page can explain a missing button."""

    action: str  # "submit", "approve", "return" or "withdraw"
    allowed: bool
    reason: str = ""


def steps_for(translation: Translation, user) -> list[Step]:
    """The steps the state allows, in page order, each allowed or refused with a reason. The
    same rules as the functions above, so a button is shown exactly when the step would work."""
    steps = []
    if can_proceed(translation.submit):
        steps.append(Step("submit", True) if can_edit(user) else Step(
            "submit", False, _("Your role cannot edit help articles.")))
    if can_proceed(translation.approve):  # in review: approve, or return to the author
        if not can_publish(user):
            refused = _("Only a publisher can approve or return an article; it is waiting in "
                        "their review list.")
            steps += [Step("approve", False, refused), Step("return", False, refused)]
        else:
            if translation.working.author_id == user.pk:
                steps.append(Step("approve", False, _(
                    "You wrote this version, so another publisher must approve it.")))
            else:
                steps.append(Step("approve", True))
            steps.append(Step("return", True))
    if can_proceed(translation.withdraw):
        steps.append(Step("withdraw", True) if can_publish(user) else Step(
            "withdraw", False, _("Only a publisher can take a published article off the site.")))
    return steps
