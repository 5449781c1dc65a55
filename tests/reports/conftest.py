"""Shared set-up for the reports tests: a service with A-11 answers in two quarters, a
registered operational figure, and signed-in analyst and publisher clients."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from django.test import Client
from django.utils import timezone

from civiccx.core.fiscal import parse_fiscal_quarter
from civiccx.feedback.services import submit_response
from civiccx.metrics import registry
from civiccx.metrics.registry import Figure, FigureValue
from tests.factories import make_service, make_staff, make_survey
from tests.fixtures import sign_in_staff

QUARTER = "FY2025Q3"
EARLIER = "FY2025Q2"
SEASON_KEY = "directfile.season_returns_accepted"


def _at(quarter: str):
    day = parse_fiscal_quarter(quarter).start.replace(day=10)
    return timezone.make_aware(datetime.combine(day, time(12)))


@pytest.fixture
def answered_service(db):
    """40 classic A-11 answers in QUARTER (satisfaction 5,4,4,2,… ; trust mostly 5) and 35 in
    EARLIER, for one service."""
    service = make_service(slug="phone-help", name="Phone help", name_es="Ayuda por teléfono")
    survey = make_survey(service=service, instrument_name="a11_classic")
    for n in range(40):
        submit_response(
            survey,
            {"satisfaction": str((5, 4, 4, 2)[n % 4]), "trust": "5" if n % 5 else "2"},
            language="en",
            source="hosted",
            channel="web",
            submitted_at=_at(QUARTER),
        )
    for n in range(35):
        submit_response(
            survey,
            {"satisfaction": str((5, 2, 2)[n % 3]), "trust": "4"},
            language="en",
            source="hosted",
            channel="web",
            submitted_at=_at(EARLIER),
        )
    return service


@pytest.fixture
def season_figure(monkeypatch):
    """A figure registered as Direct File's season statistics would register theirs."""

    def read(period):
        return [
            FigureValue(1234.0 if period.first_day.month == 4 else 1000.0, 1234),
            FigureValue(600.0, 600, "web"),
        ]

    monkeypatch.setitem(
        registry._FIGURES,
        SEASON_KEY,
        Figure(SEASON_KEY, "Direct File: returns accepted", "count", read),
    )
    return SEASON_KEY


def _signed_in(role: str, username: str):
    client = Client()
    user = make_staff(role, username)
    sign_in_staff(client, user)
    client.user = user
    return client


@pytest.fixture
def analyst(db):
    return _signed_in("cx_analyst", "analyst-one")


@pytest.fixture
def publisher(db):
    return _signed_in("report_publisher", "publisher-one")
