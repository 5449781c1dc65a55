"""Find centers by state or by distance from a ZIP code's centroid.

ZIP centroids come from the `zipcodes` package, which ships its data (no network)."""

from __future__ import annotations

import math
from functools import lru_cache

from civiccx.walkin.models import Center

EARTH_MILES = 3958.8
NEARBY_MILES = 150
"""A ZIP search lists centers up to this far (about a three-hour drive); beyond it a center is
no answer to "near me", and the page says how far the nearest one is instead."""


@lru_cache(maxsize=2048)
def zip_centroid(zip_code: str) -> tuple[float, float, str] | None:
    """(latitude, longitude, state) of a US ZIP code, or None when unknown."""
    import zipcodes

    try:
        matches = zipcodes.matching(zip_code[:5])
    except (TypeError, ValueError):
        return None
    for match in matches:
        if match.get("lat") and match.get("long"):
            return float(match["lat"]), float(match["long"]), match.get("state", "")
    return None


def miles_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle (haversine) distance."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_MILES * math.asin(math.sqrt(h))


def centers():
    return (Center.objects.select_related("location")
            .prefetch_related("location__hours", "location__special_hours",
                              "offerings__service"))


def by_state(state: str) -> list[Center]:
    return list(centers().filter(location__state=state))


def by_distance(zip_code: str, limit: int = 10,
                within: float | None = NEARBY_MILES) -> list[tuple[Center, float]] | None:
    """Centers up to `within` miles of the ZIP code (any distance with None), nearest first;
    None when the ZIP code is unknown."""
    origin = zip_centroid(zip_code)
    if origin is None:
        return None
    found = []
    for center in centers().filter(location__latitude__isnull=False):
        place = (float(center.location.latitude), float(center.location.longitude))
        miles = miles_between(origin[:2], place)
        if within is None or miles <= within:
            found.append((center, miles))
    return sorted(found, key=lambda pair: pair[1])[:limit]
