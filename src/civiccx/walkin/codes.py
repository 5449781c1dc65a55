"""Appointment confirmation codes: made, normalized as people type them, looked up."""

from __future__ import annotations

import secrets

from civiccx.walkin.models import Appointment

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


CODE_LENGTH = 8


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(raw: str) -> str:
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())[:CODE_LENGTH * 2]


def find_appointment(raw_code: str) -> Appointment | None:
    code = normalize_code(raw_code)
    if len(code) != CODE_LENGTH:
        return None
    return (Appointment.objects.select_related("center__location", "offering__service")
            .filter(code=code).first())
