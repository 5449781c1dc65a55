"""Filing-season statistics: what each status change adds to the rollups (through the metrics
API, in the same transaction as the change), how to recount them from raw rows (a rollup
source, so `civiccx metrics rebuild` recomputes them), and the season's figures read back.

Cells: the Direct File service, the web channel, the fiscal quarter of the change and the
filer's language; one metric per measure, named `df<tax year>:<measure>`:

- `received`  c1 returns received (first submissions), c2 submissions (with resubmissions)
- `decided`   c1 submissions decided, c2 accepted, c3 rejected
- `refund`    c0 refunds approved, c1 accepted returns with a refund, c2 their refunds in
              cents, c3 refunds sent, c4 cents sent
- `owed`      c1 accepted returns with a balance due, c2 cents owed
- `reject:<code>`  c1 rejections carrying that code
- `week:<nn>` c1 returns received, c2 accepted, c3 rejected, c4 refunds, c5 refund cents, by
              week of the season (week 1 starts January 1 after the tax year)
- `state:<xx>`  the same five counts by the filer's state
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone

from civiccx.directfile.models import ReturnStatus, SubmissionEvent
from civiccx.metrics.registry import (
    FigureValue,
    QuarterSpan,
    register_figure,
    register_rollup_source,
)
from civiccx.metrics.rollups import CellKey, Counts, add, key_at, read_cells
from civiccx.services.models import Channel, Service

SERVICE = "direct-file"
CHANNEL = Channel.WEB


def week_of_season(tax_year: int, at: datetime) -> int:
    """Week 1 is January 1-7 of the year after the tax year; earlier days are week 0."""
    day = timezone.localdate(at) if timezone.is_aware(at) else at.date()
    return max(0, (day - date(tax_year + 1, 1, 1)).days // 7 + 1)


def cells(status: str, *, tax_year: int, number: int, refund_cents: int, owed_cents: int,
          state: str, at: datetime, codes=()) -> list[tuple[str, Counts]]:
    """The rollup cells one status change adds to."""
    p = f"df{tax_year}:"
    where = [f"{p}week:{week_of_season(tax_year, at):02d}"]
    if state:
        where.append(f"{p}state:{state[:2].upper()}")
    first = 1 if number == 1 else 0
    if status == ReturnStatus.SUBMITTED:
        return [(f"{p}received", {"c1": first, "c2": 1}),
                *((w, {"c1": first}) for w in where)]
    if status == ReturnStatus.ACCEPTED:
        refund = {"c4": 1, "c5": refund_cents} if refund_cents > 0 else {}
        out = [(f"{p}decided", {"c1": 1, "c2": 1}), *((w, {"c2": 1, **refund}) for w in where)]
        if refund_cents > 0:
            out.append((f"{p}refund", {"c1": 1, "c2": refund_cents}))
        return out
    if status == ReturnStatus.REJECTED:
        return [(f"{p}decided", {"c1": 1, "c3": 1}), *((w, {"c3": 1}) for w in where),
                *((f"{p}reject:{code}"[:40], {"c1": 1}) for code in codes)]
    if status == ReturnStatus.REFUND_APPROVED:
        return [(f"{p}refund", {"c0": 1})]
    if status == ReturnStatus.REFUND_SENT:
        return [(f"{p}refund", {"c3": 1, "c4": refund_cents})]
    if status == ReturnStatus.PAYMENT_DUE:
        return [(f"{p}owed", {"c1": 1, "c2": owed_cents})]
    return []


def _service_id() -> int | None:
    return Service.objects.filter(slug=SERVICE).values_list("pk", flat=True).first()


def count(tax_return, submission, status: str, at: datetime, codes=()) -> None:
    """Add one status change to the season's rollups (call inside its transaction)."""
    service_id = _service_id()
    if service_id is None:
        return
    key = key_at(service_id=service_id, channel=CHANNEL, language=submission.language, at=at)
    add(key, cells(status, tax_year=tax_return.tax_year, number=submission.number,
                   refund_cents=submission.refund_cents, owed_cents=submission.owed_cents,
                   state=_state(submission), at=at, codes=codes))


def _state(submission) -> str:
    return submission.snapshot["answers"].get("/address/state") or ""


# --- the rollup source: recount from the event log ---------------------------------------

def _events():
    return SubmissionEvent.objects.exclude(status=ReturnStatus.IN_PROGRESS)


