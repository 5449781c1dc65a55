"""The feedback app's part of `civiccx seed_demo`: surveys, sampling rules, and a year of
responses with a visible story: after callbacks launch (fiscal Q2), phone customers find the
service easier and faster, and trust follows.

Most services ask the A-11 v2 form (trust, thumbs up or down, then what went well). The
payments program still asks the classic form, a 1-5 answer for every driver, so the dashboard
has a score for each of them: on its phone line employee helpfulness too, on the web none (no
employee served them). Its waits grow in the filing season, and efficiency and ease sag there.

Responses are generated in bulk, so 200,000 take seconds; their rollups are rebuilt from them
by the metrics app's demo step. The customers served and surveys offered around them have no
raw rows here, so they are stored as external counts: surveys offered from a response rate
that varies by channel and season (`response_rate`), three customers served per survey offered.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from civiccx.core.fiscal import fiscal_quarter, format_fiscal_quarter, iter_fiscal_quarters
from civiccx.feedback.comment_tags import tag_comment
from civiccx.feedback.instruments import validate_answers
from civiccx.feedback.models import Comment, Response, SamplingRule, Survey
from civiccx.metrics.rollups import OFFERED, SERVED, CellKey, record_external_counts
from civiccx.services.models import Channel, Service

SURVEYS = [("phone-assistance", Channel.PHONE), ("walk-in-assistance", Channel.IN_PERSON),
           ("individual-filing", Channel.WEB), ("direct-file", Channel.WEB),
           ("help-center", Channel.WEB), ("payments", Channel.WEB), ("payments", Channel.PHONE)]
CLASSIC = {"payments"}
"""Services whose surveys are the classic A-11 form (a 1-5 answer per driver)."""
INDICATORS = ["effectiveness", "ease", "efficiency", "transparency", "humanity", "employee"]
# How often a customer ticks each indicator as having gone well (thumbs up) or not (thumbs
# down). Shaped like published A-11 results: people who trusted the service credit getting what
# they came for and the staff; people who did not mostly blame the wait and unclear steps.
WENT_WELL = {"effectiveness": 0.62, "ease": 0.47, "efficiency": 0.36, "transparency": 0.40,
             "humanity": 0.31, "employee": 0.55}
NOT_WELL = {"effectiveness": 0.37, "ease": 0.33, "efficiency": 0.58, "transparency": 0.45,
            "humanity": 0.17, "employee": 0.21}
COMMENTS = {
    True: ["The callback came when they said it would. No more hold music!",
           "Quick and easy, thank you.", "The agent was patient and explained everything.",
           "Direct File was simple and I understood every number.",
           "Me devolvieron la llamada a tiempo. Muy amables.", "Fácil y rápido, gracias."],
    False: ["I waited too long and the call dropped.", "The website kept timing out.",
            "Nobody could tell me where my refund is.", "Too many steps to verify my identity.",
            "Esperé demasiado tiempo y nadie me ayudó.", "No entendí la carta que recibí."],
}


def _trust_probability(slug: str, channel: str, quarter_index: int) -> float:
    base = {"phone-assistance": 0.55, "walk-in-assistance": 0.72, "individual-filing": 0.66,
            "direct-file": 0.86, "help-center": 0.6}[slug]
    if slug == "phone-assistance" and quarter_index >= 1:  # callbacks launched in Q2
        base += 0.08 * min(quarter_index, 3)
    return min(base, 0.95)


BASE_RESPONSE_RATE = {Channel.PHONE: 0.26, Channel.IN_PERSON: 0.34, Channel.WEB: 0.09}
"""Share of surveys offered that come back: an IVR survey after a call, a text after a visit,
an intercept on the web (an order of magnitude less)."""
SEASON_FACTOR = {1: 1.1, 2: 0.8, 3: 0.9, 4: 1.05}
"""Per fiscal quarter (Oct-Dec, Jan-Mar, Apr-Jun, Jul-Sep): fewer people answer a survey in
the busy filing season, more in the quiet months after it."""


CLASSIC_MEANS = {"satisfaction": 3.9, "trust": 3.6, "effectiveness": 3.8, "ease": 3.6,
                 "efficiency": 3.5, "transparency": 4.0, "employee": 4.2}
"""The classic form's typical answer per driver (out of 5), before the season's effect."""
CLASSIC_SEASON = {2: {"efficiency": -0.5, "ease": -0.3, "satisfaction": -0.2},
                  3: {"efficiency": -0.2}}
"""Per fiscal quarter: in the filing season (Q2) the payments line's waits are longest."""
CLASSIC_SKIPPED = {"satisfaction": 0.03, "trust": 0.03, "transparency": 0.1}
"""How often a driver's question is left blank (every classic question is optional)."""


