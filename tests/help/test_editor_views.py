"""The editors' pages: what each role sees and can do, the list's filters, editing with a safe
preview, the workflow buttons, history and diffs, and synonyms."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from civiccx.help import workflow
from civiccx.help.models import Article, SearchState, SynonymGroup, Translation
from civiccx.help.search_service import help_search
from tests.factories import make_staff
from tests.help.factories import make_help_article, make_help_category

pytestmark = pytest.mark.django_db

State = Translation.State
LIST = "/staff/help/"


def article_url(article, *parts):
    return "/".join([f"/staff/help/articles/{article.slug}", *parts, ""])


def text(response) -> str:
    """The page's visible words, tags removed, spaces collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def in_review(article, author, title="Quokka care, revised", language="en"):
    revision = workflow.save_draft(article, language, title=title, summary="Caring for quokkas.",
                                   body="Feed them leaves.", author=author, note="Clearer")
    return workflow.submit_for_review(revision.translation, author)


# Who may come in ------------------------------------------------

def test_anonymous_people_are_sent_to_sign_in(client):
    article = make_help_article()
    for url in (LIST, article_url(article), article_url(article, "en", "edit"),
                "/staff/help/synonyms/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:staff-login"))


def test_other_staff_roles_are_refused(staff_client):
    article = make_help_article()
    csr = staff_client("csr")
    for url in (LIST, article_url(article), article_url(article, "en", "edit"),
                article_url(article, "en", "history"), "/staff/help/new/",
                "/staff/help/synonyms/"):
        assert csr.get(url).status_code == 403, url
    assert csr.post(article_url(article, "en", "withdraw"), {"note": "x"}).status_code == 403
    assert article.translations.get(language="en").live is not None


def test_the_staff_workspace_links_editors_to_the_articles(staff_client):
    page = text(staff_client("content_editor").get(reverse("core:staff-home")))
    assert "Help center articles" in page and "Help search synonyms" not in page


def test_synonyms_are_for_publishers(staff_client):
    assert staff_client("content_editor").get("/staff/help/synonyms/").status_code == 403


# The list ------------------------------------------------

@pytest.fixture
def collection():
    refunds = make_help_category(slug="refunds", name="Refunds")
    payments = make_help_category(slug="payments", name="Payments")
    author = make_staff("content_editor")
    articles = {
        "published": make_help_article("check-your-refund", title="Check your refund",
                                       category=refunds),
        "review": make_help_article("pay-by-card", title="Pay by card", category=payments),
        "stale": make_help_article("old-refund-rules", title="Old refund rules",
                                   category=refunds, review_every_days=30),
        "english_only": make_help_article("pay-in-cash", title="Pay in cash",
                                          category=payments, languages=("en",)),
    }
    Article.objects.filter(pk=articles["stale"].pk).update(
        last_reviewed=timezone.localdate() - timedelta(days=31))
    in_review(articles["review"], author, title="Pay by debit or credit card")
    return articles


def slugs_listed(response) -> list[str]:
    return re.findall(r'<span class="help-editor-slug">([^<]+)</span>', response.content.decode())


def test_the_list_filters_by_state_category_language_title_and_review(staff_client, collection):
    editor = staff_client("content_editor")
    assert slugs_listed(editor.get(LIST)) == [
        "check-your-refund", "old-refund-rules", "pay-by-card", "pay-in-cash"]
    assert slugs_listed(editor.get(LIST, {"state": "in_review"})) == ["pay-by-card"]
    assert slugs_listed(editor.get(LIST, {"state": "in_review", "language": "es"})) == []
    assert slugs_listed(editor.get(LIST, {"state": "unpublished_changes"})) == ["pay-by-card"]
    assert slugs_listed(editor.get(LIST, {"category": "payments"})) == [
        "pay-by-card", "pay-in-cash"]
    assert slugs_listed(editor.get(LIST, {"q": "debit"})) == ["pay-by-card"]
    assert slugs_listed(editor.get(LIST, {"q": "refund"})) == [
        "check-your-refund", "old-refund-rules"]
    due = editor.get(LIST, {"review": "due"})
    assert slugs_listed(due) == ["old-refund-rules"]
    assert "Review due" in text(due)
    gap = editor.get(LIST, {"spanish": "gap"})
    assert slugs_listed(gap) == ["pay-in-cash"]


