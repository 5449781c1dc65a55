"""Customers served are counted from the spine's signals, in the transaction that records (or
voids) the interaction, so the count commits or rolls back with it."""

from __future__ import annotations

from civiccx.metrics import rollups
from civiccx.services.signals import interaction_saved, interaction_voided


def count_served(sender, interaction, **kwargs) -> None:
    rollups.record_served(interaction)


def uncount_served(sender, interaction, **kwargs) -> None:
    rollups.unrecord_served(interaction)


def connect() -> None:
    interaction_saved.connect(count_served, dispatch_uid="metrics-count-served")
    interaction_voided.connect(uncount_served, dispatch_uid="metrics-uncount-served")
