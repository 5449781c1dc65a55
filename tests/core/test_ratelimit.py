"""The one-round-trip API rate limit counts per address and window, on Redis and elsewhere."""

import pytest
from django.core.cache import caches
from django.test import RequestFactory, override_settings

from civiccx.core import ratelimit

REDIS = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                     "LOCATION": "redis://127.0.0.1:6379/5"}}


def _request(address):
    return RequestFactory().post("/api/", REMOTE_ADDR=address)


def _limits(monkeypatch):
    hits = [ratelimit.over_limit(_request("10.0.0.1"), "t", "3/m") for _ in range(5)]
    other = ratelimit.over_limit(_request("10.0.0.2"), "t", "3/m")
    return hits, other


@pytest.mark.pure
def test_rates_parse():
    assert ratelimit.parse_rate("600/m") == (600, 60)
    assert ratelimit.parse_rate("10/5s") == (10, 5)


def test_limit_with_the_default_cache(monkeypatch):
    hits, other = _limits(monkeypatch)
    assert hits == [False, False, False, True, True] and other is False


def test_limit_with_redis(monkeypatch):
    with override_settings(CACHES=REDIS):
        assert type(caches["default"]).__name__ == "RedisCache"
        try:
            caches["default"].clear()
        except Exception:  # noqa: BLE001 (no Redis on this machine)
            pytest.skip("Redis is not answering on 127.0.0.1:6379")
        hits, other = _limits(monkeypatch)
        caches["default"].clear()
    assert hits == [False, False, False, True, True] and other is False
