"""Which rollup cells a survey response adds to, and how feedback's raw rows are recounted.

Writing and reading the counters is the metrics API's (`civiccx.metrics.rollups`); feedback
only knows what its instruments' answers mean. `read_scores` and `QuarterScores` are the
metrics readers, re-exported for the dashboard and the quarterly reports.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from django.db.models import Count

from civiccx.feedback.instruments import Instrument
from civiccx.feedback.models import Invitation, Response, Survey, SurveyVisit
from civiccx.metrics.registry import QuarterSpan
from civiccx.metrics.rollups import (
    OFFERED,
    CellKey,
    Counts,
    QuarterScores,
    read_scores,
    response_cells,
)

__all__ = ["QuarterScores", "cells_for_answers", "indicator_side", "read_scores"]


def cells_for_answers(instrument: Instrument, answers: dict) -> list[tuple[str, Counts]]:
    """Which rollup cells one accepted response's answers add to."""
    cells: list[tuple[str, Counts]] = []
    for question in instrument.questions:
        value = answers.get(question.id)
        if value is None:
            continue
        if question.type == "likert5" and question.driver:
            cells.append((f"likert:{question.driver}", {f"c{int(value)}": 1}))
        elif question.type == "thumbs" and question.driver:
            cells.append((f"thumbs:{question.driver}", {f"c{int(value)}": 1}))
        elif question.type == "checkbox" and question.show_when:
            side = indicator_side(question)
            for option in value:
                cells.append((f"{side}:{option}", {"c1": 1}))
    return cells


def indicator_side(question) -> str:
    """A-11 v2: the checklist shown after a positive answer is "went well", else "not well"."""
    values = question.show_when.values
    positive = 1 in values["thumbs"] if "thumbs" in values else 5 in values.get("likert5", ())
    return "went_well" if positive else "not_well"


# Rollup sources (registered in FeedbackConfig.ready) ---------------------------------------


def response_quarters() -> set[str]:
    return set(Response.objects.values_list("fiscal_quarter", flat=True).distinct())


def response_counts(span: QuarterSpan) -> Iterator[tuple[CellKey, str, Counts]]:
    """Every response of the quarter, imported ones included, with its answers' cells. Equal
    answers are counted together, so a quarter costs one grouped query."""
    groups = (Response.objects.filter(fiscal_quarter=span.quarter)
              .values("survey_id", "service_id", "channel", "language", "answers")
              .annotate(n=Count("id")).order_by())
    instruments: dict[int, Instrument] = {}
    for group in groups.iterator():
        survey_id = group["survey_id"]
        if survey_id not in instruments:
            instruments[survey_id] = Survey.objects.select_related(
                "service__provider").get(pk=survey_id).instrument
        key = CellKey(group["service_id"], group["channel"], span.quarter, group["language"])
        for metric, counts in response_cells(
                cells_for_answers(instruments[survey_id], group["answers"])):
            yield key, metric, {name: amount * group["n"] for name, amount in counts.items()}


def offer_quarters() -> set[str]:
    spans = [QuarterSpan.covering(Invitation.objects, "sent_at"),
             QuarterSpan.covering(SurveyVisit.objects, "shown_at")]
    return {quarter for quarters in spans for quarter in quarters}


def offer_counts(span: QuarterSpan) -> Iterator[tuple[CellKey, str, Counts]]:
    """Survey opportunities: each invitation sent, each visit shown a hosted survey."""
    offered: Counter = Counter()
    invitations = (Invitation.objects.filter(sent_at__gte=span.start, sent_at__lt=span.end)
                   .values_list("survey__service_id", "interaction__channel", "language")
                   .annotate(n=Count("id")).order_by())
    visits = (SurveyVisit.objects.filter(shown_at__gte=span.start, shown_at__lt=span.end)
              .values_list("survey__service_id", "channel", "language")
              .annotate(n=Count("id")).order_by())
    for service_id, channel, language, n in [*invitations, *visits]:
        offered[CellKey(service_id, channel, span.quarter, language)] += n
    for key, n in offered.items():
        yield key, OFFERED, {"c1": n}
