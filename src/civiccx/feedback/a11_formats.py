"""Row shapes for A-11 Section 280 quarterly CX reporting, and the A-11 v2 response CSV parser.

Column names are copied from GSA Touchpoints, the government-wide tool that collects HISP
quarterly data, and from performance.gov's published download:

- Legacy per-collection row (through FY2023): ``docs/models/omb_cx_reporting_collections.md``
  (and the ``omb_cx_reporting_collections`` table in ``db/schema.rb``): one row per survey per
  quarter with volumes and, for q1..q7 (satisfaction, trust, effectiveness, ease, efficiency,
  transparency, employee) plus optional q8..q11, the question text and counts at points 1..5.
- FY2024+: ``docs/models/cx_collections.md`` (one per HISP service and quarter),
  ``docs/models/cx_collection_details.md`` (one per survey; plus ``transaction_point``,
  ``federal_register_url`` and ``reflection_text`` from the ``cx_collection_details`` table in
  ``db/schema.rb``) and ``docs/models/cx_responses.md`` (one per response). The response CSV
  columns and their order are those of Touchpoints' A-11 v2 export (``app/models/form.rb``,
  ``to_a11_v2_csv``): external_id, question_1, positive_* and negative_* for effectiveness,
  ease, efficiency, transparency, humanity, employee, other, then question_4. A flag is 1 when
  the indicator was ticked, 0 when offered and not ticked, and ``null`` when not offered.
- Published summary (performance.gov/cx/data): provider, service, year, quarter,
  service_provided, transaction_point, channel, total_volume, surveys_offered_count,
  response_count, satisfied, trust, effectiveness, ease, efficiency, transparency, employee.

Bookkeeping columns that Touchpoints assigns itself (record ids, user ids, timestamps,
workflow state, integrity hash, upload and job ids) are not part of the shapes built here.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from types import MappingProxyType

from civiccx.core.fiscal import FiscalQuarter
from civiccx.core.redaction import redact
from civiccx.feedback.scoring import (
    DRIVERS,
    INDICATORS,
    CollectionTally,
    DriverTally,
    IndicatorTally,
    ThumbsTally,
)

__all__ = [
    "CX_COLLECTION_COLUMNS",
    "CX_COLLECTION_DETAIL_COLUMNS",
    "CX_RESPONSE_COLUMNS",
    "LEGACY_COLLECTION_COLUMNS",
    "PUBLISHED_SUMMARY_COLUMNS",
    "COMBINED_META_COLUMNS",
    "A11V2Response",
    "CombinedFile",
    "CombinedRow",
    "ParseResult",
    "ReportingContext",
    "RowError",
    "cx_collection_detail_row",
    "cx_collection_row",
    "cx_response_row",
    "legacy_collection_row",
    "is_combined_export",
    "parse_a11_v2_responses",
    "parse_combined_export",
    "parse_created_at",
    "published_summary_row",
    "tally_responses",
]

LEGACY_QUESTION_SLOTS = 11  # q1..q7 are the drivers; q8..q11 are agency questions

LEGACY_COLLECTION_COLUMNS: tuple[str, ...] = (
    "id",
    "collection_id",
    "collection_year",
    "collection_quarter",
    "collection_name",
    "collection_organization_id",
    "collection_organization_name",
    "collection_organization_abbreviation",
    "service_provider_id",
    "service_provider_name",
    "service_provider_organization_id",
    "service_provider_organization_name",
    "service_provider_organization_abbreviation",
    "service_provided",
    "service_id",
    "service_name",
    "transaction_point",
    "channel",
    "volume_of_customers",
    "volume_of_customers_provided_survey_opportunity",
    "volume_of_respondents",
    "omb_control_number",
    "federal_register_url",
    *(
        column
        for slot in range(1, LEGACY_QUESTION_SLOTS + 1)
        for column in (f"q{slot}_text", *(f"q{slot}_{point}" for point in range(1, 6)))
    ),
    "created_at",
    "updated_at",
    "operational_metrics",
)
"""Every column of omb_cx_reporting_collections.md, in its order (ids and timestamps blank)."""

CX_COLLECTION_COLUMNS: tuple[str, ...] = (
    "name",
    "fiscal_year",
    "quarter",
    "organization_name",
    "service_provider_name",
    "service_name",
    "rating",
    "cx_collection_details_count",
)

CX_COLLECTION_DETAIL_COLUMNS: tuple[str, ...] = (
    "service_provider_name",
    "service_name",
    "transaction_point",
    "channel",
    "service_stage_name",
    "survey_title",
    "survey_type",
    "trust_question_text",
    "omb_control_number",
    "federal_register_url",
    "volume_of_customers",
    "volume_of_customers_provided_survey_opportunity",
    "volume_of_respondents",
    "reflection_text",
)

POSITIVE_COLUMNS = tuple(f"positive_{name}" for name in INDICATORS)
NEGATIVE_COLUMNS = tuple(f"negative_{name}" for name in INDICATORS)
CX_RESPONSE_COLUMNS: tuple[str, ...] = (
    "external_id",
    "question_1",
    *POSITIVE_COLUMNS,
    *NEGATIVE_COLUMNS,
    "question_4",
)
REQUIRED_RESPONSE_COLUMNS = CX_RESPONSE_COLUMNS[1:]  # external_id may be absent

PUBLISHED_SUMMARY_COLUMNS: tuple[str, ...] = (
    "provider",
    "service",
    "year",
    "quarter",
    "service_provided",
    "transaction_point",
    "channel",
    "total_volume",
    "surveys_offered_count",
    "response_count",
    "satisfied",
    "trust",
    "effectiveness",
    "ease",
    "efficiency",
    "transparency",
    "employee",
)
_SUMMARY_SCORE_COLUMNS = dict(
    zip(("satisfied", *DRIVERS[1:]), DRIVERS, strict=True)
)  # "satisfied" is the satisfaction driver

SURVEY_TYPES = {"thumbs": "thumbs up/down", "likert5": "likert scale"}


@dataclass(frozen=True)
class ReportingContext:
    """Who and what a quarterly row is about; names as the agency reports them."""

    quarter: FiscalQuarter
    department: str
    service_provider: str
    service: str
    department_abbreviation: str = ""
    service_provided: str = ""
    transaction_point: str = ""
    channel: str = ""
    omb_control_number: str = ""
    federal_register_url: str = ""
    collection_name: str = "CX Quarterly Reporting"


def _check_columns(row: Mapping[str, object], columns: Sequence[str]) -> dict[str, object]:
    assert tuple(row) == tuple(columns), "row builder and column list disagree"
    return dict(row)


def legacy_collection_row(
    context: ReportingContext,
    tally: CollectionTally,
    question_texts: Mapping[str, str],
    *,
    extra_questions: Sequence[tuple[str, DriverTally]] = (),
    operational_metrics: str = "",
) -> dict[str, object]:
    """One omb_cx_reporting_collections row (FY2021-FY2023 shape).

    ``question_texts`` maps a driver to the wording the survey used (e.g. the rendered
    instrument text); a driver the survey did not ask gets an empty text and zero counts.
    ``extra_questions`` fill q8..q11 with agency Likert questions (at most four).
    """
    if len(extra_questions) > LEGACY_QUESTION_SLOTS - len(DRIVERS):
        raise ValueError(
            f"the legacy row has room for {LEGACY_QUESTION_SLOTS - len(DRIVERS)} extra "
            f"questions, got {len(extra_questions)}"
        )
    unknown = sorted(set(question_texts) - set(DRIVERS))
    if unknown:
        raise ValueError(f"not A-11 drivers: {', '.join(unknown)}")
    row: dict[str, object] = {
        "id": "",
        "collection_id": "",
        "collection_year": context.quarter.year,
        "collection_quarter": context.quarter.quarter,
        "collection_name": context.collection_name,
        "collection_organization_id": "",
        "collection_organization_name": context.department,
        "collection_organization_abbreviation": context.department_abbreviation,
        "service_provider_id": "",
        "service_provider_name": context.service_provider,
        "service_provider_organization_id": "",
        "service_provider_organization_name": context.department,
        "service_provider_organization_abbreviation": context.department_abbreviation,
        "service_provided": context.service_provided,
        "service_id": "",
        "service_name": context.service,
        "transaction_point": context.transaction_point,
        "channel": context.channel,
        "volume_of_customers": tally.volumes.served,
        "volume_of_customers_provided_survey_opportunity": tally.volumes.offered,
        "volume_of_respondents": tally.volumes.responses,
        "omb_control_number": context.omb_control_number,
        "federal_register_url": context.federal_register_url,
    }
    slots: list[tuple[str, DriverTally]] = [
        (question_texts.get(driver, ""), tally.driver(driver)) for driver in DRIVERS
    ]
    slots.extend(extra_questions)
    slots.extend([("", DriverTally())] * (LEGACY_QUESTION_SLOTS - len(slots)))
    for slot, (text, counts) in enumerate(slots, start=1):
        row[f"q{slot}_text"] = text
        for point in range(1, 6):
            row[f"q{slot}_{point}"] = counts.count(point)
    row.update(created_at="", updated_at="", operational_metrics=operational_metrics)
    return _check_columns(row, LEGACY_COLLECTION_COLUMNS)


def cx_collection_row(
    context: ReportingContext, *, details_count: int, rating: str = ""
) -> dict[str, object]:
    """One cx_collections row (FY2024+): the HISP service's submission for a quarter.

    ``rating`` is OMB's assessment ("true", "false", "partial"); leave it blank when submitting.
    """
    if rating not in ("", "true", "false", "partial"):
        raise ValueError(f"rating must be true, false or partial, got {rating!r}")
    row = {
        "name": context.collection_name,
        "fiscal_year": str(context.quarter.year),
        "quarter": str(context.quarter.quarter),
        "organization_name": context.department,
        "service_provider_name": context.service_provider,
        "service_name": context.service,
        "rating": rating,
        "cx_collection_details_count": details_count,
    }
    return _check_columns(row, CX_COLLECTION_COLUMNS)


def cx_collection_detail_row(
    context: ReportingContext,
    tally: CollectionTally,
    *,
    survey_title: str,
    survey_type: str,
    trust_question_text: str,
    service_stage_name: str = "",
    reflection_text: str = "",
) -> dict[str, object]:
    """One cx_collection_details row (FY2024+): one survey, its volumes and its trust wording.

    ``survey_type`` is the question 1 type, "thumbs" or "likert5", written as Touchpoints
    writes it ("thumbs up/down", "likert scale").
    """
    if survey_type not in SURVEY_TYPES:
        raise ValueError(
            f"survey_type must be one of {', '.join(SURVEY_TYPES)}, got {survey_type!r}"
        )
    row = {
        "service_provider_name": context.service_provider,
        "service_name": context.service,
        "transaction_point": context.transaction_point,
        "channel": context.channel,
        "service_stage_name": service_stage_name,
        "survey_title": survey_title,
        "survey_type": SURVEY_TYPES[survey_type],
        "trust_question_text": trust_question_text,
        "omb_control_number": context.omb_control_number,
        "federal_register_url": context.federal_register_url,
        "volume_of_customers": tally.volumes.served,
        "volume_of_customers_provided_survey_opportunity": tally.volumes.offered,
        "volume_of_respondents": tally.volumes.responses,
        "reflection_text": reflection_text,
    }
    return _check_columns(row, CX_COLLECTION_DETAIL_COLUMNS)


def _score(tally: CollectionTally, driver: str, score: str) -> float | str:
    summary = tally.driver(driver).summary()
    if summary.n == 0:
        if driver == "trust" and tally.thumbs.n:
            return round(tally.thumbs.up / tally.thumbs.n, 4)
        return ""
    if score == "mean":
        return round(summary.mean, 2)
    return round(summary.percent_agree, 4)


def published_summary_row(
    context: ReportingContext, tally: CollectionTally, *, score: str = "agree"
) -> dict[str, object]:
    """One row in performance.gov's summary download shape.

    ``score="agree"`` writes each driver as the share answering 4-5 (0-1, four decimals);
    ``score="mean"`` writes the mean out of 5 (two decimals), as early A-11 dashboards did.
    A driver with no answers is blank. For an A-11 v2 (thumbs) survey, ``trust`` is the
    thumbs-up share, the v2 form's trust measure.
    """
    if score not in ("agree", "mean"):
        raise ValueError(f"score must be 'agree' or 'mean', got {score!r}")
    row: dict[str, object] = {
        "provider": context.service_provider,
        "service": context.service,
        "year": context.quarter.year,
        "quarter": context.quarter.quarter,
        "service_provided": context.service_provided,
        "transaction_point": context.transaction_point,
        "channel": context.channel,
        "total_volume": tally.volumes.served,
        "surveys_offered_count": tally.volumes.offered,
        "response_count": tally.volumes.responses,
    }
    for column, driver in _SUMMARY_SCORE_COLUMNS.items():
        row[column] = _score(tally, driver, score)
    return _check_columns(row, PUBLISHED_SUMMARY_COLUMNS)


# --- A-11 v2 responses ----------------------------------------------------------------------


@dataclass(frozen=True)
class A11V2Response:
    """One clean A-11 v2 response.

    ``positive``/``negative`` map each indicator to 1 (ticked), 0 (offered, not ticked) or
    None (not offered). ``comment`` is question_4, redacted unless the parser was told not to.
    """

    external_id: str
    question_1: int
    positive: Mapping[str, int | None]
    negative: Mapping[str, int | None]
    comment: str
    redactions: Mapping[str, int] = field(default_factory=dict)

    def ticked(self, side: str) -> tuple[str, ...]:
        flags = self.positive if side == "positive" else self.negative
        return tuple(name for name in INDICATORS if flags.get(name) == 1)


def gettext_noop(message: str) -> str:
    """Marks a message for the translation catalog (this module imports nothing of Django;
    the pages translate `RowError.template` when they show it)."""
    return message


@dataclass(frozen=True)
class RowError:
    """``row`` counts like a spreadsheet: the header is row 1, the first response row 2.
    ``message`` is English; ``template`` and ``params``, when set, let a page show it in the
    reader's language (`localized`)."""

    row: int
    column: str
    message: str
    template: str = field(default="", compare=False)
    params: Mapping[str, object] = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        return f"row {self.row}, {self.column}: {self.message}"

    def localized(self, translate: Callable[[str], str]) -> str:
        """The line in the language `translate` (gettext) gives."""
        message = translate(self.template) % self.params if self.template else self.message
        line = translate(gettext_noop("row %(row)s, %(column)s: %(message)s"))
        return line % {"row": self.row, "column": self.column, "message": message}


