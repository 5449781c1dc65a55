"""Anonymous funnel events: how many people reach each step, never who they are."""

from __future__ import annotations

from civiccx.directfile.models import FunnelEvent


def record(kind: str, *, code: str = "", tax_year: int | None = None, language: str = "en",
           journey: str = "") -> FunnelEvent:
    if kind not in FunnelEvent.Kind.values:
        raise ValueError(f"unknown funnel event {kind!r}")
    from civiccx.directfile.season import count_funnel

    event = FunnelEvent.objects.create(kind=kind, code=code[:64], tax_year=tax_year,
                                       language=language[:8], journey=journey[:32])
    count_funnel(event)
    return event


def counts(tax_year: int | None = None) -> dict[str, int]:
    """Events per kind (the funnel's steps), for one tax year or all."""
    from django.db.models import Count

    qs = FunnelEvent.objects.all()
    if tax_year is not None:
        qs = qs.filter(tax_year=tax_year)
    return dict(qs.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))


def counts_by_year() -> tuple[list[int | None], list[tuple[str, list[int], int]]]:
    """Events per kind and tax year, for the staff returns page: the tax years (latest first;
    None last, for events before a year is chosen) and, per kind, the count in each year and
    the total."""
    from django.db.models import Count

    rows = FunnelEvent.objects.values_list("kind", "tax_year").annotate(n=Count("pk")).order_by()
    got: dict[str, dict[int | None, int]] = {}
    for kind, year, n in rows:
        got.setdefault(kind, {})[year] = n
    years = sorted({y for by_year in got.values() for y in by_year if y is not None},
                   reverse=True)
    if any(None in by_year for by_year in got.values()):
        years.append(None)
    return years, [(kind, [got[kind].get(y, 0) for y in years], sum(got[kind].values()))
                   for kind in FunnelEvent.Kind.values if kind in got]