def season_quarters() -> list[str]:
    return QuarterSpan.covering(_events(), "at") if _service_id() else []


def season_counts(span: QuarterSpan) -> Iterator[tuple[CellKey, str, Counts]]:
    service_id = _service_id()
    if service_id is None:
        return
    events = (_events().filter(at__gte=span.start, at__lt=span.end)
              .select_related("submission__tax_return").order_by("pk"))
    states: dict[int, str] = {}
    for event in events.iterator(chunk_size=2000):
        submission = event.submission
        if submission.pk not in states:
            states[submission.pk] = _state(submission)
        key = CellKey(service_id, CHANNEL, span.quarter, submission.language)
        for metric, counts in cells(event.status, tax_year=submission.tax_return.tax_year,
                                    number=submission.number,
                                    refund_cents=submission.refund_cents,
                                    owed_cents=submission.owed_cents,
                                    state=states[submission.pk], at=event.at,
                                    codes=event.codes):
            yield key, metric, counts


def _period_events(period):
    return _events().filter(at__gte=period.start, at__lt=period.end)


def read_returns_received(period) -> list[FigureValue]:
    """Returns received (first submissions) in the period."""
    n = _period_events(period).filter(status=ReturnStatus.SUBMITTED,
                                      submission__number=1).count()
    return [FigureValue(float(n), n)]


def read_processed_share(period) -> list[FigureValue]:
    """Of the submissions received in the period, the share already accepted or rejected."""
    received = _period_events(period).filter(status=ReturnStatus.SUBMITTED)
    n = received.count()
    decided = SubmissionEvent.objects.filter(
        submission__in=received.values("submission"),
        status__in=(ReturnStatus.ACCEPTED, ReturnStatus.REJECTED)).count()
    return [FigureValue(decided / n if n else None, n)]


# --- the funnel: anonymous steps, counted as they happen ----------------------------------

FUNNEL_PREFIX = "dffunnel:"  # all tax years (and the checker's start, before a year is chosen)
# The steps shown, each with the event kinds that count for it.
FUNNEL_STEPS = (
    ("checker_started", ("checker_started",)),
    ("checker_finished", ("checker_eligible", "checker_not_eligible")),
    ("return_started", ("return_started",)),
    ("submitted", ("submitted",)),
    ("accepted", ("accepted",)),
)
_STEP_KINDS = {k for _s, kinds in FUNNEL_STEPS for k in kinds}


def funnel_prefix(tax_year: int | None = None) -> str:
    """The funnel's metric prefix: all tax years, or one (`dff2024:`)."""
    return FUNNEL_PREFIX if tax_year is None else f"dff{tax_year}:"


def funnel_cells(kind: str, code: str, tax_year: int | None = None
                 ) -> list[tuple[str, Counts]]:
    """The cells one funnel event adds to: its kind, and for a completed interview section
    the section (where people stop is where the next section is never completed), for a
    reason the checker found the visit out of scope the reason; once for
    all tax years and once for the event's tax year, when it has one (the checker's start
    has none: the year is chosen on its first screen). A resubmission and a rejection's code
    are not steps of their own."""
    if kind == "submitted" and code:
        return []
    if kind in _STEP_KINDS:
        name = kind
    elif kind == "section_completed":
        name = f"section:{code}"
    elif kind == "checker_reason":
        name = f"reason:{code}"
    else:
        return []
    prefixes = [FUNNEL_PREFIX] + ([funnel_prefix(tax_year)] if tax_year else [])
    return [(f"{prefix}{name}"[:40], {"c1": 1}) for prefix in prefixes]


def count_funnel(event) -> None:
    service_id = _service_id()
    cells_ = funnel_cells(event.kind, event.code, event.tax_year)
    if service_id is None or not cells_:
        return
    add(key_at(service_id=service_id, channel=CHANNEL, language=event.language, at=event.at),
        cells_)


def funnel_quarters() -> list[str]:
    from civiccx.directfile.models import FunnelEvent

    return QuarterSpan.covering(FunnelEvent.objects.all(), "at") if _service_id() else []


def funnel_counts(span: QuarterSpan) -> Iterator[tuple[CellKey, str, Counts]]:
    from django.db.models import Count

    from civiccx.directfile.models import FunnelEvent

    service_id = _service_id()
    if service_id is None:
        return
    rows = (FunnelEvent.objects.filter(at__gte=span.start, at__lt=span.end)
            .values_list("kind", "code", "tax_year", "language").annotate(n=Count("pk"))
            .order_by())
    for kind, code, tax_year, language, n in rows:
        for metric, counts in funnel_cells(kind, code, tax_year):
            yield (CellKey(service_id, CHANNEL, span.quarter, language), metric,
                   {name: value * n for name, value in counts.items()})


