"""The affinity board (highlights into clusters, clusters into insights, by plain forms) and an
insight's A-11 series drawn beside it, with numbers equal to a recount of the answers."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from civiccx.metrics.rollups import key_at, record_response, record_thumbs
from civiccx.research import services
from civiccx.research.metric_chart import insight_chart
from civiccx.research.models import Cluster, Insight
from tests.factories import make_service
from tests.research.factories import (
    highlight_phrase,
    join,
    make_participant,
    make_session,
    make_study,
)

pytestmark = pytest.mark.django_db

TEXT = ("Interviewer: How was it?\n"
        "Participant: The callback number never worked. I waited on hold for an hour. "
        "The website was quick.\n")


@pytest.fixture
def coded():
    study = make_study()
    session = make_session(study, make_participant(study), text=TEXT)
    highlights = [highlight_phrase(session, phrase) for phrase in (
        "The callback number never worked", "I waited on hold for an hour",
        "The website was quick")]
    return study, highlights


def test_highlights_cluster_and_a_cluster_becomes_an_insight(staff_client, coded):
    study, (callback, hold, web) = coded
    client = join(staff_client("researcher"), study, role="tag")
    board = reverse("research:board", args=[study.pk])
    response = client.post(board, {"action": "new", "name": "The phone fails people"},
                           follow=True)
    assert "Cluster “The phone fails people” added." in response.content.decode()
    cluster = Cluster.objects.get()
    for highlight in (callback, hold):
        client.post(board, {"action": "move", "highlight": highlight.pk,
                            "cluster": cluster.pk})
    assert set(cluster.highlights.all()) == {callback, hold}
    page = client.get(board)
    loose = page.context["loose"]
    assert loose == [web]
    assert "2 highlights" in page.content.decode()

    # a highlight is in one cluster at a time
    other = Cluster.objects.create(study=study, name="Online works")
    client.post(board, {"action": "move", "highlight": hold.pk, "cluster": other.pk})
    assert list(cluster.highlights.all()) == [callback]
    client.post(board, {"action": "move", "highlight": hold.pk, "cluster": cluster.pk})

    form = client.get(reverse("research:insight-new", args=[study.pk]),
                      {"cluster": cluster.pk}).context["form"]
    assert form.initial["statement"] == "The phone fails people"
    assert set(form.initial["highlights"]) == {callback, hold}
    for junk in ("abc", "99999", str(Cluster.objects.create(study=make_study(), name="x").pk)):
        page = client.get(reverse("research:insight-new", args=[study.pk]), {"cluster": junk})
        assert page.status_code == 200 and "statement" not in page.context["form"].initial
    client.post(reverse("research:insight-new", args=[study.pk]), {
        "statement": "The phone fails people", "highlights": [callback.pk, hold.pk]})
    assert Insight.objects.get().evidence()["highlights"] == 2

    client.post(board, {"action": "delete", "cluster": cluster.pk})
    assert not Cluster.objects.filter(pk=cluster.pk).exists()
    assert Insight.objects.get().evidence()["highlights"] == 2  # the insight keeps its evidence


def test_bad_board_input_is_refused_with_a_message(staff_client, coded):
    study, (callback, _hold, _web) = coded
    client = join(staff_client("researcher"), study, role="tag")
    board = reverse("research:board", args=[study.pk])
    Cluster.objects.create(study=study, name="Phone")
    response = client.post(board, {"action": "new", "name": "phone"})
    assert "already has a cluster with that name" in response.content.decode()
    response = client.post(board, {"action": "new", "name": ""})
    assert "This field is required." in response.content.decode()
    elsewhere = make_study(title="Other")
    foreign = Cluster.objects.create(study=elsewhere, name="Theirs")
    response = client.post(board, {"action": "move", "highlight": callback.pk,
                                   "cluster": foreign.pk}, follow=True)
    assert "Choose a cluster of this study." in response.content.decode()
    assert not foreign.highlights.exists()
    assert Cluster.objects.filter(study=study).count() == 1


# --- the insight's A-11 series --------------------------------------------------------

# (answered at, Likert point for "ease") on the phone line, and two thumbs votes
ANSWERS = [(datetime(2026, 1, 10, tzinfo=UTC), 5), (datetime(2026, 1, 11, tzinfo=UTC), 4),
           (datetime(2026, 2, 3, tzinfo=UTC), 2), (datetime(2026, 4, 20, tzinfo=UTC), 1),
           (datetime(2026, 5, 2, tzinfo=UTC), 4), (datetime(2026, 5, 9, tzinfo=UTC), 3),
           (datetime(2026, 6, 1, tzinfo=UTC), 2)]
THUMBS = [(datetime(2026, 4, 21, tzinfo=UTC), True), (datetime(2026, 4, 22, tzinfo=UTC), False)]


def _recount(service_id):
    from civiccx.metrics.rollups import quarter_of

    by_quarter = {}
    for at, point in ANSWERS:
        agree, answered = by_quarter.get(quarter_of(at), (0, 0))
        by_quarter[quarter_of(at)] = (agree + (point >= 4), answered + 1)
    for at, up in THUMBS:
        agree, answered = by_quarter[quarter_of(at)]
        by_quarter[quarter_of(at)] = (agree + up, answered + 1)
    return [[quarter, f"{round(100 * agree / answered, 1):g}%"]
            for quarter, (agree, answered) in sorted(by_quarter.items())]


def test_an_insights_metric_series_is_drawn_beside_it_and_equals_a_recount(staff_client,
                                                                           coded):
    study, (callback, hold, _web) = coded
    phone = make_service(name="Phone assistance")
    for at, point in ANSWERS:
        record_response(key_at(service_id=phone.pk, channel="phone", language="en", at=at),
                        [("likert:ease", {f"c{point}": 1})])
    for at, up in THUMBS:
        record_thumbs(key_at(service_id=phone.pk, channel="phone", language="en", at=at),
                      "thumbs:ease", up=up)
    client = join(staff_client("researcher"), study, role="tag")
    response = client.post(reverse("research:insight-new", args=[study.pk]), {
        "statement": "Ease on the phone fell.", "highlights": [callback.pk, hold.pk],
        "metric_service": phone.pk, "metric_driver": "ease"})
    assert response.status_code == 302
    insight = Insight.objects.get()
    chart = insight_chart(insight, insight.evidence())
    assert [list(row) for row in chart.table.rows] == _recount(phone.pk)
    assert len(chart.table.rows) == 2  # two quarters with answers
    page = client.get(reverse("research:study", args=[study.pk])).content.decode()
    assert "Ease, Phone assistance: share who agree, by quarter" in page
    assert "<svg" in page and "Show the numbers in this chart" in page
    assert "This insight cites 2 highlight(s) from 1 participant(s)" in page


def test_a_metric_series_needs_both_a_service_and_a_driver(staff_client, coded):
    study, (callback, _hold, _web) = coded
    client = join(staff_client("researcher"), study, role="tag")
    response = client.post(reverse("research:insight-new", args=[study.pk]), {
        "statement": "Ease fell.", "highlights": [callback.pk], "metric_driver": "ease"})
    assert "Choose both a service and a driver" in response.content.decode()
    assert not Insight.objects.exists()
    services.add_insight(study, None, statement="No series.", highlights=[callback])
    assert insight_chart(Insight.objects.get(), {"highlights": 1, "participants": 1}) is None