def _error(row: int, column: str, template: str, **params: object) -> RowError:
    return RowError(row, column, template % params, template, MappingProxyType(params))


@dataclass(frozen=True)
class ParseResult:
    records: tuple[A11V2Response, ...]
    errors: tuple[RowError, ...]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def rejected_rows(self) -> tuple[int, ...]:
        return tuple(sorted({error.row for error in self.errors}))

    def require_ok(self) -> tuple[A11V2Response, ...]:
        """The records, for an all-or-nothing import; ValueError listing problems otherwise."""
        if self.errors:
            shown = "; ".join(str(e) for e in self.errors[:5])
            more = f" (and {len(self.errors) - 5} more)" if len(self.errors) > 5 else ""
            raise ValueError(f"{len(self.errors)} problem(s) in the file: {shown}{more}")
        return self.records


def cx_response_row(response: A11V2Response) -> dict[str, object]:
    """Back to Touchpoints' export shape (``null`` for an indicator not offered)."""

    def flag(value: int | None) -> object:
        return "null" if value is None else value

    row: dict[str, object] = {
        "external_id": response.external_id,
        "question_1": response.question_1,
    }
    row.update({f"positive_{k}": flag(response.positive.get(k)) for k in INDICATORS})
    row.update({f"negative_{k}": flag(response.negative.get(k)) for k in INDICATORS})
    row["question_4"] = response.comment
    return _check_columns(row, CX_RESPONSE_COLUMNS)