def test_the_list_counts_what_needs_attention(staff_client, collection):
    page = text(staff_client("content_publisher").get(LIST))
    assert "4 articles" in page
    assert "1 waiting for my review" in page
    assert "1 versions in review" in page
    assert "1 due for review" in page
    assert "1 Spanish missing or outdated" in page


def test_waiting_for_my_review_leaves_out_my_own_edits(staff_client, collection):
    publisher = staff_client("content_publisher")
    in_review(collection["published"], publisher.user, title="Check your refund today")
    waiting = slugs_listed(publisher.get(LIST, {"waiting": "me"}))
    assert waiting == ["pay-by-card"]


def test_an_outdated_spanish_version_is_flagged(staff_client, collection):
    article = collection["published"]
    publisher = make_staff("content_publisher")
    workflow.approve(in_review(article, make_staff("content_editor"), "Check your refund now"),
                     publisher)
    editor = staff_client("content_editor")
    assert "check-your-refund" in slugs_listed(editor.get(LIST, {"spanish": "gap"}))
    assert "Spanish outdated" in text(editor.get(LIST))
    assert "Spanish version outdated" in text(editor.get(article_url(article)))
    workflow.approve(in_review(article, make_staff("content_editor"), "Consulte su reembolso",
                               language="es"), publisher)
    assert "check-your-refund" not in slugs_listed(editor.get(LIST, {"spanish": "gap"}))


# New articles and details ------------------------------------------------

def test_a_new_article_starts_with_details_then_the_english_text(staff_client):
    category = make_help_category(name="Wildlife")
    editor = staff_client("content_editor")
    bad = editor.post("/staff/help/new/", {"slug": "Quokka Care!", "category": category.pk,
                                           "owner": "Wildlife team",
                                           "review_every_days": 180})
    assert bad.status_code == 400
    assert "Use only lowercase letters, numbers and hyphens." in text(bad)
    assert 'value="Wildlife team"' in bad.content.decode()
    response = editor.post("/staff/help/new/", {"slug": "quokka-care", "category": category.pk,
                                                "owner": "Wildlife team",
                                                "review_every_days": 180})
    assert response["Location"] == "/staff/help/articles/quokka-care/en/edit/"
    article = Article.objects.get(slug="quokka-care")
    assert (article.owner, article.review_every_days) == ("Wildlife team", 180)
    taken = editor.post("/staff/help/new/", {"slug": "quokka-care", "category": category.pk,
                                             "owner": "x", "review_every_days": 180})
    assert "Another article already has this address." in text(taken)


def test_details_change_the_category_services_related_and_owner(staff_client):
    from tests.factories import make_service

    article = make_help_article("quokka-care")
    other = make_help_article("wombat-care")
    service = make_service(name="Wildlife permits")
    category = make_help_category(name="Wildlife")
    editor = staff_client("content_editor")
    url = article_url(article, "details")
    before = SearchState.current()[0]
    form = {"category": category.pk, "services": [service.pk], "owner": "Wildlife team",
            "review_every_days": 90, "related": "wombat-care\nno-such-article"}
    refused = editor.post(url, form)
    assert refused.status_code == 400
    assert "No article has the address “no-such-article”" in text(refused)
    assert editor.post(url, {**form, "related": "quokka-care"}).status_code == 400
    assert editor.post(url, {**form, "related": "wombat-care"}).status_code == 302
    article.refresh_from_db()
    assert article.category == category and list(article.services.all()) == [service]
    assert list(article.related.all()) == [other] and article.owner == "Wildlife team"
    assert SearchState.current()[0] > before
    page = text(editor.get(article_url(article)))
    assert "Wildlife permits" in page and "wombat-care" in page


# Editing text ------------------------------------------------

def test_editing_shows_the_current_text_and_saves_a_draft(staff_client):
    article = make_help_article("quokka-care", title="Quokka care")
    editor = staff_client("content_editor")
    form = editor.get(article_url(article, "en", "edit")).content.decode()
    assert 'value="Quokka care"' in form and "Do the thing." in form
    assert 'name="base" value="1"' in form
    response = editor.post(article_url(article, "en", "edit"), {
        "title": "Quokka care", "summary": "What to do.", "body": "## Food\n\nLeaves.",
        "keywords": "marsupial\nRottnest\n\nmarsupial", "note": "Add food", "base": 1,
        "then": "save"})
    assert response.status_code == 302
    translation = article.translations.get(language="en")
    assert translation.state == State.DRAFT and translation.live.number == 1
    assert translation.working.number == 2
    assert translation.working.keywords == ["marsupial", "rottnest"]
    assert "Saved as revision 2" in text(editor.get(response["Location"]))


