"""Quarterly A-11 reporting from the database: the performance.gov summary rows, the raw
response upload (Touchpoints' A-11 v2 CSV shape), and importing such a file.

The files written here are *interchange formats* (docs/reference/a11-section-280.md): they are
uploaded to Touchpoints or compared with performance.gov's download, so they follow those
formats byte for byte and are not formula-escaped (`core.spreadsheets.interchange_csv`). The
page that offers them says so.
"""

from __future__ import annotations

import gc
import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, time

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from civiccx.core.dates import clock, long_date
from civiccx.core.fiscal import (
    fiscal_quarter,
    format_fiscal_quarter,
    parse_fiscal_quarter,
    quarter_start,
)
from civiccx.core.languages import current_language
from civiccx.core.spreadsheets import interchange_csv
from civiccx.feedback.a11_formats import (
    CX_RESPONSE_COLUMNS,
    PUBLISHED_SUMMARY_COLUMNS,
    A11V2Response,
    CombinedFile,
    CombinedRow,
    ParseResult,
    ReportingContext,
    RowError,
    cx_response_row,
    parse_a11_v2_responses,
    parse_combined_export,
    published_summary_row,
)
from civiccx.feedback.comment_tags import tag_comment
from civiccx.feedback.instruments import validate_answers
from civiccx.feedback.models import Comment, Response, Survey
from civiccx.feedback.rollups import QuarterScores, cells_for_answers, read_scores
from civiccx.feedback.scoring import INDICATORS, CollectionTally, IndicatorTally, ResponseRates
from civiccx.metrics import rollups
from civiccx.metrics.models import ExternalCount
from civiccx.metrics.rollups import OFFERED, SERVED, CellKey, response_cells
from civiccx.services.models import Channel, Service

CHANNEL_NAMES = {Channel.PHONE: "Phone", Channel.WEB: "Digital", Channel.IN_PERSON: "In-person",
                 Channel.MAIL: "Paper", Channel.AUTOMATED_PHONE: "Automated phone",
                 Channel.EMAIL: "Email", Channel.LIVE_CHAT: "Live chat"}


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


def _offered(instrument, question_id: str) -> frozenset[str]:
    return frozenset(next((q.option_values() for q in instrument.questions
                           if q.id == question_id), ()))


def _as_a11_v2(response: Response) -> A11V2Response:
    """Touchpoints' values (`Form#to_a11_v2_array`): 1 when the option was chosen, 0 when the
    form offers it and it was not chosen (whichever checklist was shown), null only when the
    form does not offer it."""
    answers = response.answers
    instrument = response.survey.instrument
    sides = {}
    for side, question_id in (("positive", "question_2"), ("negative", "question_3")):
        offered, chosen = _offered(instrument, question_id), answers.get(question_id) or []
        sides[side] = {name: (1 if name in chosen else 0) if name in offered else None
                       for name in INDICATORS}
    return A11V2Response(external_id=response.external_id or str(response.pk),
                         question_1=answers["question_1"], positive=sides["positive"],
                         negative=sides["negative"], comment=answers.get("question_4", ""))


def _v2_responses(quarter: str):
    parse_fiscal_quarter(quarter)
    return (Response.objects.filter(fiscal_quarter=quarter.upper(),
                                    survey__instrument_name="a11_v2")
            .select_related("service", "survey__service__provider")
            .order_by("submitted_at", "pk"))


def response_rows(quarter: str, survey: Survey | None = None) -> list[dict]:
    """The raw-response upload rows (A-11 v2 surveys) for the quarter, oldest first as
    Touchpoints orders them."""
    responses = _v2_responses(quarter)
    if survey is not None:
        responses = responses.filter(survey=survey)
    return [cx_response_row(_as_a11_v2(r)) for r in responses.iterator(chunk_size=2000)]


