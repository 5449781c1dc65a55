"""Sending texts and emails through a gateway chosen in settings.

Development prints messages (with the recipient masked); tests keep them in an outbox; a real
deployment plugs in its SMS/email provider by naming a class in CIVICCX_NOTIFICATION_BACKEND.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass
class Message:
    channel: str  # "sms" or "email"
    to: str
    body: str
    subject: str = ""
    sent_at: datetime = field(default_factory=timezone.now)
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)
    """(filename, content, MIME type) for email."""


def mask(address: str) -> str:
    """Enough of an address to tell messages apart in a log, not enough to contact anyone."""
    if "@" in address:
        name, domain = address.split("@", 1)
        return f"{name[:1]}***@{domain}"
    return f"***{address[-2:]}" if len(address) > 2 else "***"


class ConsoleBackend:
    def send(self, message: Message) -> None:
        files = "".join(f" [attached: {name}]" for name, _, _ in message.attachments)
        print(f"[{message.channel} to {mask(message.to)}] {message.subject} {message.body}"
              f"{files}".strip(), flush=True)


class OutboxBackend:
    """Keeps messages in memory, for tests."""

    outbox: list[Message] = []

    def send(self, message: Message) -> None:
        OutboxBackend.outbox.append(message)


def _backend():
    return import_string(getattr(settings, "CIVICCX_NOTIFICATION_BACKEND",
                                 "civiccx.core.notifications.ConsoleBackend"))()


def send_sms(to: str, body: str) -> Message:
    message = Message("sms", to, body)
    _backend().send(message)
    return message


def send_email(to: str, subject: str, body: str,
               attachments: list[tuple[str, bytes, str]] | None = None) -> Message:
    message = Message("email", to, body, subject, attachments=list(attachments or []))
    _backend().send(message)
    return message