def test_bad_input_is_explained_and_what_was_typed_is_kept(staff_client):
    article = make_help_article("quokka-care")
    editor = staff_client("content_editor")
    response = editor.post(article_url(article, "en", "edit"), {
        "title": "", "summary": "Still here", "body": "Click <script>alert(1)</script> here",
        "keywords": "one", "base": 1, "then": "save"})
    assert response.status_code == 400
    page = text(response)
    assert "Enter a title." in page
    assert "Remove a <script> tag: articles are Markdown only." in page
    assert "Still here" in response.content.decode()
    assert article.translations.get(language="en").working.number == 1


def test_preview_shows_sanitized_html_without_saving(staff_client):
    article = make_help_article("quokka-care")
    editor = staff_client("content_editor")
    body = "## Food\n\n[Click](javascript:alert(1)) <script>alert(2)</script> **Leaves**"
    full_page = editor.post(article_url(article, "en", "edit"), {
        "title": "Quokka care", "summary": "Feeding.", "body": body, "base": 1,
        "preview": "1"})
    fragment = editor.post("/staff/help/preview/", {"title": "Quokka care", "body": body},
                           headers={"HX-Request": "true"})
    for response in (full_page, fragment):
        assert response.status_code == 200
        html = response.content.decode()
        assert "<h2>Food</h2>" in html and "<strong>Leaves</strong>" in html
        assert "<script>alert(2)" not in html and 'href="javascript' not in html
        assert "Readers will not see a <script> tag, a javascript: link" in text(response)
    assert "<html" not in fragment.content.decode()
    assert article.translations.get(language="en").revisions.count() == 1


def test_save_and_send_for_review_in_one_step(staff_client):
    article = make_help_article("quokka-care", languages=("en",))
    editor = staff_client("content_editor")
    editor.post(article_url(article, "es", "edit"), {
        "title": "Cuidado del quokka", "summary": "Qué hacer.", "body": "Hojas.",
        "base": 0, "then": "submit"})
    spanish = article.translations.get(language="es")
    assert spanish.state == State.IN_REVIEW and spanish.working.author == editor.user


def test_saving_unchanged_text_makes_no_revision(staff_client):
    article = make_help_article("quokka-care", title="Quokka care", languages=("en",))
    editor = staff_client("content_editor")
    response = editor.post(article_url(article, "en", "edit"), {
        "title": "Quokka care", "summary": "What to do.", "body": "Do the thing.",
        "base": 1, "then": "save"}, follow=True)
    assert "Nothing changed" in text(response)
    assert article.translations.get().revisions.count() == 1


def test_an_edit_saved_meanwhile_by_someone_else_is_not_overwritten(staff_client):
    article = make_help_article("quokka-care", languages=("en",))
    workflow.save_draft(article, "en", title="Their title", summary="Theirs.", body="Theirs.",
                        author=make_staff("content_editor"))
    editor = staff_client("content_editor")
    mine = {"title": "My title", "summary": "Mine.", "body": "Mine.", "base": 1, "then": "save"}
    response = editor.post(article_url(article, "en", "edit"), mine)
    assert response.status_code == 409
    assert "saved a newer version (revision 2)" in text(response)
    assert 'value="My title"' in response.content.decode()
    assert article.translations.get().working.title == "Their title"
    editor.post(article_url(article, "en", "edit"), {**mine, "base": 2})
    assert article.translations.get().working.title == "My title"


# Workflow buttons ------------------------------------------------

def test_an_editor_can_send_for_review_but_not_approve(staff_client):
    article = make_help_article("quokka-care", languages=("en",))
    editor = staff_client("content_editor")
    workflow.save_draft(article, "en", title="Quokka care", summary="Care.", body="Leaves.",
                        author=editor.user)
    page = text(editor.get(article_url(article)))
    assert "Send English for review" in page and "Approve and publish English" not in page
    editor.post(article_url(article, "en", "submit"))
    page = text(editor.get(article_url(article)))
    assert "Send English for review" not in page
    assert "Only a publisher can approve or return an article" in page
    assert editor.post(article_url(article, "en", "approve")).status_code == 403
    assert article.translations.get().state == State.IN_REVIEW


