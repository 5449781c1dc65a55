"""Texts and emails: written in templates whose every word is translated, rendered in the
recipient's language as plain text, and sent only through core.messaging."""

import ast
import re
from pathlib import Path

import pytest
from django.template.exceptions import TemplateDoesNotExist

import civiccx
from civiccx.core.messaging import (
    render_message,
    send_email_message,
    send_text_message,
    template_names,
)
from civiccx.core.notifications import OutboxBackend

PACKAGE = Path(civiccx.__file__).parent
MESSAGE_TEMPLATES = sorted(PACKAGE.glob("*/templates/*/messages/*.txt"))
TRANSLATED = re.compile(r"{%\s*blocktranslate\b.*?{%\s*endblocktranslate\s*%}"
                        r"|{%\s*translate\b.*?%}", re.DOTALL)
TAGS = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.DOTALL)


def test_there_are_message_templates_and_they_follow_the_convention():
    assert len(MESSAGE_TEMPLATES) >= 20
    for path in MESSAGE_TEMPLATES:
        app, templates, namespace, folder, name = path.relative_to(PACKAGE).parts
        assert (templates, namespace, folder) == ("templates", app, "messages"), path
        if name.endswith("_subject.txt"):
            assert (path.parent / name.replace("_subject.txt", ".txt")).exists(), (
                f"{path} is a subject without a body")


@pytest.mark.parametrize("path", MESSAGE_TEMPLATES, ids=lambda p: "/".join(p.parts[-4:]))
def test_every_word_of_a_message_is_translatable(path):
    """Text outside {% blocktranslate %} or {% translate %} would reach a Spanish reader in
    English (the catalog test then checks that every translatable string has its Spanish)."""
    left = TAGS.sub("", TRANSLATED.sub("", path.read_text(encoding="utf-8")))
    assert not re.search(r"[^\W\d_]", left), f"untranslated text in {path}: {left.strip()!r}"


def test_messages_are_plain_text_in_the_recipients_language():
    context = {"ticket": "A-001 & <b>", "counter": 3}
    english = render_message("walkin/turn", context, language="en")
    spanish = render_message("walkin/turn", context, language="es")
    assert english.body == "It's your turn: ticket A-001 & <b>, please go to counter 3."
    assert spanish.body == "Es su turno: turno A-001 & <b>, pase a la ventanilla 3."
    assert english.subject == spanish.subject == ""
    assert render_message("walkin/turn", context, language="es-us").body == spanish.body
    assert render_message("walkin/turn", context, language="fr").body == english.body


def test_a_kind_is_app_slash_name():
    assert template_names("walkin/booked") == ("walkin/messages/booked.txt",
                                               "walkin/messages/booked_subject.txt")
    for bad in ("booked", "walkin/", "walkin/messages/booked"):
        with pytest.raises(ValueError, match="A message kind is '<app>/<name>'"):
            template_names(bad)


def test_sending_goes_through_the_gateway_and_an_email_needs_a_subject():
    OutboxBackend.outbox.clear()
    text = send_text_message("+12025550101", "walkin/next", {"ticket": "A-002"}, language="es")
    assert OutboxBackend.outbox == [text] and text.channel == "sms"
    assert text.body == "Usted sigue: turno A-002. Por favor, regrese ahora."
    with pytest.raises(TemplateDoesNotExist, match="an email needs a subject"):
        send_email_message("ana@example.com", "walkin/next", {"ticket": "A-002"},
                           language="en")
    assert OutboxBackend.outbox == [text]


def _imports(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "civiccx.core.notifications":
            yield from (alias.name for alias in node.names)


def test_only_core_messaging_sends_raw_texts_and_emails():
    """Every other module sends a templated message, so no wording hides in Python."""
    senders = {str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
               if {"send_sms", "send_email"} & set(_imports(path))}
    assert senders == {"core/messaging.py"}
