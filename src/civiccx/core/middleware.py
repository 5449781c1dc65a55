"""Security headers Django does not set itself."""

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language_from_path

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