def read_funnel(tax_year: int | None = None
                ) -> tuple[list[tuple[str, int | None, float | None]], dict[str, int]]:
    """The funnel's steps with their counts and the share kept from the step before, and
    completed interview sections by count: all seasons, or one tax year's (whose checker
    start is None, not known by year)."""
    prefix = funnel_prefix(tax_year)
    cells_ = read_cells({"metric__startswith": prefix}, group_by=())
    metrics = cells_.get((), {})
    got = {m[len(prefix):]: c[1] for m, c in metrics.items()}
    steps, before = [], None
    for step, kinds in FUNNEL_STEPS:
        n = None if tax_year is not None and step == "checker_started" else \
            sum(got.get(k, 0) for k in kinds)
        steps.append((step, n, n / before if before and n is not None else None))
        before = n
    sections = {k.partition(":")[2]: n for k, n in got.items() if k.startswith("section:")}
    return steps, dict(sorted(sections.items(), key=lambda kv: -kv[1]))


def read_checker_reasons(tax_year: int | None = None) -> tuple[int, dict[str, int]]:
    """The people the checker found out of scope, and per reason how many of them had it (a
    person may have several reasons, so the reasons add up to more than the people; each
    reason's share is of the people), most common first: all seasons, or one tax year's."""
    from civiccx.taxengine import CATALOGUE

    prefix = funnel_prefix(tax_year)
    metrics = read_cells({"metric__startswith": prefix}, group_by=()).get((), {})
    people = metrics.get(f"{prefix}checker_not_eligible", (0, 0))[1]
    # a metric name is cut at 40 characters: read each known reason's cut name back
    codes = {f"{prefix}reason:{code}"[:40]: code
             for code in ("state", "multi-state", *(k.code for k in CATALOGUE.knockouts))}
    reasons: dict[str, int] = {}
    for metric, counts in metrics.items():
        if metric.startswith(f"{prefix}reason:"):
            code = codes.get(metric, metric[len(prefix) + len("reason:"):])
            reasons[code] = reasons.get(code, 0) + counts[1]
    return people, dict(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])))


def funnel_years() -> list[int]:
    """Tax years with funnel counts, latest first."""
    from civiccx.metrics.models import Rollup

    names = (Rollup.objects.filter(metric__startswith="dff").exclude(
        metric__startswith=FUNNEL_PREFIX).values_list("metric", flat=True).distinct())
    return sorted({int(n[3:7]) for n in names if n[3:7].isdigit()}, reverse=True)


def read_funnel_completion(period) -> list[FigureValue]:
    """Of the returns started in the period, how many were submitted in it (funnel events,
    first submissions): for all tax years, then for each tax year (group "TY2024")."""
    from django.db.models import Count

    from civiccx.directfile.models import FunnelEvent

    rows = (FunnelEvent.objects.filter(at__gte=period.start, at__lt=period.end,
                                       kind__in=("return_started", "submitted"))
            .exclude(kind="submitted", code__gt="")
            .values_list("tax_year", "kind").annotate(n=Count("pk")).order_by())
    started: dict[int | None, int] = {}
    submitted: dict[int | None, int] = {}
    for year, kind, n in rows:
        into = started if kind == "return_started" else submitted
        into[year] = into.get(year, 0) + n

    def value(year=None) -> FigureValue:
        s = sum(started.values()) if year is None else started.get(year, 0)
        done = sum(submitted.values()) if year is None else submitted.get(year, 0)
        return FigureValue(done / s if s else None, s, f"TY{year}" if year else "")

    return [value(), *(value(y) for y in sorted({*started, *submitted} - {None}))]