def test_the_author_is_told_why_there_is_no_approve_button(staff_client):
    article = make_help_article("quokka-care", languages=("en",))
    publisher = staff_client("content_publisher")
    in_review(article, publisher.user)
    page = text(publisher.get(article_url(article)))
    assert "Approve and publish English" not in page
    assert "You wrote this version, so another publisher must approve it." in page
    assert publisher.post(article_url(article, "en", "approve")).status_code == 403


def test_another_publisher_approves_and_the_page_says_so(staff_client, settings):
    settings.HELP_SEARCH_CHECK_SECONDS = 0
    help_search.reset()
    article = make_help_article("quokka-care", languages=("en",))
    in_review(article, make_staff("content_editor"), title="Quokka care for beginners")
    publisher = staff_client("content_publisher")
    assert "Approve and publish English" in text(publisher.get(article_url(article)))
    response = publisher.post(article_url(article, "en", "approve"), follow=True)
    assert "English version approved and published." in text(response)
    assert 'href="/help/articles/quokka-care/">View on the site' in response.content.decode()
    assert article.translations.get().live.title == "Quokka care for beginners"
    assert help_search.search("beginners", "en")[0].slug == "quokka-care"
    help_search.reset()


def test_returning_needs_a_note_and_keeps_the_state_until_given(staff_client):
    article = make_help_article("quokka-care", languages=("en",))
    in_review(article, make_staff("content_editor"))
    publisher = staff_client("content_publisher")
    refused = publisher.post(article_url(article, "en", "return"), {"note": "  "})
    assert refused.status_code == 400
    assert "Say what the author should change." in text(refused)
    assert article.translations.get().state == State.IN_REVIEW
    publisher.post(article_url(article, "en", "return"), {"note": "Add opening hours."})
    assert article.translations.get().state == State.DRAFT
    history = text(publisher.get(article_url(article, "en", "history")))
    assert "Returned to the author" in history and "Add opening hours." in history


def test_withdrawing_needs_a_reason(staff_client):
    article = make_help_article("quokka-care", languages=("en",))
    publisher = staff_client("content_publisher")
    refused = publisher.post(article_url(article, "en", "withdraw"), {"note": ""})
    assert refused.status_code == 400
    assert "Say why the article is withdrawn." in text(refused)
    assert article.translations.get().live is not None
    publisher.post(article_url(article, "en", "withdraw"), {"note": "Program ended."})
    assert article.translations.get().live is None
    page = text(publisher.get(article_url(article)))
    assert "Withdrawn" in page and "Withdraw the English version" not in page


def test_editors_see_no_withdraw_form_and_are_told_why(staff_client):
    article = make_help_article("quokka-care", languages=("en",))
    page = text(staff_client("content_editor").get(article_url(article)))
    assert "Withdraw the English version" not in page
    assert "Only a publisher can take a published article off the site." in page


def test_a_step_the_state_does_not_allow_is_refused_with_a_reason(staff_client):
    """Two people on the same page: the second click finds the state moved on."""
    article = make_help_article("quokka-care", languages=("en",))
    in_review(article, make_staff("content_editor"))
    publisher = staff_client("content_publisher")
    publisher.post(article_url(article, "en", "approve"))
    again = publisher.post(article_url(article, "en", "approve"), follow=True)
    assert "Only an article in review can be approved." in text(again)
    returned = publisher.post(article_url(article, "en", "return"), {"note": "Shorter."},
                              follow=True)
    assert "Only an article in review can be returned." in text(returned)
    publisher.post(article_url(article, "en", "withdraw"), {"note": "Program ended."})
    withdrawn = publisher.post(article_url(article, "en", "withdraw"), {"note": "Again."},
                               follow=True)
    assert "This article is not published." in text(withdrawn)
    submitted = staff_client("content_editor").post(article_url(article, "en", "submit"),
                                                    follow=True)
    assert "Only a draft can be sent for review." in text(submitted)
    translation = article.translations.get()
    assert translation.state == State.WITHDRAWN
    assert list(translation.events.values_list("action", flat=True)[:2]) == [
        "withdrawn", "approved"]