def classic_answers(rng: random.Random, channel: str, quarter: int) -> dict:
    """One person's classic A-11 answers: one mood for the whole visit and some noise per
    question, so the drivers move together as real answers do. Employee helpfulness only where
    an employee served them."""
    mood = rng.gauss(0, 0.8)
    season = CLASSIC_SEASON.get(quarter, {})
    answers = {}
    for driver, mean in CLASSIC_MEANS.items():
        if driver == "employee" and channel == Channel.WEB:
            continue
        if rng.random() < CLASSIC_SKIPPED.get(driver, 0.05):
            continue
        score = round(mean + season.get(driver, 0) + mood + rng.gauss(0, 0.6))
        answers[driver] = min(5, max(1, score))
    if not answers:
        answers["satisfaction"] = min(5, max(1, round(CLASSIC_MEANS["satisfaction"] + mood)))
    return answers


def response_rate(slug: str, channel: str, quarter) -> float:
    """The demo's response rate for one service, channel and fiscal quarter: by channel and
    season, with a stable wobble of a few points per service and quarter."""
    wobble = random.Random(f"{slug}/{channel}/{format_fiscal_quarter(quarter)}").uniform(
        -0.03, 0.03)
    rate = BASE_RESPONSE_RATE[channel] * SEASON_FACTOR[quarter.quarter] + wobble
    return max(0.03, round(rate, 3))


def seed(options, progress) -> list[str]:
    surveys = _surveys()
    target = options.get("responses", 200_000)
    existing = Response.objects.count()
    if existing < target:
        _responses(surveys, target - existing, progress)
    survey = surveys[("phone-assistance", Channel.PHONE)]
    return [f"Feedback: {Response.objects.count():,} survey responses; try the phone survey "
            f"at /feedback/phone-assistance/phone/ or embed survey {survey.pk} with "
            "/static/feedback/embed.js.", ""]


@transaction.atomic
def _surveys() -> dict[tuple[str, str], Survey]:
    surveys = {}
    for slug, channel in SURVEYS:
        service = Service.objects.get(slug=slug)
        survey, _ = Survey.objects.get_or_create(
            service=service, channel=channel,
            instrument_name="a11_classic" if slug in CLASSIC else "a11_v2",
            defaults={"omb_control_number": "1505-0000",
                      "omb_expiration_date": datetime(2028, 6, 30).date()})
        surveys[(slug, channel)] = survey
        if channel != Channel.WEB:
            SamplingRule.objects.get_or_create(service=service, defaults={
                "survey": survey, "rate": 0.25, "cap_days": 90})
    return surveys


