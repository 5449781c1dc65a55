"""Figures read from the `Interaction` spine, the one record every channel writes when it
serves someone: so they can be read for one service as well as for the whole agency
(`metrics.registry.read_figure(key, period, service_id=…)`), and each equals a count of the
spine's rows. Interactions voided by a correction are not counted, as in the rollups."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from civiccx.metrics.registry import FigureValue, Period, register_figure, whole_and_parts
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


def _served(by_channel: dict[str, list[str]]) -> list[FigureValue]:
    """A count: none served is 0, not "no value"."""
    whole, *parts = whole_and_parts(by_channel, len)
    return [FigureValue(whole.value or 0, whole.n), *parts]


def _resolved(by_channel: dict[str, list[str]]) -> list[FigureValue]:
    return whole_and_parts(by_channel, lambda outcomes: sum(
        1 for outcome in outcomes if outcome == Outcome.RESOLVED) / len(outcomes))


def register() -> None:
    register_figure(
        "services.served", unit="count", title=_("Customers served"),
        description=_("Interactions recorded on any channel, less those voided by a correction."),
        read=lambda period: _served(_by_channel(period, None)),
        read_service=lambda period, service_id: _served(_by_channel(period, service_id)))
    register_figure(
        "services.resolved_share", unit="share",
        title=_("Share of customers whose matter was resolved"),
        description=_("Interactions in effect whose outcome was recorded as resolved."),
        read=lambda period: _resolved(_by_channel(period, None)),
        read_service=lambda period, service_id: _resolved(_by_channel(period, service_id)))