def response_files(quarter: str) -> list[A11File]:
    """The raw-response upload as Touchpoints takes it: one file per CX collection detail
    (service × fiscal quarter × channel), named `a11-responses-<quarter>-<service>-<channel>`."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for response in _v2_responses(quarter).iterator(chunk_size=2000):
        groups.setdefault((response.service.slug, response.channel), []).append(
            cx_response_row(_as_a11_v2(response)))
    return [A11File(f"a11-responses-{quarter.upper()}-{slug}-{channel}.csv",
                    interchange_csv(rows, CX_RESPONSE_COLUMNS), "text/csv")
            for (slug, channel), rows in sorted(groups.items())]


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


@contextmanager
def bulk_work():
    """Python's cyclic garbage collector paused while a file is read and stored: an import
    makes hundreds of thousands of short-lived objects and no cycles, and each collection
    walks every live one (a fifth of an import's time). Memory is still freed as it is
    dropped; the collector resumes afterwards as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@bulk_work()
def import_touchpoints_responses(text: str, survey: Survey, quarter: str) -> ParseResult:
    """Import a 17-column A-11 v2 response file into `survey`, dated inside `quarter`.

    All or nothing: a file with any bad row imports no row, and the errors name each row and
    column. The file has no dates, so responses are placed on the quarter's first day. A row
    whose external_id was imported into this survey before is not imported again.
    """
    start = quarter_start(parse_fiscal_quarter(quarter))
    parsed = parse_a11_v2_responses(text, comment_max_chars=survey.instrument.comment_max_chars,
                                    survey_type="thumbs" if survey.kind == "thumbs"
                                    else "likert5")
    if not parsed.ok:
        return parsed
    moment = timezone.make_aware(datetime.combine(start, time(12)))
    known = set(Response.objects.filter(survey=survey, external_id__in=[
        r.external_id for r in parsed.records if r.external_id]).values_list(
        "external_id", flat=True))
    errors: list[RowError] = []
    new = []
    check = _Validator(survey.instrument)
    for number, record in enumerate(parsed.records, start=2):
        if record.external_id and record.external_id in known:
            continue
        clean, problems = check(answers_of(record))
        errors.extend(RowError(number, question, e.message(current_language()))
                      for question, found in problems.items() for e in found)
        new.append((CombinedRow(number, record.external_id, moment, False, "", record), clean))
    if errors:
        return ParseResult((), tuple(errors))
    quarters = {row.touchpoints_id: quarter.upper() for row, _ in new}
    _store_imported(survey, new, survey.channel or Channel.WEB, "en", quarters, None)
    return parsed


# --- Touchpoints' combined export -----------------------------------------------------------


@dataclass
class QuarterImport:
    """What one fiscal quarter of a combined export adds (or would add, in a dry run)."""

    imported: int = 0
    already: int = 0  # the same response was imported before: nothing changes
    archived: int = 0  # imported rows Touchpoints had archived (archived rows still count)


@dataclass
class CombinedImport:
    """The outcome of `import_combined_export`; `errors` non-empty means nothing was stored."""

    quarters: dict[str, QuarterImport] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)  # flagged / spam / deleted
    duplicates: int = 0  # exact repeats inside the file, counted once
    changed: list[str] = field(default_factory=list)  # known ids whose row differs now
    errors: tuple[RowError, ...] = ()
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def imported(self) -> int:
        return sum(q.imported for q in self.quarters.values())

    def lines(self) -> list[str]:
        """The per-quarter report the command prints."""
        verb = "Would import" if self.dry_run else "Imported"
        out = [f"{quarter}: {verb.lower()} {q.imported}, already imported {q.already}, "
               f"archived in Touchpoints {q.archived}"
               for quarter, q in sorted(self.quarters.items())]
        skipped = ", ".join(f"{n} {kind}" for kind, n in sorted(self.skipped.items()) if n)
        out.append(f"{verb} {self.imported} responses; skipped {skipped or 'none'}; "
                   f"exact duplicate rows {self.duplicates}.")
        if self.changed:
            out.append(f"{len(self.changed)} already-imported response(s) differ in this file "
                       f"and were left as stored: IDs {', '.join(self.changed[:20])}"
                       + (" …" if len(self.changed) > 20 else ""))
        return out


def _normalized(text: str) -> str:
    return " ".join(text.replace("’", "'").casefold().split()).rstrip(".")