def _reader(source: str | io.TextIOBase | Iterable[str]) -> csv.DictReader:
    if isinstance(source, str):
        source = io.StringIO(source.removeprefix("\ufeff"), newline="")
    return csv.DictReader(source, restkey="\x00extra", restval=None, strict=True)


def _flag(raw: str) -> int | None | str:
    value = raw.strip().lower()
    if value in ("", "null"):
        return None
    if value in ("0", "1"):
        return int(value)
    return "bad"


_FLAG_COLUMNS = (*POSITIVE_COLUMNS, *NEGATIVE_COLUMNS)


@dataclass(frozen=True)
class _Flags:
    """The fourteen indicator cells of a row, read: per side, indicator -> 1, 0 or None (an
    unreadable cell is left out and reported in ``errors`` as (column, message))."""

    sides: Mapping[str, Mapping[str, int | None]]
    ticked: Mapping[str, tuple[str, ...]]
    errors: tuple[tuple[str, str], ...]
    offered: tuple[frozenset[str], frozenset[str]]  # the options each side offers (not null)


_FLAGS_SEEN: dict[tuple[str, ...], _Flags] = {}


def _flags(raw: tuple[str, ...]) -> _Flags:
    """Read once per distinct set of cells: a file repeats a few hundred of them at most."""
    found = _FLAGS_SEEN.get(raw)
    if found is not None:
        return found
    sides: dict[str, dict[str, int | None]] = {"positive": {}, "negative": {}}
    errors = []
    for column, cell in zip(_FLAG_COLUMNS, raw, strict=True):
        side, name = column.split("_", 1)
        value = _flag(cell)
        if value == "bad":
            errors.append((column, cell))
            continue
        sides[side][name] = value  # type: ignore[assignment]
    found = _Flags(
        sides=MappingProxyType({k: MappingProxyType(v) for k, v in sides.items()}),
        ticked=MappingProxyType(
            {k: tuple(n for n in INDICATORS if v.get(n) == 1) for k, v in sides.items()}
        ),
        errors=tuple(errors),
        offered=(
            frozenset(k for k, v in sides["positive"].items() if v is not None),
            frozenset(k for k, v in sides["negative"].items() if v is not None),
        ),
    )
    if len(_FLAGS_SEEN) < 10_000:
        _FLAGS_SEEN[raw] = found
    return found


