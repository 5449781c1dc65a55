"""`civiccx metrics rebuild` recomputes every rollup from the raw rows, and after a mixed history
(responses through the API and the hosted form, invitations, a walk-in served then undone, a
correction, a Touchpoints import, help votes, external counts) the rebuilt rollups equal the
incremental ones, cell by cell. Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from civiccx.core.fiscal import fiscal_quarter
from civiccx.feedback.a11_reporting import import_touchpoints_responses
from civiccx.feedback.invitations import link_token, maybe_invite
from civiccx.feedback.services import submit_response
from civiccx.help.services import record_vote
from civiccx.metrics import rebuild
from civiccx.metrics.models import Rollup
from civiccx.metrics.rollups import OFFERED, RESPONSES, SERVED, CellKey, record_external_counts
from civiccx.services.interactions import correct_interaction, record_interaction
from civiccx.walkin import queue
from civiccx.walkin.models import Counter
from tests.factories import (
    make_center,
    make_sampling_rule,
    make_service,
    make_staff,
    make_survey,
    midday_zone,
)
from tests.feedback.test_a11_reporting import TOUCHPOINTS_EXPORT
from tests.help.factories import make_help_translation

pytestmark = pytest.mark.django_db

NOW = timezone.now()
THIS_QUARTER = str(fiscal_quarter(timezone.localtime(NOW)))
LAST_YEAR_QUARTER = str(fiscal_quarter(timezone.localtime(NOW - timedelta(days=365))))


def _served(service, channel, language="en", quarter=THIS_QUARTER) -> int:
    cell = (service.pk, channel, quarter, language, SERVED)
    return rebuild.current().get(cell, (0, 0))[1]


@pytest.fixture
def history(client):
    """A little of everything that counts, each through the path a person would use."""
    phone = make_service(slug="phone-assistance")
    survey = make_survey(phone, channel="")
    make_sampling_rule(survey)
    # A phone call with consent: served, and an invitation (offered) answered by its link.
    call = record_interaction(service=phone, channel="phone", started_at=NOW - timedelta(
        minutes=20), ended_at=NOW - timedelta(minutes=5), outcome="resolved", language="es",
        contact_consent=True, contact_phone="2025550140")
    invitation = maybe_invite(call)
    assert invitation is not None
    answered = client.post(reverse("feedback:invitation", args=[link_token(invitation)]),
                           {"question_1": "0", "question_3": ["efficiency", "ease"]})
    assert answered.status_code == 302
    # The hosted form: shown twice to one visit (offered once), answered with a comment.
    hosted = reverse("feedback:hosted", args=[phone.slug, "web"])
    client.get(hosted)
    client.get(hosted)
    assert client.post(hosted, {"question_1": "1", "question_2": ["ease"],
                                "question_4": "Quick. Call me at 202-555-0143."}
                       ).status_code == 302
    # The API, twice, and a classic (1-5) survey in Spanish on another service.
    for answers in ({"question_1": 1, "question_2": ["effectiveness"]}, {"question_1": 0}):
        reply = client.post("/api/feedback/v1/responses", json.dumps(
            {"survey": survey.pk, "answers": answers, "channel": "phone"}),
            content_type="application/json")
        assert reply.status_code == 201, reply.content
    classic = make_survey(instrument_name="a11_classic", channel="web")
    for satisfaction in ("5", "4", "2"):
        submit_response(classic, {"satisfaction": satisfaction, "trust": "4"}, language="es",
                        source="hosted", channel="web")
    # A Touchpoints import into a past quarter.
    assert import_touchpoints_responses(TOUCHPOINTS_EXPORT, survey, LAST_YEAR_QUARTER).ok
    # A walk-in served, undone (a counter mistake), then served again; another left served.
    center = make_center(time_zone=midday_zone())
    staff = make_staff("center_staff")
    offering = center.offerings.get(prefix="A")
    first, second = queue.take_ticket(offering), queue.take_ticket(offering)
    counter_one, counter_two = (Counter.objects.get(center=center, number=n) for n in (1, 2))
    queue.call_next(counter_one, staff)
    queue.call_next(counter_two, staff)
    undone = queue.undo(queue.finish(first, "served"))
    queue.finish(undone, "served")
    queue.finish(second, "served")
    # A correction: a web visit recorded under the wrong service and language.
    other = make_service()
    wrong = record_interaction(service=other, channel="web", started_at=NOW - timedelta(
        minutes=30), ended_at=NOW - timedelta(minutes=25), outcome="resolved")
    correct_interaction(wrong, service=phone, language="es", reason="Wrong service chosen")
    # An interaction a year ago, help votes, and counts reported from outside.
    record_interaction(service=phone, channel="phone", started_at=NOW - timedelta(days=365),
                       ended_at=NOW - timedelta(days=365, minutes=-9), outcome="referred")
    make_service(slug="help-center")
    for language, helpful in (("en", True), ("en", False), ("es", True)):
        record_vote(make_help_translation(language=language), helpful)
    record_external_counts([(CellKey(phone.pk, "mail", LAST_YEAR_QUARTER, "en"), SERVED,
                             {"c1": 40})], source="paper log")
    return {"phone": phone, "other": other, "center": center, "survey": survey}


def test_rebuilt_rollups_equal_the_incremental_ones_cell_by_cell(history, capsys):
    incremental = rebuild.current()
    metrics = {cell[4] for cell in incremental}
    assert {SERVED, OFFERED, RESPONSES, "thumbs:trust", "went_well:ease", "not_well:efficiency",
            "likert:satisfaction", "thumbs:effectiveness"} <= metrics
    quarters = {cell[2] for cell in incremental}
    assert quarters == {THIS_QUARTER, LAST_YEAR_QUARTER}
    assert rebuild.differences() == {}

    call_command("metrics", "rebuild")

    assert rebuild.current() == incremental
    assert set(Rollup.objects.values_list("shard", flat=True)) == {0}
    out = capsys.readouterr().out
    assert f"quarter(s), {len(incremental)} cells: {LAST_YEAR_QUARTER} to {THIS_QUARTER}." in out


def test_what_the_counts_say_after_the_mixed_history(history):
    phone, other = history["phone"], history["other"]
    walk_in = history["center"].offerings.get(prefix="A").service
    call_command("metrics", "rebuild")
    assert _served(walk_in, "in_person") == 2  # served three times, one undone
    assert _served(other, "web") == 0 and _served(phone, "web", "es") == 1  # corrected
    assert _served(phone, "phone", "es") == 1
    offered = rebuild.current()
    assert offered[(phone.pk, "phone", THIS_QUARTER, "es", OFFERED)][1] == 1  # the invitation
    assert offered[(phone.pk, "web", THIS_QUARTER, "en", OFFERED)][1] == 1  # one visit, 2 views
    assert offered[(phone.pk, "mail", LAST_YEAR_QUARTER, "en", SERVED)][1] == 40


def test_rebuild_repairs_drift_and_only_from_the_quarter_asked(history):
    phone = history["phone"]
    for quarter in (THIS_QUARTER, LAST_YEAR_QUARTER):
        Rollup.objects.create(service=phone, channel="web", fiscal_quarter=quarter,
                              language="en", metric=SERVED, shard=9, c1=1000)
    with pytest.raises(CommandError, match=r"2 cell\(s\) differ"):
        call_command("metrics", "check")
    call_command("metrics", "rebuild", "--from", THIS_QUARTER)
    drift = rebuild.differences()
    assert [cell[2] for cell in drift] == [LAST_YEAR_QUARTER]
    call_command("metrics", "rebuild")
    assert rebuild.differences() == {}


def test_a_bad_quarter_is_refused_with_a_clear_message():
    with pytest.raises(CommandError, match=r"not a fiscal quarter: 'last spring'"):
        call_command("metrics", "rebuild", "--from", "last spring")


def test_the_rebuild_shows_a_progress_bar(history, capsys):
    call_command("metrics", "rebuild")
    err = capsys.readouterr().err
    assert "Rebuilding rollups" in err and re.search(r"\b(\d+)/\1\b", err)
