"""The editorial workflow: draft → in review → published (→ withdrawn), who may take each step,
and that readers and search only ever see approved text."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from civiccx.help import workflow
from civiccx.help.editorial import save_details
from civiccx.help.models import Article, SearchState, Translation, WorkflowEvent
from civiccx.help.search_service import help_search
from tests.factories import make_staff
from tests.help.factories import make_help_article, make_help_category

pytestmark = pytest.mark.django_db

State = Translation.State
Action = WorkflowEvent.Action


@pytest.fixture
def search(settings):
    settings.HELP_SEARCH_CHECK_SECONDS = 0
    help_search.reset()
    yield help_search
    help_search.reset()


@pytest.fixture
def editor():
    return make_staff("content_editor")


@pytest.fixture
def publisher():
    return make_staff("content_publisher")


@pytest.fixture
def second_publisher():
    return make_staff("content_publisher")


def found(search, query, language="en"):
    return [(hit.slug, hit.title) for hit in search.search(query, language)]


def draft(article, author, *, title="Quokka care", body="Feed quokkas leaves.", language="en"):
    return workflow.save_draft(article, language, title=title, summary="Caring for quokkas.",
                               body=body, keywords=["marsupial"], author=author,
                               note="First go")


def in_review(article, author, **text):
    revision = draft(article, author, **text)
    return workflow.submit_for_review(revision.translation, author)


# Drafts ----------------------------------------------------------------------------------

def test_a_draft_is_saved_as_a_revision_that_readers_and_search_do_not_see(editor, search):
    article = make_help_article("quokka-care", languages=())
    revision = draft(article, editor)
    translation = revision.translation
    assert (revision.number, translation.state) == (1, State.DRAFT)
    assert translation.working == revision and translation.live is None
    assert revision.keywords == ["marsupial"] and revision.author == editor
    assert found(search, "quokka") == []
    assert list(translation.events.values_list("action", "actor")) == [
        (Action.EDITED, editor.pk)]


def test_bad_text_is_refused_field_by_field_and_nothing_is_saved(editor):
    article = make_help_article(languages=())
    with pytest.raises(ValidationError) as refused:
        workflow.save_draft(article, "en", title="", summary="x" * 401,
                            body="Hi <script>alert(1)</script>", author=editor)
    assert set(refused.value.message_dict) == {"title", "summary", "body"}
    assert "script" in refused.value.message_dict["body"][0]
    assert not Translation.objects.filter(article=article).exists()


def test_only_people_who_can_edit_save_drafts():
    article = make_help_article(languages=())
    with pytest.raises(PermissionDenied):
        draft(article, make_staff("csr"))
    assert not Translation.objects.filter(article=article).exists()


# Saving from the editor: edit conflicts -----------------------------------------------------

def test_a_save_started_from_an_older_revision_is_refused_and_names_who_saved(editor):
    article = make_help_article("quokka-care", languages=("en",))
    other = make_staff("content_editor")
    other.first_name, other.last_name = "Rosa", "Diaz"
    other.save()
    workflow.save_text(article, "en", base=1, title="Their title", summary="Theirs.",
                       body="Theirs.", author=other)
    with pytest.raises(workflow.EditConflict) as conflict:
        workflow.save_text(article, "en", base=1, title="My title", summary="Mine.",
                           body="Mine.", author=editor)
    assert conflict.value.newer.number == 2
    assert str(conflict.value).startswith("Rosa Diaz saved a newer version (revision 2)")
    translation = article.translations.get()
    assert translation.working.title == "Their title" and translation.revisions.count() == 2


def test_a_save_from_the_newest_revision_replaces_it_as_a_draft(editor):
    article = make_help_article("quokka-care", languages=("en",))
    saved = workflow.save_text(article, "en", base=1, title="My title", summary="Mine.",
                               body="Mine.", author=editor, note="Shorter")
    assert (saved.revision.number, saved.submitted) == (2, False)
    translation = article.translations.get()
    assert translation.working == saved.revision and translation.state == State.DRAFT
    assert translation.live.number == 1  # readers keep the published text


def test_a_first_text_in_a_language_starts_from_revision_zero(editor):
    article = make_help_article(languages=("en",))
    saved = workflow.save_text(article, "es", base=0, title="Título", summary="Qué hacer.",
                               body="Hojas.", author=editor, submit=True)
    spanish = article.translations.get(language="es")
    assert saved.submitted and (spanish.working, spanish.state) == (saved.revision,
                                                                   State.IN_REVIEW)


def test_unchanged_text_makes_no_revision_but_can_still_go_to_review(editor):
    article = make_help_article(languages=())
    first = draft(article, editor)
    text = {"title": first.title, "summary": first.summary, "body": first.body,
            "keywords": first.keywords}
    assert workflow.save_text(article, "en", base=1, author=editor, **text) == workflow.TextSave(
        None, submitted=False)
    sent = workflow.save_text(article, "en", base=1, author=editor, submit=True, **text)
    assert sent == workflow.TextSave(None, submitted=True)
    translation = first.translation
    translation.refresh_from_db()
    assert translation.revisions.count() == 1 and translation.state == State.IN_REVIEW


def test_a_refused_save_keeps_nothing(editor):
    article = make_help_article(languages=("en",))
    with pytest.raises(ValidationError):
        workflow.save_text(article, "en", base=1, title="", summary="Mine.", body="Mine.",
                           author=editor, submit=True)
    translation = article.translations.get()
    assert translation.revisions.count() == 1 and translation.state == State.PUBLISHED


# Sending for review ------------------------------------------------------------------------

def test_an_editor_sends_a_draft_for_review_once(editor):
    translation = in_review(make_help_article(languages=()), editor)
    assert translation.state == State.IN_REVIEW
    with pytest.raises(workflow.WorkflowError, match="Only a draft can be sent for review."):
        workflow.submit_for_review(translation, editor)
    assert translation.events.first().action == Action.SUBMITTED


def test_a_published_translation_cannot_be_sent_for_review_without_an_edit(editor):
    translation = make_help_article(languages=("en",)).translations.get()
    with pytest.raises(workflow.WorkflowError):
        workflow.submit_for_review(translation, editor)


def test_someone_without_the_editor_role_cannot_send_for_review(editor):
    revision = draft(make_help_article(languages=()), editor)
    with pytest.raises(PermissionDenied):
        workflow.submit_for_review(revision.translation, make_staff("cx_analyst"))
    revision.translation.refresh_from_db()
    assert revision.translation.state == State.DRAFT


# Approving ----------------------------------------------------------------------------------

def test_a_publisher_approves_and_readers_and_search_see_it_at_once(editor, publisher, search):
    article = make_help_article("quokka-care", languages=())
    Article.objects.filter(pk=article.pk).update(
        last_reviewed=timezone.localdate() - timedelta(days=400),
        review_reminded_at=timezone.now())
    assert found(search, "quokka") == []
    translation = workflow.approve(in_review(article, editor), publisher)
    assert translation.state == State.PUBLISHED
    assert translation.live == translation.working and translation.published_at
    assert found(search, "quokka") == [("quokka-care", "Quokka care")]
    article.refresh_from_db()
    assert article.last_reviewed == timezone.localdate()
    assert article.review_reminded_at is None


def test_nobody_approves_their_own_edit(publisher, second_publisher, search):
    translation = in_review(make_help_article("quokka-care", languages=()), publisher)
    with pytest.raises(PermissionDenied, match="Someone else"):
        workflow.approve(translation, publisher)
    translation.refresh_from_db()
    assert translation.state == State.IN_REVIEW and translation.live is None
    assert found(search, "quokka") == []
    workflow.approve(translation, second_publisher)
    assert found(search, "quokka") == [("quokka-care", "Quokka care")]


def test_an_editor_cannot_approve(editor):
    translation = in_review(make_help_article(languages=()), make_staff("content_editor"))
    with pytest.raises(PermissionDenied):
        workflow.approve(translation, editor)
    translation.refresh_from_db()
    assert translation.state == State.IN_REVIEW


def test_a_draft_cannot_be_approved_before_it_is_sent_for_review(editor, publisher):
    revision = draft(make_help_article(languages=()), editor)
    with pytest.raises(workflow.WorkflowError):
        workflow.approve(revision.translation, publisher)


def test_an_edit_to_a_published_article_stays_private_until_approved(editor, publisher,
                                                                       search):
    article = make_help_article("quokka-care", languages=())
    workflow.approve(in_review(article, editor), publisher)
    in_review(article, editor, title="Wombat care", body="Wombats dig burrows.")
    assert found(search, "wombat") == []
    assert found(search, "quokka") == [("quokka-care", "Quokka care")]
    translation = Translation.objects.get(article=article, language="en")
    assert translation.live.number == 1 and translation.working.number == 2
    workflow.approve(translation, publisher)
    assert found(search, "wombat") == [("quokka-care", "Wombat care")]
    assert found(search, "quokka") == [("quokka-care", "Wombat care")]  # summary unchanged


# Returning ----------------------------------------------------------------------------------

def test_a_publisher_returns_a_version_with_a_note(editor, publisher):
    translation = in_review(make_help_article(languages=()), editor)
    with pytest.raises(ValidationError):
        workflow.return_to_author(translation, publisher, "   ")
    translation.refresh_from_db()
    assert translation.state == State.IN_REVIEW
    workflow.return_to_author(translation, publisher, "Add the phone number.")
    translation.refresh_from_db()
    assert translation.state == State.DRAFT
    event = translation.events.first()
    assert (event.action, event.actor, event.note) == (
        Action.RETURNED, publisher, "Add the phone number.")


def test_only_a_publisher_returns_and_only_what_is_in_review(editor, publisher):
    translation = in_review(make_help_article(languages=()), editor)
    with pytest.raises(PermissionDenied):
        workflow.return_to_author(translation, make_staff("content_editor"), "No.")
    workflow.return_to_author(translation, publisher, "Shorter, please.")
    with pytest.raises(workflow.WorkflowError):
        workflow.return_to_author(translation, publisher, "Again?")


# Withdrawing -------------------------------------------------------------------------------

def test_withdrawing_takes_an_article_off_the_site_and_out_of_search(publisher, search):
    article = make_help_article("quokka-care", title="Quokka care", languages=("en", "es"))
    english = article.translations.get(language="en")
    assert found(search, "quokka") == [("quokka-care", "Quokka care")]
    with pytest.raises(ValidationError):
        workflow.withdraw(english, publisher, "")
    workflow.withdraw(english, publisher, "The program ended.")
    english.refresh_from_db()
    assert english.state == State.WITHDRAWN and english.live is None
    assert english.revisions.count() == 1  # history is kept
    assert found(search, "quokka") == []
    assert article.translations.get(language="es").live is not None


def test_only_a_publisher_withdraws_and_only_what_is_published(editor, publisher):
    english = make_help_article(languages=("en",)).translations.get()
    with pytest.raises(PermissionDenied):
        workflow.withdraw(english, editor, "Old.")
    workflow.withdraw(english, publisher, "Old.")
    with pytest.raises(workflow.WorkflowError):
        workflow.withdraw(english, publisher, "Old again.")


def test_a_withdrawn_article_comes_back_through_review(editor, publisher, search):
    article = make_help_article("quokka-care", title="Quokka care", languages=("en",))
    workflow.withdraw(article.translations.get(), publisher, "Checking the facts.")
    workflow.approve(in_review(article, editor, title="Quokka care again"), publisher)
    assert found(search, "quokka") == [("quokka-care", "Quokka care again")]


# Reviews and details -------------------------------------------------------------------------

def test_checked_still_right_resets_the_review_clock(editor):
    article = make_help_article(languages=("en", "es"), review_every_days=30)
    Article.objects.filter(pk=article.pk).update(
        last_reviewed=timezone.localdate() - timedelta(days=45), review_reminded_at=timezone.now())
    article.refresh_from_db()
    assert article.is_stale()
    workflow.mark_reviewed(article, editor, "Rates unchanged.")
    article.refresh_from_db()
    assert not article.is_stale() and article.review_reminded_at is None
    assert WorkflowEvent.objects.filter(translation__article=article,
                                        action=Action.REVIEWED).count() == 2
    with pytest.raises(PermissionDenied):
        workflow.mark_reviewed(article, make_staff("csr"))


def test_a_new_category_or_service_reaches_search_without_a_rebuild(search):
    from tests.factories import make_service

    article = make_help_article("quokka-care", title="Quokka care", languages=("en",))
    assert search.search("quokka", "en")[0].category == article.category.slug
    moved = make_help_category(slug="wildlife")
    save_details(article, category=moved, services=[make_service()], owner="Wildlife team",
                 review_every_days=90, related=[])
    assert search.search("quokka", "en")[0].category == "wildlife"


# The page's buttons follow the same rules ----------------------------------------------------

class _Undo(Exception):
    """Rolls back a trial step, so every step is tried from the same state."""


def _works(action, translation, user) -> bool:
    step = {"submit": lambda: workflow.submit_for_review(translation, user),
            "approve": lambda: workflow.approve(translation, user),
            "return": lambda: workflow.return_to_author(translation, user, "Fix it."),
            "withdraw": lambda: workflow.withdraw(translation, user, "Gone.")}[action]
    try:
        with transaction.atomic():
            step()
            raise _Undo
    except _Undo:
        return True
    except (PermissionDenied, workflow.WorkflowError):
        return False


@pytest.mark.parametrize("state", ["draft", "in_review", "published", "changes_in_review",
                                   "withdrawn"])
@pytest.mark.parametrize("who", ["author", "editor", "publisher", "csr"])
def test_the_steps_offered_are_exactly_the_steps_that_work(state, who):
    users = {"author": make_staff("content_publisher"), "editor": make_staff("content_editor"),
             "publisher": make_staff("content_publisher"), "csr": make_staff("csr")}
    author, publisher = users["author"], users["publisher"]
    article = make_help_article(languages=())
    if state != "draft" and state != "in_review":
        workflow.approve(in_review(article, author), publisher)
    if state == "withdrawn":
        workflow.withdraw(Translation.objects.get(article=article), publisher, "Old")
    if state == "draft":
        draft(article, author)
    if state in ("in_review", "changes_in_review"):
        in_review(article, author, title="Quokka care, second edition")
    translation = Translation.objects.select_related("working").get(article=article)
    offered = {step.action: step for step in workflow.steps_for(translation, users[who])}
    for action in ("submit", "approve", "return", "withdraw"):
        allowed = action in offered and offered[action].allowed
        assert _works(action, translation, users[who]) == allowed, (state, who, action)
        if action in offered and not allowed:
            assert offered[action].reason


def test_an_author_is_told_why_they_cannot_approve(publisher):
    translation = in_review(make_help_article(languages=()), publisher)
    approve = next(s for s in workflow.steps_for(translation, publisher) if s.action == "approve")
    assert not approve.allowed and "another publisher" in approve.reason


# Differences -----------------------------------------------------------------------------------

def test_the_diff_lists_added_and_removed_lines(editor):
    article = make_help_article(languages=())
    first = draft(article, editor, body="Line one.\nLine two.")
    second = draft(article, editor, body="Line one.\nLine 2.\nLine three.")
    changes = [(line.kind, line.text) for line in workflow.revision_diff(first, second)
               if line.kind != "same"]
    assert changes == [("removed", "Line two."), ("added", "Line 2."), ("added", "Line three.")]
    assert all(line.kind == "added" for line in workflow.revision_diff(None, first))


# The state moves only through the workflow ------------------------------------------------------

def test_approving_bumps_the_search_version_and_keeps_the_trail_in_one_step(editor, publisher):
    translation = in_review(make_help_article(languages=()), editor)
    before = SearchState.current()[0]
    with transaction.atomic():
        translation = Translation.objects.select_for_update().get(pk=translation.pk)
        translation.approve(publisher, "Looks right.")
        translation.save()
    translation.refresh_from_db()
    assert translation.state == State.PUBLISHED and translation.live == translation.working
    assert translation.search_version == SearchState.current()[0] == before + 1
    event = translation.events.first()
    assert (event.action, event.actor, event.note) == (Action.APPROVED, publisher, "Looks right.")


def test_the_state_cannot_be_set_by_hand(editor):
    translation = draft(make_help_article(languages=()), editor).translation
    with pytest.raises(AttributeError):
        translation.state = State.PUBLISHED
    translation.refresh_from_db()  # a protected state still reloads
    assert translation.state == State.DRAFT
