"""Staff sign-in: a password, then a TOTP code (enrolling an app the first time); lockout."""

from __future__ import annotations

import logging
from base64 import b32encode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from civiccx.accounts.forms import OneTimeCodeForm, StaffPasswordForm
from civiccx.accounts.lockouts import cooloff_minutes, current_lockouts, unlock
from civiccx.accounts.services import (
    confirmed_totp_device,
    needs_enrollment,
    pending_totp_device,
    safe_next_url,
)
from civiccx.core.qr_codes import qr_code_svg
from civiccx.core.ratelimit import public_form_ratelimit
from civiccx.core.roles import ADMIN, is_staff_member, role_required

logger = logging.getLogger(__name__)
SESSION_OIDC = "civiccx_oidc_request"


@never_cache
@sensitive_post_parameters("password")
@public_form_ratelimit
def staff_login(request):
    form = StaffPasswordForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, username=form.cleaned_data["username"],
                            password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            return locked_out(request)
        if user is None or not is_staff_member(user):
            form.add_error(None, _(
                "The username or password is not right. After %(limit)d failed attempts, "
                "sign-in to this account from this device is paused for %(minutes)d minutes.")
                % {"limit": settings.AXES_FAILURE_LIMIT, "minutes": cooloff_minutes()})
        else:
            login(request, user)
            step = "accounts:staff-enroll" if needs_enrollment(user) else "accounts:staff-verify"
            next_url = safe_next_url(request, reverse("core:staff-home"))
            return redirect(f"{reverse(step)}?next={next_url}")
    return render(request, "accounts/staff_login.html",
                  {"form": form, "next": safe_next_url(request, "")},
                  status=400 if form.errors else 200)

@never_cache
def staff_verify(request):
    if not request.user.is_authenticated:
        return redirect("accounts:staff-login")
    device = confirmed_totp_device(request.user)
    if device is None:
        return redirect("accounts:staff-enroll")
    form = OneTimeCodeForm(request.POST if request.method == "POST" else None)
    form.fields["code"].widget.attrs["autofocus"] = True  # the one thing to do on this step
    if request.method == "POST" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            form.add_error("code", _("Too many wrong codes. Wait a minute, then try again."))
        elif device.verify_token(form.cleaned_data["code"]):
            otp_login(request, device)
            return redirect(safe_next_url(request, reverse("core:staff-home")))
        else:
            form.add_error("code", _("That code is not right. Codes change every 30 seconds: "
                                     "enter the newest one."))
    return render(request, "accounts/staff_verify.html",
                  {"form": form, "next": safe_next_url(request, "")},
                  status=400 if form.errors else 200)

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
            return redirect(safe_next_url(request, reverse("core:staff-home")))
        form.add_error("code", _("That code is not right. Check that your app added the "
                                 "account, then enter the newest code."))
    return render(request, "accounts/staff_enroll.html", {
        "form": form,
        "qr_svg": qr_code_svg(device.config_url),
        "secret": b32encode(device.bin_key).decode(),
        "next": safe_next_url(request, ""),
    }, status=400 if form.errors else 200)

def locked_out(request, credentials=None, *args, **kwargs):
    return render(request, "accounts/locked_out.html", {"minutes": cooloff_minutes()},
                  status=403)


@role_required(ADMIN)
def lockouts(request):
    """Administrators see the sign-ins paused now and can lift one at once."""
    return render(request, "accounts/lockouts.html", {"lockouts": current_lockouts()})


@role_required(ADMIN)
@require_POST
def unlock_sign_in(request):
    username = request.POST.get("username", "")
    if unlock(username, request.POST.get("ip_address", "")):
        messages.success(request, _("Sign-in for %(username)s is unlocked.")
                         % {"username": username})
    return redirect("accounts:lockouts")
