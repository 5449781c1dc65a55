"""Help center analytics for editors: what people search for, what they find, which articles
help, and how many searches end without a call or a visit.

Every figure is one ORM aggregate (COUNT, COUNT DISTINCT, AVG, MAX, EXISTS) grouped by plain
columns or by `TruncDate`/`TruncWeek` in the site's time zone, so SQLite and PostgreSQL give the
same numbers; shares, intervals and ordering ties are settled in Python.

Definitions (the page repeats them in words):
- a *search* is one `SearchLog` row whose time falls in the period (and language, if chosen);
- a *search visit* is a distinct `visit` id among those searches (one browser session);
- *click-through* is the share of searches whose person opened one of the results;
- a visit is *escalated* when the same visit asked for a callback or booked a walk-in visit at
  or after one of its searches in the period (the escalation itself may fall after the period);
  those steps are recorded on the spine by the phone and walk-in apps (`services.VisitStep`);
  *deflection* is the share of search visits that were not escalated;
- *helpfulness* is the share of "Was this page helpful?" votes answering yes, per translation
  (an article in one language), with a 95% Wilson interval.

For one service (the metrics registry's per-service figures, e.g. a service's progress report)
a search belongs to the services of the article it led to: the result its person opened, or,
if none, the top result shown; a vote belongs to its article's services. An article about two
services counts for both. A search with no result led to no article and belongs to no service:
it counts for the whole help center only, so the services' figures need not add up to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Avg, Count, Exists, F, Max, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate, TruncWeek
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from civiccx.core.languages import language_codes
from civiccx.help.models import Article, SearchLog, Translation, Vote
from civiccx.metrics.registry import FigureValue, Period
from civiccx.metrics.statistics import Interval, wilson_interval
from civiccx.services.models import Channel, VisitStep

CHANNEL_LABELS = {Channel.PHONE.value: _("Callback requests"),
                  Channel.IN_PERSON.value: _("Walk-in visits booked")}
CLICKED = ~Q(clicked_slug="")
COMMENTS_PER_ARTICLE = 3


@dataclass(frozen=True)
class Filters:
    period: Period
    language: str = ""  # "" for every language
    min_searches: int = 10  # a query needs this many searches to count as low-click
    max_ctr_percent: int = 20  # ... and a click-through below this
    min_votes: int = 10  # a translation needs this many votes to be judged
    max_helpful_percent: int = 60  # ... and a yes share below this to be listed
    service_id: int | None = None  # only searches and votes on this service's articles

    def searches(self) -> QuerySet:
        rows = SearchLog.objects.filter(at__gte=self.period.start, at__lt=self.period.end)
        if self.service_id is not None:
            slugs = Article.objects.filter(services=self.service_id).values("slug")
            rows = rows.filter(Q(clicked_slug__in=slugs)
                               | Q(clicked_slug="", top_slug__in=slugs))
        return rows.filter(language=self.language) if self.language else rows

    def votes(self) -> QuerySet:
        rows = Vote.objects.filter(at__gte=self.period.start, at__lt=self.period.end)
        if self.service_id is not None:
            rows = rows.filter(translation__article__services=self.service_id)
        return rows.filter(translation__language=self.language) if self.language else rows


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class Headline:
    searches: int
    visits: int
    zero_result: int
    clicked: int
    escalated_visits: int
    escalations: dict[str, int]
    votes: int
    helpful_votes: int

    @property
    def zero_result_share(self) -> float | None:
        return _share(self.zero_result, self.searches)

    @property
    def click_through(self) -> float | None:
        return _share(self.clicked, self.searches)

    @property
    def deflection(self) -> float | None:
        if not self.visits:
            return None
        return (self.visits - self.escalated_visits) / self.visits

    @property
    def deflection_interval(self) -> Interval | None:
        """The 95% Wilson interval of the week's deflection; None for a week with no visits."""
        return wilson_interval(self.visits - self.escalated_visits, self.visits)

    @property
    def helpful_share(self) -> float | None:
        return _share(self.helpful_votes, self.votes)

    @property
    def helpful_interval(self):
        return wilson_interval(self.helpful_votes, self.votes)

    @property
    def escalation_rows(self) -> list[tuple[str, str, int]]:
        return [(channel, str(label), self.escalations.get(channel, 0))
                for channel, label in CHANNEL_LABELS.items()]


def _escalated(searches: QuerySet) -> QuerySet:
    """Each search, marked when its visit asked for a person at or after it."""
    later = VisitStep.objects.filter(visit=OuterRef("visit"), at__gte=OuterRef("at"))
    return searches.annotate(escalated=Exists(later))


