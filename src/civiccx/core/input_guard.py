"""Refuse input no form or API can store: NUL characters, lone UTF-16 surrogates and a
Content-Length that is not a number.

PostgreSQL cannot store a NUL in a text column (``DataError``) and no database can encode a
lone surrogate as UTF-8, so either reached a view as a 500. This middleware looks at every
input path before any view does (the URL path, the query string, form fields and JSON
bodies; uploaded files are left alone) and answers 400 with a clear message: a page in the
site's design, or JSON on the API.
"""

from __future__ import annotations

import json
import re

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext

# NUL, the other C0 controls no one types (tab, newline and carriage return stay), and the
# surrogate range: a well-formed pair in JSON is decoded into one character before we look.
UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
API_PREFIX = "/api/"


def unstorable(value: object) -> bool:
    """Whether a decoded value (str, list, dict, nested) holds a character we refuse."""
    if isinstance(value, str):
        return UNSTORABLE.search(value) is not None
    if isinstance(value, dict):
        return any(unstorable(key) or unstorable(item) for key, item in value.items())
    if isinstance(value, list):
        return any(unstorable(item) for item in value)
    return False


def _content_length_is_bad(request) -> bool:
    raw = request.META.get("CONTENT_LENGTH")
    return bool(raw) and not (raw.isascii() and raw.isdigit())


def _query_or_form_is_bad(request) -> bool:
    if unstorable(request.path_info):
        return True
    if any(unstorable(key) or unstorable(request.GET.getlist(key)) for key in request.GET):
        return True
    if request.method != "POST":
        return False
    if request.content_type == "application/json":
        try:
            return unstorable(json.loads(request.body or b"null"))
        except ValueError:  # not JSON (or not UTF-8): the view explains what it expects
            return False
    return any(unstorable(key) or unstorable(request.POST.getlist(key)) for key in request.POST)


class InputGuardMiddleware:
    """Answer 400 to a request carrying characters no field can store."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _content_length_is_bad(request):
            return self._refuse(request, "The Content-Length header must be a number of bytes.")
        if _query_or_form_is_bad(request):
            return self._refuse(
                request,
                gettext(
                    "What you sent contains a control character (such as a NUL) or a broken "
                    "character that cannot be saved. Remove it and try again."
                ),
            )
        return self.get_response(request)

    @staticmethod
    def _refuse(request, message: str):
        if request.path.startswith(API_PREFIX):
            return JsonResponse({"detail": message}, status=400)
        return render(request, "errors/400.html", {"message": message}, status=400)
