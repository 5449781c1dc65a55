"""Many writers count at once while rebuilds run: no response is lost or counted twice (the
one-statement upsert, the shards, and the rebuild's table lock), on PostgreSQL."""

import threading

import pytest
from django.db import connection, connections

from civiccx.feedback.models import Response
from civiccx.feedback.services import submit_response
from civiccx.metrics import rebuild
from civiccx.metrics.rollups import RESPONSES, read_cells
from tests.factories import make_survey

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]

WRITERS = 16
EACH = 25


def test_concurrent_responses_and_rebuilds_count_every_response_once():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's concurrent writers (SQLite has one writer at a time)")
    survey = make_survey(channel="web")
    errors: list[BaseException] = []
    writing = threading.Event()

    def write(number):
        try:
            for index in range(EACH):
                answers = {"question_1": (number + index) % 2}
                if index % 5 == 0:  # the transaction path (a comment) beside the one-statement
                    answers["question_4"] = "Fine."
                submit_response(survey, answers, language="en", source="api", channel="web")
        except BaseException as error:  # surface thread failures in the test
            errors.append(error)
        finally:
            connections.close_all()

    def rebuild_while_writing():
        try:
            while writing.is_set():
                rebuild.rebuild()
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    writing.set()
    rebuilder = threading.Thread(target=rebuild_while_writing)
    rebuilder.start()
    writers = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    writing.clear()
    rebuilder.join()
    assert not errors, errors
    assert Response.objects.count() == WRITERS * EACH
    [cells] = read_cells({"service": survey.service}).values()
    assert cells[RESPONSES][1] == WRITERS * EACH
    assert sum(cells["thumbs:trust"][:2]) == WRITERS * EACH
    assert rebuild.differences() == {}
