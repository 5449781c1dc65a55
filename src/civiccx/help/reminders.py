"""Review reminders: published articles whose review date has come are sent, at most once a
week, to the people who can check them.

An article's `owner` is a team's name ("Refunds content team"), not an address, and the people
who can act on a reminder (edit the article, or press "Checked, still right") are the help center
editors and publishers. So the reminder goes to their accounts' email addresses: an administrator
already keeps that list current when people join or leave, and there is no second list to drift.
An agency whose teams share an inbox sets `CIVICCX_HELP_REVIEW_EMAIL` (`HELP_REVIEW_EMAIL`) and
the reminders go there instead. One email per run lists every article that is due, grouped by
owner team, so a quarter's worth of due dates never becomes a flood of separate messages.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from civiccx.accounts.models import User
from civiccx.core.messaging import send_email_message
from civiccx.core.public_links import public_url
from civiccx.core.roles import CONTENT_EDITOR, CONTENT_PUBLISHER
from civiccx.help.models import Article

logger = logging.getLogger(__name__)

REMIND_AGAIN_AFTER = timedelta(days=7)


def due_for_review(today=None) -> list[Article]:
    """Published articles (at least one language live) whose review date is today or past.
    An article nobody can read yet has nothing to keep right, so it is not due."""
    today = today or timezone.localdate()
    candidates = (Article.objects.filter(translations__live__isnull=False).distinct()
                  .only("pk", "slug", "owner", "last_reviewed", "review_every_days",
                        "review_reminded_at"))
    return [article for article in candidates if article.is_stale(today)]


def due_article_ids(today=None) -> set[int]:
    return {article.pk for article in due_for_review(today)}


def recipients() -> list[str]:
    configured = [address for address in getattr(settings, "HELP_REVIEW_EMAIL", []) if address]
    if configured:
        return configured
    emails = (User.objects.filter(is_active=True,
                                  groups__name__in=(CONTENT_EDITOR, CONTENT_PUBLISHER))
              .exclude(email="").values_list("email", flat=True).distinct())
    return sorted(emails)


def send_review_reminders(now: datetime | None = None) -> int:
    """Email the due articles not reminded in the last week, and note that they were reminded.
    Returns how many articles the email listed (0: nothing sent). Safe to run often and
    concurrently: each article is claimed with a conditional update before it is listed."""
    now = now or timezone.now()
    to = recipients()
    if not to:
        logger.warning("Help review reminders: no editor has an email address and "
                       "CIVICCX_HELP_REVIEW_EMAIL is not set; nothing sent.")
        return 0
    cutoff = now - REMIND_AGAIN_AFTER
    not_recent = Q(review_reminded_at__isnull=True) | Q(review_reminded_at__lt=cutoff)
    claimed: list[tuple[Article, datetime | None]] = []
    for article in due_for_review(timezone.localdate(now)):
        if article.review_reminded_at and article.review_reminded_at >= cutoff:
            continue
        if Article.objects.filter(not_recent, pk=article.pk).update(review_reminded_at=now):
            claimed.append((article, article.review_reminded_at))
    if not claimed:
        return 0
    try:
        context = _reminder_context([article for article, _previous in claimed])
        for address in to:
            send_email_message(address, "help/review_reminder", context, language=None)
    except Exception:
        for article, previous in claimed:  # let the next run try again
            Article.objects.filter(pk=article.pk, review_reminded_at=now).update(
                review_reminded_at=previous)
        raise
    return len(claimed)


def _reminder_context(articles: list[Article]) -> dict:
    """What the reminder (help/messages/review_reminder.txt) lists: the articles by owner team
    (those with none last). It goes to staff, so it is written in the site's default
    language."""
    by_owner: dict[str, list[Article]] = {}
    for article in articles:
        by_owner.setdefault(article.owner, []).append(article)
    teams = [{"owner": owner, "articles": [
        {"slug": article.slug, "due": article.review_due,
         "url": public_url("help:editor-article", article.slug)}
        for article in sorted(by_owner[owner], key=lambda a: a.slug)]}
        for owner in sorted(by_owner, key=lambda owner: (not owner, owner))]
    return {"count": len(articles), "teams": teams,
            "all_url": public_url("help:editor-articles", query={"review": "due"})}
