"""Bearer links: a token opens only its own kind of link, unaltered and in time."""

from datetime import timedelta

import pytest
from django.core import signing

from civiccx.core.signed_links import SignedLink
from civiccx.services.models import ServiceProvider
from tests.factories import make_provider

CANCEL = SignedLink("tests.cancel", max_age=timedelta(days=2))
OTHER = SignedLink("tests.other")


def test_a_token_gives_back_its_value():
    assert CANCEL.value(CANCEL.token(42)) == 42
    assert OTHER.value(OTHER.token("K7P2X9QM")) == "K7P2X9QM"


@pytest.mark.parametrize("token", [None, "", "not-a-token", "42:abc:def"])
def test_missing_or_made_up_tokens_open_nothing(token):
    assert CANCEL.value(token) is None


def test_an_altered_token_or_one_for_another_kind_of_link_opens_nothing():
    token = CANCEL.token(42)
    assert CANCEL.value(token[:-2] + ("AA" if not token.endswith("AA") else "BB")) is None
    assert OTHER.value(token) is None
    assert CANCEL.value(OTHER.token(42)) is None


def test_a_token_expires_after_its_maximum_age(monkeypatch):
    token = CANCEL.token(42)
    now = signing.time.time()
    monkeypatch.setattr(signing.time, "time", lambda: now + timedelta(days=2, minutes=1)
                        .total_seconds())
    assert CANCEL.value(token) is None
    assert OTHER.value(OTHER.token(42)) == 42  # no maximum age: the record decides


def test_tokens_issued_before_this_helper_still_open():
    """Links already sent (signing.dumps with the same salt) keep working."""
    assert CANCEL.value(signing.dumps(42, salt="tests.cancel")) == 42


@pytest.mark.django_db
def test_a_token_finds_its_record_or_nothing():
    provider = make_provider()
    providers = ServiceProvider.objects.all()
    assert OTHER.find(OTHER.token(provider.pk), providers) == provider
    assert OTHER.find(OTHER.token(provider.abbreviation), providers,
                      field="abbreviation") == provider
    assert OTHER.find(CANCEL.token(provider.pk), providers) is None
    token = OTHER.token(provider.pk)
    provider.delete()
    assert OTHER.find(token, providers) is None
