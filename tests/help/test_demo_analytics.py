"""The demo traffic tells the story the analytics page is for, and is created only once."""

import random

import pytest

from civiccx.help.analytics import Filters, Period, headline, low_helpfulness, zero_result_queries
from civiccx.help.demo import load_content
from civiccx.help.demo_analytics import UNHELPFUL, seed_analytics
from civiccx.help.models import SearchLog, Vote
from civiccx.services.demo.seed import seed_catalog
from civiccx.services.models import VisitStep

pytestmark = pytest.mark.django_db


def test_ninety_days_of_demo_traffic_once():
    seed_catalog()
    load_content()
    created = seed_analytics(random.Random(7))
    assert 2000 <= created == SearchLog.objects.count() <= 12000
    assert seed_analytics(random.Random(8)) == 0
    assert SearchLog.objects.count() == created

    filters = Filters(Period.last(90))
    figures = headline(filters)
    assert figures.searches == created
    assert 0.85 <= figures.deflection <= 0.9  # 10-15% of visits asked for a person
    assert set(figures.escalations) == {"phone", "in_person"}
    assert 0.05 <= figures.zero_result_share <= 0.13
    assert 0.5 <= figures.click_through <= 0.7
    ranks = list(SearchLog.objects.exclude(clicked_rank=None)
                 .values_list("clicked_rank", flat=True))
    assert sum(rank <= 3 for rank in ranks) / len(ranks) > 0.85

    nothing = [row.query for row in zero_result_queries(filters, limit=None)]
    assert {"crypto", "itin renewal", "amended return status", "estimated tax penalty"} <= set(
        nothing)

    assert 200 <= Vote.objects.count() <= 1000
    low = {(row.slug, row.language) for row in low_helpfulness(filters) if row.clearly_low}
    assert {(slug, language) for slug, language, _share in UNHELPFUL} <= low
    assert not Vote.objects.filter(comment__contains="202-555-0143").exists()
    assert VisitStep.objects.filter(visit__in=SearchLog.objects.values("visit")).count() == (
        VisitStep.objects.count())
