"""Factories for the records tests need. One place, so every test builds data the same way."""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from civiccx.accounts.models import User
from civiccx.services.models import (
    Channel,
    Interaction,
    Location,
    Outcome,
    Service,
    ServiceChannel,
    ServiceProvider,
)

_numbers = itertools.count(1)
STAFF_PASSWORD = "correct horse battery staple"


def make_provider(**overrides) -> ServiceProvider:
    defaults = {"name": "Test Revenue Agency", "name_es": "Agencia de Ingresos de Prueba",
                "name_in_sentence": "the Test Revenue Agency",
                "name_in_sentence_es": "la Agencia de Ingresos de Prueba",
                "abbreviation": f"TRA{next(_numbers)}"}
    return ServiceProvider.objects.create(**{**defaults, **overrides})


def make_service(provider=None, **overrides) -> Service:
    number = next(_numbers)
    defaults = {"slug": f"service-{number}", "name": f"Service {number}",
                "name_es": f"Servicio {number}", "name_in_sentence": f"the service {number}",
                "name_in_sentence_es": f"el servicio {number}", "summary": "Get help with a thing.",
                "summary_es": "Reciba ayuda con algo."}
    service = Service.objects.create(provider=provider or make_provider(),
                                     **{**defaults, **overrides})
    ServiceChannel.objects.create(service=service, channel=Channel.WEB,
                                  instructions="Online", instructions_es="Por internet")
    return service


def make_location(provider=None, **overrides) -> Location:
    number = next(_numbers)
    defaults = {"kind": Location.Kind.WALK_IN, "slug": f"center-{number}",
                "name": f"Center {number}", "name_es": f"Centro {number}",
                "street": "1 Main St", "city": "Austin", "state": "TX", "zip_code": "78701",
                "time_zone": "America/Chicago"}
    return Location.objects.create(provider=provider or make_provider(),
                                   **{**defaults, **overrides})


def make_interaction(service=None, **overrides) -> Interaction:
    ended = timezone.now() - timedelta(hours=1)
    defaults = {"channel": Channel.WEB, "started_at": ended - timedelta(minutes=10),
                "ended_at": ended, "outcome": Outcome.RESOLVED}
    return Interaction.objects.create(service=service or make_service(),
                                      **{**defaults, **overrides})


def make_staff(role: str, username: str | None = None) -> User:
    """A staff member with a role and a confirmed authenticator app."""
    user = User.objects.create_user(username=username or f"{role}-{next(_numbers)}",
                                    password=STAFF_PASSWORD)
    user.groups.add(Group.objects.get(name=role))
    TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)
    return user


def make_public_user() -> User:
    user = User.objects.create(username=f"public-{next(_numbers)}")
    user.set_unusable_password()
    user.save()
    return user


def current_code(user) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def make_survey(service=None, **overrides):
    from civiccx.feedback.models import Survey

    defaults = {"instrument_name": "a11_v2", "instrument_version": 1}
    return Survey.objects.create(service=service or make_service(), **{**defaults, **overrides})


def make_sampling_rule(survey, **overrides):
    from civiccx.feedback.models import SamplingRule

    defaults = {"rate": 1, "cap_days": 90, "link_valid_days": 14, "remind_after_days": 3}
    return SamplingRule.objects.create(service=survey.service, survey=survey,
                                       **{**defaults, **overrides})


def make_call_queue(service=None, *, open_hours=True, **overrides):
    """A queue whose call center is open around the clock every day, unless told otherwise."""
    from datetime import time

    from civiccx.phone.models import CallQueue
    from civiccx.services.models import OpeningHours

    center = make_location(kind="call_center", time_zone="America/New_York")
    if open_hours:
        OpeningHours.objects.bulk_create(
            OpeningHours(location=center, weekday=day, opens=time(0), closes=time(23, 59, 59))
            for day in range(7))
    defaults = {"slug": f"line-{next(_numbers)}", "callback_threshold_minutes": 0}
    return CallQueue.objects.create(service=service or make_service(), call_center=center,
                                    **{**defaults, **overrides})


def make_center(*, time_zone: str = "America/Chicago", hours=((0, 24),), weekdays=range(7),
                services=(("A", 30),), counters: int = 2, appointment_counters: int = 1,
                **overrides):
    """A walk-in center with weekly hours (24: open until 23:59:59), services with ticket
    letters and visit lengths, and numbered counters."""
    from datetime import time

    from civiccx.services.models import OpeningHours
    from civiccx.walkin.models import Center, CenterService, Counter

    location = make_location(time_zone=time_zone)
    OpeningHours.objects.bulk_create(
        OpeningHours(location=location, weekday=day, opens=time(opens),
                     closes=time(23, 59, 59) if closes == 24 else time(closes))
        for day in weekdays for opens, closes in hours)
    defaults = {"counters": counters, "appointment_counters": appointment_counters,
                "min_notice_minutes": 0}
    center = Center.objects.create(location=location, **{**defaults, **overrides})
    provider = location.provider
    for prefix, minutes in services:
        CenterService.objects.create(center=center, service=make_service(provider),
                                     prefix=prefix, duration_minutes=minutes)
    for number in range(1, counters + 1):
        Counter.objects.create(center=center, number=number)
    return center


def midday_zone() -> str:
    """A fixed-offset time zone where it is around noon now, so tests that step back or
    forward an hour or two never cross a local midnight."""
    from datetime import UTC

    offset = 12 - timezone.now().astimezone(UTC).hour
    offset = (offset + 12) % 24 - 12  # -12..+11 hours from UTC
    return "Etc/GMT" + (f"{-offset:+d}" if offset else "")
