"""Find centers by state or by distance from a ZIP code's centroid.

ZIP centroids come from the `zipcodes` package, which ships its data (no network)."""

from __future__ import annotations

import math
from functools import lru_cache

from civiccx.walkin.models import Center

EARTH_MILES = 3958.8


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


def by_distance(zip_code: str, limit: int = 10) -> list[tuple[Center, float]] | None:
    origin = zip_centroid(zip_code)
    if origin is None:
        return None
    found = []
    for center in centers().filter(location__latitude__isnull=False):
        place = (float(center.location.latitude), float(center.location.longitude))
        found.append((center, miles_between(origin[:2], place)))
    return sorted(found, key=lambda pair: pair[1])[:limit]
