"""Quarterly A-11 reporting from the database: the performance.gov summary rows, the raw
response upload (Touchpoints' A-11 v2 CSV shape), and importing such a file.

The files written here are *interchange formats* (docs/reference/a11-section-280.md): they are
uploaded to Touchpoints or compared with performance.gov's download, so they follow those
formats byte for byte and are not formula-escaped (`core.spreadsheets.interchange_csv`). The
page that offers them says so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, time

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from civiccx.core.fiscal import parse_fiscal_quarter, quarter_start
from civiccx.core.spreadsheets import interchange_csv
from civiccx.feedback.a11_formats import (
    CX_RESPONSE_COLUMNS,
    PUBLISHED_SUMMARY_COLUMNS,
    A11V2Response,
    ParseResult,
    ReportingContext,
    RowError,
    cx_response_row,
    parse_a11_v2_responses,
    published_summary_row,
)
from civiccx.feedback.models import Response, Survey
from civiccx.feedback.rollups import QuarterScores, read_scores
from civiccx.feedback.scoring import INDICATORS, CollectionTally, IndicatorTally, ResponseRates
from civiccx.feedback.services import ResponseRejected, submit_response
from civiccx.services.models import Channel, Service

CHANNEL_NAMES = {Channel.PHONE: "Phone", Channel.WEB: "Digital", Channel.IN_PERSON: "In-person",
                 Channel.MAIL: "Paper"}


def _tally(scores: QuarterScores) -> CollectionTally:
    trust = scores.thumbs.get("trust")
    return CollectionTally(
        volumes=ResponseRates(scores.responses, scores.offered, scores.served),
        drivers=dict(scores.likert),
        thumbs=trust or CollectionTally().thumbs,
        positive=IndicatorTally(trust.up if trust else 0, dict(scores.went_well)),
        negative=IndicatorTally(trust.down if trust else 0, dict(scores.not_well)),
    )


def summary_rows(quarter: str, *, score: str = "agree") -> list[dict]:
    """One performance.gov summary row per service and channel with activity in the quarter."""
    fiscal = parse_fiscal_quarter(quarter)
    cells = read_scores({"fiscal_quarter": quarter.upper()}, group_by=("service", "channel"))
    services = Service.objects.select_related("provider").in_bulk(
        [service for service, _ in cells])
    rows = []
    for (service_id, channel), scores in sorted(cells.items()):
        service = services[service_id]
        context = ReportingContext(
            quarter=fiscal, department=service.provider.department,
            service_provider=service.provider.name, service=service.name,
            service_provided=service.summary[:200], transaction_point=service.name,
            channel=CHANNEL_NAMES.get(channel, channel))
        rows.append(published_summary_row(context, _tally(scores), score=score))
    return rows


def _as_a11_v2(response: Response) -> A11V2Response:
    answers = response.answers
    up = answers.get("question_1") == 1
    positive = {name: (1 if name in answers.get("question_2", []) else 0) if up else None
                for name in INDICATORS}
    negative = {name: None if up else (1 if name in answers.get("question_3", []) else 0)
                for name in INDICATORS}
    return A11V2Response(external_id=str(response.pk), question_1=answers["question_1"],
                         positive=positive, negative=negative,
                         comment=answers.get("question_4", ""))


def response_rows(quarter: str, survey: Survey | None = None) -> list[dict]:
    """The raw-response upload rows (thumbs surveys) for the quarter."""
    parse_fiscal_quarter(quarter)
    responses = Response.objects.filter(fiscal_quarter=quarter.upper(),
                                        survey__instrument_name="a11_v2").exclude(
        survey__variant="radio").order_by("pk")
    if survey is not None:
        responses = responses.filter(survey=survey)
    return [cx_response_row(_as_a11_v2(r)) for r in responses.iterator(chunk_size=2000)]


def summary_csv(quarter: str) -> str:
    """The performance.gov summary of the quarter (interchange format, not formula-escaped)."""
    return interchange_csv(summary_rows(quarter), PUBLISHED_SUMMARY_COLUMNS)


def responses_csv(quarter: str, survey: Survey | None = None) -> str:
    """The raw-response upload in Touchpoints' A-11 v2 CSV format (interchange format, not
    formula-escaped: a comment is written exactly as the person typed it, after redaction)."""
    return interchange_csv(response_rows(quarter, survey), CX_RESPONSE_COLUMNS)


A11_KINDS = ("summary", "responses")
A11_FORMATS = ("csv", "json")


@dataclass(frozen=True)
class A11File:
    """One quarter's A-11 data as a file to download or write: an interchange file."""

    filename: str
    content: str
    content_type: str


def a11_file(quarter: str, kind: str, fmt: str, *, indent: int | None = None) -> A11File:
    """The quarter's `kind` ("summary", else the raw responses) as CSV or, for `fmt` "json", a
    JSON document {"quarter", "kind", "rows"}. Raises ValueError for a malformed quarter."""
    quarter = quarter.upper()
    kind = "summary" if kind == "summary" else "responses"
    name = f"a11-{kind}-{quarter}"
    if fmt == "json":
        rows = summary_rows(quarter) if kind == "summary" else response_rows(quarter)
        text = json.dumps({"quarter": quarter, "kind": kind, "rows": rows}, indent=indent,
                          cls=DjangoJSONEncoder)
        return A11File(f"{name}.json", text, "application/json")
    text = summary_csv(quarter) if kind == "summary" else responses_csv(quarter)
    return A11File(f"{name}.csv", text, "text/csv")


def import_touchpoints_responses(text: str, survey: Survey, quarter: str) -> ParseResult:
    """Import an A-11 v2 response export into `survey`, dated inside `quarter`.

    All or nothing: a file with any bad row imports no row, and the errors name each row and
    column. The export has no dates, so responses are placed on the quarter's first day.
    """
    start = quarter_start(parse_fiscal_quarter(quarter))
    parsed = parse_a11_v2_responses(text, comment_max_chars=survey.instrument.comment_max_chars)
    if not parsed.ok:
        return parsed
    moment = timezone.make_aware(datetime.combine(start, time(12)))
    errors: list[RowError] = []
    with transaction.atomic():
        for row_number, record in enumerate(parsed.records, start=2):
            answers: dict = {"question_1": record.question_1}
            if record.ticked("positive"):
                answers["question_2"] = list(record.ticked("positive"))
            if record.ticked("negative"):
                answers["question_3"] = list(record.ticked("negative"))
            if record.comment:
                answers["question_4"] = record.comment
            try:
                submit_response(survey, answers, language="en", source=Response.Source.IMPORT,
                                channel=survey.channel or Channel.WEB, submitted_at=moment)
            except ResponseRejected as rejected:
                for question, messages in rejected.messages().items():
                    errors.extend(RowError(row_number, question, m) for m in messages)
        if errors:
            transaction.set_rollback(True)
            return ParseResult((), tuple(errors))
    return parsed
