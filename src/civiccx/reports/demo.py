"""The reports app's part of `civiccx seed_demo` (after metrics has rebuilt the rollups): the
CX capacity self-assessments of three years, commitments (one delivered, one withdrawn with
its reason), quotes with and without public consent, and for each demo service reported on,
published reports for the two quarters before this one and a draft for the current quarter.

The other apps' demo rows cover the last weeks only, so the phone line's, the walk-in
centers' and the help center's figures for the quarters before are recorded as history
reported from outside (`metrics.registry.record_reported_figures`, source `HISTORY`), as an
agency would import its earlier systems' quarterly statistics: a past report then shows the
same figures as the current draft, each with its trend. Direct File's figures get no such
history: its season statistics page would not show it, and the report must agree with it.
Idempotent: what exists is left as it is."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from civiccx.core.fiscal import parse_fiscal_quarter
from civiccx.metrics.models import ReportedFigure
from civiccx.metrics.registry import Period, read_figure, record_reported_figures
from civiccx.metrics.rollups import quarter_of
from civiccx.reports import building
from civiccx.reports.figures import catalog, resolve, trend_quarters
from civiccx.reports.models import (
    CapacityAssessment,
    Commitment,
    ProgressReport,
    Quote,
)
from civiccx.services.models import Service

OWNER = "Office of Taxpayer Experience"
SPINE = ("services.served", "services.resolved_share")  # this service's customers only
REPORTED = {
    "phone-assistance": (
        "a11.trust",
        *SPINE,
        "phone.service_level",
        "phone.answer_minutes",
        "phone.estimate_error_minutes",
    ),
    "walk-in-assistance": (
        "a11.trust",
        *SPINE,
        "walkin.wait_minutes",
        "walkin.estimate_error_minutes",
    ),
    "help-center": ("a11.trust", *SPINE, "help.deflection", "help.helpful_share"),
    # Direct File's season statistics, registered by directfile (issue #13)
    "direct-file": (
        "a11.trust",
        *SPINE,
        "directfile.returns_received",
        "directfile.processed_share",
    ),
}
HISTORY = "demo: quarterly statistics of the systems before Civic CX (synthetic)"
# figure -> (the service it is recorded for, values oldest quarter first, observations)
PAST_FIGURES = {
    "phone.service_level": ("phone-assistance", (0.52, 0.55, 0.58, 0.61, 0.64),
                            (9400, 8800, 12100, 10300, 9700)),
    "phone.answer_minutes": ("phone-assistance", (14.2, 13.1, 12.4, 11.0, 10.2),
                             (9400, 8800, 12100, 10300, 9700)),
    "phone.estimate_error_minutes": ("phone-assistance", (6.1, 5.8, 5.2, 4.9, 4.4),
                                     (8500, 7900, 10900, 9300, 8700)),
    "walkin.wait_minutes": ("walk-in-assistance", (38.5, 36.0, 33.2, 31.5, 29.8),
                            (4100, 3900, 5200, 4700, 4300)),
    "walkin.estimate_error_minutes": ("walk-in-assistance", (9.4, 8.8, 8.1, 7.5, 7.0),
                                      (3600, 3400, 4600, 4100, 3800)),
    "help.deflection": ("help-center", (0.81, 0.83, 0.84, 0.86, 0.87),
                        (15200, 14100, 22800, 17600, 16300)),
    "help.helpful_share": ("help-center", (0.55, 0.56, 0.58, 0.59, 0.6),
                           (1500, 1400, 2100, 1800, 1700)),
}
LEARNED = {
    "direct-file": (
        "Filers who checked their eligibility first rarely stopped partway through the "
        "interview; most returns were processed within a day.",
        "Quienes revisaron primero si podían usar Direct File rara vez abandonaron la "
        "entrevista; la mayoría de las declaraciones se procesaron en un día.",
    ),
    "phone-assistance": (
        "Offering a callback instead of a hold kept more callers with us, and trust rose "
        "where callers were called back when we said we would.",
        "Ofrecer una devolución de llamada en lugar de esperar en línea mantuvo a más personas "
        "con nosotros, y la confianza subió cuando les llamamos cuando dijimos que lo haríamos.",
    ),
    "help-center": (
        "Most people who searched the help center found their answer without calling or "
        "visiting. Articles about refunds were the most often marked as not helpful.",
        "La mayoría de las personas que buscaron en el centro de ayuda encontraron su respuesta "
        "sin llamar ni visitarnos. Los artículos sobre reembolsos fueron los que más se "
        "marcaron como poco útiles.",
    ),
    "walk-in-assistance": (
        "Visitors who booked ahead waited less than those who walked in. Wait estimates on "
        "the lobby display were close to the real waits.",
        "Quienes hicieron una cita esperaron menos que quienes llegaron sin cita. Los tiempos "
        "de espera estimados en la pantalla del vestíbulo se acercaron a los reales.",
    ),
}
QUOTES = {
    "direct-file": (
        "Filing took less time than I expected, and every question made sense.",
        "Presentar me tomó menos tiempo del que esperaba, y cada pregunta tenía sentido.",
    ),
    "phone-assistance": (
        "They called me back when they said they would, and fixed it in one call.",
        "Me llamaron cuando dijeron que lo harían y lo resolvieron en una llamada.",
    ),
    "walk-in-assistance": (
        "My appointment started on time and the person at the counter explained every step.",
        "Mi cita empezó a tiempo y la persona en la ventanilla me explicó cada paso.",
    ),
    "help-center": (
        "The article answered my question in plain words; I did not need to call.",
        "El artículo respondió mi pregunta con palabras sencillas; no tuve que llamar.",
    ),
}
NEXT = (
    "We will add Saturday hours in the busiest centers during filing season.",
    "Agregaremos horario los sábados en los centros con más visitas durante la temporada "
    "de impuestos.",
)
# The services whose latest quarter also has a report for partners and one for employees.
AUDIENCE_REPORTS = ("phone-assistance",)
AUDIENCE_NEXT = {
    "partners": (
        "We will send partner organizations the callback schedule each month of the filing "
        "season, so the people you help know when to expect our call.",
        "Enviaremos a las organizaciones asociadas el calendario de devoluciones de llamada "
        "cada mes de la temporada de impuestos, para que las personas a quienes ayudan sepan "
        "cuándo esperar nuestra llamada.",
    ),
    "employees": (
        "Representatives asked for a shorter script for callbacks; the new one is in the "
        "workspace, and your comments on it go to the CX council.",
        "Los representantes pidieron un guion más corto para las devoluciones de llamada; el "
        "nuevo está en el espacio de trabajo y sus comentarios llegan al consejo de CX.",
    ),
}
CAPACITY = {  # fiscal year offset from the current one -> domain -> score
    -2: {"measurement": 2, "governance": 2, "culture": 1, "research": 1, "design": 2},
    -1: {"measurement": 3, "governance": 2, "culture": 2, "research": 2, "design": 2},
    0: {"measurement": 3, "governance": 3, "culture": 2, "research": 3, "design": 3},
}


def _user(username: str):
    return get_user_model().objects.filter(username=username).first()


def seed(options, progress) -> list[str]:
    today = timezone.localdate()
    current = parse_fiscal_quarter(quarter_of(timezone.now()))
    published_quarters = [str(current.previous().previous()), str(current.previous())]
    analyst, publisher = _user("cx-analyst"), _user("report-publisher")
    with transaction.atomic():
        _capacity(current.year)
        services = {s.slug: s for s in Service.objects.filter(slug__in=REPORTED)}
        _history(services, trend_quarters(published_quarters[-1], 5))
        for service in services.values():
            _commitments(service, published_quarters[0], str(current), analyst, today)
            _quotes(service, published_quarters)
    known = {choice.key for choice in catalog()}
    for slug, service in services.items():
        keys = tuple(k for k in REPORTED[slug] if k in known)
        for quarter in published_quarters:
            # a past quarter's report references the figures that have data in it (all but
            # Direct File's out of its filing season: see _history)
            with_data = tuple(k for k in keys if resolve(k, service.pk, quarter).n)
            audiences = [ProgressReport.Audience.PUBLIC]
            if slug in AUDIENCE_REPORTS and quarter == published_quarters[-1]:
                audiences += [ProgressReport.Audience.PARTNERS, ProgressReport.Audience.EMPLOYEES]
            for audience in audiences:
                _publish(service, quarter, with_data, audience, analyst, publisher)
        building.draft_report(service, str(current), analyst, keys=keys)
    return [
        f"Reports: published progress reports for {', '.join(published_quarters)} and "
        f"drafts for {current}, at /performance/ (sign in as cx-analyst to edit a draft, "
        "report-publisher to publish it); for partners at /performance/partners/ and for "
        "employees at /staff/performance/.",
        "",
    ]


def _publish(service, quarter: str, keys: tuple, audience: str, analyst, publisher) -> None:
    report = building.draft_report(service, quarter, analyst, keys=keys, audience=audience)
    if report.state == ProgressReport.State.DRAFT:
        report.learned, report.learned_es = LEARNED[service.slug]
        report.next_steps, report.next_steps_es = NEXT
        if audience in AUDIENCE_NEXT:
            report.next_steps, report.next_steps_es = AUDIENCE_NEXT[audience]
        report.save()
        report = building.submit(report, analyst)
    if report.state == ProgressReport.State.SUBMITTED:
        report = building.publish(report, publisher)
        # as the agency would: a few days after the quarter closed, not thirty
        closed = parse_fiscal_quarter(quarter).end + timedelta(days=4)
        ProgressReport.objects.filter(pk=report.pk).update(
            published_at=timezone.make_aware(datetime.combine(closed, time(10)))
        )


def _history(services: dict, quarters: list[str]) -> None:
    """Past quarters' operational figures, where the apps' own demo rows have none."""
    rows = []
    known = {choice.key for choice in catalog()}
    for key, (slug, values, observations) in PAST_FIGURES.items():
        if key not in known or slug not in services:
            continue
        for quarter, value, n in zip(quarters, values, observations, strict=True):
            if ReportedFigure.objects.filter(key=key, fiscal_quarter=quarter).exists():
                continue
            if read_figure(key, Period.of_quarter(quarter))[0].n:
                continue  # the app has its own rows for this quarter
            rows.append((key, services[slug].pk, quarter, value, n))
    record_reported_figures(rows, source=HISTORY)


def _capacity(year: int) -> None:
    for offset, scores in CAPACITY.items():
        for domain, score in scores.items():
            CapacityAssessment.objects.get_or_create(
                fiscal_year=year + offset,
                domain=domain,
                defaults={
                    "score": score,
                    "note": "Scored by the CX council against OMB's capacity domains.",
                    "note_es": "Puntuado por el consejo de CX según los ámbitos de la OMB.",
                },
            )


def _commitments(service, baseline: str, current: str, analyst, today) -> None:
    if Commitment.objects.filter(service=service).exists():
        return
    made = timezone.now() - timedelta(days=200)
    due = str(parse_fiscal_quarter(current).next().next())
    trust = Commitment.objects.create(
        service=service,
        metric="a11.trust",
        baseline_quarter=baseline,
        target=0.75,
        due_quarter=due,
        owner=OWNER,
        created_at=made,
        title="Raise customers' trust after they use this service",
        title_es="Aumentar la confianza después de usar este servicio",
    )
    trust.record_made(analyst, at=made)
    if service.slug == "walk-in-assistance":
        withdrawn = Commitment.objects.create(
            service=service,
            metric="walkin.wait_minutes",
            baseline_quarter=baseline,
            target=15,
            due_quarter=current,
            owner=OWNER,
            created_at=made,
            title="Cut the average wait for walk-in visitors",
            title_es="Reducir la espera promedio de quienes llegan sin cita",
        )
        withdrawn.record_made(analyst, at=made)
        withdrawn.withdraw(
            analyst,
            "Replaced by appointments for every visit: the wait for "
            "visitors with an appointment is now the measure.",
        )
        withdrawn.save()
    elif service.slug == "phone-assistance":
        missed = Commitment.objects.create(
            service=service,
            metric="phone.service_level",
            baseline_quarter=baseline,
            target=0.8,
            due_quarter=current,
            owner=OWNER,
            created_at=made,
            title="Answer most calls within the service level",
            title_es="Atender la mayoría de las llamadas dentro del nivel de servicio",
        )
        missed.record_made(analyst, at=made)
        missed.miss(
            analyst,
            "Callbacks launched on every queue, but the line is still short "
            "of staff; the season staffing plan adds agents before January.",
        )
        missed.save()
    elif service.slug == "help-center":
        delivered = Commitment.objects.create(
            service=service,
            metric="help.deflection",
            baseline_quarter=baseline,
            target=0.8,
            due_quarter=current,
            owner=OWNER,
            created_at=made,
            title="Help most people who search find their answer without calling",
            title_es="Que la mayoría de quienes buscan encuentren su respuesta sin llamar",
        )
        delivered.record_made(analyst, at=made)
        delivered.deliver(analyst, "Search now understands everyday words for tax terms.")
        delivered.save()


def _quotes(service, quarters: list[str]) -> None:
    if Quote.objects.filter(service=service).exists():
        return
    said, said_es = QUOTES[service.slug]
    for quarter in quarters:
        Quote.objects.create(
            service=service, quarter=quarter, public_consent=True, text=said, text_es=said_es
        )
        Quote.objects.create(  # no consent: never published
            service=service,
            quarter=quarter,
            public_consent=False,
            text="My name is Maria Lopez, call me at 555-201-3344 about my refund.",
        )
