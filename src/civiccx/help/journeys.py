"""Following one browser session from a help search to a callback or a booked visit.

The search view gives the session a random visit id (`visit_id(request, create=True)`) and
stores it on every `SearchLog`; the callback and booking pages call `record_escalation`, which
writes an `Escalation` only if that session searched. The id names a browser session, never a
person, so analytics can tell how many searches ended without a call or visit ("deflection")
without joining help searches to anyone's contact details.
"""

from __future__ import annotations

import re
import secrets

from civiccx.help.models import Escalation

HELP_VISIT_SESSION_KEY = "help_visit"
PHONE = "phone"
IN_PERSON = "in_person"
CHANNELS = (PHONE, IN_PERSON)

# Hex, at most SearchLog.visit's 32 characters; shorter ids (e.g. token_hex(8)) are fine.
_VISIT_ID = re.compile(r"[0-9a-f]{8,32}")


def visit_id(request, create: bool = False) -> str | None:
    """This session's help visit id; with `create`, start one if the session has none."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    current = session.get(HELP_VISIT_SESSION_KEY)
    if isinstance(current, str) and _VISIT_ID.fullmatch(current):
        return current
    if not create:
        return None
    session[HELP_VISIT_SESSION_KEY] = secrets.token_hex(16)
    return session[HELP_VISIT_SESSION_KEY]


def record_escalation(request, channel: str) -> Escalation | None:
    """Note that a session which searched the help center went on to ask for a person."""
    if channel not in CHANNELS:
        raise ValueError(f"Unknown escalation channel {channel!r}; use one of {CHANNELS}.")
    visit = visit_id(request)
    if visit is None:
        return None
    return Escalation.objects.create(visit=visit, channel=channel)