def survey_mismatch(survey: Survey, parsed: CombinedFile, *,
                    accept_wording: bool = False) -> list[str]:
    """Why the file's form is not `survey`'s: each sentence names the file's and the survey's
    side. Empty when they match."""
    name = _("survey %(id)s (%(service)s, %(instrument)s)") % {
        "id": survey.pk, "service": survey.service.name, "instrument": survey.instrument_name}
    if survey.instrument_name != "a11_v2":
        return [_("The file is an A-11 v2 form (question 1: %(question)s), but %(survey)s asks "
                  "the classic 5-point questions; choose an A-11 v2 survey.") % {
                    "question": parsed.question_texts[:1], "survey": name}]
    problems = []
    questions = {q.id: q for q in survey.instrument.questions}
    if len(parsed.question_texts) != 4:
        problems.append(_("The file's form has %(n)s question columns (%(questions)s); "
                          "%(survey)s has the four A-11 v2 questions.") % {
            "n": len(parsed.question_texts), "questions": "; ".join(parsed.question_texts),
            "survey": name})
        return problems
    theirs, ours = parsed.question_texts[0], questions["question_1"].text["en"]
    if not accept_wording and _normalized(theirs) != _normalized(ours):
        problems.append(_("The file's question 1 reads %(theirs)s, but %(survey)s asks "
                          "%(ours)s. Use --accept-wording if they are the same question.") % {
            "theirs": repr(theirs), "survey": name, "ours": repr(ours)})
    values = parsed.question_1_values
    if survey.kind == "thumbs" and values <= set("12345") and values - {"1"}:
        problems.append(_("The file's question 1 is answered 1 to 5 (seen %(values)s), but "
                          "%(survey)s asks thumbs up or down.") % {
            "values": sorted(values), "survey": name})
    if survey.kind != "thumbs" and values <= {"0", "1"} and "0" in values:
        problems.append(_("The file's question 1 is answered thumbs up or down (0 or 1), but "
                          "%(survey)s asks 1 to 5.") % {"survey": name})
    options = set(questions["question_2"].option_values())
    if parsed.rows and parsed.offered and set(parsed.offered) != options:
        problems.append(_("The file's form offers the options %(theirs)s, but %(survey)s "
                          "offers %(ours)s.") % {
            "theirs": sorted(parsed.offered), "survey": name, "ours": sorted(options)})
    return problems


def answers_of(record: A11V2Response) -> dict:
    """A CX-upload row as the survey's answers (question ids to values)."""
    answers: dict = {"question_1": record.question_1}
    if record.ticked("positive"):
        answers["question_2"] = list(record.ticked("positive"))
    if record.ticked("negative"):
        answers["question_3"] = list(record.ticked("negative"))
    if record.comment:
        answers["question_4"] = record.comment
    return answers


