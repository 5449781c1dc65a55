"""A fixed-window rate limit for hot endpoints, in one Redis round trip.

django-ratelimit (used for the public forms) costs three cache round trips per request
through Django's cache API; the survey API is hot enough for that to matter, so with Redis we
count with one pipelined INCR + EXPIRE. Without Redis we defer to django-ratelimit.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'600/m' -> (600, 60)."""
    count, _, period = rate.partition("/")
    return int(count), PERIODS[period[-1]] * int(period[:-1] or 1)


def over_limit(request, group: str, rate: str) -> bool:
    """Count this request against `rate` for the client's address; True when over it."""
    cache = caches["default"]  # the backend itself (django.core.cache.cache is only a proxy)
    if not isinstance(cache, RedisCache):
        return is_ratelimited(request, group=group, key="ip", rate=rate, method="POST",
                              increment=True)
    limit, window = parse_rate(rate)
    bucket = int(time.time()) // window
    key = cache.make_key(f"rl:{group}:{request.META.get('REMOTE_ADDR', '')}:{bucket}")
    client = cache._cache.get_client(key, write=True)
    pipe = client.pipeline(transaction=False)
    pipe.incr(key)
    pipe.expire(key, window + 1)
    count, _ = pipe.execute()
    return count > limit


# Public forms: POSTs per client address (CIVICCX_PUBLIC_FORM_RATE); over it, a 429 page.
public_form_ratelimit = ratelimit(
    key="ip", rate=lambda _group, _request: settings.CIVICCX_PUBLIC_FORM_RATE,
    method="POST", block=True,
)
