"""Staff sign-in lockouts (docs/decisions/0020): the owner is told, an administrator unlocks.

Axes pauses a username *from one address* after too many failures, for a cool-off
(settings AXES_*). The account's owner gets an email so an attack on their account is not
silent, and administrators see current lockouts and can lift one at once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone

from civiccx.core.messaging import send_email_message

logger = logging.getLogger(__name__)


def cooloff_minutes() -> int:
    return round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)


def alert_owner(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    """Email the owner of a staff account that was just locked."""
    user = get_user_model().objects.filter(username=username).first() if username else None
    if user is None or not user.email:
        return
    # Axes signals every refused attempt while locked: tell the owner once per pause.
    key = f"civiccx-lockout-alert:{user.pk}:{ip_address}"
    if not cache.add(key, True, timeout=settings.AXES_COOLOFF_TIME.total_seconds()):
        return
    send_email_message(
        user.email,
        "accounts/locked_out",
        {
            "user": user,
            "ip_address": ip_address or "unknown",
            "minutes": cooloff_minutes(),
            "when": timezone.now(),
        },
        language=None,
    )
    logger.warning("Staff sign-in locked for user %s from %s", user.pk, ip_address)


@dataclass(frozen=True)
class Lockout:
    username: str
    ip_address: str
    failures: int
    last_attempt: datetime
    until: datetime


def current_lockouts(now: datetime | None = None) -> list[Lockout]:
    now = now or timezone.now()
    since = now - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=since,
    ).order_by("-attempt_time")
    return [
        Lockout(
            a.username or "",
            a.ip_address or "",
            a.failures_since_start,
            a.attempt_time,
            a.attempt_time + settings.AXES_COOLOFF_TIME,
        )
        for a in attempts
    ]


def unlock(username: str, ip_address: str) -> int:
    """Lift the lockout of one username at one address; returns the records removed."""
    removed = reset(username=username, ip=ip_address or None)
    logger.warning(
        "Staff sign-in unlocked by an administrator for %s from %s", username, ip_address
    )
    return removed
