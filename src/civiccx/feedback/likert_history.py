"""Classic 5-point Likert history (A-11 Section 280 before the v2 form) brought in from a file,
and the legacy quarterly report in Touchpoints' `omb_cx_reporting_collections` shape.

The file (`civiccx feedback import-likert FILE.csv`) has one response a line:

    response_id, submitted_at, service, channel, language, q1, ..., q7, comment

q1..q7 are the legacy order (satisfaction, trust, effectiveness, ease, efficiency,
transparency, employee), each 1-5 or blank for "not answered"; `service` is the service's
slug; `channel` is a catalog channel or a Touchpoints channel name (`TOUCHPOINTS_CHANNELS`);
`submitted_at` is read as Touchpoints writes times (`2024-01-15 14:03:22 UTC`, or ISO 8601)
and the response lands in the fiscal quarter of that instant in UTC. The import is all or
nothing and idempotent by response_id. History is taken as it was collected: a blank
satisfaction or trust answer is kept as "not answered".
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from civiccx.core.fiscal import parse_fiscal_quarter
from civiccx.core.languages import is_site_language
from civiccx.core.redaction import redact
from civiccx.feedback.a11_formats import (
    LEGACY_COLLECTION_COLUMNS,
    ReportingContext,
    RowError,
    legacy_collection_row,
    parse_created_at,
)
from civiccx.feedback.a11_reporting import (
    CHANNEL_NAMES,
    ImportedResponse,
    bulk_work,
    fiscal_quarter_of,
    store_imported,
)
from civiccx.feedback.instruments import validate_answers
from civiccx.feedback.models import Response, Survey
from civiccx.feedback.rollups import read_scores
from civiccx.feedback.scoring import DRIVERS, CollectionTally, ResponseRates
from civiccx.services.models import Channel, Service

LIKERT_COLUMNS = (
    "response_id",
    "submitted_at",
    "service",
    "channel",
    "language",
    *(f"q{n}" for n in range(1, 8)),
    "comment",
)
LEGACY_QUESTIONS = dict(zip((f"q{n}" for n in range(1, 8)), DRIVERS, strict=True))

TOUCHPOINTS_CHANNELS = {
    # GSA Touchpoints `Service.channels` (app/models/service.rb) -> the catalog's channel
    "computer": Channel.WEB,
    "website": Channel.WEB,
    "mobile": Channel.WEB,
    "mobile_app": Channel.WEB,
    "chatbot": Channel.WEB,
    "social_media": Channel.WEB,
    "other_digital": Channel.WEB,
    "sms_text_messages": Channel.WEB,
    "live_chat": Channel.LIVE_CHAT,
    "email": Channel.EMAIL,
    "phone": Channel.PHONE,
    "automated_phone": Channel.AUTOMATED_PHONE,
    "in_person": Channel.IN_PERSON,
    "self_service_kiosk": Channel.IN_PERSON,
    "other_non_digital": Channel.IN_PERSON,
    "paper": Channel.MAIL,
    "postal_mail": Channel.MAIL,
    "fax": Channel.MAIL,
}
"""Every Touchpoints channel name has a home; the catalog's own names are accepted too."""


def catalog_channel(name: str) -> str | None:
    name = name.strip().lower()
    if name in Channel.values:
        return name
    return TOUCHPOINTS_CHANNELS.get(name)


