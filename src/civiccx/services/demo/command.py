"""The services app's part of `civiccx seed_demo`: catalog, centers, staff and interactions."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from civiccx.services.demo.people import DEMO_TAXPAYER_SUBJECT, seed_public_taxpayer, seed_staff
from civiccx.services.demo.seed import seed_catalog_and_locations, seed_interactions
from civiccx.services.models import Channel, Interaction, Outcome, Service


def seed(options, progress) -> list[str]:
    step = progress.add_task("Catalog, centers and staff", total=3)
    seed_catalog_and_locations()
    progress.advance(step)
    sign_ins = seed_staff()
    progress.advance(step)
    _taxpayer_history(seed_public_taxpayer(settings.CIVICCX_DEV_OIDC_ISSUER))
    progress.advance(step)
    seed_interactions(options["interactions"], progress=progress)
    lines = ["", "Demo sign-ins",
             "Staff: sign in at /staff/sign-in/ with the password, then enter the 6-digit code",
             "from an authenticator app set up with the key, or from "
             "`.venv/bin/civiccx demo_code USERNAME`.", ""]
    lines += sign_in_table(sign_ins)
    lines += ["", f"Public: choose “Sign in”, then type {DEMO_TAXPAYER_SUBJECT} at the local "
                  "identity provider.", ""]
    return lines


def sign_in_table(sign_ins) -> list[str]:
    """One row per demo account, its columns as wide as their longest entry, so every username,
    password and key starts in the same column."""
    role = max(len(sign_in.role) for sign_in in sign_ins)
    username = max(len(sign_in.username) for sign_in in sign_ins)
    password = max(len(sign_in.password) for sign_in in sign_ins)
    return [f"  {sign_in.role:<{role}}  username {sign_in.username:<{username}}  "
            f"password {sign_in.password:<{password}}  key {sign_in.totp_key_base32}"
            for sign_in in sign_ins]


@transaction.atomic
def _taxpayer_history(taxpayer):
    if Interaction.objects.filter(person=taxpayer).exists():
        return
    now = timezone.now()
    history = [("direct-file", Channel.WEB, 60, Outcome.RESOLVED),
               ("phone-assistance", Channel.PHONE, 40, Outcome.RESOLVED),
               ("help-center", Channel.WEB, 12, Outcome.RESOLVED)]
    for slug, channel, days_ago, outcome in history:
        ended = now - timedelta(days=days_ago)
        Interaction.objects.create(
            service=Service.objects.get(slug=slug), channel=channel,
            started_at=ended - timedelta(minutes=14), ended_at=ended, outcome=outcome,
            person=taxpayer, source="demo:taxpayer")