def _question_1(raw: str, survey_type: str) -> int | str:
    value = raw.strip()
    allowed = ("0", "1") if survey_type == "thumbs" else ("1", "2", "3", "4", "5")
    if value not in allowed:
        return "bad"
    return int(value)


def _positive_side(question_1: int, survey_type: str) -> bool:
    return question_1 == 1 if survey_type == "thumbs" else question_1 >= 4


def parse_a11_v2_responses(
    source: str | io.TextIOBase | Iterable[str],
    *,
    survey_type: str = "thumbs",
    comment_max_chars: int = 5000,
    redact_comments: bool = True,
) -> ParseResult:
    """Parse a Touchpoints A-11 v2 response export (``to_a11_v2_csv``) into clean records.

    ``survey_type`` says how question_1 was asked: "thumbs" (0/1) or "likert5" (1-5); it
    cannot be guessed, since "1" means thumbs up in one and strongly disagree in the other.
    Every problem is reported as (row, column, message); a row with any problem is left out
    whole, never half-imported, and a header problem rejects the file (no records at all).
    Checks: required columns present and not repeated, no unknown columns, question_1
    present and in range, flags 0/1/null, no ticked indicator on the side the display logic
    hid (a negative_* of 1 after thumbs up), comments within ``comment_max_chars``.
    """
    if survey_type not in SURVEY_TYPES:
        raise ValueError(
            f"survey_type must be one of {', '.join(SURVEY_TYPES)}, got {survey_type!r}"
        )
    reader = _reader(source)
    errors: list[RowError] = []
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        return ParseResult((), (RowError(1, "*", f"unreadable CSV: {exc}"),))
    if not header:
        return ParseResult((), (RowError(1, "*", "the file is empty"),))
    header = [name.strip().lstrip("\ufeff") for name in header]
    reader.fieldnames = header
    for column in REQUIRED_RESPONSE_COLUMNS:
        if column not in header:
            errors.append(RowError(1, column, "required column is missing"))
    for column in sorted({c for c in header if header.count(c) > 1}):
        errors.append(RowError(1, column, "column appears more than once"))
    for column in header:
        if column not in CX_RESPONSE_COLUMNS:
            errors.append(RowError(1, column or "(blank)", "unknown column"))
    if errors:
        return ParseResult((), tuple(errors))

    records: list[A11V2Response] = []
    row_number = 1
    try:
        for row in reader:
            row_number += 1
            record, row_errors = _parse_row(row, row_number, survey_type, comment_max_chars)
            if record is None:
                errors.extend(row_errors)
                continue
            if redact_comments and record.comment:
                result = redact(record.comment)
                record = replace(record, comment=result.text, redactions=result.counts)
            records.append(record)
    except csv.Error as exc:
        errors.append(RowError(row_number + 1, "*", f"unreadable CSV: {exc}"))
    return ParseResult(tuple(records), tuple(errors))


