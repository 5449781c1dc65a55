"""An editor changes a published article with the live preview and sends it for review; another
person, a publisher, reads the changes and publishes them. axe checks every editor page."""

import re

import pytest

from civiccx.help.models import SynonymGroup, Translation
from tests.browser.test_sign_in import _staff_sign_in
from tests.factories import make_staff
from tests.help.factories import make_help_article

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_edit_goes_from_preview_to_review_to_published(live_server, browser, page,
                                                            assert_accessible):
    base = live_server.url
    article = make_help_article("quokka-care", title="Quokka care")
    SynonymGroup.objects.create(language="en", terms=["quokka", "scrub wallaby"])
    editor, publisher = make_staff("content_editor"), make_staff("content_publisher")

    _staff_sign_in(page, base, editor)
    page.goto(f"{base}/staff/help/")
    assert_accessible(page, "article list")
    page.get_by_role("link", name="Quokka care").click()
    assert_accessible(page, "article page (editor)")
    page.get_by_role("link", name="Edit English text").click()
    body = page.get_by_label("Article text (Markdown)")
    body.fill("## Food\n\nQuokkas eat **leaves**.\n\n<script>alert(1)</script>")
    preview = page.locator("#preview-body")
    preview.get_by_role("heading", name="Food").wait_for()  # the HTMX preview caught up
    assert "leaves" in preview.locator("strong").inner_text()
    assert "Readers will not see a <script> tag" in preview.inner_text()
    assert_accessible(page, "edit text with preview")
    body.fill("## Food\n\nQuokkas eat **leaves**.")
    page.get_by_label("What changed, and why").fill("Say what they eat")
    page.get_by_role("button", name="Save and send for review").click()
    page.get_by_text("Saved as revision 2 and sent for review.").wait_for()
    assert page.get_by_text("Published; changes in review").is_visible()
    assert page.get_by_role("button", name=re.compile("Approve")).count() == 0

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    reviewer = context.new_page()
    try:
        _staff_sign_in(reviewer, base, publisher)
        reviewer.goto(f"{base}/staff/help/?waiting=me")
        reviewer.get_by_role("link", name="Quokka care").click()
        assert_accessible(reviewer, "article page (publisher)")
        reviewer.get_by_role("link", name="see what changed").click()
        reviewer.get_by_text("Quokkas eat **leaves**.").wait_for()  # waits, unlike is_visible()
        assert reviewer.locator(".help-editor-diff__added").first.inner_text().startswith(
            "+ Added")
        assert_accessible(reviewer, "diff")
        reviewer.go_back()
        reviewer.get_by_role("button", name="Approve and publish English").click()
        reviewer.get_by_text("English version approved and published.").wait_for()
        reviewer.get_by_role("link", name="History").first.click()
        assert_accessible(reviewer, "history")
        reviewer.goto(f"{base}/staff/help/synonyms/")
        assert_accessible(reviewer, "synonyms")
        reviewer.goto(f"{base}/staff/help/articles/quokka-care/details/")
        assert_accessible(reviewer, "details form")
    finally:
        context.close()
    english = Translation.objects.get(article=article, language="en")
    assert english.live.number == 2 and "leaves" in english.live.body
