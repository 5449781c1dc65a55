"""Figures read from the `Interaction` spine, the one record every channel writes when it
serves someone: so they can be read for one service as well as for the whole agency
(`metrics.registry.read_figure(key, period, service_id=…)`), and each equals a count of raw
rows. Interactions voided by a correction are not counted, as in the rollups.

Customers served also counts those reported from outside (`ExternalCount` "volume:served":
a counter or phone switch Civic CX does not run, the demo's history) for the quarters the
period wholly covers, so for a quarter it equals the CX dashboard's "Customers served" (the
rollup that `civiccx metrics rebuild` recounts from the same two kinds of rows). Resolved
share is the spine's alone: outside counts carry no outcome, and its n says how many it
summarizes."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from civiccx.metrics.models import ExternalCount
from civiccx.metrics.registry import (
    FigureValue,
    Period,
    covered_quarters,
    register_figure,
    whole_and_parts,
)
from civiccx.metrics.rollups import SERVED
from civiccx.services.models import Interaction, Outcome


def _by_channel(period: Period, service_id: int | None) -> dict[str, list[str]]:
    """Per channel: the outcome of each interaction in effect that ended in the period."""
    rows = Interaction.objects.in_effect().filter(ended_at__gte=period.start,
                                                  ended_at__lt=period.end)
    if service_id is not None:
        rows = rows.filter(service_id=service_id)
    by_channel: dict[str, list[str]] = defaultdict(list)
    for channel, outcome in rows.values_list("channel", "outcome").order_by().iterator():
        by_channel[channel].append(outcome)
    return by_channel


def _reported_served(period: Period, service_id: int | None) -> dict[str, int]:
    """Per channel: customers served as reported from outside, in quarters the period covers."""
    rows = ExternalCount.objects.filter(metric=SERVED,
                                        fiscal_quarter__in=covered_quarters(period))
    if service_id is not None:
        rows = rows.filter(service_id=service_id)
    return {channel: total for channel, total in
            rows.values_list("channel").annotate(total=Sum("c1")).order_by() if total}


def _served(period: Period, service_id: int | None) -> list[FigureValue]:
    """A count: none served is 0, not "no value"."""
    counts = {channel: len(outcomes)
              for channel, outcomes in _by_channel(period, service_id).items()}
    for channel, total in _reported_served(period, service_id).items():
        counts[channel] = counts.get(channel, 0) + total
    whole = sum(counts.values())
    return [FigureValue(whole, whole),
            *(FigureValue(n, n, channel) for channel, n in sorted(counts.items()))]


def _resolved(by_channel: dict[str, list[str]]) -> list[FigureValue]:
    return whole_and_parts(by_channel, lambda outcomes: sum(
        1 for outcome in outcomes if outcome == Outcome.RESOLVED) / len(outcomes))


def register() -> None:
    register_figure(
        "services.served", unit="count", title=_("Customers served"),
        description=_("Interactions recorded on any channel, less those voided by a correction, "
                      "and customers served as reported by systems we do not run."),
        read=lambda period: _served(period, None),
        read_service=_served)
    register_figure(
        "services.resolved_share", unit="share",
        title=_("Share of customers whose matter was resolved"),
        description=_("Interactions in effect whose outcome was recorded as resolved."),
        read=lambda period: _resolved(_by_channel(period, None)),
        read_service=lambda period, service_id: _resolved(_by_channel(period, service_id)))
