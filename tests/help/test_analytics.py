"""The editors' search analytics on known rows. These run on SQLite and again on PostgreSQL
(scripts/run_tests.sh), so each figure is checked on both engines."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from civiccx.help.analytics import (
    Filters,
    Period,
    deflection_by_week,
    headline,
    low_click_queries,
    low_helpfulness,
    searches_by_day,
    top_queries,
    zero_result_queries,
)
from civiccx.help.models import SearchLog, Vote
from tests.help.factories import escalate, make_help_translation

pytestmark = pytest.mark.django_db

# Monday 4 to Sunday 10 March 2024, in the site's time zone (America/New_York; the clocks go
# forward on the 10th).
WEEK = Period(date(2024, 3, 4), date(2024, 3, 10))


def local(day: date, hour: int = 12, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def search(query, day=date(2024, 3, 5), *, results=5, clicked_rank=None, visit="a" * 32,
           language="en", at=None):
    return SearchLog.objects.create(
        query=query, normalized=" ".join(query.lower().split()), language=language,
        results=results, top_slug="some-article" if results else "",
        clicked_slug="some-article" if clicked_rank else "", clicked_rank=clicked_rank,
        visit=visit, at=at or local(day))


def searches(count, query, **kwargs):
    return [search(query, **kwargs) for _ in range(count)]


def vote(translation, helpful, *, comment="", day=date(2024, 3, 5), hour=12):
    return Vote.objects.create(translation=translation, helpful=helpful, comment=comment,
                               at=local(day, hour))


def test_top_queries_most_searched_first_with_results_and_click_through():
    searches(3, "Refund  Status", results=4, clicked_rank=1)
    searches(2, "refund status", results=6)
    searches(3, "payment plan", day=date(2024, 3, 5))
    searches(3, "w2", day=date(2024, 3, 7))  # as often as "payment plan", but more recent
    search("itin", results=2, clicked_rank=3)
    search("refund status", day=date(2024, 3, 3))  # the day before the period

    rows = top_queries(Filters(WEEK))

    assert [(row.query, row.searches) for row in rows] == [
        ("refund status", 5), ("w2", 3), ("payment plan", 3), ("itin", 1)]
    refund = rows[0]
    assert refund.clicks == 3 and refund.click_through == pytest.approx(0.6)
    assert refund.mean_results == pytest.approx(4.8)
    assert top_queries(Filters(WEEK), limit=2)[1].query == "w2"


def test_zero_result_queries_list_only_searches_that_found_nothing():
    searches(3, "crypto", results=0, day=date(2024, 3, 4))
    searches(3, "ITIN renewal", results=0, day=date(2024, 3, 8))
    search("amended return status", results=0)
    search("amended return status", results=2)  # found something this time
    searches(5, "refund status", results=7)

    rows = zero_result_queries(Filters(WEEK))

    assert [(row.query, row.searches) for row in rows] == [
        ("itin renewal", 3), ("crypto", 3), ("amended return status", 1)]
    assert timezone.localtime(rows[0].last_seen).date() == date(2024, 3, 8)


def test_headline_shares_of_zero_results_click_through_and_helpful_votes():
    searches(6, "refund", clicked_rank=1, visit="1" * 32)
    searches(2, "refund", clicked_rank=4, visit="2" * 32)
    searches(2, "crypto", results=0, visit="2" * 32)
    article = make_help_translation()
    for helpful in (True, True, True, False):
        vote(article, helpful)

    figures = headline(Filters(WEEK))

    assert (figures.searches, figures.visits, figures.zero_result, figures.clicked) == (
        10, 2, 2, 8)
    assert figures.zero_result_share == pytest.approx(0.2)
    assert figures.click_through == pytest.approx(0.8)
    assert figures.helpful_share == pytest.approx(0.75)
    assert figures.helpful_interval.low == pytest.approx(0.3006, abs=1e-4)


def test_an_empty_period_has_counts_of_zero_and_no_shares():
    figures = headline(Filters(WEEK))
    assert (figures.searches, figures.visits, figures.votes) == (0, 0, 0)
    assert figures.click_through is None and figures.deflection is None
    assert figures.helpful_share is None and figures.helpful_interval is None
    assert top_queries(Filters(WEEK)) == [] and low_helpfulness(Filters(WEEK)) == []


def test_low_click_queries_need_enough_searches_and_a_click_through_below_the_threshold():
    searches(9, "tax transcript", results=8)
    search("tax transcript", results=8, clicked_rank=2)  # 10 searches, 10%
    searches(8, "payment plan", results=3)
    searches(2, "payment plan", results=3, clicked_rank=1)  # 10 searches, exactly 20%
    searches(9, "ein", results=4)  # no clicks but too few searches
    searches(12, "crypto", results=0)  # found nothing: a zero-result query instead
    searches(12, "refund", results=9, clicked_rank=1)

    filters = Filters(WEEK, min_searches=10, max_ctr_percent=20)
    assert [(row.query, row.searches, row.clicks) for row in low_click_queries(filters)] == [
        ("tax transcript", 10, 1)]

    looser = Filters(WEEK, min_searches=9, max_ctr_percent=25)
    assert [row.query for row in low_click_queries(looser)] == [
        "ein", "tax transcript", "payment plan"]


def test_low_helpfulness_uses_min_votes_and_a_wilson_interval():
    low = make_help_translation("amend-a-return", title="Amend a return")
    middling = make_help_translation("payment-plans", title="Payment plans")
    good = make_help_translation("refund-status", title="Refund status")
    few = make_help_translation("itin", title="ITIN")
    for index in range(20):
        vote(low, index < 3)  # 3 of 20
        vote(good, index < 18)  # 18 of 20
    for index in range(40):
        vote(middling, index < 12)  # 12 of 40
    for index in range(5):
        vote(few, index < 1)  # 1 of 5: too few votes to judge
    vote(low, False, comment="Old: says nothing about [redacted phone]", day=date(2024, 3, 4))
    for day in (6, 7, 8):
        vote(low, False, comment=f"Comment of the {day}th", day=date(2024, 3, day))

    rows = low_helpfulness(Filters(WEEK, min_votes=10, max_helpful_percent=60))

    assert [(row.slug, row.votes, row.helpful) for row in rows] == [
        ("amend-a-return", 24, 3), ("payment-plans", 40, 12)]
    amend = rows[0]
    assert amend.title == "Amend a return"
    # Wilson 95% for 3 of 24: 4.3% to 31.0%.
    assert (amend.interval.low, amend.interval.high) == (
        pytest.approx(0.0434, abs=1e-4), pytest.approx(0.3100, abs=1e-4))
    assert amend.clearly_low
    assert [text for _at, text in amend.comments] == [
        "Comment of the 8th", "Comment of the 7th", "Comment of the 6th"]
    middling_row = rows[1]
    assert middling_row.interval.high == pytest.approx(0.4543, abs=1e-4)
    assert middling_row.comments == []

    stricter = Filters(WEEK, min_votes=30, max_helpful_percent=60)
    assert [row.slug for row in low_helpfulness(stricter)] == ["payment-plans"]


def test_deflection_is_the_share_of_search_visits_without_a_later_escalation():
    phone, walk_in, before, neither = "1" * 32, "2" * 32, "3" * 32, "4" * 32
    for visit in (phone, walk_in, before, neither):
        search("refund", visit=visit)
    search("refund", visit=phone, at=local(date(2024, 3, 5), 12, 5))
    when = local(date(2024, 3, 5), 12, 30)
    escalate(visit=phone, channel="phone", at=when)
    escalate(visit=phone, channel="phone", at=when + timedelta(minutes=5))
    escalate(visit=walk_in, channel="in_person", at=when)
    escalate(visit=before, channel="phone", at=local(date(2024, 3, 5), 9))
    escalate(visit="9" * 32, channel="phone", at=when)  # never searched

    figures = headline(Filters(WEEK))

    assert (figures.visits, figures.escalated_visits) == (4, 2)
    assert figures.deflection == pytest.approx(0.5)
    assert figures.escalations == {"phone": 2, "in_person": 1}
    assert [count for _channel, _label, count in figures.escalation_rows] == [2, 1]


def test_an_escalation_just_after_the_period_still_follows_its_search():
    visit = "5" * 32
    search("refund", visit=visit, at=local(date(2024, 3, 10), 23, 50))
    escalate(visit=visit, channel="phone", at=local(date(2024, 3, 11), 0, 5))
    assert headline(Filters(WEEK)).deflection == 0.0


def test_deflection_by_week_counts_visits_in_the_week_they_searched():
    period = Period(date(2024, 2, 28), date(2024, 3, 10))  # Wednesday to Sunday
    for number in range(4):
        search("refund", day=date(2024, 2, 29), visit=f"{number}" * 32)
    for number in range(5, 7):
        search("refund", day=date(2024, 3, 6), visit=f"{number}" * 32)
    escalate(visit="0" * 32, channel="phone", at=local(date(2024, 2, 29), 13))
    escalate(visit="5" * 32, channel="in_person",
                              at=local(date(2024, 3, 6), 13))
    escalate(visit="6" * 32, channel="phone", at=local(date(2024, 3, 6), 14))

    weeks = deflection_by_week(Filters(period))

    assert [(w.week, w.visits, w.escalated_visits) for w in weeks] == [
        (date(2024, 2, 26), 4, 1), (date(2024, 3, 4), 2, 2)]
    assert [w.deflection for w in weeks] == [pytest.approx(0.75), 0.0]


def test_days_follow_the_site_time_zone_and_the_period_keeps_whole_days():
    search("first", at=local(date(2024, 3, 4), 0, 0))
    search("late", at=local(date(2024, 3, 5), 23, 30))  # 04:30 on the 6th in UTC
    search("last", results=0, at=local(date(2024, 3, 10), 23, 59))
    search("after", at=local(date(2024, 3, 11), 0, 0))
    search("before", at=local(date(2024, 3, 3), 23, 59))

    rows = searches_by_day(Filters(WEEK))

    assert [(row.day.day, row.searches, row.zero_result) for row in rows] == [
        (4, 1, 0), (5, 1, 0), (6, 0, 0), (7, 0, 0), (8, 0, 0), (9, 0, 0), (10, 1, 1)]
    assert headline(Filters(WEEK)).searches == 3


def test_the_language_filter_applies_to_searches_escalations_and_votes():
    searches(3, "reembolso", language="es", visit="e" * 32, results=0)
    searches(2, "refund", language="en", visit="f" * 32)
    escalate(visit="e" * 32, channel="phone", at=local(date(2024, 3, 5), 13))
    spanish = make_help_translation("refund-status", "es", title="Estado del reembolso")
    english = make_help_translation("refund-status", "en", title="Refund status")
    for _ in range(10):
        vote(spanish, False)
        vote(english, True)

    english_only = Filters(WEEK, language="en")
    figures = headline(english_only)
    assert (figures.searches, figures.visits, figures.escalated_visits) == (2, 1, 0)
    assert figures.helpful_share == 1.0 and figures.escalations == {}
    assert zero_result_queries(english_only) == []
    assert low_helpfulness(english_only) == []

    spanish_only = Filters(WEEK, language="es")
    assert headline(spanish_only).deflection == 0.0
    assert [row.query for row in zero_result_queries(spanish_only)] == ["reembolso"]
    [row] = low_helpfulness(spanish_only)
    assert (row.language, row.title) == ("es", "Estado del reembolso")

    both = headline(Filters(WEEK))
    assert (both.searches, both.visits, both.votes) == (5, 2, 20)


def test_last_n_days_ends_today():
    period = Period.last(7, today=date(2024, 3, 10))
    assert (period.first_day, period.last_day) == (date(2024, 3, 4), date(2024, 3, 10))
    assert len(period.days) == 7
