"""Links to our own pages, in a reader's language: in a page, or absolute in a text or email.

An absolute link starts with `CIVICCX_PUBLIC_URL`, the address the public reaches the site at.
A deployment sets it; `civiccx serve` and `civiccx demo` set it from the host and port they bind
(so `PORT=8100 make demo` texts links to port 8100), and the development default is the
address `civiccx serve` binds by default. Messages are sent by task workers that never see a
request, so the request's own host cannot be used.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from civiccx.core.languages import current_language, site_language


def path_in_language(viewname: str, *args, language: str | None = None, **kwargs) -> str:
    """The site-relative path of a page in `language` (default: the current one), with its
    language prefix ("/es/...")."""
    with translation.override(site_language(language) if language else current_language()):
        return reverse(viewname, args=args or None, kwargs=kwargs or None)


def public_address() -> str:
    return settings.CIVICCX_PUBLIC_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """`path` (site-relative, already in its language) on the public address."""
    return public_address() + path


def public_url(viewname: str, *args, language: str | None = None,
               query: dict[str, str] | None = None, **kwargs) -> str:
    """The absolute address of a page in `language`, for a text, an email or a QR code."""
    path = path_in_language(viewname, *args, language=language, **kwargs)
    return absolute_url(path + (f"?{urlencode(query)}" if query else ""))
