"""Sign-in pages. Staff: password, then a TOTP code (enrolling an app the first time).
The public: OpenID Connect with the agency's identity provider."""

from __future__ import annotations

import io
import logging
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from civiccx.accounts import oidc
from civiccx.accounts.forms import OneTimeCodeForm, StaffPasswordForm
from civiccx.accounts.services import (
    confirmed_totp_device,
    needs_enrollment,
    pending_totp_device,
    public_user_for,
)
from civiccx.core.roles import is_staff_member
from civiccx.core.views import public_form_ratelimit

logger = logging.getLogger(__name__)
SESSION_OIDC = "civiccx_oidc_request"


def _next_url(request, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return candidate
    return default


@never_cache
@sensitive_post_parameters("password")
@public_form_ratelimit
def staff_login(request):
    form = StaffPasswordForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, username=form.cleaned_data["username"],
                            password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            return render(request, "accounts/locked_out.html", status=403)
        if user is None or not is_staff_member(user):
            form.add_error(None, _("The username or password is not right. After 5 failed "
                                   "attempts the account is locked."))
        else:
            login(request, user)
            step = "accounts:staff-enroll" if needs_enrollment(user) else "accounts:staff-verify"
            next_url = _next_url(request, reverse("core:staff-home"))
            return redirect(f"{reverse(step)}?next={next_url}")
    return render(request, "accounts/staff_login.html",
                  {"form": form, "next": _next_url(request, "")},
                  status=400 if form.errors else 200)


@never_cache
def staff_verify(request):
    if not request.user.is_authenticated:
        return redirect("accounts:staff-login")
    device = confirmed_totp_device(request.user)
    if device is None:
        return redirect("accounts:staff-enroll")
    form = OneTimeCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            form.add_error("code", _("Too many wrong codes. Wait a minute, then try again."))
        elif device.verify_token(form.cleaned_data["code"]):
            otp_login(request, device)
            return redirect(_next_url(request, reverse("core:staff-home")))
        else:
            form.add_error("code", _("That code is not right. Codes change every 30 seconds: "
                                     "enter the newest one."))
    return render(request, "accounts/staff_verify.html",
                  {"form": form, "next": _next_url(request, "")},
                  status=400 if form.errors else 200)


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


@never_cache
def staff_enroll(request):
    if not request.user.is_authenticated:
        return redirect("accounts:staff-login")
    if not needs_enrollment(request.user):
        return redirect("accounts:staff-verify")
    device = pending_totp_device(request.user)
    form = OneTimeCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Your authentication app is set up."))
            return redirect(_next_url(request, reverse("core:staff-home")))
        form.add_error("code", _("That code is not right. Check that your app added the "
                                 "account, then enter the newest code."))
    return render(request, "accounts/staff_enroll.html", {
        "form": form,
        "qr_svg": _qr_svg(device.config_url),
        "secret": b32encode(device.bin_key).decode(),
        "next": _next_url(request, ""),
    }, status=400 if form.errors else 200)


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
    remembered["next"] = _next_url(request, reverse("services:my-interactions"))
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


def locked_out(request, credentials=None, *args, **kwargs):
    return render(request, "accounts/locked_out.html", status=403)


