"""Account operations shared by views and commands."""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from civiccx.accounts.models import PublicIdentity, User


def confirmed_totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def pending_totp_device(user) -> TOTPDevice:
    """The unconfirmed device a staff member is enrolling, created on first visit."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app",
                                                confirmed=False)


def needs_enrollment(user) -> bool:
    return not user_has_device(user, confirmed=True)


@transaction.atomic
def public_user_for(issuer: str, claims: dict) -> User:
    """Find or create the public account for an identity provider subject."""
    subject = str(claims["sub"])
    identity = (PublicIdentity.objects.select_related("user")
                .filter(issuer=issuer, subject=subject).first())
    if identity is None:
        digest = hashlib.sha256(f"{issuer}|{subject}".encode()).hexdigest()[:24]
        user = User.objects.create(username=f"public-{digest}")
        user.set_unusable_password()
        user.save(update_fields=["password"])
        identity = PublicIdentity(user=user, issuer=issuer, subject=subject)
    identity.email = str(claims.get("email", ""))
    identity.assurance_level = str(claims.get("acr", ""))
    identity.save()
    return identity.user


def safe_next_url(request, default: str) -> str:
    """Where to go after signing in: the asked-for page when it is on this site, else `default`."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return candidate
    return default