def _parse_row(
    row: Mapping[str, str | None], number: int, survey_type: str, comment_max_chars: int
) -> tuple[A11V2Response | None, list[RowError]]:
    errors: list[RowError] = []
    if "\x00extra" in row:
        errors.append(_error(number, "*", gettext_noop("more values than columns")))
    missing_cells = [c for c, v in row.items() if v is None and c != "\x00extra"]
    if missing_cells:
        errors.append(_error(number, "*", gettext_noop("fewer values than columns")))
        return None, errors

    raw_q1 = row["question_1"] or ""
    question_1 = _question_1(raw_q1, survey_type)
    if not raw_q1.strip():
        errors.append(
            _error(number, "question_1", gettext_noop("required; the response has no answer"))
        )
    elif question_1 == "bad":
        template = (
            gettext_noop("must be 0 or 1, got %(value)s")
            if survey_type == "thumbs"
            else gettext_noop("must be 1 to 5, got %(value)s")
        )
        errors.append(_error(number, "question_1", template, value=repr(raw_q1)))

    flags = _flags(tuple(row[column] or "" for column in _FLAG_COLUMNS))
    errors.extend(
        _error(
            number, column, gettext_noop("must be 0, 1 or null, got %(value)s"), value=repr(cell)
        )
        for column, cell in flags.errors
    )

    if isinstance(question_1, int):
        hidden = "negative" if _positive_side(question_1, survey_type) else "positive"
        shown_label = "What went well?" if hidden == "negative" else "What didn't go so well?"
        for name in flags.ticked[hidden]:
            errors.append(
                _error(
                    number,
                    f"{hidden}_{name}",
                    gettext_noop("ticked, but question_1 = %(answer)s shows only %(label)s"),
                    answer=question_1,
                    label=repr(shown_label),
                )
            )

    comment = (row["question_4"] or "").strip()
    if len(comment) > comment_max_chars:
        errors.append(
            _error(
                number,
                "question_4",
                gettext_noop("comment is %(length)s characters; limit %(limit)s"),
                length=len(comment),
                limit=comment_max_chars,
            )
        )
    if errors:
        return None, errors
    return (
        A11V2Response(
            external_id=(row.get("external_id") or "").strip(),
            question_1=question_1,  # type: ignore[arg-type]
            positive=flags.sides["positive"],
            negative=flags.sides["negative"],
            comment=comment,
        ),
        [],
    )