def _escalations_after(searches: QuerySet) -> QuerySet:
    """Escalations that followed a search of the period in the same visit."""
    earlier = searches.filter(visit=OuterRef("visit"), at__lte=OuterRef("at"))
    return VisitStep.objects.filter(Exists(earlier))


def headline(filters: Filters) -> Headline:
    searches = filters.searches()
    figures = _escalated(searches).aggregate(
        searches=Count("id"), visits=Count("visit", distinct=True),
        zero_result=Count("id", filter=Q(results=0)), clicked=Count("id", filter=CLICKED),
        escalated_visits=Count("visit", distinct=True, filter=Q(escalated=True)))
    by_channel = dict(_escalations_after(searches).values_list("channel")
                      .annotate(n=Count("id")).order_by())
    votes = filters.votes().aggregate(votes=Count("id"),
                                      helpful_votes=Count("id", filter=Q(helpful=True)))
    return Headline(**figures, escalations=by_channel, **votes)


@dataclass
class QueryRow:
    """One normalized query's searches in the period."""

    query: str
    searches: int
    visits: int
    clicks: int
    mean_results: float
    last_seen: datetime

    @property
    def click_through(self) -> float:
        return self.clicks / self.searches


def _query_rows(searches: QuerySet) -> QuerySet:
    return (searches.values("normalized")
            .annotate(n=Count("id"), visits=Count("visit", distinct=True),
                      clicks=Count("id", filter=CLICKED), mean_results=Avg("results"),
                      last_seen=Max("at"))
            .order_by())


def _row(values: dict) -> QueryRow:
    return QueryRow(values["normalized"], values["n"], values["visits"], values["clicks"],
                    float(values["mean_results"] or 0), values["last_seen"])


def top_queries(filters: Filters, limit: int | None = 25) -> list[QueryRow]:
    """The most searched queries, most searches first."""
    grouped = _query_rows(filters.searches()).order_by("-n", "-last_seen", "normalized")
    rows = [_row(values) for values in (grouped[:limit] if limit else grouped)]
    rows.sort(key=lambda row: (-row.searches, -row.last_seen.timestamp(), row.query))
    return rows


def zero_result_queries(filters: Filters, limit: int | None = 25) -> list[QueryRow]:
    """Queries that found nothing, most often first: what editors might write next."""
    grouped = (_query_rows(filters.searches().filter(results=0))
               .order_by("-n", "-last_seen", "normalized"))
    rows = [_row(values) for values in (grouped[:limit] if limit else grouped)]
    rows.sort(key=lambda row: (-row.searches, -row.last_seen.timestamp(), row.query))
    return rows


def low_click_queries(filters: Filters, limit: int | None = 25) -> list[QueryRow]:
    """Queries that found results, searched at least `min_searches` times, whose
    click-through is below `max_ctr_percent`: results people do not think answer them.
    Lowest click-through first, then the most searched."""
    grouped = (_query_rows(filters.searches().filter(results__gt=0))
               .filter(n__gte=filters.min_searches)
               .alias(clicks_x100=F("clicks") * 100)
               .filter(clicks_x100__lt=F("n") * filters.max_ctr_percent))
    rows = [_row(values) for values in grouped]
    rows.sort(key=lambda row: (row.clicks * 1_000_000 // row.searches, -row.searches,
                               row.query))
    return rows[:limit] if limit else rows


@dataclass
class ArticleRow:
    """One translation's helpfulness votes in the period."""

    slug: str
    language: str
    title: str
    votes: int
    helpful: int
    url: str | None = None
    clearly_low: bool = False  # even the top of the 95% interval is below the threshold
    comments: list[tuple[datetime, str]] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.helpful / self.votes

    @property
    def interval(self):
        return wilson_interval(self.helpful, self.votes)


def article_url(slug: str, language: str) -> str | None:
    """The public page of an article, if the public help pages are installed."""
    with translation.override(language):
        for kwargs in ({"args": [slug]}, {"kwargs": {"slug": slug}}):
            try:
                return reverse("help:article", **kwargs)
            except NoReverseMatch:
                continue
    return None