def for_service(read, unit: str):
    """A season figure read for one service: every return and funnel step is the Direct File
    service's customer's, so for that service the figure is the whole one, and for any other
    there is nothing (a count of 0, a share with no value)."""
    def read_service(period, service_id: int) -> list[FigureValue]:
        if service_id == _service_id():
            return read(period)
        return [FigureValue(0.0 if unit == "count" else None, 0)]

    return read_service


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    register_rollup_source("directfile.season", quarters=season_quarters,
                           counts=season_counts)
    register_rollup_source("directfile.funnel", quarters=funnel_quarters,
                           counts=funnel_counts)
    register_figure("directfile.returns_received", title=_("Direct File returns received"),
                    unit="count", read=read_returns_received,
                    read_service=for_service(read_returns_received, "count"))
    register_figure("directfile.processed_share",
                    title=_("Direct File submissions processed"), unit="share",
                    read=read_processed_share,
                    read_service=for_service(read_processed_share, "share"),
                    description=_("Of the submissions received in the period, the share "
                                  "accepted or rejected so far."))
    register_figure("directfile.return_completion",
                    title=_("Direct File returns submitted per return started"), unit="share",
                    read=read_funnel_completion,
                    read_service=for_service(read_funnel_completion, "share"),
                    description=_("Funnel events in the period: returns submitted for the "
                                  "first time over returns started, for all tax years and "
                                  "for each."))


# --- reading the season back -------------------------------------------------------------

@dataclass
class Season:
    """One tax year's filing season, summed from the rollups."""

    tax_year: int
    returns_received: int = 0
    submissions_received: int = 0
    decided: int = 0
    accepted: int = 0
    rejected: int = 0
    refunds: int = 0
    refund_cents: int = 0
    refunds_approved: int = 0
    refunds_sent: int = 0
    refund_cents_sent: int = 0
    owing: int = 0
    owed_cents: int = 0
    reject_codes: dict[str, int] = field(default_factory=dict)
    weeks: dict[int, tuple[int, ...]] = field(default_factory=dict)
    states: dict[str, tuple[int, ...]] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)

    @property
    def processed_share(self) -> float | None:
        """Submissions decided (accepted or rejected) over submissions received."""
        return self.decided / self.submissions_received if self.submissions_received else None

    @property
    def average_refund_cents(self) -> int | None:
        return round(self.refund_cents / self.refunds) if self.refunds else None

    @property
    def waiting(self) -> int:
        return self.submissions_received - self.decided


def read_season(tax_year: int) -> Season:
    """The season's statistics from the rollups: a few hundred cells whatever the volume."""
    prefix = f"df{tax_year}:"
    season = Season(tax_year)
    by_language = read_cells({"metric__startswith": prefix}, group_by=("language",))
    for (language,), metrics in by_language.items():
        for metric, c in metrics.items():
            name = metric[len(prefix):]
            if name == "received":
                season.returns_received += c[1]
                season.submissions_received += c[2]
                season.languages[language] = season.languages.get(language, 0) + c[1]
            elif name == "decided":
                season.decided += c[1]
                season.accepted += c[2]
                season.rejected += c[3]
            elif name == "refund":
                season.refunds_approved += c[0]
                season.refunds += c[1]
                season.refund_cents += c[2]
                season.refunds_sent += c[3]
                season.refund_cents_sent += c[4]
            elif name == "owed":
                season.owing += c[1]
                season.owed_cents += c[2]
            elif name.startswith("reject:"):
                code = name.partition(":")[2]
                season.reject_codes[code] = season.reject_codes.get(code, 0) + c[1]
            elif name.startswith("week:"):
                week = int(name.partition(":")[2])
                season.weeks[week] = _plus(season.weeks.get(week), c[1:])
            elif name.startswith("state:"):
                state = name.partition(":")[2]
                season.states[state] = _plus(season.states.get(state), c[1:])
    season.weeks = dict(sorted(season.weeks.items()))
    season.states = dict(sorted(season.states.items()))
    season.reject_codes = dict(sorted(season.reject_codes.items(), key=lambda kv: (-kv[1],
                                                                                   kv[0])))
    return season


def _plus(a: tuple[int, ...] | None, b) -> tuple[int, ...]:
    return tuple(b) if a is None else tuple(x + y for x, y in zip(a, b, strict=True))


def seasons() -> list[int]:
    """Tax years with statistics, latest first."""
    from civiccx.metrics.models import Rollup

    names = (Rollup.objects.filter(Q(metric__startswith="df") & Q(metric__endswith=":received"))
             .values_list("metric", flat=True).distinct())
    return sorted({int(n[2:6]) for n in names if n[2:6].isdigit()}, reverse=True)


def change(now: int | None, before: int | None) -> float | None:
    """Relative change from last season (0.06 for +6%)."""
    if now is None or not before:
        return None
    return now / before - 1