def tally_responses(
    records: Iterable[A11V2Response], survey_type: str = "thumbs"
) -> CollectionTally:
    """Roll parsed responses into a CollectionTally (volumes are not in the file: add them).

    Thumbs surveys fill ``thumbs``; likert5 surveys fill the ``trust`` driver. Indicator rates
    use as denominators the responses that were shown each checklist.
    """
    if survey_type not in SURVEY_TYPES:
        raise ValueError(
            f"survey_type must be one of {', '.join(SURVEY_TYPES)}, got {survey_type!r}"
        )
    positives: dict[str, int] = dict.fromkeys(INDICATORS, 0)
    negatives: dict[str, int] = dict.fromkeys(INDICATORS, 0)
    shown = {"positive": 0, "negative": 0}
    answers: list[int] = []
    for record in records:
        answers.append(record.question_1)
        side = "positive" if _positive_side(record.question_1, survey_type) else "negative"
        shown[side] += 1
        target = positives if side == "positive" else negatives
        for name in record.ticked(side):
            target[name] += 1
    if survey_type == "thumbs":
        thumbs, drivers = ThumbsTally.from_answers(answers), {}
    else:
        thumbs, drivers = ThumbsTally(), {"trust": DriverTally.from_answers(answers)}
    return CollectionTally(
        drivers=drivers,
        thumbs=thumbs,
        positive=IndicatorTally(shown["positive"], {k: v for k, v in positives.items() if v}),
        negative=IndicatorTally(shown["negative"], {k: v for k, v in negatives.items() if v}),
    )


# --- Touchpoints' combined export (submissions + A-11 v2 columns) ---------------------------

COMBINED_META_COLUMNS: tuple[str, ...] = (
    "Location Code",
    "User Agent",
    "Status",
    "Archived",
    "Flagged",
    "Spam",
    "Deleted",
    "Deleted at",
    "Page",
    "Query string",
    "Hostname",
    "Referrer",
    "Created at",
    "IP Address",
    "Tags",
)
"""The submission columns Touchpoints writes after the form's questions
(``Form#hashed_fields_for_export``; "IP Address" only when the organization keeps addresses).
None of them is stored except through what it decides: Created at (the quarter), Archived,
Flagged, Spam and Deleted. IP Address, User Agent, Referrer and Query string are never kept."""

COMBINED_SKIP_FLAGS = ("Flagged", "Spam", "Deleted")
_TRUE, _FALSE = ("true", "t", "1"), ("false", "f", "0", "")


