"""Encrypted model fields for PII.

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256) from `cryptography`, keyed by
`CIVICCX_FIELD_KEYS` (newest first; older keys still decrypt, so keys can be rotated). We wrote
this small field rather than adopt django-cryptography or django-encrypted-model-fields because
both are unmaintained since 2022 and neither supports rotating keys from the environment.
Encrypted values cannot be searched or ordered in SQL; store a keyed hash beside them when a
lookup is needed (see `blind_index`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "fernet:"


@cache
def _cipher(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("CIVICCX_FIELD_KEYS is empty: PII cannot be encrypted.")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "CIVICCX_FIELD_KEYS holds a malformed key: each must be 32 url-safe base64-encoded "
            "bytes (make one with: civiccx generate-field-key)."
        ) from error


def cipher() -> MultiFernet:
    return _cipher(tuple(settings.CIVICCX_FIELD_KEYS))


def encrypt_text(value: str) -> str:
    return PREFIX + cipher().encrypt(value.encode()).decode()


def decrypt_text(stored: str) -> str:
    if not stored.startswith(PREFIX):
        raise ValueError("Stored value is not encrypted; refusing to treat it as plaintext.")
    try:
        return cipher().decrypt(stored[len(PREFIX):].encode()).decode()
    except InvalidToken as error:
        raise ValueError("Stored value cannot be decrypted with the configured keys.") from error


def blind_index(value: str) -> str:
    """A keyed hash of a normalized value, for exact-match lookups on encrypted data."""
    key = base64.urlsafe_b64decode(settings.CIVICCX_FIELD_KEYS[0])
    return hmac.new(key, value.strip().lower().encode(), hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """A text column whose database value is Fernet ciphertext; Python sees plaintext."""

    description = "Text encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt_text(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt_text(value)
