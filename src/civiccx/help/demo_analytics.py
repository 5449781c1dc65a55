"""Ninety days of demo help center traffic for the analytics page: searches (from the labelled
query set, plus things the help center has no article for), clicks, helpfulness votes and the
visits that still asked for a callback or booked a walk-in visit.

The story it tells: refund questions dominate; a handful of queries ("crypto", "ITIN renewal",
"amended return status", "estimated tax penalty") find nothing; a few queries find results that
people rarely open; four articles are clearly unhelpful; visits that found nothing ask for a
person far more often. Searches rise in filing season (January to mid-April) and around the
October extension deadline, and dip at weekends.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from civiccx.core.redaction import redact
from civiccx.help.models import SearchLog, Translation, Vote
from civiccx.help.search.content import load_query_set
from civiccx.services.models import VisitStep

DAYS = 90
SEARCHES_PER_DAY = 32  # outside filing season, on a weekday
# Multipliers by month: filing season, the April deadline, the October extension deadline.
SEASON = {1: 1.8, 2: 2.6, 3: 2.4, 4: 3.0, 5: 1.2, 6: 0.8, 7: 0.8, 8: 0.8, 9: 0.9, 10: 1.3,
          11: 0.8, 12: 0.7}
SPANISH_SHARE = 0.25
NOTHING_FOUND = {
    "en": ["crypto", "amended return status", "ITIN renewal", "estimated tax penalty",
           "bitcoin taxes", "1099-DA", "state refund status", "form 8962", "stimulus check 2024",
           "onlyfans taxes"],
    "es": ["criptomonedas", "renovar ITIN", "multa por impuesto estimado",
           "estado de declaracion enmendada", "cheque de estimulo"],
}
NOTHING_FOUND_SHARE = 0.09
# Queries whose results people rarely open (the wording of the top result does not match).
RARELY_OPENED = {"what is a cp2000", "prior year agi", "file extension",
                 "deduccion estandar 2024", "eitc income limits 2024"}
# Rank of the opened result: mostly the first three.
CLICK_RANKS = [(1, 0.62), (2, 0.19), (3, 0.09), (4, 0.04), (5, 0.03), (6, 0.015), (7, 0.01),
               (8, 0.005)]
# (slug, language, share of yes votes): the articles editors should rewrite first.
UNHELPFUL = [("amended-return-status", "en", 0.28), ("refund-delayed-reasons", "en", 0.35),
             ("penalties-explained", "en", 0.3), ("payment-plan-options", "es", 0.25)]
NO_COMMENTS = {
    "en": ["It doesn't say how long it will take.", "I still don't know what to do next.",
           "Too much jargon.", "My situation isn't covered here.",
           "I called 202-555-0143 three times and this page still didn't answer my question.",
           "The steps don't match what I see on the website.",
           "Please add an example with real numbers."],
    "es": ["No explica cuánto tiempo tarda.", "Todavía no sé qué hacer.",
           "Muy complicado de entender.", "Mi correo es ana.lopez@example.com, ayúdenme.",
           "Faltan pasos."],
}
YES_COMMENTS = {"en": ["Clear and quick, thanks.", "Exactly what I needed."],
                "es": ["Muy claro, gracias.", "Justo lo que buscaba."]}


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _popularity(rng: random.Random, queries: list[dict]) -> dict[str, list]:
    """Per language, (query, weight) pairs: a long tail, refund questions on top."""
    by_language: dict[str, list] = {"en": [], "es": []}
    ordered = queries[:]
    rng.shuffle(ordered)
    ordered.sort(key=lambda query: "refund" not in query["relevant"][0])
    for rank, query in enumerate(ordered):
        weight = 1 / (rank + 1) ** 0.7
        if query["query"] in RARELY_OPENED:
            weight = max(weight, 0.15)
        by_language[query["language"]].append((query, weight))
    return by_language


def _as_typed(rng: random.Random, text: str) -> str:
    roll = rng.random()
    if roll < 0.15:
        return text.capitalize()
    if roll < 0.2:
        return text.upper()
    if roll < 0.25:
        return f" {text}  "
    return text


def _visit_start(rng: random.Random, day: date) -> datetime:
    hour = _weighted(rng, [(h, 3 if 10 <= h <= 14 or 19 <= h <= 21 else 1)
                           for h in range(7, 24)])
    return timezone.make_aware(datetime.combine(day, time(hour, rng.randrange(60),
                                                          rng.randrange(60))))


def _search(rng, query: dict | None, text: str, language: str, visit: str,
            at: datetime, all_slugs: list[str]) -> SearchLog:
    typed = _as_typed(rng, text)
    normalized = " ".join(typed.lower().split())
    if query is None:
        return SearchLog(query=typed.strip(), normalized=normalized, language=language,
                         results=0, visit=visit, at=at)
    relevant = query["relevant"]
    opened = rng.random() < (0.12 if query["query"] in RARELY_OPENED else 0.68)
    rank = _weighted(rng, CLICK_RANKS) if opened else None
    clicked = ""
    if rank is not None:
        clicked = relevant[rank - 1] if rank <= len(relevant) else rng.choice(all_slugs)
    return SearchLog(query=typed.strip(), normalized=normalized, language=language,
                     results=rng.randint(max(3, len(relevant)), 24), top_slug=relevant[0],
                     clicked_slug=clicked, clicked_rank=rank, visit=visit, at=at)


def _votes(rng, searches: list[SearchLog], now: datetime) -> list[Vote]:
    live = {(slug, language): pk for pk, slug, language in Translation.objects.filter(
        live__isnull=False).values_list("pk", "article__slug", "language")}
    if not live:
        return []
    unhelpful = {(slug, language): share for slug, language, share in UNHELPFUL}
    votes = []

    def vote(key, at):
        language = key[1]
        helpful = rng.random() < unhelpful.get(key, 0.82)
        comment = ""
        if rng.random() < (0.35 if not helpful else 0.06):
            comment = rng.choice((YES_COMMENTS if helpful else NO_COMMENTS)[language])
        redacted = redact(comment)
        votes.append(Vote(translation_id=live[key], helpful=helpful, comment=redacted.text,
                          redactions=sum(redacted.counts.values()), at=at))

    for search in searches:
        key = (search.clicked_slug, search.language)
        if search.clicked_slug and key in live and rng.random() < 0.2:
            vote(key, search.at + timedelta(minutes=rng.randint(1, 6)))
    for key in unhelpful:
        if key in live:
            for _ in range(rng.randint(40, 55)):
                at = now - timedelta(days=rng.uniform(0, DAYS), minutes=rng.randint(1, 60))
                vote(key, at)
    return votes


def seed_analytics(rng: random.Random) -> int:
    """Create the demo rows once (nothing happens if any search is logged); returns the
    number of searches created."""
    if SearchLog.objects.exists():
        return 0
    queries = [q for q in load_query_set()
               if " ".join(q["query"].lower().split()) not in
               {" ".join(t.lower().split()) for t in NOTHING_FOUND["en"] + NOTHING_FOUND["es"]}]
    popular = _popularity(rng, queries)
    all_slugs = sorted({slug for q in queries for slug in q["relevant"]})
    now = timezone.now()
    today = timezone.localdate()
    searches: list[SearchLog] = []
    escalations: list[VisitStep] = []
    for offset in range(DAYS - 1, -1, -1):
        day = today - timedelta(days=offset)
        expected = SEARCHES_PER_DAY * SEASON[day.month] * (0.6 if day.weekday() >= 5 else 1)
        if day.month == 4 and day.day <= 15 or day.month == 10 and 10 <= day.day <= 15:
            expected *= 1.4  # the last days before a deadline
        remaining = max(0, round(rng.gauss(expected, expected ** 0.5)))
        while remaining > 0:
            language = "es" if rng.random() < SPANISH_SHARE else "en"
            visit = f"{rng.getrandbits(128):032x}"
            at = _visit_start(rng, day)
            count = min(remaining, _weighted(rng, [(1, 0.62), (2, 0.26), (3, 0.12)]))
            remaining -= count
            visit_rows = []
            for _ in range(count):
                if rng.random() < NOTHING_FOUND_SHARE:
                    row = _search(rng, None, rng.choice(NOTHING_FOUND[language]), language,
                                  visit, at, all_slugs)
                else:
                    query = _weighted(rng, popular[language])
                    row = _search(rng, query, query["query"], language, visit, at, all_slugs)
                visit_rows.append(row)
                at += timedelta(seconds=rng.randint(20, 240))
            if visit_rows[0].at > now:
                continue
            visit_rows = [row for row in visit_rows if row.at <= now]
            searches += visit_rows
            if any(row.results == 0 for row in visit_rows):
                chance = 0.32
            elif any(row.clicked_slug for row in visit_rows):
                chance = 0.07
            else:
                chance = 0.17
            if rng.random() < chance:
                escalated_at = at + timedelta(minutes=rng.randint(2, 15))
                if escalated_at <= now:
                    step = (VisitStep.Step.CALLBACK_REQUESTED if rng.random() < 0.7
                            else VisitStep.Step.VISIT_BOOKED)
                    escalations.append(VisitStep(visit=visit, step=step, at=escalated_at,
                                                 channel=VisitStep.STEP_CHANNELS[step]))
    votes = _votes(rng, searches, now)
    with transaction.atomic():
        SearchLog.objects.bulk_create(searches, batch_size=2000)
        VisitStep.objects.bulk_create(escalations, batch_size=2000)
        Vote.objects.bulk_create(votes, batch_size=2000)
    return len(searches)