@bulk_work()
def import_combined_export(text: str, survey: Survey, *, quarter: str | None = None,
                           channel: str | None = None, language: str = "en",
                           dry_run: bool = False, accept_wording: bool = False,
                           progress=None) -> CombinedImport:
    """Import Touchpoints' "A11-v2 + Form Responses" download into `survey`.

    Each row lands in the fiscal quarter of its Created at (UTC); Touchpoints' ID becomes the
    response's external id, so a re-run or an overlapping file changes nothing. All or
    nothing: any bad row, or a form that is not `survey`'s, stores nothing. Rows go in with
    bulk inserts and their counts through the metrics API once per rollup cell.
    `progress(n)` is called as rows are stored.
    """
    instrument = survey.instrument
    parsed = parse_combined_export(
        text, survey_type="thumbs" if survey.kind == "thumbs" else "likert5",
        comment_max_chars=instrument.comment_max_chars)
    result = CombinedImport(duplicates=parsed.duplicates, dry_run=dry_run)
    header_errors = [RowError(1, "*", m) for m in survey_mismatch(
        survey, parsed, accept_wording=accept_wording)]
    if header_errors and all(e.row > 1 for e in parsed.errors):
        result.errors = tuple(header_errors)  # rows read for another form are not the point
        return result
    if not parsed.ok:
        result.errors = parsed.errors
        return result
    channel = channel or survey.channel or Channel.WEB
    if channel not in Channel.values:
        result.errors = (RowError(1, "*", _("Unknown channel %(channel)s; use one of "
                                            "%(channels)s.") % {
            "channel": repr(channel), "channels": ", ".join(Channel.values)}),)
        return result
    kept = [row for row in parsed.rows if not row.skipped]
    for row in parsed.rows:
        if row.skipped:
            result.skipped[row.skipped] = result.skipped.get(row.skipped, 0) + 1
    quarters = {row.touchpoints_id: fiscal_quarter_of(row.created_at) for row in kept}
    if quarter:
        wanted = format_fiscal_quarter(parse_fiscal_quarter(quarter))
        outside = [row for row in kept if quarters[row.touchpoints_id] != wanted]
        if outside:
            spans = sorted(set(quarters.values()))
            result.errors = (RowError(outside[0].row, "Created at", _(
                "--quarter %(quarter)s does not hold %(outside)s of the file's %(rows)s "
                "responses (the file spans %(spans)s; first outside: row %(row)s, %(when)s "
                "UTC). Leave out --quarter to import each row into its own quarter.") % {
                "quarter": wanted, "outside": number_format(len(outside), force_grouping=True),
                "rows": number_format(len(kept), force_grouping=True),
                "spans": ", ".join(spans), "row": outside[0].row,
                "when": f"{long_date(outside[0].created_at, 'UTC')}, "
                        f"{clock(outside[0].created_at, 'UTC')}"}),)
            return result
    known = _known(survey, list(quarters))
    new: list[tuple[CombinedRow, dict]] = []
    errors: list[RowError] = []
    check = _Validator(instrument)
    for row in kept:
        clean, problems = check(answers_of(row.response))
        if problems:
            errors.extend(RowError(row.row, question, e.message(current_language()))
                          for question, found in problems.items() for e in found)
            continue
        bucket = result.quarters.setdefault(quarters[row.touchpoints_id], QuarterImport())
        if row.touchpoints_id in known:
            submitted_at, stored = known[row.touchpoints_id]
            if submitted_at == row.created_at and stored == _jsonable(clean):
                bucket.already += 1
            else:
                result.changed.append(row.touchpoints_id)
            continue
        bucket.imported += 1
        bucket.archived += row.archived
        new.append((row, clean))
    if errors:
        result.errors = tuple(errors)
        result.quarters = {}
        return result
    if not dry_run:
        _store_imported(survey, new, channel, language, quarters, progress)
    return result


KNOWN_CHUNK = 5000  # ids per look-up: far below SQLite's limit on bound parameters


def _known(survey: Survey, external_ids: list[str]) -> dict[str, tuple[datetime, dict]]:
    """The survey's responses already imported under these ids: id -> (time, answers)."""
    known = {}
    for start in range(0, len(external_ids), KNOWN_CHUNK):
        known.update((external_id, (submitted_at, answers)) for external_id, submitted_at,
                     answers in Response.objects.filter(
                         survey=survey,
                         external_id__in=external_ids[start:start + KNOWN_CHUNK]).values_list(
                         "external_id", "submitted_at", "answers"))
    return known


class _Validator:
    """`validate_answers` for many rows of one instrument, worked out once per set of answers
    that differ only in their comments (an import has a few hundred such sets in 30,000 rows).
    A comment is checked for length here; one over the limit goes through the full check."""

    def __init__(self, instrument) -> None:
        self.instrument = instrument
        self.texts = tuple(q.id for q in instrument.questions if q.type == "textarea")
        self.seen: dict[tuple, tuple[dict, dict]] = {}

    def __call__(self, answers: dict) -> tuple[dict, dict]:
        texts = {question_id: answers[question_id] for question_id in self.texts
                 if isinstance(answers.get(question_id), str) and answers[question_id].strip()}
        if any(len(text.strip()) > self.instrument.comment_max_chars
               for text in texts.values()):
            return validate_answers(self.instrument, answers)
        try:
            key = tuple(sorted((question_id, tuple(value) if isinstance(value, list) else value)
                               for question_id, value in answers.items()
                               if question_id not in texts)), tuple(sorted(texts))
            hash(key)
        except TypeError:  # an answer that is neither a value nor a list of values
            return validate_answers(self.instrument, answers)
        found = self.seen.get(key)
        if found is None:
            found = validate_answers(self.instrument, {**answers, **dict.fromkeys(texts, "x")})
            if len(self.seen) < 10_000:
                self.seen[key] = found
        clean, problems = found
        clean = dict(clean)
        for question_id, text in texts.items():
            if question_id in clean:
                clean[question_id] = text.strip()
        return clean, problems


def _jsonable(clean: dict) -> dict:
    return json.loads(json.dumps(clean))


