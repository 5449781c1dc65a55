"""The research app's part of `civiccx seed_demo`: two small fictional studies (Tribal Nations'
experiences accessing federal grants; new parents claiming the child tax credit), coded and
turned into insights, and the "Having a child" life experience with two personas and a journey
map linked to the demo services, all published. Every name and story here is made up."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.db import transaction

from civiccx.research import publishing, services
from civiccx.research.models import (
    JourneyStep,
    LifeExperience,
    ParticipantVault,
    Persona,
    Study,
    StudyMember,
)
from civiccx.services.models import Service

GRANTS = "Tribal Nations' experiences accessing federal grants"
PARENTS = "New parents claiming the child tax credit"

# code -> (segment, state, language, quote publicly, vault name, affiliation)
GRANT_PEOPLE = [
    ("tribal grants officer", "SD", "en", True, "Lena Two Bulls", "Fictional Prairie Nation"),
    ("tribal grants officer", "AZ", "en", True, "Marcus Yazzie", "Fictional Canyon Nation"),
    ("tribal council member", "NM", "en", False, "Rose Chavez", "Fictional Mesa Pueblo"),
    ("nonprofit partner", "OK", "es", True, "Inés Castillo", "Fictional River Tribe"),
]
PARENT_PEOPLE = [
    ("first-time parent", "TX", "es", True, "Ana Morales", ""),
    ("first-time parent", "GA", "en", True, "Jamal Price", ""),
    ("parent of two", "OH", "en", True, "Kim Nguyen", ""),
    ("grandparent raising a child", "AZ", "en", False, "Betty Harjo", ""),
]

TRANSCRIPTS = Path(__file__).resolve().parent / "demo_transcripts"
GRANT_TRANSCRIPTS = [
    ('Interview: grant portal registration', 'grant-1.vtt'),
    ('Interview: reporting after the award', 'grant-2.txt'),
    ("Interview: a partner's view", 'grant-3.txt'),
]
PARENT_TRANSCRIPTS = [
    ('Interview: a first baby', 'parent-1.txt'),
    ('Interview: filing with a newborn', 'parent-2.txt'),
    ('Interview: two kids, one job change', 'parent-3.txt'),
]

# (session index, phrase, tag path)
GRANT_CODES = [
    (0, "Registering the tribe in the portal took us eleven weeks", "Access/Registration"),
    (0, "Every renewal asks for the same documents we sent last year", "Burden/Repeated asks"),
    (0, "the callback number they gave me never rang", "Access/Phone/Callback"),
    (0, "I drive ninety miles to the chapter house to upload forms", "Access/Connectivity"),
    (1, "The quarterly reports ask for the same numbers three different ways",
     "Burden/Repeated asks"),
    (1, "A program officer who knew our community made all the difference",
     "Trust/Relationships"),
    (1, "Nobody told us the deadline moved", "Trust/Communication"),
    (2, "Muchas personas mayores prefieren hablar en persona", "Access/In person"),
    (2, "Cuando el formulario está en inglés solamente", "Access/Language"),
]
PARENT_CODES = [
    (0, "Nadie me dijo que mi bebé necesitaba un número de Seguro Social",
     "Awareness/Newborn SSN"),
    (0, "la segunda vez me devolvieron la llamada y todo fue más fácil", "Access/Phone/Callback"),
    (1, "The checker told me right away I could use Direct File", "Bright spots/Direct File"),
    (1, "I didn't know if my daughter counted as a dependent", "Awareness/Dependents"),
    (1, "When the refund came early I finally trusted the process", "Trust/Refund"),
    (2, "the help articles answered every question I had", "Bright spots/Help center"),
    (2, "that second trip cost me a day of work", "Burden/Repeat visits"),
]


def _study(title, goal, questions, people, transcripts, codes, service_slugs):
    study = Study.objects.create(
        title=title, goal=goal, research_questions=questions,
        method=Study.Method.INTERVIEWS, pra_status=Study.PRA.EXEMPT,
        pra_reason="Fewer than 10 people were asked the same questions.",
        starts_on=date(2025, 9, 2), ends_on=None)
    study.services.set(Service.objects.filter(slug__in=service_slugs))
    participants = []
    for segment, state, language, public, name, affiliation in people:
        participant = services.add_participant(
            study, None, segment=segment, state=state, language=language,
            consent={"form_version": "2025-08", "quote_internally": True,
                     "quote_publicly": public, "record_media": True, "observers": public})
        ParticipantVault.objects.create(
            participant=participant, name=name, affiliation=affiliation,
            email=f"{name.split()[0].lower()}@example.org", compensation="$50 gift card, paid")
        participants.append(participant)
    sessions = []
    for index, (session_title, name) in enumerate(transcripts):
        session = services.upload_transcript(study, None, title=session_title, name=name,
                                             data=(TRANSCRIPTS / name).read_bytes(),
                                             participant=participants[index])
        session.redaction_confirmed = True
        session.notes = "Participant joined by video; recording consented."
        session.save()
        sessions.append(session)
    highlights = {}
    for index, phrase, tag in codes:
        session = sessions[index]
        start = session.transcript.index(phrase)
        highlights[phrase] = services.add_highlight(session, None, start=start,
                                                    end=start + len(phrase), new_tag=tag)
    return study, highlights


def _insight(study, statement, statement_es, highlights, phrases, slugs, metric_note="",
             metric=("", "")):
    return services.add_insight(
        study, None, statement=statement, statement_es=statement_es,
        highlights=[highlights[p] for p in phrases],
        services=Service.objects.filter(slug__in=slugs), metric_note=metric_note,
        metric_service=Service.objects.filter(slug=metric[0]).first(),
        metric_driver=metric[1])


@transaction.atomic
def seed_research() -> int:
    if Study.objects.filter(title=GRANTS).exists():
        return 0
    grants, g = _study(
        GRANTS, "Learn how Tribal Nations' staff find, apply for and report on federal grants.",
        "Where does applying take the most time?\nWhich channels do tribal staff trust?",
        GRANT_PEOPLE, GRANT_TRANSCRIPTS, GRANT_CODES, ["phone-assistance", "walk-in-assistance"])
    _insight(grants, "Tribal staff are asked for the same information again and again.",
             "Al personal tribal se le pide la misma información una y otra vez.", g,
             [GRANT_CODES[1][1], GRANT_CODES[4][1]], ["help-center"])
    _insight(grants, "A callback that never comes sends people on long drives instead.",
             "Una devolución de llamada que nunca llega obliga a las personas a viajar lejos.",
             g, [GRANT_CODES[2][1], GRANT_CODES[3][1], GRANT_CODES[7][1]],
             ["phone-assistance", "walk-in-assistance"],
             metric_note="Ease on the phone fell in Q2: 3 highlights about the callback number.",
             metric=("phone-assistance", "ease"))
    parents, p = _study(
        PARENTS, "Understand how new parents learn about and claim the child tax credit.",
        "How do parents learn what a newborn needs for the return?",
        PARENT_PEOPLE, PARENT_TRANSCRIPTS, PARENT_CODES,
        ["direct-file", "phone-assistance", "help-center", "walk-in-assistance"])
    ssn = _insight(parents, "Parents learn too late that a newborn needs a Social Security number "
                   "before they file.",
                   "Los padres se enteran tarde de que un recién nacido necesita un número de "
                   "Seguro Social antes de presentar la declaración.",
                   p, [PARENT_CODES[0][1], PARENT_CODES[3][1]], ["help-center"])
    easy = _insight(parents, "A quick yes from the eligibility checker and an early refund "
                    "build trust.",
                    "Un sí rápido del verificador de elegibilidad y un reembolso temprano "
                    "generan confianza.",
                    p, [PARENT_CODES[2][1], PARENT_CODES[4][1]], ["direct-file"])
    trips = _insight(parents, "A missing document turns one visit into two.",
                     "Un documento que falta convierte una visita en dos.",
                     p, [PARENT_CODES[6][1], PARENT_CODES[1][1]], ["walk-in-assistance"],
                     metric_note="Walk-in repeat visits rose in FY2025 Q2.")

    life = LifeExperience.objects.create(
        slug="having-a-child", title="Having a child", title_es="Tener un hijo",
        summary="Most new parents file a return within a year of the birth; many learn what the "
                "child needs for that return only when they file.",
        summary_es="La mayoría de los nuevos padres presentan una declaración durante el primer "
                   "año después del nacimiento; muchos se enteran de lo que necesita el niño "
                   "para esa declaración solo al presentarla.",
        challenge="How might we make sure new parents know what their child needs for their "
                  "tax return before they file?",
        challenge_es="¿Cómo podríamos asegurarnos de que los nuevos padres sepan lo que su hijo "
                     "necesita para la declaración de impuestos antes de presentarla?",
        approach="We interviewed parents in English and Spanish, and counted the study from "
                 "the research repository. Quotes are real; names are changed.",
        approach_es="Entrevistamos a padres en inglés y en español, y contamos el estudio a "
                    "partir del repositorio de investigación. Las citas son reales; los nombres "
                    "se cambiaron.",
        pull_quote=p[PARENT_CODES[4][1]])
    life.studies.set([parents])
    life.insights.set([ssn, easy, trips])
    catalog = {s.slug: s for s in Service.objects.all()}
    steps = [
        ("Before the birth", "Antes del nacimiento", "Learn what changes", "Saber qué cambia",
         "Reads the help center", "Lee el centro de ayuda", "web", ["help-center"],
         "", "", "Articles answer most questions", "Los artículos responden la mayoría de las "
         "preguntas", 1, [easy]),
        ("After the birth", "Después del nacimiento", "Get the baby's Social Security number",
         "Obtener el número de Seguro Social del bebé", "Waits for the card", "Espera la tarjeta",
         "mail", [], "Nobody says the number is needed to file", "Nadie dice que el número es "
         "necesario para presentar la declaración", "", "", -1, [ssn]),
        ("Filing", "Presentar la declaración", "Check if Direct File fits",
         "Verificar si Direct File le sirve", "Uses the checker on a phone",
         "Usa el verificador en el teléfono", "web", ["direct-file"], "", "",
         "A quick yes", "Un sí rápido", 2, [easy]),
        ("Filing", "Presentar la declaración", "Ask whether the baby counts",
         "Preguntar si el bebé cuenta", "Calls the help line", "Llama a la línea de ayuda",
         "phone", ["phone-assistance"], "Long hold before a callback",
         "Larga espera antes de la devolución de llamada", "The callback works",
         "La devolución de llamada funciona", -1, [trips]),
        ("Filing", "Presentar la declaración", "Bring documents to a center",
         "Llevar documentos a un centro", "Visits a walk-in center",
         "Visita un centro de atención en persona", "in_person", ["walk-in-assistance"],
         "A missing card means a second trip", "Una tarjeta que falta obliga a un segundo "
         "viaje", "", "", -2, [trips]),
        ("After filing", "Después de presentar", "Get the refund", "Recibir el reembolso",
         "Checks the refund status", "Consulta el estado del reembolso", "web",
         ["direct-file"], "", "", "The refund arrives early", "El reembolso llega temprano", 2,
         [easy]),
    ]
    for order, (phase, phase_es, title, title_es, behaviour, behaviour_es, channel, slugs,
                pain, pain_es, bright, bright_es, emotion, insights) in enumerate(steps):
        step = JourneyStep.objects.create(
            life_experience=life, order=order, phase=phase, phase_es=phase_es, title=title,
            title_es=title_es, behaviour=behaviour, behaviour_es=behaviour_es, channel=channel,
            pain_point=pain, pain_point_es=pain_es, bright_spot=bright,
            bright_spot_es=bright_es, emotion=emotion)
        step.services.set([catalog[s] for s in slugs if s in catalog])
        step.insights.set(insights)
    first = Persona.objects.create(
        slug="maria-first-time-parent", name="María", life_experience=life,
        summary="A first-time parent who files on her phone late at night and prefers Spanish.",
        summary_es="Una madre primeriza que presenta su declaración en el teléfono de noche y "
                   "prefiere el español.",
        goals="Claim the credit for her baby\nFile without paying anyone",
        goals_es="Reclamar el crédito por su bebé\nPresentar sin pagarle a nadie",
        needs="To know early what the baby needs\nHelp in Spanish",
        needs_es="Saber a tiempo lo que necesita el bebé\nAyuda en español",
        pain_points="Learns about the SSN from a friend\nWaits on hold",
        pain_points_es="Se entera del SSN por una amiga\nEspera en la línea")
    first.insights.set([ssn, easy])
    first.quotes.set([p[PARENT_CODES[0][1]], p[PARENT_CODES[2][1]]])
    second = Persona.objects.create(
        slug="darnell-working-parent", name="Darnell", life_experience=life,
        summary="A parent of two who changed jobs this year and cannot lose another day of "
                "work.",
        summary_es="Un padre de dos hijos que cambió de trabajo este año y no puede perder otro "
                   "día de trabajo.",
        goals="Get the refund quickly\nOne trip, not two",
        goals_es="Recibir el reembolso pronto\nUn viaje, no dos",
        needs="A list of documents before a visit", needs_es="Una lista de documentos antes de "
                                                             "una visita",
        pain_points="A second trip to the center", pain_points_es="Un segundo viaje al centro")
    second.insights.set([trips, easy])
    second.quotes.set([p[PARENT_CODES[5][1]], p[PARENT_CODES[6][1]]])
    for kind, obj in (("life", life), ("persona", first), ("persona", second)):
        publishing.publish(kind, obj)
    join_demo_researchers()
    return 1


def join_demo_researchers() -> None:
    """Every researcher account is Admin on the demo studies (the demo has one, `researcher`)."""
    from django.contrib.auth import get_user_model

    from civiccx.core.roles import RESEARCHER

    for user in get_user_model().objects.filter(groups__name=RESEARCHER):
        for study in Study.objects.filter(title__in=[GRANTS, PARENTS]):
            StudyMember.objects.get_or_create(study=study, user=user,
                                              defaults={"role": StudyMember.Role.ADMIN})


def seed(options, progress):
    task = progress.add_task("Research repository", total=1)
    created = seed_research()
    join_demo_researchers()
    progress.update(task, completed=1)
    return [] if not created else ["Research: /staff/research/ (researcher), "
                                   "/staff/research/pool/ (research-recruiter), "
                                   "/research/life-experiences/having-a-child/"]
