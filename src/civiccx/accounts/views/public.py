"""Public sign-in through OpenID Connect with the agency's identity provider, and sign-out."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from civiccx.accounts import oidc
from civiccx.accounts.services import (
    public_user_for,
    safe_next_url,
)

logger = logging.getLogger(__name__)
SESSION_OIDC = "civiccx_oidc_request"


@require_POST
def sign_out(request):
    logout(request)
    messages.success(request, _("You are signed out."))
    return redirect("services:home")

def public_sign_in(request):
    return render(request, "accounts/public_sign_in.html", {"available": oidc.configured()})

def public_sign_in_start(request):
    if not oidc.configured():
        return redirect("accounts:public-sign-in")
    try:
        url, remembered = oidc.authorization_request(
            request.build_absolute_uri(reverse("accounts:oidc-callback")))
    except oidc.SignInError:
        return render(request, "accounts/sign_in_failed.html", status=503)
    remembered["next"] = safe_next_url(request, reverse("services:my-interactions"))
    request.session[SESSION_OIDC] = remembered
    return redirect(url)

@never_cache
def oidc_callback(request):
    remembered = request.session.pop(SESSION_OIDC, None)
    if not remembered or request.GET.get("state") != remembered.get("state"):
        return render(request, "accounts/sign_in_failed.html", status=400)
    if "error" in request.GET:
        return render(request, "accounts/sign_in_failed.html", {"cancelled": True}, status=400)
    try:
        claims = oidc.complete_sign_in(
            request.build_absolute_uri(reverse("accounts:oidc-callback")),
            request.build_absolute_uri(), remembered)
    except oidc.SignInError as error:
        logger.warning("Public sign-in failed: %s", error)
        return render(request, "accounts/sign_in_failed.html", status=400)
    user = public_user_for(oidc.provider().issuer, claims)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect(remembered.get("next") or reverse("services:my-interactions"))
