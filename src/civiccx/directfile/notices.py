"""Texts and emails at each change of a return's status, in the filer's language, only to
the addresses they gave and agreed to (`core.messaging`)."""

from __future__ import annotations

import logging

from civiccx.core.messaging import send_email_message, send_text_message
from civiccx.core.public_links import public_url

logger = logging.getLogger(__name__)


def notify(tax_return, submission, kind: str) -> None:
    answers = tax_return.answers
    context = {"submission": submission, "tax_return": tax_return,
               "status_url": public_url("directfile:status", tax_return.tax_year,
                                        language=submission.language),
               "refund": submission.refund_cents, "owed": submission.owed_cents}
    if kind == "rejected":
        from civiccx.directfile.status import current_rejection

        context["reasons"] = current_rejection(tax_return)
    email = answers.get("/contact/email")
    phone = answers.get("/contact/phone")
    if email and answers.get("/contact/updatesByEmail"):
        send_email_message(email, f"directfile/{kind}", context, language=submission.language)
    if phone and answers.get("/contact/updatesByText"):
        send_text_message(phone, f"directfile/{kind}", context, language=submission.language)
