"""Read configuration from the environment with specific, actionable errors.

Django's own errors for a bad database URL or a missing secret are cryptic; an operator deploying
Civic CX should learn exactly which variable is wrong and what a good value looks like.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

# Values published in this repository for development and tests: never secrets anywhere else.
PUBLISHED_FIELD_KEYS = frozenset({
    "Y2l2aWNjeC1kZXZlbG9wbWVudC1vbmx5LWtleS0wMDA=",  # settings/development.py
    "Y2l2aWNjeC10ZXN0LW9ubHkta2V5LTAwMDAwMDAwMDE=",  # settings/test.py
})
PUBLISHED_TWILIO_TOKENS = frozenset({"development-twilio-token", "test-twilio-token"})

DATABASE_URL_EXAMPLES = (
    "sqlite:///var/civiccx.sqlite3 or postgres://USER:PASSWORD@HOST:5432/DBNAME"
)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (got {raw!r}).")


def env_port(name: str, default: int, environ=os.environ) -> int:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if not 0 < value < 65536:
        raise ImproperlyConfigured(f"{name} must be a TCP port, 1 to 65535 (got {raw!r}).")
    return value


def dev_oidc_port(environ=os.environ) -> int:
    """Where `civiccx demo` runs its local identity provider: CIVICCX_DEV_OIDC_PORT, or the
    port after the site's own (PORT, 8000 by default), so two demos can run side by side. The
    demo seeding reads the same value for the demo taxpayer's issuer."""
    return env_port("CIVICCX_DEV_OIDC_PORT", env_port("PORT", 8000, environ) + 1, environ)


def dev_oidc_issuer(environ=os.environ) -> str:
    return f"http://127.0.0.1:{dev_oidc_port(environ)}"


def env_seconds(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= 0:
        raise ImproperlyConfigured(f"{name} must be a number of seconds, 0 or more "
                                   f"(got {raw!r}).")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_public_url(name: str, default: str) -> str:
    """The site's public address (scheme, host and port, no path), without a trailing slash."""
    raw = (os.environ.get(name) or "").strip()
    if not raw:
        return default
    parts = urlsplit(raw)
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.path.strip("/") \
            or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"{name} must be the address the public reaches the site at, such as "
            f"https://www.agency.gov or http://127.0.0.1:8000 (got {raw!r}).")
    try:
        parts.port  # noqa: B018 (raises on a port that is not a number)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} has a port that is not a number (got {raw!r}).") \
            from error
    return raw.rstrip("/")


def database_from_url(url: str, *, variable: str = "DATABASE_URL") -> dict:
    """Parse a database URL, naming the variable and showing an example when it is malformed."""
    if "://" not in url:
        raise ImproperlyConfigured(
            f"{variable} is not a database URL: {redact_url(url)!r}. "
            f"Use a URL such as {DATABASE_URL_EXAMPLES}."
        )
    scheme = url.split("://", 1)[0]
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            f"{variable} uses the unsupported scheme {scheme!r}. Civic CX runs on SQLite or "
            f"PostgreSQL: use {DATABASE_URL_EXAMPLES}."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=60 if scheme != "sqlite" else 0)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"{variable} could not be read ({error}). Use a URL such as {DATABASE_URL_EXAMPLES}."
        ) from error
    if scheme != "sqlite" and not config.get("NAME"):
        raise ImproperlyConfigured(
            f"{variable} names no database: add it after the host, e.g. "
            "postgres://USER@HOST:5432/civiccx."
        )
    if scheme == "sqlite":
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        config.setdefault("OPTIONS", {})
        # WAL and a busy timeout let the web process and the task worker share the file.
        config["OPTIONS"].update(
            {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            }
        )
    return config


def cache_from_url(url: str) -> dict:
    """The cache that holds rate-limit counters: `redis://host:6379/0` (shared by all web
    processes: use it in production), `db://table` (the default) or `locmem://`."""
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if scheme in ("redis", "rediss"):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme == "db":
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": url.split("://", 1)[1] or "civiccx_cache"}
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ImproperlyConfigured(
        f"CACHE_URL {url!r} is not supported: use redis://HOST:6379/0, db://TABLE or locmem://.")


def redact_url(url: str) -> str:
    """Hide a password in a URL before it goes into an error message."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}"
    return url


def check_field_keys(keys: list[str]) -> None:
    """Refuse field-encryption keys that are malformed or published in the repository."""
    import base64
    import binascii

    for position, key in enumerate(keys, start=1):
        if key in PUBLISHED_FIELD_KEYS:
            raise ImproperlyConfigured(
                f"CIVICCX_FIELD_KEYS key {position} is the development or test key published "
                "in the Civic CX repository: anyone could decrypt your data. Make a new one "
                "with: civiccx generate-field-key.")
        try:
            valid = len(base64.urlsafe_b64decode(key.encode())) == 32
        except (binascii.Error, ValueError):
            valid = False
        if not valid:
            raise ImproperlyConfigured(
                f"CIVICCX_FIELD_KEYS key {position} is malformed: each key must be 32 bytes in "
                "url-safe base64 (44 characters ending in '='). Make one with: "
                "civiccx generate-field-key.")