def low_helpfulness(filters: Filters, limit: int | None = 20) -> list[ArticleRow]:
    """Translations with at least `min_votes` votes whose yes share is below
    `max_helpful_percent`, those we are surest are unhelpful (lowest top of the 95% interval)
    first, with their latest comments."""
    votes = filters.votes()
    grouped = (votes.values("translation")
               .annotate(n=Count("id"), yes=Count("id", filter=Q(helpful=True)))
               .filter(n__gte=filters.min_votes).order_by())
    tallies = {values["translation"]: (values["n"], values["yes"]) for values in grouped
               if values["yes"] * 100 < filters.max_helpful_percent * values["n"]}
    translations = (Translation.objects.filter(pk__in=tallies)
                    .select_related("article", "live", "working"))
    rows = {}
    for item in translations:
        n, yes = tallies[item.pk]
        revision = item.live or item.working
        rows[item.pk] = ArticleRow(item.article.slug, item.language,
                                   revision.title if revision else item.article.slug, n, yes,
                                   article_url(item.article.slug, item.language))
        rows[item.pk].clearly_low = (rows[item.pk].interval.high * 100
                                     < filters.max_helpful_percent)
    ordered = sorted(rows.items(), key=lambda pair: (
        pair[1].interval.high, pair[1].share, -pair[1].votes, pair[1].slug, pair[1].language))
    ordered = ordered[:limit] if limit else ordered
    wanted = {pk for pk, _row in ordered}
    comments = (votes.filter(translation_id__in=wanted).exclude(comment="")
                .order_by("-at", "-pk").values_list("translation_id", "at", "comment"))
    for translation_id, at, comment in comments.iterator():
        row = rows[translation_id]
        if len(row.comments) < COMMENTS_PER_ARTICLE:
            row.comments.append((at, comment))
    return [row for _pk, row in ordered]


@dataclass
class DayRow:
    day: date
    searches: int
    zero_result: int


def searches_by_day(filters: Filters) -> list[DayRow]:
    """Searches and zero-result searches on each day of the period, zeros included."""
    grouped = (filters.searches().annotate(day=TruncDate("at")).values("day")
               .annotate(n=Count("id"), zero=Count("id", filter=Q(results=0))).order_by())
    counts = {values["day"]: (values["n"], values["zero"]) for values in grouped}
    return [DayRow(day, *counts.get(day, (0, 0))) for day in filters.period.days]


@dataclass
class WeekRow:
    week: date  # the Monday the week starts on (the period may cut the first and last week)
    visits: int
    escalated_visits: int

    @property
    def deflection(self) -> float | None:
        if not self.visits:
            return None
        return (self.visits - self.escalated_visits) / self.visits

    @property
    def deflection_interval(self) -> Interval | None:
        """The 95% Wilson interval of the week's deflection; None for a week with no visits."""
        return wilson_interval(self.visits - self.escalated_visits, self.visits)


def deflection_by_week(filters: Filters) -> list[WeekRow]:
    """Search visits per week and how many went on to a callback or a booked visit. A visit
    that searched on both sides of a Monday midnight counts in both weeks."""
    grouped = (_escalated(filters.searches()).annotate(week=TruncWeek("at")).values("week")
               .annotate(visits=Count("visit", distinct=True),
                         escalated_visits=Count("visit", distinct=True,
                                                filter=Q(escalated=True)))
               .order_by())
    counts = {_as_date(values["week"]): (values["visits"], values["escalated_visits"])
              for values in grouped}
    first = filters.period.first_day - timedelta(days=filters.period.first_day.weekday())
    weeks = []
    while first <= filters.period.last_day:
        weeks.append(WeekRow(first, *counts.get(first, (0, 0))))
        first += timedelta(days=7)
    return weeks


def _as_date(value) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


# Operational figures for the metrics registry (declared in HelpConfig.ready) --------------


def deflection_figure(period: Period, service_id: int | None = None) -> list[FigureValue]:
    """Share of search visits that did not go on to a callback or a booked visit, in all and
    per language. For one service, the visits counted are those with a search that led to one
    of its articles (opened, or else the top result); searches with no result belong to no
    service and count only for the whole help center."""
    values = []
    for language in ("", *language_codes()):
        figures = headline(Filters(period, language=language, service_id=service_id))
        values.append(FigureValue(figures.deflection, figures.visits, language))
    return values


def helpful_figure(period: Period, service_id: int | None = None) -> list[FigureValue]:
    """Share of "Was this page helpful?" votes answering yes, in all and per language; for one
    service, votes on its articles only."""
    values = []
    for language in ("", *language_codes()):
        votes = Filters(period, language=language, service_id=service_id).votes().aggregate(
            n=Count("id"), yes=Count("id", filter=Q(helpful=True)))
        values.append(FigureValue(_share(votes["yes"], votes["n"]), votes["n"], language))
    return values
