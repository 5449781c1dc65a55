"""Demo sign-ins: a staff member for every role (password + TOTP) and a public taxpayer."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from civiccx.accounts.models import PublicIdentity, User
from civiccx.core.roles import ROLES

DEMO_PASSWORD_SUFFIX = "-demo-2024"  # noqa: S105 (printed for the demo on purpose)
DEMO_TAXPAYER_SUBJECT = "taxpayer@example.com"


@dataclass
class DemoSignIn:
    username: str
    password: str
    role: str
    totp_key_base32: str


def demo_totp_key(username: str) -> bytes:
    """A stable per-user key so the demo's authenticator entries survive re-seeding."""
    return hashlib.sha256(f"civiccx-demo-totp:{username}".encode()).digest()[:20]


def seed_staff() -> list[DemoSignIn]:
    sign_ins = []
    names = {"csr": ("Casey", "Rivera"), "center_staff": ("Jordan", "Lee"),
             "cx_analyst": ("Avery", "Nguyen"), "researcher": ("Sam", "Okafor"),
             "research_recruiter": ("Kai", "Tsosie"),
             "content_editor": ("Riley", "Martínez"), "content_publisher": ("Dana", "Brooks"),
             "report_publisher": ("Jamie", "Chen"),
             "admin": ("Morgan", "Patel")}
    for role in ROLES.values():
        username = role.name.replace("_", "-")
        password = f"{username}{DEMO_PASSWORD_SUFFIX}"
        user, created = User.objects.get_or_create(username=username, defaults={
            "first_name": names[role.name][0], "last_name": names[role.name][1],
            "email": f"{username}@frs.example"})
        if created:
            user.set_password(password)
            user.is_staff = role.name == "admin"
            user.is_superuser = role.name == "admin"
            user.save()
        user.groups.add(Group.objects.get(name=role.name))
        key = demo_totp_key(username)
        TOTPDevice.objects.update_or_create(
            user=user, name="Demo authenticator",
            defaults={"key": key.hex(), "confirmed": True})
        sign_ins.append(DemoSignIn(username, password, role.label,
                                   base64.b32encode(key).decode()))
    return sign_ins


def seed_public_taxpayer(issuer: str) -> User:
    """A public account linked to the local identity provider's demo subject."""
    user, _ = User.objects.get_or_create(username="public-demo-taxpayer",
                                         defaults={"first_name": "Pat"})
    PublicIdentity.objects.get_or_create(
        issuer=issuer, subject=DEMO_TAXPAYER_SUBJECT,
        defaults={"user": user, "email": DEMO_TAXPAYER_SUBJECT})
    return user
