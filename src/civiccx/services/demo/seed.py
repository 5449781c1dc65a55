"""Seed the demo agency: catalog, locations, staff for every role, and a year of interactions.

Idempotent: running it again changes nothing that exists and tops up what is missing.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from rich.progress import Progress

from civiccx.services.models import (
    Channel,
    Interaction,
    Location,
    OpeningHours,
    Outcome,
    Service,
    ServiceChannel,
    ServiceProvider,
    SpecialHours,
)

CATALOG = json.loads((Path(__file__).parent / "catalog.json").read_text(encoding="utf-8"))
DEMO_SOURCE = "demo:"

# How often each (service, channel) happens, relative weights shaped like a filing season.
TRAFFIC = [
    ("individual-filing", Channel.WEB, 30), ("individual-filing", Channel.MAIL, 4),
    ("direct-file", Channel.WEB, 6), ("phone-assistance", Channel.PHONE, 25),
    ("walk-in-assistance", Channel.IN_PERSON, 10), ("help-center", Channel.WEB, 15),
    ("payments", Channel.WEB, 6), ("payments", Channel.PHONE, 3), ("payments", Channel.MAIL, 1),
]
OUTCOMES = [(Outcome.RESOLVED, 70), (Outcome.REFERRED, 10), (Outcome.FOLLOW_UP, 10),
            (Outcome.UNRESOLVED, 6), (Outcome.ABANDONED, 4)]
MINUTES = {Channel.WEB: (5, 45), Channel.PHONE: (4, 25), Channel.IN_PERSON: (10, 50),
           Channel.MAIL: (1, 2)}


def seed_catalog() -> ServiceProvider:
    spec = CATALOG["provider"]
    provider, _ = ServiceProvider.objects.update_or_create(
        abbreviation=spec["abbreviation"], defaults=dict(spec))
    for order, item in enumerate(CATALOG["services"]):
        service, _ = Service.objects.update_or_create(slug=item["slug"], defaults={
            "provider": provider, "name": item["name"], "name_es": item["name_es"],
            "name_in_sentence": item["name_in_sentence"],
            "name_in_sentence_es": item["name_in_sentence_es"],
            "summary": item["summary"], "summary_es": item["summary_es"], "order": order})
        for channel, (instructions, instructions_es) in item["channels"].items():
            ServiceChannel.objects.update_or_create(
                service=service, channel=channel,
                defaults={"instructions": instructions, "instructions_es": instructions_es})
    return provider


def _location(provider, spec, kind) -> Location:
    location, _ = Location.objects.update_or_create(slug=spec["slug"], defaults={
        "provider": provider, "kind": kind, "name": spec["name"], "name_es": spec["name_es"],
        "street": spec["street"],
        "city": spec["city"], "state": spec["state"], "zip_code": spec["zip"],
        "time_zone": spec["tz"], "latitude": spec.get("lat"), "longitude": spec.get("lon")})
    return location


def seed_locations(provider) -> None:
    walk_in = Service.objects.get(slug="walk-in-assistance")
    payments = Service.objects.get(slug="payments")
    phone = Service.objects.get(slug="phone-assistance")
    for spec in CATALOG["walk_in_centers"]:
        location = _location(provider, spec, Location.Kind.WALK_IN)
        location.services.add(walk_in, payments)
        if not location.hours.exists():
            OpeningHours.objects.bulk_create(
                OpeningHours(location=location, weekday=day, opens=time(8, 30),
                             closes=time(16, 30)) for day in range(5))
        for day in CATALOG["saturday_walk_in_days"]:
            SpecialHours.objects.get_or_create(
                location=location, date=date.fromisoformat(day),
                defaults={"opens": time(9), "closes": time(16),
                          "note": "Saturday walk-in day: no appointment needed"})
    for spec in CATALOG["call_centers"]:
        _location(provider, spec, Location.Kind.CALL_CENTER).services.add(phone, payments)


def _season_weight(day: date) -> float:
    """Filing season (late January to mid April) brings about three times the usual traffic."""
    if date(day.year, 1, 22) <= day <= date(day.year, 4, 18):
        return 3.0
    if day.month == 10 and day.day <= 15:  # extension deadline
        return 1.6
    return 1.0


def seed_interactions(target: int, *, seed: int = 2024, progress: Progress | None = None) -> int:
    """Create demo interactions until `target` exist. Returns how many were created."""
    existing = Interaction.objects.filter(source__startswith=DEMO_SOURCE).count()
    missing = max(0, target - existing)
    if not missing:
        return 0
    rng = random.Random(seed + existing)
    services = {s.slug: s for s in Service.objects.all()}
    centers = list(Location.objects.filter(kind=Location.Kind.WALK_IN))
    call_centers = list(Location.objects.filter(kind=Location.Kind.CALL_CENTER))
    today = timezone.localdate()
    days = [today - timedelta(days=n) for n in range(1, 366)]
    day_weights = [_season_weight(d) * (0.35 if d.weekday() >= 5 else 1.0) for d in days]
    traffic = [(slug, channel) for slug, channel, _ in TRAFFIC]
    traffic_weights = [weight for *_, weight in TRAFFIC]
    outcomes, outcome_weights = zip(*OUTCOMES, strict=True)
    task = progress.add_task("Customer interactions", total=missing) if progress else None
    batch: list[Interaction] = []
    for number in range(existing, existing + missing):
        slug, channel = rng.choices(traffic, traffic_weights)[0]
        service = services[slug]
        location = None
        if channel == Channel.IN_PERSON:
            location = rng.choice(centers)
        elif channel == Channel.PHONE:
            location = rng.choice(call_centers)
        zone = ZoneInfo(location.time_zone if location else "America/New_York")
        day = rng.choices(days, day_weights)[0]
        start = datetime.combine(day, time(8, 30), zone) + timedelta(minutes=rng.randint(0, 480))
        low, high = MINUTES[channel]
        end = start + timedelta(minutes=rng.randint(low, high))
        consent = rng.random() < 0.4
        batch.append(Interaction(
            service=service, channel=channel, location=location, started_at=start, ended_at=end,
            outcome=rng.choices(outcomes, outcome_weights)[0],
            language="es" if rng.random() < 0.14 else "en",
            contact_consent=consent,
            contact_email=f"person{number}@example.com" if consent and channel == Channel.WEB
            else "",
            contact_phone=f"+1202555{number % 10000:04d}" if consent and channel != Channel.WEB
            else "",
            contact_purge_after=(end + timedelta(days=service.contact_retention_days)).date()
            if consent else None,
            source=f"{DEMO_SOURCE}{number}",
        ))
        if len(batch) == 500:
            Interaction.objects.bulk_create(batch)
            if progress:
                progress.advance(task, len(batch))
            batch = []
    if batch:
        Interaction.objects.bulk_create(batch)
        if progress:
            progress.advance(task, len(batch))
    return missing


@transaction.atomic
def seed_catalog_and_locations() -> ServiceProvider:
    provider = seed_catalog()
    seed_locations(provider)
    return provider
