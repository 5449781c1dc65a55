"""Every text and email the site sends is written in a template and rendered in the
recipient's language (docs/decisions, "One way to send a message").

A message kind "walkin/booked" is the template `walkin/messages/booked.txt` (the body) and, for
an email, `walkin/messages/booked_subject.txt` (one line). Templates hold their wording in
`{% blocktranslate trimmed %}` blocks, so the Spanish comes from the catalog like every page's.
They are rendered by the plain-text template engine ("messages" in settings.TEMPLATES: no HTML
escaping), inside `translation.override(language)` and, when given, `timezone.override(zone)`,
so dates and times read in the recipient's language and clock: use
`{{ moment|date:"DATE_FORMAT" }}` (the language's long date), never a numeric date.

    send_text_message(phone, "phone/callback_booked", {"entry": entry}, language=entry.language)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from django.template import engines
from django.template.exceptions import TemplateDoesNotExist
from django.utils import timezone, translation

from civiccx.core.languages import site_language
from civiccx.core.notifications import Message, send_email, send_sms

ENGINE = "messages"
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    """Empty when the kind has no subject template (a text message)."""
    body: str


def template_names(kind: str) -> tuple[str, str]:
    """(body, subject) template names of a kind such as "walkin/booked"."""
    app, _, name = kind.partition("/")
    if not app or not name or "/" in name:
        raise ValueError(f"A message kind is '<app>/<name>', not {kind!r}.")
    return f"{app}/messages/{name}.txt", f"{app}/messages/{name}_subject.txt"


def render_message(kind: str, context: Mapping[str, Any], *, language: str | None,
                   time_zone: tzinfo | None = None) -> RenderedMessage:
    body_name, subject_name = template_names(kind)
    engine = engines[ENGINE]
    with translation.override(site_language(language)), \
            timezone.override(time_zone or timezone.get_default_timezone()):
        body = engine.get_template(body_name).render(dict(context))
        try:
            subject = engine.get_template(subject_name).render(dict(context))
        except TemplateDoesNotExist:
            subject = ""
    return RenderedMessage(" ".join(subject.split()), _tidy(body))


def _tidy(text: str) -> str:
    """Trailing spaces off, at most one blank line in a row (template tags on lines of their
    own leave empty lines), no blank start or end."""
    text = "\n".join(line.rstrip() for line in text.splitlines())
    return _BLANK_LINES.sub("\n\n", text).strip()


def send_text_message(to: str, kind: str, context: Mapping[str, Any], *, language: str | None,
                      time_zone: tzinfo | None = None) -> Message:
    return send_sms(to, render_message(kind, context, language=language,
                                       time_zone=time_zone).body)


def send_email_message(to: str, kind: str, context: Mapping[str, Any], *,
                       language: str | None, time_zone: tzinfo | None = None,
                       attachments: Iterable[tuple[str, bytes, str]] = ()) -> Message:
    message = render_message(kind, context, language=language, time_zone=time_zone)
    if not message.subject:
        raise TemplateDoesNotExist(f"{template_names(kind)[1]} (an email needs a subject)")
    return send_email(to, message.subject, message.body, attachments=list(attachments))