def _responses(surveys: dict, count: int, progress) -> None:
    rng = random.Random(20240415 + count)
    today = timezone.localdate()
    quarters = list(iter_fiscal_quarters(fiscal_quarter(today - timedelta(days=365)),
                                         fiscal_quarter(today)))
    weights = {("phone-assistance", Channel.PHONE): 30, ("walk-in-assistance",
               Channel.IN_PERSON): 12, ("individual-filing", Channel.WEB): 25,
               ("direct-file", Channel.WEB): 10, ("help-center", Channel.WEB): 15,
               ("payments", Channel.WEB): 8, ("payments", Channel.PHONE): 5}
    keys = list(surveys)
    key_weights = [weights[k] for k in keys]
    volumes: Counter = Counter()
    task = progress.add_task("Survey responses", total=count)
    batch: list[Response] = []
    comments: list[tuple[int, str, str]] = []
    start_day = today - timedelta(days=364)
    for number in range(count):
        key = rng.choices(keys, key_weights)[0]
        survey = surveys[key]
        day = start_day + timedelta(days=rng.randrange(365))
        quarter = format_fiscal_quarter(fiscal_quarter(day))
        q_index = next(i for i, q in enumerate(quarters) if format_fiscal_quarter(q) == quarter)
        language = "es" if rng.random() < 0.14 else "en"
        if key[0] in CLASSIC:
            answers, comment = _classic_response(rng, survey, key[1], fiscal_quarter(day))
        else:
            answers, comment = _v2_response(rng, key, q_index)
        if comment:
            comments.append((len(batch), *comment))
        cell = CellKey(survey.service_id, key[1], quarter, language)
        offered = 1 / response_rate(key[0], key[1], fiscal_quarter(day))
        volumes[(cell, OFFERED)] += offered
        volumes[(cell, SERVED)] += offered * 3  # one in three customers is offered a survey
        moment = timezone.make_aware(datetime.combine(day, time(9)) + timedelta(
            minutes=rng.randrange(480)))
        batch.append(Response(survey=survey, service_id=survey.service_id, channel=key[1],
                              fiscal_quarter=quarter, language=language, answers=answers,
                              source=Response.Source.INVITATION, submitted_at=moment))
        if len(batch) == 5000 or number == count - 1:
            _flush(batch, comments)
            progress.advance(task, len(batch))
            batch, comments = [], []
    record_external_counts(((cell, metric, {"c1": round(n)})
                            for (cell, metric), n in volumes.items()),
                           source="demo: volumes around the demo responses")


def _v2_response(rng: random.Random, key: tuple[str, str], q_index: int):
    """A-11 v2 answers (thumbs, then what went well or not) and the comment, if any, as
    (question id, text)."""
    up = rng.random() < _trust_probability(key[0], key[1], q_index)
    chances = WENT_WELL if up else NOT_WELL
    staffed = key[1] != "web"  # no employee to thank or blame on a web page
    ticks = [name for name in INDICATORS
             if rng.random() < chances[name] and (staffed or name != "employee")]
    if key[0] == "phone-assistance" and q_index >= 1:
        ticks = sorted(set(ticks) | ({"ease", "efficiency"} if up and rng.random() < 0.5
                                     else set()))
    answers: dict = {"question_1": int(up)}
    if ticks:
        answers["question_2" if up else "question_3"] = ticks
    comment = None
    if rng.random() < 0.06:
        comment = ("question_4", rng.choice(COMMENTS[up]))
        answers["question_4"] = comment[1]
    return answers, comment


def _classic_response(rng: random.Random, survey: Survey, channel: str, quarter):
    """Classic answers, checked by the instrument's own rules as the survey page checks them."""
    answers = classic_answers(rng, channel, quarter.quarter)
    comment = None
    if rng.random() < 0.06:
        pleased = sum(answers.values()) / len(answers) >= 3.5
        comment = ("comments_service", rng.choice(COMMENTS[pleased]))
        answers["comments_service"] = comment[1]
    clean, errors = validate_answers(survey.instrument, answers)
    if errors:
        raise ValueError(f"demo answers the {survey} would refuse: {errors}")
    return clean, comment


def _flush(batch: list[Response], comments: list[tuple[int, str, str]]) -> None:
    with transaction.atomic():
        created = Response.objects.bulk_create(batch)
        if created and created[0].pk is None:  # backends that return no ids
            created = list(Response.objects.order_by("-pk")[:len(batch)])[::-1]
        rows = []
        for index, question_id, text in comments:
            tags = tag_comment(text)
            rows.append(Comment(response=created[index], question_id=question_id, text=text,
                                sentiment=tags.sentiment.score,
                                sentiment_label=tags.sentiment.label,
                                topics=sorted(tags.topics)))
        Comment.objects.bulk_create(rows)
