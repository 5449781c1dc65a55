"""Review reminders: published articles past their review date are emailed to the editors at
most once a week, and the clock restarts when someone checks the article."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from civiccx.core.notifications import OutboxBackend
from civiccx.help import workflow
from civiccx.help.models import Article
from civiccx.help.reminders import send_review_reminders
from tests.factories import make_staff
from tests.help.factories import make_help_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def outbox():
    OutboxBackend.outbox.clear()
    yield OutboxBackend.outbox
    OutboxBackend.outbox.clear()


def staff_with_email(role, email):
    user = make_staff(role)
    user.email = email
    user.save()
    return user


def overdue(article, days=1):
    Article.objects.filter(pk=article.pk).update(
        last_reviewed=timezone.localdate() - timedelta(days=article.review_every_days + days))
    article.refresh_from_db()
    return article


@pytest.fixture
def editors():
    return [staff_with_email("content_editor", "riley@agency.example"),
            staff_with_email("content_publisher", "dana@agency.example")]


def test_due_articles_are_emailed_to_editors_grouped_by_owner_team(outbox, editors):
    staff_with_email("csr", "casey@agency.example")
    gone = staff_with_email("content_editor", "gone@agency.example")
    gone.is_active = False
    gone.save()
    refunds = overdue(make_help_article("refund-timing", owner="Refunds content team"))
    overdue(make_help_article("refund-offsets", owner="Refunds content team"), days=30)
    overdue(make_help_article("pay-by-card", owner="Payments content team"))
    make_help_article("fresh-article", owner="Refunds content team")

    assert send_review_reminders() == 3
    assert sorted(m.to for m in outbox) == ["dana@agency.example", "riley@agency.example"]
    message = outbox[0]
    assert message.subject == "3 help articles are due for review"
    body = message.body
    assert body.index("Payments content team") < body.index("pay-by-card") \
        < body.index("Refunds content team") < body.index("refund-offsets") \
        < body.index("refund-timing")
    assert "/staff/help/articles/refund-timing/" in body
    assert "fresh-article" not in body
    refunds.refresh_from_db()
    assert refunds.review_reminded_at is not None


def test_an_article_is_reminded_at_most_once_a_week(outbox, editors):
    overdue(make_help_article("refund-timing"))
    now = timezone.now()
    assert send_review_reminders(now) == 1
    outbox.clear()
    assert send_review_reminders(now + timedelta(hours=1)) == 0
    assert send_review_reminders(now + timedelta(days=6)) == 0
    assert outbox == []
    assert send_review_reminders(now + timedelta(days=7, minutes=1)) == 1
    assert "refund-timing" in outbox[0].body


def test_checking_the_article_stops_the_reminders(outbox, editors):
    article = overdue(make_help_article("refund-timing"))
    send_review_reminders()
    workflow.mark_reviewed(article, editors[0], "Still right.")
    outbox.clear()
    assert send_review_reminders(timezone.now() + timedelta(days=8)) == 0
    assert outbox == []


def test_an_article_nobody_can_read_is_not_due(outbox, editors):
    overdue(make_help_article("never-published", languages=()))
    withdrawn = overdue(make_help_article("withdrawn", languages=("en",)))
    workflow.withdraw(withdrawn.translations.get(), editors[1], "Program ended.")
    assert send_review_reminders() == 0
    assert outbox == []


def test_a_configured_team_inbox_replaces_the_editors(outbox, editors, settings):
    settings.HELP_REVIEW_EMAIL = ["help-content@agency.example"]
    overdue(make_help_article("refund-timing"))
    assert send_review_reminders() == 1
    assert [m.to for m in outbox] == ["help-content@agency.example"]
    assert outbox[0].subject == "1 help article is due for review"


def test_with_nobody_to_tell_nothing_is_marked_as_reminded(outbox):
    article = overdue(make_help_article("refund-timing"))
    assert send_review_reminders() == 0
    article.refresh_from_db()
    assert article.review_reminded_at is None


def test_a_failed_send_leaves_the_article_for_the_next_run(outbox, editors, monkeypatch):
    article = overdue(make_help_article("refund-timing"))

    def broken(*args, **kwargs):
        raise ConnectionError("mail gateway down")

    monkeypatch.setattr(OutboxBackend, "send", broken)  # the gateway fails
    with pytest.raises(ConnectionError):
        send_review_reminders()
    article.refresh_from_db()
    assert article.review_reminded_at is None
    monkeypatch.undo()
    assert send_review_reminders() == 1


def test_the_periodic_command_sends_review_reminders(outbox, editors, capsys):
    overdue(make_help_article("refund-timing"))
    call_command("periodic")
    assert "Enqueued civiccx.help.tasks.send_review_reminders" in capsys.readouterr().out
    assert any("refund-timing" in m.body for m in outbox if m.channel == "email")
