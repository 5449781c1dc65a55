"""Research search: a substring match over highlights, notes and transcripts, and insights of
the user's studies; on PostgreSQL it can use the trigram indexes of migration 0003 (decision
0023, bench/bench_research_search.py)."""

import pytest
from django.db import connection
from django.urls import reverse

from civiccx.research import services
from civiccx.research.models import Highlight
from tests.research.factories import (
    highlight_phrase,
    join,
    make_participant,
    make_session,
    make_study,
)

pytestmark = pytest.mark.django_db


def test_search_finds_parts_of_words_in_highlights_notes_and_insights(staff_client):
    study = make_study()
    session = make_session(study, make_participant(study))
    session.notes = "Waited on HOLD for an hour."
    session.save()
    highlight = highlight_phrase(session, "The callback number never worked")
    services.add_insight(study, None, statement="Callbacks fail people.",
                         highlights=[highlight])
    client = join(staff_client("researcher"), study, role="read")
    found = client.get(reverse("research:search"), {"q": "CALLBACK"}).context["results"]
    assert [h.pk for h in found["highlights"]] == [highlight.pk]
    assert [i.statement for i in found["insights"]] == ["Callbacks fail people."]
    notes = client.get(reverse("research:search"), {"q": "on hold"}).context["results"]
    assert [s.pk for s in notes["sessions"]] == [session.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's")
def test_the_search_query_can_use_the_trigram_index():
    with connection.cursor() as cursor:
        # On a small table the planner may prefer walking another index; take the other
        # paths away so the plan shows whether the trigram index can serve the filter at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = Highlight.objects.filter(text__icontains="callback").order_by().values(
            "pk").explain()
    assert "research_highlight_text_trgm" in plan