def fiscal_quarter_of(moment: datetime) -> str:
    """The fiscal quarter of a Touchpoints Created at, read in UTC as Touchpoints writes it."""
    return format_fiscal_quarter(fiscal_quarter(moment.astimezone(UTC).date()))


IMPORT_BATCH = 2000


@dataclass(frozen=True)
class ImportedResponse:
    """One checked response from another system, ready to store (comments already redacted)."""

    survey: Survey
    external_id: str
    submitted_at: datetime
    fiscal_quarter: str
    channel: str
    language: str
    answers: dict
    redactions: int = 0


def store_imported(items: list[ImportedResponse], progress=None) -> None:
    """Store checked responses in one transaction: multi-row inserts of responses and their
    comments (tagged here), and each rollup cell counted once per batch through the metrics
    API (responses with the same answers are counted together)."""
    texts: dict[int, tuple[str, ...]] = {}  # survey -> its comment questions
    surveys: dict[int, Survey] = {}
    with transaction.atomic():
        for start in range(0, len(items), IMPORT_BATCH):
            batch = items[start:start + IMPORT_BATCH]
            ids = _insert_responses(batch)
            comments = []
            groups: dict[tuple, int] = {}  # (key, survey, answers but comments) -> responses
            for pk, item in zip(ids, batch, strict=True):
                survey = item.survey
                if survey.pk not in texts:
                    texts[survey.pk] = tuple(q.id for q in survey.instrument.questions
                                             if q.type == "textarea")
                answers = item.answers
                for question_id in texts[survey.pk]:
                    text = answers.get(question_id)
                    if text:
                        tags = tag_comment(text)
                        comments.append((
                            pk, question_id, text, item.redactions, tags.sentiment.score,
                            tags.sentiment.label, json.dumps(sorted(tags.topics)), "[]", False))
                signature = tuple((question_id, tuple(value) if isinstance(value, list)
                                   else value) for question_id, value in answers.items()
                                  if question_id not in texts[survey.pk])
                group = (CellKey(survey.service_id, item.channel, item.fiscal_quarter,
                                 item.language), survey.pk, signature)
                groups[group] = groups.get(group, 0) + 1
                surveys[survey.pk] = survey
            _insert_rows(Comment, _COMMENT_COLUMNS, comments)
            cells: dict[CellKey, list] = {}
            for (key, survey_pk, signature), n in groups.items():
                answer_cells = cells_for_answers(surveys[survey_pk].instrument, dict(signature))
                cells.setdefault(key, []).extend(
                    (metric, {name: amount * n for name, amount in counts.items()})
                    for metric, counts in response_cells(answer_cells))
            for key, key_cells in cells.items():
                rollups.add(key, key_cells)
            if progress:
                progress(len(batch))


_RESPONSE_COLUMNS = ("survey_id", "service_id", "channel", "fiscal_quarter", "language",
                     "answers", "source", "submitted_at", "external_id")
_COMMENT_COLUMNS = ("response_id", "question_id", "text", "redactions", "sentiment",
                    "sentiment_label", "topics", "analyst_tags", "flagged")


