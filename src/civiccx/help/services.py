"""What the public help pages do: search (logged for editors, PII redacted), open articles,
and answer "Was this page helpful?" — which is a customer interaction on the spine and counts
toward the help center's A-11 effectiveness score."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from civiccx.core.redaction import redact
from civiccx.core.signed_links import SignedLink
from civiccx.help.models import SearchLog, Translation, Vote
from civiccx.help.search import MAX_QUERY_CHARS, Hit
from civiccx.help.search.other_agencies import OtherAgency
from civiccx.help.search_service import help_search
from civiccx.metrics import rollups
from civiccx.metrics.registry import QuarterSpan
from civiccx.services.interactions import record_interaction
from civiccx.services.models import Channel, Outcome, Service

HELP_CENTER_SERVICE = "help-center"
EFFECTIVENESS = "thumbs:effectiveness"
VOTE_LINK = SignedLink("civiccx.help.vote", max_age=timedelta(hours=1))
"""Carries a vote from "Was this page helpful?" to the comment form after it (one comment per
vote: `add_comment`)."""
COMMENT_MAX = 1000


def normalize_query(query: str) -> str:
    return " ".join(query.lower().split())[:MAX_QUERY_CHARS]


@dataclass
class SearchOutcome:
    query: str
    hits: list[Hit]
    did_you_mean: str | None
    log_id: int | None
    language: str = "en"
    elsewhere: OtherAgency | None = None  # who provides what was asked, when nothing answers

    @property
    def other_language(self) -> str | None:
        """The language of results that exist only in the other language ("en" on the Spanish
        page), or None: the page says so and offers a callback."""
        return next((h.language for h in self.hits if h.language != self.language), None)

    @property
    def referral(self) -> dict[str, str] | None:
        """What was asked about, who provides it and where, in the page's language."""
        if self.elsewhere is None:
            return None
        fields = {f: self.elsewhere.text(f, self.language) for f in ("topic", "agency", "url")}
        fields["site"] = urlsplit(fields["url"]).hostname or fields["url"]
        # The page's sentence ends with its own period ("... de EE. UU." would end "UU..").
        fields["agency"] = fields["agency"].removesuffix(".")
        return fields


def search(query: str, language: str, *, visit: str | None, limit: int = 10) -> SearchOutcome:
    """Ranked articles for a query, and a log row (redacted) when a visit is given."""
    query = " ".join((query or "").split())[:MAX_QUERY_CHARS]
    if not query:
        return SearchOutcome("", [], None, None, language)
    hits, suggestion, elsewhere = help_search.search_and_correct(query, language, limit=limit)
    log_id = None
    if visit:
        safe = redact(query).text[:200]
        log_id = SearchLog.objects.create(
            query=safe, normalized=normalize_query(safe), language=language,
            results=len(hits), top_slug=hits[0].slug if hits else "", visit=visit).pk
    return SearchOutcome(query, hits, suggestion, log_id, language, elsewhere)


def note_click(log_id: str | None, visit: str | None, slug: str, rank: str | None) -> None:
    """Remember which result a search led to (the first one opened), for click-through."""
    if not (log_id and visit and str(log_id).isdigit()):
        return
    try:
        position = max(1, min(int(rank or 0), 100))
    except ValueError:
        position = None
    SearchLog.objects.filter(pk=int(log_id), visit=visit, clicked_slug="").update(
        clicked_slug=slug[:100], clicked_rank=position)


def help_center_service() -> Service | None:
    return Service.objects.filter(slug=HELP_CENTER_SERVICE).first()


@transaction.atomic
def record_vote(translation: Translation, helpful: bool, *, comment: str = "") -> Vote:
    """Store a vote, record the visit as an Interaction, and count it toward effectiveness."""
    now = timezone.now()
    text = redact(comment.strip()[:COMMENT_MAX]) if comment.strip() else None
    vote = Vote.objects.create(translation=translation, helpful=helpful, at=now,
                               comment=text.text if text else "",
                               redactions=sum(text.counts.values()) if text else 0)
    service = help_center_service()
    if service is not None:
        vote.interaction = record_interaction(
            service=service, channel=Channel.WEB, started_at=now, ended_at=now,
            outcome=Outcome.RESOLVED if helpful else Outcome.UNRESOLVED,
            language=translation.language, source=f"help:{translation.article.slug}")
        vote.save(update_fields=["interaction"])
        rollups.record_thumbs(
            rollups.key_at(service_id=service.pk, channel=Channel.WEB,
                           language=translation.language, at=now), EFFECTIVENESS, up=helpful)
    return vote


def vote_quarters() -> list[str]:
    """Rollup source: the quarters with counted votes."""
    return QuarterSpan.covering(Vote.objects.filter(interaction__isnull=False), "at")


def vote_counts(span: QuarterSpan) -> Iterator[tuple[rollups.CellKey, str, rollups.Counts]]:
    """Rollup source: the effectiveness thumbs of the votes counted when they were cast (those
    recorded as an Interaction of the help center service)."""
    rows = (Vote.objects.filter(interaction__isnull=False, at__gte=span.start, at__lt=span.end)
            .values_list("interaction__service_id", "interaction__channel",
                         "translation__language", "helpful")
            .annotate(n=Count("id")).order_by())
    for service_id, channel, language, helpful, n in rows:
        key = rollups.CellKey(service_id, channel, span.quarter, language)
        yield key, EFFECTIVENESS, {"c1" if helpful else "c0": n}


def add_comment(vote: Vote, comment: str) -> bool:
    """A comment after the vote (the form comes after the yes/no). Only once per vote."""
    text = redact(comment.strip()[:COMMENT_MAX])
    if not text.text:
        return False
    return bool(Vote.objects.filter(pk=vote.pk, comment="").update(
        comment=text.text, redactions=sum(text.counts.values())))


def vote_token(vote: Vote) -> str:
    return VOTE_LINK.token(vote.pk)


def vote_from_token(token: str | None) -> Vote | None:
    return VOTE_LINK.find(token, Vote.objects.select_related("translation__article"))