def test_checked_still_right_resets_the_review_date(staff_client):
    article = make_help_article("quokka-care", review_every_days=30)
    Article.objects.filter(pk=article.pk).update(
        last_reviewed=timezone.localdate() - timedelta(days=40))
    editor = staff_client("content_editor")
    assert "Review due" in text(editor.get(article_url(article)))
    response = editor.post(article_url(article, "reviewed"), follow=True)
    assert "Marked as checked. Next review due" in text(response)
    article.refresh_from_db()
    assert article.last_reviewed == timezone.localdate()
    assert "Review due" not in text(editor.get(article_url(article)))


# History and differences ------------------------------------------------

def test_history_and_diff_show_who_changed_what(staff_client):
    article = make_help_article("quokka-care", title="Quokka care", languages=("en",))
    author = make_staff("content_editor")
    author.first_name, author.last_name = "Riley", "Martínez"
    author.save()
    workflow.save_draft(article, "en", title="Quokka care", summary="What to do.",
                        body="Do the thing.\nThen rest.", author=author, note="Add rest")
    editor = staff_client("content_editor")
    history = text(editor.get(article_url(article, "en", "history")))
    assert "Riley Martínez" in history and "Add rest" in history and "live" in history
    diff = editor.get(article_url(article, "en", "revisions", "2"))
    rows = re.findall(r'<tr class="help-editor-diff__(added|removed)">.*?'
                      r'<td class="help-editor-diff__text"[^>]*>(.*?)</td>',
                      diff.content.decode(), flags=re.S)
    assert ("added", "<ins>Then rest.</ins>") in rows
    assert "Added" in text(diff) and "1 line added, 0 lines removed" in text(diff)
    against_live = text(editor.get(article_url(article, "en", "revisions", "2"),
                                   {"against": "live"}))
    assert "Compared with revision 1, which readers see now." in against_live
    assert editor.get(article_url(article, "en", "revisions", "9")).status_code == 404


# Synonyms ------------------------------------------------

def test_publishers_add_edit_and_delete_synonyms_and_search_uses_them(staff_client, settings):
    settings.HELP_SEARCH_CHECK_SECONDS = 0
    help_search.reset()
    make_help_article("quokka-care", title="Quokka care", languages=("en",))
    SynonymGroup.objects.create(language="en", terms=["marsupial", "pouched mammal"])
    publisher = staff_client("content_publisher")
    assert help_search.search("scrub wallaby", "en") == []
    response = publisher.post("/staff/help/synonyms/", {
        "language": "en", "terms": "Quokka\nscrub wallaby\n"})
    assert response.status_code == 302
    group = next(g for g in SynonymGroup.objects.all() if "quokka" in g.terms)
    assert group.terms == ["quokka", "scrub wallaby"]
    assert [hit.slug for hit in help_search.search("scrub wallaby", "en")] == ["quokka-care"]

    taken = publisher.post(f"/staff/help/synonyms/{group.pk}/", {
        "terms": "quokka\nscrub wallaby\nMarsupial"})
    assert taken.status_code == 400
    assert ("“marsupial” is already in another group (marsupial, pouched mammal)"
            in text(taken))
    assert "Marsupial" in taken.content.decode()  # what was typed stays
    one = publisher.post(f"/staff/help/synonyms/{group.pk}/", {"terms": "quokka"})
    assert "Enter at least two words or phrases" in text(one)

    publisher.post(f"/staff/help/synonyms/{group.pk}/", {"terms": "quokka\nrottnest wallaby"})
    assert help_search.search("scrub wallaby", "en") == []
    assert [hit.slug for hit in help_search.search("rottnest wallaby", "en")] == ["quokka-care"]

    rebuild_before = SearchState.current()[1]
    publisher.post(f"/staff/help/synonyms/{group.pk}/delete/")
    assert not SynonymGroup.objects.filter(pk=group.pk).exists()
    assert SearchState.current()[1] > rebuild_before
    assert help_search.search("rottnest wallaby", "en") == []
    listing = text(publisher.get("/staff/help/synonyms/", {"language": "en"}))
    assert "marsupial, pouched mammal" in listing
    help_search.reset()
