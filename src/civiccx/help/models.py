"""Help center articles and their editorial history, the search synonyms, helpfulness votes and
search logs.

An `Article` is one topic (its slug, category, services, related topics, owner and review date).
Each language of it is a `Translation`, whose every saved edit is an immutable `Revision`. The
public sees a translation's `live` revision; editors work on its `working` revision, which moves
draft → in review → published (then `live` = `working`) through the transitions on
`Translation` (decision 0013). Every change the public can see bumps `SearchState.version`,
which tells each process's search index to catch up (decision 0004).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, TransitionNotAllowed, transition

from civiccx.core.languages import own_name_choices
from civiccx.core.states import refused_with
from civiccx.services.models import Bilingual, Service

LANGUAGES = tuple(own_name_choices())


class Category(Bilingual):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    name_es = models.CharField(max_length=120, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    summary_es = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name


class Article(models.Model):
    """One help topic, in every language it is written in."""

    slug = models.SlugField(unique=True, max_length=100,
                            help_text="English words with hyphens; the address of the article.")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="articles")
    services = models.ManyToManyField(Service, related_name="help_articles", blank=True)
    related = models.ManyToManyField("self", symmetrical=False, blank=True,
                                     related_name="related_from")
    owner = models.CharField(max_length=120, help_text="The team that keeps this article right.")
    last_reviewed = models.DateField(default=timezone.localdate)
    review_every_days = models.PositiveSmallIntegerField(
        default=365, help_text="How often the owner must check the article is still right.")
    review_reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]
        permissions = [
            ("publish_article", "Can approve and publish help articles"),
            ("view_help_analytics", "Can see help center search analytics"),
        ]

    def __str__(self):
        return self.slug

    @property
    def review_due(self):
        return self.last_reviewed + timedelta(days=self.review_every_days)

    def is_stale(self, today=None) -> bool:
        return self.review_due <= (today or timezone.localdate())


class WorkflowError(TransitionNotAllowed):
    """A step that is not allowed from the translation's current state."""


def _is_live(translation: Translation) -> bool:
    return translation.live_id is not None


class Translation(ConcurrentTransitionMixin, models.Model):
    """One language of an article, with its place in the editorial workflow.

    The state moves only through the transitions below, which also keep the revision pointers,
    the search version and the review trail. Who may take a step (roles) and what a note must
    say are checked by `help.workflow` before it calls them.
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=2, choices=LANGUAGES)
    state = FSMField(max_length=10, choices=State.choices, default=State.DRAFT, protected=True)
    working = models.ForeignKey("Revision", on_delete=models.PROTECT, null=True,
                                related_name="+", help_text="The newest edit.")
    live = models.ForeignKey("Revision", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", help_text="What the public sees.")
    published_at = models.DateTimeField(null=True, blank=True)
    search_version = models.BigIntegerField(
        default=0, db_index=True,
        help_text="SearchState.version when the public text last changed.")

    class Meta:
        ordering = ["article__slug", "language"]
        constraints = [models.UniqueConstraint(fields=["article", "language"],
                                               name="one_translation_per_language")]

    def __str__(self):
        return f"{self.article.slug} ({self.language})"

    @property
    def has_unpublished_changes(self) -> bool:
        return self.working_id != self.live_id

    # --- the editorial workflow, in one place ----------------------------------------------

    @transition(field=state, source="*", target=State.DRAFT)
    def edit(self, revision: Revision, author, note: str = ""):
        """A new revision becomes the working text; the public keeps seeing the live one."""
        self.working = revision
        self.record_event(WorkflowEvent.Action.EDITED, revision, author, note)

    @refused_with(WorkflowError, _("Only a draft can be sent for review."))
    @transition(field=state, source=State.DRAFT, target=State.IN_REVIEW)
    def submit(self, actor, note: str = ""):
        self.record_event(WorkflowEvent.Action.SUBMITTED, self.working, actor, note)

    @refused_with(WorkflowError, _("Only an article in review can be approved."))
    @transition(field=state, source=State.IN_REVIEW, target=State.PUBLISHED)
    def approve(self, actor, note: str = ""):
        """Publish the revision in review: the public and search see it at once. Nobody
        publishes their own edit: a second person reads every change the public will see.
        Approving is also a review, so the article's review clock starts again."""
        if self.working.author_id == actor.pk:
            raise PermissionDenied(gettext("Someone else must review your own edit before it "
                                           "is published."))
        self._show(self.working)
        self.record_event(WorkflowEvent.Action.APPROVED, self.working, actor, note)
        Article.objects.filter(pk=self.article_id).update(
            last_reviewed=timezone.localdate(), review_reminded_at=None)

    @refused_with(WorkflowError, _("Only an article in review can be returned."))
    @transition(field=state, source=State.IN_REVIEW, target=State.DRAFT)
    def return_to_author(self, actor, note: str):
        self.record_event(WorkflowEvent.Action.RETURNED, self.working, actor, note)

    @refused_with(WorkflowError, _("This article is not published."))
    @transition(field=state, source=[State.DRAFT, State.IN_REVIEW, State.PUBLISHED],
                target=State.WITHDRAWN, conditions=[_is_live])
    def withdraw(self, actor, note: str):
        """Take the published text off the site and out of search. Its history is kept."""
        self._show(None)
        self.record_event(WorkflowEvent.Action.WITHDRAWN, None, actor, note)

    @transition(field=state, source="*", target=State.PUBLISHED)
    def publish_import(self, revision: Revision, actor, note: str = ""):
        """An agency's already-approved text goes live as it is: the import file, run by an
        administrator, is the approval."""
        self._show(revision)
        self.record_event(WorkflowEvent.Action.IMPORTED, revision, actor, note)

    def _show(self, revision: Revision | None) -> None:
        """What the public and search see: `revision`, or nothing (withdrawn)."""
        self.live = revision
        if revision is not None:
            self.working = revision
            self.published_at = timezone.now()
        self.search_version = SearchState.bump()

    def record_event(self, action: str, revision: Revision | None, actor, note: str = ""):
        WorkflowEvent.objects.create(translation=self, revision=revision, action=action,
                                     actor=actor, note=(note or "")[:300])


