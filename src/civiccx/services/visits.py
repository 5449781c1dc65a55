"""Following one browser visit across channels: a help search, then a callback request or a
booked walk-in visit.

A channel that wants its visitors followed gives the session a random visit id
(`visit_id(request, create=True)`; the help search does, and stores it on every search log).
Any channel then records the steps that cross channels with `record_visit_step`, which writes
a `VisitStep` only when the session has a visit id. The id names a browser session, never a
person, so analytics can count how many searches ended without a call or a visit
("deflection") without joining anyone's contact details.
"""

from __future__ import annotations

import re
import secrets

from civiccx.services.models import VisitStep

VISIT_SESSION_KEY = "visit"

# Hex, at most VisitStep.visit's 32 characters; shorter ids (e.g. token_hex(8)) are fine.
_VISIT_ID = re.compile(r"[0-9a-f]{8,32}")


def visit_id(request, create: bool = False) -> str | None:
    """This session's visit id; with `create`, start one if the session has none."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    current = session.get(VISIT_SESSION_KEY)
    if isinstance(current, str) and _VISIT_ID.fullmatch(current):
        return current
    if not create:
        return None
    session[VISIT_SESSION_KEY] = secrets.token_hex(16)
    return session[VISIT_SESSION_KEY]


def record_visit_step(request, step: str) -> VisitStep | None:
    """Note that this visit took a step on another channel (`VisitStep.Step`), if the visit is
    being followed. Returns the step recorded, or None."""
    if step not in VisitStep.Step.values:
        raise ValueError(f"Unknown visit step {step!r}; use one of "
                         f"{', '.join(VisitStep.Step.values)}.")
    visit = visit_id(request)
    if visit is None:
        return None
    return VisitStep.objects.create(visit=visit, step=step,
                                    channel=VisitStep.STEP_CHANNELS[step])
