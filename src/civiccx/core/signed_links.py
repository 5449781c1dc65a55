"""Bearer links: a value (a record's key or code) signed into a URL token, checked on return.

Whoever holds the link may use it, so each kind of link has its own salt (a token made for one
kind never opens another) and, where it should stop working on its own, a maximum age. Whether
a link works only once is a fact about the record it names (an answered invitation, a comment
already left), so the domain code that reads the record decides that, not the signature.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core import signing
from django.db.models import QuerySet


@dataclass(frozen=True)
class SignedLink:
    salt: str
    max_age: timedelta | None = None
    """None: the signature never expires (the record itself carries an expiry, or none)."""

    def token(self, value: Any) -> str:
        return signing.dumps(value, salt=self.salt, compress=True)

    def value(self, token: str | None) -> Any | None:
        """The signed value, or None when the token is missing, altered, made for another
        kind of link, or older than `max_age`."""
        if not token:
            return None
        try:
            return signing.loads(token, salt=self.salt, max_age=self.max_age)
        except signing.BadSignature:  # SignatureExpired is a BadSignature
            return None

    def find(self, token: str | None, queryset: QuerySet, *, field: str = "pk"):
        """The record whose `field` the token carries, or None (a bad or expired token, or a
        record that is gone)."""
        value = self.value(token)
        return None if value is None else queryset.filter(**{field: value}).first()
