"""Security headers Django does not set itself."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language_from_path, get_language_from_request

from civiccx.core.languages import default_language, language_codes, site_language

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


class PermissionsPolicyMiddleware:
    """Deny powerful browser features no Civic CX page needs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def _without_language(path: str) -> str:
    language = get_language_from_path(path)
    return path[len(language) + 1:] if language and path.startswith(f"/{language}/") else path


class NoStoreMiddleware:
    """Pages and downloads that may show personal information are never stored by a browser
    or proxy cache (``Cache-Control: no-store``): every page for a signed-in person, staff
    pages, downloads, and the public pages reached by a personal link
    (settings.CIVICCX_NO_STORE_PATHS)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        path = _without_language(request.path)
        user = getattr(request, "user", None)
        if (path.startswith(tuple(settings.CIVICCX_NO_STORE_PATHS))
                or (user is not None and user.is_authenticated)
                or "attachment" in response.headers.get("Content-Disposition", "")):
            patch_cache_control(response, no_store=True, no_cache=True, private=True)
            response.headers.pop("Expires", None)
        return response


CHOICE_PARAMETER = "chosen-language"


class PreferredLanguageMiddleware:
    """A Spanish browser (``Accept-Language: es``) gets Spanish at ``/``; a language the person
    chose with the header's language link is remembered (a cookie) over the browser's.

    The language link carries ``?chosen-language=<code>``: this middleware stores the choice and
    redirects to the same address without it. An unprefixed page requested by someone whose
    remembered (or, failing that, browser) language is another site language is redirected to
    that language's address. Only GET page loads are redirected: never the API, webhooks,
    htmx fragments or addresses that exist in one language only.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "GET":
            redirected = self._chosen(request) or self._preferred(request)
            if redirected:
                return redirected
        response = self.get_response(request)
        if request.method == "GET" and not get_language_from_path(request.path_info):
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    @staticmethod
    def _chosen(request):
        chosen = request.GET.get(CHOICE_PARAMETER)
        if chosen not in language_codes():
            return None
        rest = request.GET.copy()
        del rest[CHOICE_PARAMETER]
        response = HttpResponseRedirect(request.path + (f"?{rest.urlencode()}" if rest else ""))
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, chosen, max_age=365 * 24 * 3600,
                            samesite="Lax", secure=settings.SESSION_COOKIE_SECURE)
        return response

    @staticmethod
    def _preferred(request):
        if get_language_from_path(request.path_info) or request.headers.get("HX-Request"):
            return None
        preferred = site_language(get_language_from_request(request, check_path=False))
        if preferred == default_language():
            return None
        target = f"/{preferred}{request.path_info}"
        try:
            with translation.override(preferred):  # i18n_patterns match the active language
                resolve(target)
        except Resolver404:
            return None
        query = request.META.get("QUERY_STRING", "")
        response = HttpResponseRedirect(target + (f"?{query}" if query else ""))
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