def _rows_per_statement(columns: int) -> int:
    """How many rows one multi-row INSERT can carry under SQLite's limit on bound
    parameters (read from the connection)."""
    connection.ensure_connection()
    limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return max(1, min(1000, limit // columns))


def _array_type(model, column: str) -> str:
    field = next(f for f in model._meta.concrete_fields if f.column == column)
    if field.is_relation:
        return field.target_field.rel_db_type(connection)
    return field.db_type(connection)


def _insert_rows(model, columns: tuple[str, ...], rows: list[tuple],
                 returning: tuple[str, ...] = ()) -> list[tuple]:
    """Insert `rows` (values in `columns` order, JSON as text) in few statements; with
    `returning`, those columns of the new rows. The ORM's bulk_create spends most of an
    import's time preparing values field by field, so values go in as they are:
    PostgreSQL takes the whole batch as one array per column (`INSERT … SELECT FROM
    unnest(…)`: nine parameters, however many rows); SQLite takes multi-row
    `INSERT … VALUES (…), (…)` statements as large as its parameter limit allows."""
    table = model._meta.db_table
    back = f" RETURNING {', '.join(returning)}" if returning else ""
    out: list[tuple] = []
    if not rows:
        return out
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            arrays = ", ".join(f"%s::{_array_type(model, c)}[]" for c in columns)
            # Only constant names are formatted in; every value is a bound parameter.
            sql = (f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
                   f"SELECT * FROM unnest({arrays}){back}")
            cursor.execute(sql, [list(column) for column in zip(*rows, strict=True)])
            return cursor.fetchall() if returning else out
        one = "(" + ", ".join(["%s"] * len(columns)) + ")"
        per = _rows_per_statement(len(columns))
        for start in range(0, len(rows), per):
            chunk = rows[start:start + per]
            sql = (f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
                   f"VALUES {', '.join([one] * len(chunk))}{back}")
            cursor.execute(sql, [value for row in chunk for value in row])
            if returning:
                out.extend(cursor.fetchall())
    return out


def _insert_responses(batch: list[ImportedResponse]) -> list[int]:
    """Insert a batch of responses; their new ids, in the batch's order. Each response is
    found again by its survey and external id (unique together), so the database may return
    the rows in any order. Rows without an external id go through bulk_create."""
    if not connection.features.can_return_rows_from_bulk_insert or not all(
            item.external_id for item in batch):
        return [r.pk for r in Response.objects.bulk_create([Response(
            survey=item.survey, service_id=item.survey.service_id, channel=item.channel,
            fiscal_quarter=item.fiscal_quarter, language=item.language, answers=item.answers,
            source=Response.Source.IMPORT, submitted_at=item.submitted_at,
            external_id=item.external_id) for item in batch])]
    adapt = connection.ops.adapt_datetimefield_value
    source = Response.Source.IMPORT.value
    rows = [(item.survey.pk, item.survey.service_id, item.channel, item.fiscal_quarter,
             item.language, json.dumps(item.answers), source, adapt(item.submitted_at),
             item.external_id) for item in batch]
    ids = {(survey_id, external_id): pk for pk, survey_id, external_id in _insert_rows(
        Response, _RESPONSE_COLUMNS, rows, returning=("id", "survey_id", "external_id"))}
    return [ids[item.survey.pk, item.external_id] for item in batch]


def _store_imported(survey: Survey, new: list, channel: str, language: str,
                    quarters: dict[str, str], progress) -> None:
    store_imported([ImportedResponse(
        survey, row.touchpoints_id, row.created_at, quarters[row.touchpoints_id], channel,
        language, clean, sum(row.response.redactions.values())) for row, clean in new],
        progress)


# --- Volumes another system counted -------------------------------------------------------

VOLUME_SOURCE = "feedback: quarterly volumes"
VOLUME_METRICS = {"served": SERVED, "offered": OFFERED}


def set_quarter_volumes(service: Service, channel: str, quarter: str, *,
                        served: int | None = None, offered: int | None = None) -> dict[str, int]:
    """Record the customers served and the surveys offered in a quarter as another system
    counted them (Touchpoints' volume_of_customers and
    volume_of_customers_provided_survey_opportunity), so imported quarters have response
    rates. Entering a figure again replaces the earlier entry (the difference is counted
    through the metrics API); what Civic CX counted itself is kept beside it.
    Returns the change per volume."""
    fiscal = format_fiscal_quarter(parse_fiscal_quarter(quarter))
    if channel not in Channel.values:
        raise ValueError(_("Unknown channel %(channel)s; use one of %(channels)s.") % {
            "channel": repr(channel), "channels": ", ".join(Channel.values)})
    key = CellKey(service.pk, channel, fiscal, "en")
    changes: dict[str, int] = {}
    rows = []
    for name, value in (("served", served), ("offered", offered)):
        if value is None:
            continue
        if value < 0:
            raise ValueError(_("A volume cannot be negative (%(value)s).") % {"value": value})
        entered = ExternalCount.objects.filter(
            service=service, channel=channel, fiscal_quarter=fiscal,
            metric=VOLUME_METRICS[name], source=VOLUME_SOURCE).aggregate(n=Sum("c1"))["n"] or 0
        if value != entered:
            changes[name] = value - entered
            rows.append((key, VOLUME_METRICS[name], {"c1": value - entered}))
    if rows:
        rollups.record_external_counts(rows, source=VOLUME_SOURCE)
    return changes