@dataclass
class LikertImport:
    quarters: dict[str, int] = field(default_factory=dict)  # responses added per quarter
    already: int = 0
    errors: tuple[RowError, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


def _classic_surveys() -> dict[tuple[str, str], Survey]:
    """(service slug, channel or "") -> its classic survey."""
    surveys = (
        Survey.objects.filter(instrument_name="a11_classic")
        .select_related("service__provider")
        .order_by("pk")
    )
    return {(s.service.slug, s.channel): s for s in reversed(surveys)}


def _history_instrument(survey: Survey):
    """The survey's instrument with every question optional: history as it was collected."""
    instrument = survey.instrument
    return replace(
        instrument, questions=tuple(replace(q, required=False) for q in instrument.questions)
    )


@bulk_work()
def import_likert_history(text: str, *, dry_run: bool = False, progress=None) -> LikertImport:
    """Import a classic Likert history file (module docstring). All or nothing."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    result = LikertImport()
    try:
        header = [name.strip() for name in next(reader, [])]
    except csv.Error as exc:
        result.errors = (RowError(1, "*", f"unreadable CSV: {exc}"),)
        return result
    if tuple(header) != LIKERT_COLUMNS:
        result.errors = (
            RowError(
                1,
                "*",
                f"the columns must be {', '.join(LIKERT_COLUMNS)}; "
                f"got {', '.join(header) or 'none'}",
            ),
        )
        return result
    surveys = _classic_surveys()
    instruments: dict[int, object] = {}
    errors: list[RowError] = []
    rows: list[ImportedResponse] = []
    seen: dict[str, int] = {}
    number = 1
    try:
        for values in reader:
            number += 1
            if len(values) != len(LIKERT_COLUMNS):
                errors.append(
                    RowError(
                        number, "*", f"{len(values)} fields, the header has {len(LIKERT_COLUMNS)}"
                    )
                )
                continue
            row = dict(zip(LIKERT_COLUMNS, values, strict=True))
            item, row_errors = _likert_row(row, number, surveys, instruments)
            errors.extend(row_errors)
            if item is None:
                continue
            if item.external_id in seen:
                errors.append(
                    RowError(
                        number,
                        "response_id",
                        f"{item.external_id} is also row {seen[item.external_id]}",
                    )
                )
                continue
            seen[item.external_id] = number
            rows.append(item)
    except csv.Error as exc:
        errors.append(RowError(number + 1, "*", f"unreadable CSV: {exc}"))
    if errors:
        result.errors = tuple(errors)
        return result
    known = set(
        Response.objects.filter(
            external_id__in=list(seen), survey__instrument_name="a11_classic"
        ).values_list("survey_id", "external_id")
    )
    new = [item for item in rows if (item.survey.pk, item.external_id) not in known]
    result.already = len(rows) - len(new)
    for item in new:
        result.quarters[item.fiscal_quarter] = result.quarters.get(item.fiscal_quarter, 0) + 1
    if not dry_run:
        store_imported(new, progress)
    return result


def _likert_row(
    row: dict, number: int, surveys, instruments
) -> tuple[ImportedResponse | None, list[RowError]]:
    errors: list[RowError] = []
    response_id = row["response_id"].strip()
    if not response_id:
        errors.append(RowError(number, "response_id", "required"))
    try:
        submitted_at = parse_created_at(row["submitted_at"])
    except ValueError:
        submitted_at = None
        errors.append(
            RowError(
                number,
                "submitted_at",
                f"not a date and time like 2024-01-15 14:03:22 UTC, got {row['submitted_at']!r}",
            )
        )
    channel = catalog_channel(row["channel"])
    if channel is None:
        errors.append(RowError(number, "channel", f"unknown channel {row['channel']!r}"))
    language = row["language"].strip().lower() or "en"
    if not is_site_language(language):
        errors.append(RowError(number, "language", f"unsupported language {language!r}"))
    slug = row["service"].strip()
    survey = surveys.get((slug, channel)) or surveys.get((slug, ""))
    if survey is None:
        errors.append(
            RowError(number, "service", f"no classic (5-point) survey for service {slug!r}")
        )
    answers: dict = {}
    for column, driver in LEGACY_QUESTIONS.items():
        raw = row[column].strip()
        if not raw:
            continue
        if raw not in ("1", "2", "3", "4", "5"):
            errors.append(RowError(number, column, f"must be 1 to 5 or blank, got {raw!r}"))
            continue
        answers[driver] = int(raw)
    redactions = 0
    if row["comment"].strip():
        redacted = redact(row["comment"].strip())
        answers["comments_service"] = redacted.text
        redactions = sum(redacted.counts.values())
    if errors:
        return None, errors
    if survey.pk not in instruments:
        instruments[survey.pk] = _history_instrument(survey)
    clean, problems = validate_answers(instruments[survey.pk], answers)
    if problems:
        return None, [
            RowError(number, question, e.message("en"))
            for question, found in problems.items()
            for e in found
        ]
    if not clean:
        return None, [RowError(number, "q1", "the response answers nothing")]
    return ImportedResponse(
        survey,
        response_id,
        submitted_at,
        fiscal_quarter_of(submitted_at),
        channel,
        language,
        clean,
        redactions,
    ), []


# --- The legacy quarterly report --------------------------------------------------------------


def exact_percent(part: int, whole: int, digits: int = 1) -> str:
    """`part` of `whole` as a percentage rounded half-up on the exact fraction, as
    performance.gov publishes them: 57 of 80 is "71.3" (the float 71.25 would print 71.2)."""
    if not whole:
        return ""
    exact = Fraction(part * 100, whole)
    value = Decimal(exact.numerator) / Decimal(exact.denominator)
    return str(value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


def exact_mean(counts: dict[int, int], digits: int = 2) -> str:
    """The point-scale mean out of 5, rounded half-up on the exact fraction."""
    n = sum(counts.values())
    if not n:
        return ""
    exact = Fraction(sum(point * k for point, k in counts.items()), n)
    value = Decimal(exact.numerator) / Decimal(exact.denominator)
    return str(value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class LegacyReport:
    """One service and channel's quarter: the `omb_cx_reporting_collections` row, and per
    question (q1..q7) the point-scale mean and the share agreeing (4 or 5)."""

    row: dict
    means: dict[str, str]
    agree: dict[str, str]


def legacy_reports(quarter: str) -> list[LegacyReport]:
    """The quarter's legacy rows, one per service and channel with classic answers."""
    fiscal = parse_fiscal_quarter(quarter)
    cells = read_scores({"fiscal_quarter": str(fiscal)}, group_by=("service", "channel"))
    services = Service.objects.select_related("provider").in_bulk([s for s, _ in cells])
    texts = _question_texts()
    reports = []
    for (service_id, channel), scores in sorted(cells.items()):
        if not scores.likert:
            continue
        service = services[service_id]
        context = ReportingContext(
            quarter=fiscal,
            department=service.provider.department,
            service_provider=service.provider.name,
            service=service.name,
            service_provided=service.summary[:200],
            transaction_point=service.name,
            channel=CHANNEL_NAMES.get(channel, channel),
        )
        tally = CollectionTally(
            volumes=ResponseRates(scores.responses, scores.offered, scores.served),
            drivers=dict(scores.likert),
        )
        row = legacy_collection_row(context, tally, texts.get(service_id, {}))
        means, agree = {}, {}
        for slot in range(1, len(DRIVERS) + 1):
            counts = {point: row[f"q{slot}_{point}"] for point in range(1, 6)}
            means[f"q{slot}"] = exact_mean(counts)
            agree[f"q{slot}"] = exact_percent(counts[4] + counts[5], sum(counts.values()))
        reports.append(LegacyReport(row, means, agree))
    return reports


def _question_texts() -> dict[int, dict[str, str]]:
    texts: dict[int, dict[str, str]] = defaultdict(dict)
    for survey in Survey.objects.filter(instrument_name="a11_classic").select_related(
        "service__provider"
    ):
        for question in survey.instrument.questions:
            if question.driver and question.type == "likert5":
                texts[survey.service_id].setdefault(question.driver, question.text["en"])
    return texts


LEGACY_REPORT_COLUMNS = (
    *LEGACY_COLLECTION_COLUMNS,
    *(f"q{n}_mean" for n in range(1, 8)),
    *(f"q{n}_percent_agree" for n in range(1, 8)),
)
"""The legacy row's columns, then our means and agreement percentages (not Touchpoints')."""