@dataclass(frozen=True)
class CombinedRow:
    """One submission of the combined export: ``row`` counts like a spreadsheet (header 1)."""

    row: int
    touchpoints_id: str
    created_at: datetime
    archived: bool
    skipped: str  # "" or the first of "flagged", "spam", "deleted" that is true
    response: A11V2Response | None  # None for a skipped row (its answers are not read)

    def fingerprint(self) -> tuple:
        r = self.response
        answers = (
            None
            if r is None
            else (r.question_1, tuple(r.positive.items()), tuple(r.negative.items()), r.comment)
        )
        return (self.created_at, self.archived, self.skipped, answers)


@dataclass(frozen=True)
class CombinedFile:
    """A parsed combined export. ``offered`` is the indicator options the form offers (the
    flags that are not ``null``); ``question_1_values`` the raw answers to question 1 seen."""

    question_texts: tuple[str, ...]
    rows: tuple[CombinedRow, ...]
    errors: tuple[RowError, ...]
    duplicates: int = 0
    offered: frozenset[str] = frozenset()
    question_1_values: frozenset[str] = frozenset()

    @property
    def ok(self) -> bool:
        return not self.errors


def is_combined_export(header: Sequence[str]) -> bool:
    """A header of Touchpoints' combined export (rather than the 17-column A-11 file)."""
    names = [name.strip().lstrip("\ufeff") for name in header]
    return bool(names) and names[0] == "ID" and "Created at" in names


_SPACED_OFFSET = re.compile(r" ([+-]\d{2}):?(\d{2})$")


def parse_created_at(raw: str) -> datetime:
    """Touchpoints writes ``2024-01-15 14:03:22 UTC`` (Ruby's Time#to_s); ISO 8601 with an
    offset or ``Z`` is accepted too, and a time without a zone is read as UTC."""
    value = raw.strip()
    if value.endswith(" UTC"):
        value = value[:-4] + "+00:00"
    value = _SPACED_OFFSET.sub(r"\1:\2", value)  # "… +0000"
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _bool_cell(raw: str) -> bool | None:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    return None


def parse_combined_export(
    source: str, *, survey_type: str = "thumbs", comment_max_chars: int = 5000
) -> CombinedFile:
    """Parse Touchpoints' "A11-v2 + Form Responses" download (``Form#to_combined_a11_v2_csv``).

    Every problem is a ``RowError`` (row, column, message); a file with any is imported by
    nobody. Flagged, spam and deleted rows are kept as skipped rows (their answers unread); a
    row repeated exactly counts once (``duplicates``); the same ID with different contents is
    an error. Comments are redacted here, before anything is stored.
    """
    text = source.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [name.strip() for name in next(reader, [])]
    except csv.Error as exc:
        return CombinedFile((), (), (RowError(1, "*", f"unreadable CSV: {exc}"),))
    errors: list[RowError] = []
    if not header or header[0] != "ID":
        return CombinedFile((), (), (RowError(1, "ID", "the first column must be ID"),))
    tail = tuple(header[-len(CX_RESPONSE_COLUMNS) :])
    if tail != CX_RESPONSE_COLUMNS:
        return CombinedFile(
            (),
            (),
            (
                RowError(
                    1,
                    "*",
                    "the last 17 columns must be the A-11 v2 columns "
                    f"({', '.join(CX_RESPONSE_COLUMNS)})",
                ),
            ),
        )
    body = header[: -len(CX_RESPONSE_COLUMNS)]
    first_meta = next(
        (i for i, name in enumerate(body) if name in COMBINED_META_COLUMNS), len(body)
    )
    start = 2 if len(body) > 1 and body[1] == "UUID" else 1
    questions = tuple(body[start:first_meta])
    meta = body[first_meta:]
    for name in meta:
        if name not in COMBINED_META_COLUMNS:
            errors.append(_error(1, name or "(blank)", gettext_noop("unknown column")))
    for name in sorted({n for n in meta if meta.count(n) > 1}):
        errors.append(_error(1, name, gettext_noop("column appears more than once")))
    if "Created at" not in meta:
        errors.append(_error(1, "Created at", gettext_noop("required column is missing")))
    if errors:
        return CombinedFile(questions, (), tuple(errors))
    index = {name: first_meta + i for i, name in enumerate(meta)}
    width = len(header)
    flag_cells = slice(width - len(CX_RESPONSE_COLUMNS) + 2, width - 1)  # the 14 flags

    rows: list[CombinedRow] = []
    seen: dict[str, CombinedRow] = {}
    duplicates = 0
    offered: dict[str, tuple[int, frozenset[str], frozenset[str]]] = {}
    q1_values: set[str] = set()
    number = 1
    try:
        for values in reader:
            number += 1
            if not values:
                errors.append(_error(number, "*", gettext_noop("empty line")))
                continue
            if len(values) != width:
                errors.append(
                    _error(
                        number,
                        "*",
                        gettext_noop("%(fields)s fields, the header has %(width)s"),
                        fields=len(values),
                        width=width,
                    )
                )
                continue
            q1_values.add(values[width - len(CX_RESPONSE_COLUMNS) + 1].strip())
            row, row_errors = _combined_row(values, number, index, survey_type, comment_max_chars)
            errors.extend(row_errors)
            if row is None:
                continue
            earlier = seen.get(row.touchpoints_id)
            if earlier is not None:
                if earlier.fingerprint() == row.fingerprint():
                    duplicates += 1
                else:
                    errors.append(
                        _error(
                            number,
                            "ID",
                            gettext_noop("ID %(id)s is also row %(row)s, with different contents"),
                            id=row.touchpoints_id,
                            row=earlier.row,
                        )
                    )
                continue
            seen[row.touchpoints_id] = row
            if row.response is not None:
                sides = _flags(tuple(values[flag_cells])).offered
                offered.setdefault("first", (row.row, *sides))
                first_row, first_pos, first_neg = offered["first"]
                for side, mine, theirs in (
                    ("positive", sides[0], first_pos),
                    ("negative", sides[1], first_neg),
                ):
                    for name in sorted(mine ^ theirs):
                        errors.append(
                            RowError(
                                number,
                                f"{side}_{name}",
                                f"{'null' if name in theirs else 'a 0 or 1'} here, but "
                                f"{'a 0 or 1' if name in theirs else 'null'} in row "
                                f"{first_row}: one form offers the same options on every row",
                            )
                        )
            rows.append(row)
    except csv.Error as exc:
        errors.append(RowError(number + 1, "*", f"unreadable CSV: {exc}"))
    offered_options = frozenset(offered["first"][1]) if "first" in offered else frozenset()
    return CombinedFile(
        questions,
        tuple(rows),
        tuple(errors),
        duplicates=duplicates,
        offered=offered_options,
        question_1_values=frozenset(q1_values),
    )


