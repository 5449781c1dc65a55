"""What the public reads, built in one place for the pages and for the PII scan that guards
publishing: a page is published only if its rendered text, in every site language, holds
nothing the platform's redactor (`core.redaction`) would redact and no participant's name."""

from __future__ import annotations

import re
from html import unescape

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from civiccx.core.languages import language_codes
from civiccx.core.redaction import redact
from civiccx.research.models import LifeExperience, ParticipantVault, Persona

_TAGS = re.compile(r"<[^>]+>")


def public_quotes(queryset) -> list:
    """Only passages whose speaker agreed to public quotation and has not withdrawn."""
    return [h for h in queryset.select_related("session__participant__consent")
            if h.publicly_quotable]


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def persona_context(persona: Persona) -> dict:
    return {"persona": persona, "quotes": public_quotes(persona.quotes.all()),
            "insights": list(persona.insights.all())}


def service_figures(service) -> dict | None:
    """The latest quarter's figures for a service, read through the metrics API: people served
    and, when surveyed, the A-11 trust score (share who agree)."""
    from civiccx.metrics.rollups import read_scores
    from civiccx.research.metric_chart import agree_share

    by_quarter = read_scores({"service": service})
    if not by_quarter:
        return None
    (quarter,), scores = max(by_quarter.items())
    agree, answered = agree_share(scores, "trust")
    # "1,063" in both languages, as IRS.gov/es writes numbers (Django's es locale would not)
    return {"quarter": quarter, "served": f"{scores.served:,}",
            "trust": round(100 * agree / answered) if answered else None}


def journey_phases(life: LifeExperience) -> list[tuple[str, list]]:
    phases: list[tuple[str, list]] = []
    figures: dict[int, dict | None] = {}
    for step in life.steps.prefetch_related("services"):
        for service in step.services.all():
            if service.pk not in figures:
                figures[service.pk] = service_figures(service)
        step.figures = [(service, figures[service.pk]) for service in step.services.all()]
        phase = step.phase_es if translation.get_language() == "es" and step.phase_es else (
            step.phase)
        if not phases or phases[-1][0] != phase:
            phases.append((phase, []))
        phases[-1][1].append(step)
    return phases


def life_experience_context(life: LifeExperience) -> dict:
    from civiccx.research.scope import research_scope

    return {"life": life, "phases": journey_phases(life),
            "personas": life.personas.filter(state=Persona.State.PUBLISHED),
            "quote": life.pull_quote if life.pull_quote and life.pull_quote.publicly_quotable
            else None,
            "insights": list(life.insights.all()), "scope": research_scope(life),
            "emotion_chart": emotion_chart(life)}


def emotion_chart(life: LifeExperience):
    from django.utils.translation import gettext as _

    from civiccx.charts import Series, line_chart

    steps = list(life.steps.all())
    if len(steps) < 2:
        return None
    spanish = translation.get_language() == "es"
    names = [(s.title_es if spanish and s.title_es else s.title) for s in steps]
    return line_chart(f"journey-emotion-{life.pk}", _("How people felt at each step"), names,
                      [Series(_("Feeling (−2 very bad to 2 very good)"),
                              [float(s.emotion) for s in steps])],
                      category_label=_("Step"), value_range=(-2, 2), include_zero=True,
                      summary=_("From the first step to the last, feelings go from %(first)s "
                                "to %(last)s on a scale of −2 to 2.")
                      % {"first": steps[0].emotion, "last": steps[-1].emotion})


def _body(kind: str, obj) -> str:
    if kind == "persona":
        return render_to_string("research/public/_persona_body.html", persona_context(obj))
    return render_to_string("research/public/_life_experience_body.html",
                            life_experience_context(obj))


def _participant_names(studies) -> list[str]:
    names = []
    for vault in ParticipantVault.objects.filter(participant__study__in=studies):
        names += [value for value in (vault.name, vault.email, vault.phone) if value]
    return names


def scan(kind: str, obj) -> list[str]:
    """What on the rendered page, in each language, looks like personal information."""
    if kind == "persona":
        studies = {h.session.study_id for h in obj.quotes.select_related("session")}
        studies |= set(obj.insights.values_list("study_id", flat=True))
    else:
        studies = set(obj.studies.values_list("pk", flat=True))
    known = _participant_names(studies)
    findings: set[str] = set()
    for language in language_codes():
        with translation.override(language):
            text = unescape(_TAGS.sub(" ", _body(kind, obj)))
        result = redact(text)
        findings |= {token for token, count in result.counts.items() if count}
        lowered = text.lower()
        if any(value.lower() in lowered for value in known):
            findings.add("participant's name or contact")
    return sorted(findings)


def refusal_after_edit(kind: str, obj) -> str:
    """A published page changes at once when it is edited: call this inside the editing
    transaction; it returns why the edit must be rolled back ("" when the page is clean)."""
    if obj.state != Persona.State.PUBLISHED:
        return ""
    findings = scan(kind, obj)
    if not findings:
        return ""
    from django.utils.translation import gettext as _

    return _("Not saved: the published page would show what looks like personal information "
             "(%(found)s).") % {"found": ", ".join(findings)}


@transaction.atomic
def publish(kind: str, obj) -> None:
    model = Persona if kind == "persona" else LifeExperience
    obj = model.objects.select_for_update().get(pk=obj.pk)
    obj.publish(scan(kind, obj))
    obj.save()