class Revision(models.Model):
    """One saved version of a translation's text. Never changed after it is saved."""

    translation = models.ForeignKey(Translation, on_delete=models.CASCADE,
                                    related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=400)
    body = models.TextField(help_text="Markdown. Headings with ##, lists, links, bold.")
    keywords = models.JSONField(default=list, blank=True,
                                help_text="Words people type for this article.")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="+")
    note = models.CharField(max_length=300, blank=True, help_text="What changed, and why.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["translation", "-number"]
        constraints = [models.UniqueConstraint(fields=["translation", "number"],
                                               name="unique_revision_number")]

    def __str__(self):
        return f"{self.translation} revision {self.number}"


class WorkflowEvent(models.Model):
    """Who moved a translation through the workflow, when, and why (the review trail)."""

    class Action(models.TextChoices):
        EDITED = "edited", _("Edited")
        SUBMITTED = "submitted", _("Sent for review")
        APPROVED = "approved", _("Approved and published")
        RETURNED = "returned", _("Returned to the author")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        REVIEWED = "reviewed", _("Checked and still right")
        IMPORTED = "imported", pgettext_lazy("an event in an article's history", "Imported")

    translation = models.ForeignKey(Translation, on_delete=models.CASCADE,
                                    related_name="events")
    revision = models.ForeignKey(Revision, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="events")
    action = models.CharField(max_length=10, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+")
    note = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.translation}: {self.action}"


class SynonymGroup(models.Model):
    """Words that mean the same thing to people searching ("w2" ~ "wage and tax statement")."""

    language = models.CharField(max_length=2, choices=LANGUAGES)
    terms = models.JSONField(help_text="Lowercase terms; a term belongs to one group only.")

    class Meta:
        ordering = ["language", "pk"]

    def __str__(self):
        return ", ".join(self.terms[:4])


class ProductVocabulary(models.Model):
    """Search synonyms and the bilingual lexicon that ship with Civic CX (help/search/data/).

    `migrate` loads them (a post_migrate handler, `search_vocabulary.sync_product_vocabulary`),
    so a fresh install searches well in both languages and an upgrade brings new terms. They
    are not edited here: an agency's own terms are `SynonymGroup`s, which win where both list
    a term."""

    class Kind(models.TextChoices):
        SYNONYMS = "synonyms", _("Synonym group")
        LEXICON = "lexicon", _("English–Spanish pair")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    language = models.CharField(max_length=2, blank=True,
                                help_text="For a synonym group; blank for a lexicon pair.")
    position = models.PositiveIntegerField()
    terms = models.JSONField(help_text='A list of terms, or {"en": [...], "es": [...]}.')

    class Meta:
        ordering = ["kind", "language", "position"]
        constraints = [models.UniqueConstraint(fields=["kind", "language", "position"],
                                               name="help_product_vocabulary_position")]

    def __str__(self):
        return f"{self.kind} {self.language} {self.position}"


class SearchState(models.Model):
    """A single row: the version of what search must show. Bumped in the same transaction as
    every public change, so each process can tell with one read whether its index is current."""

    version = models.BigIntegerField(default=0)
    rebuild_version = models.BigIntegerField(
        default=0, help_text="The version at which synonyms last changed: a full rebuild.")

    def __str__(self):
        return f"Search version {self.version}"

    @classmethod
    def bump(cls, *, rebuild: bool = False) -> int:
        """Advance the version; call inside the transaction that changes public content."""
        cls.objects.get_or_create(pk=1)
        cls.objects.filter(pk=1).update(version=F("version") + 1)
        if rebuild:
            cls.objects.filter(pk=1).update(rebuild_version=F("version"))
        return cls.current()[0]

    @classmethod
    def current(cls) -> tuple[int, int]:
        """(version, rebuild_version), (0, 0) before anything was published."""
        row = cls.objects.filter(pk=1).values_list("version", "rebuild_version").first()
        return row or (0, 0)


class SearchLog(models.Model):
    """One search, PII redacted, for editors' analytics: what people look for and find."""

    query = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, db_index=True)
    language = models.CharField(max_length=2)
    results = models.PositiveIntegerField()
    top_slug = models.CharField(max_length=100, blank=True)
    clicked_slug = models.CharField(max_length=100, blank=True)
    clicked_rank = models.PositiveSmallIntegerField(null=True, blank=True)
    visit = models.CharField(max_length=32, db_index=True,
                             help_text="A random id per browser session; not linked to a person.")
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return self.query


class Vote(models.Model):
    """An answer to "Was this page helpful?", with an optional comment redacted of PII."""

    translation = models.ForeignKey(Translation, on_delete=models.CASCADE, related_name="votes")
    helpful = models.BooleanField()
    comment = models.TextField(blank=True)
    redactions = models.PositiveSmallIntegerField(default=0)
    interaction = models.OneToOneField("services.Interaction", on_delete=models.SET_NULL,
                                       null=True, blank=True, related_name="help_vote")
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.translation}: {'yes' if self.helpful else 'no'}"