def _combined_row(
    values: list[str],
    number: int,
    index: Mapping[str, int],
    survey_type: str,
    comment_max_chars: int,
) -> tuple[CombinedRow | None, list[RowError]]:
    errors: list[RowError] = []
    touchpoints_id = values[0].strip()
    a11 = dict(zip(CX_RESPONSE_COLUMNS, values[-len(CX_RESPONSE_COLUMNS) :], strict=True))
    if not touchpoints_id:
        errors.append(_error(number, "ID", gettext_noop("required; the row has no ID")))
    elif a11["external_id"].strip() != touchpoints_id:
        errors.append(
            _error(
                number,
                "external_id",
                gettext_noop("%(value)s differs from the row's ID %(id)s"),
                value=repr(a11["external_id"]),
                id=repr(touchpoints_id),
            )
        )
    raw_date = values[index["Created at"]]
    created_at = None
    try:
        created_at = parse_created_at(raw_date)
    except ValueError:
        errors.append(
            _error(
                number,
                "Created at",
                gettext_noop("not a date and time like 2024-01-15 14:03:22 UTC, got %(value)s"),
                value=repr(raw_date),
            )
        )
    flags: dict[str, bool] = {}
    for column in ("Archived", *COMBINED_SKIP_FLAGS):
        if column not in index:
            flags[column] = False
            continue
        value = _bool_cell(values[index[column]])
        if value is None:
            errors.append(
                _error(
                    number,
                    column,
                    gettext_noop("must be true or false, got %(value)s"),
                    value=repr(values[index[column]]),
                )
            )
        flags[column] = bool(value)
    skipped = next((c.lower() for c in COMBINED_SKIP_FLAGS if flags[c]), "")
    response = None
    if not skipped:
        response, answer_errors = _parse_row(a11, number, survey_type, comment_max_chars)
        errors.extend(answer_errors)
        if response is not None and response.comment:
            result = redact(response.comment)
            if result.counts:
                response = replace(response, comment=result.text, redactions=result.counts)
    if errors:
        return None, errors
    return (
        CombinedRow(
            row=number,
            touchpoints_id=touchpoints_id,
            created_at=created_at,  # type: ignore[arg-type]
            archived=flags["Archived"],
            skipped=skipped,
            response=response,
        ),
        [],
    )
