"""What people read, scanned the way a native reader would (issue #20, docs/reference/spanish.md).

Every public page (and every help article and category), the pages behind a signed link, every
message kind of `core.messaging`, the IVR and every deployed survey are rendered in Spanish with
realistic values: the demo agency, a Saturday evening when every center and phone line is
closed (so pages say when they open), an appointment at 1 p.m. Central time ("a la 1 p. m."). The
visible text fails on an English month or weekday, a numeric or ISO date, a 24-hour or unmarked
time, an IANA zone name or a zone abbreviation, a Spain-style number or percent, and any of
the glossary's "replace" variants. English is held to what applies to it: no ISO or 24-hour
times, no zone names or abbreviations.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.template import engines
from django.urls import reverse
from django.utils import translation
from twilio.request_validator import RequestValidator

import civiccx
from civiccx.core.messaging import render_message
from civiccx.feedback.instruments import available_instruments, load_instrument, render_instrument
from civiccx.feedback.invitations import link_token
from civiccx.feedback.models import Invitation, Survey
from civiccx.help.models import Article, Category
from civiccx.phone.models import CallQueue
from civiccx.phone.services import cancel_token, request_callback
from civiccx.services.models import Interaction, Location, ServiceProvider
from civiccx.walkin import booking, messages, queue
from civiccx.walkin.models import Center
from civiccx.walkin.views.public import TICKET_LINK
from tests.browser.public_pages import AXE_PAGES

pytestmark = pytest.mark.django_db

# Saturday March 6, 2027, 5 p.m. in Houston: centers and phone lines are closed until Monday.
NOW = datetime(2027, 3, 6, 23, 0, tzinfo=UTC)
# Tuesday March 9, 2027, 1 p.m. Central time: "a la 1 p. m." in Spanish.
APPOINTMENT = datetime(2027, 3, 9, 19, 0, tzinfo=UTC)
TWILIO_TOKEN = "test-twilio-token"

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
EVERY_LANGUAGE = {
    "an ISO date": r"\b\d{4}-\d{2}-\d{2}\b",
    "an IANA zone name": r"\b(?:America|Pacific|US|Europe|Etc)/[A-Z][A-Za-z_]+",
    "a zone abbreviation": r"\b(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|AKST|AKDT|HST|UTC|GMT)\b",
    # (not a media timestamp or a duration: "00:01:12")
    "a 24-hour time": r"(?<![:\d])\b(?:1[3-9]|2[0-3]|00):[0-5]\d\b(?!:\d)",
    "an AM/PM time": r"\b\d{1,2}(?::\d{2})?\s?(?:AM|PM|am|pm)\b",
    "a doubled period after a time": r"\bm\.\.",
}
SPANISH = {
    **EVERY_LANGUAGE,
    "an English month": rf"\b(?:{MONTHS})\b|\b(?:Jan|Feb|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s\d",
    "an English weekday": rf"\b(?:{WEEKDAYS})\b|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b",
    "a date in English order": r"\b(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|"
    r"septiembre|octubre|noviembre|diciembre)\s\d{1,2}\b"
    # abbreviated ("dic 5"), unless a day comes first ("5 dic 8 dic" on a chart's axis)
    r"|(?<!\d\s)\b(?i:ene|feb|abr|may|jun|jul|ago|sept?|oct|nov|dic)\.?\s\d{1,2}\b"
    r"|(?<!\d\s)\bMar\.?\s\d",
    "a numeric day/month date": r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b",
    "a time without a. m./p. m.": r"(?<![:\d])\b\d{1,2}:\d{2}\b(?! [ap]\. m\.)(?!:\d)",
    "a Spain-style number": r"\d[\u00a0\u202f]\d{3}\b|\b\d+,\d{1,2}\b(?!\d)|\d\s%",
    # (not one given as an example of what to type: "p. ej., FY2024Q2")
    "a fiscal quarter's code": r"(?<!ej\., )(?<!ejemplo, )(?<!ejemplo )\bFY\s?\d{2,4}\s?Q[1-4]\b",
}
ENGLISH = {
    **EVERY_LANGUAGE,
    "a time without a.m./p.m.": r"(?<![:\d])\b\d{1,2}:\d{2}\b(?! [ap]\.m\.)(?!:\d)",
}
# The glossary's "Replace (found here)" column (../shared/SPANISH.md, docs/reference/spanish.md).
GLOSSARY_REPLACE = (
    "estado civil para la declaración",
    "hijo que califica",
    "hijos que califican",
    "Crédito por Ingreso del Trabajo",
    "Crédito Tributario por Hijos",
    "PIN de Protección de Identidad",
    "oferta de transacción",
    "ofertas de transacción",
    "centro de asistencia al contribuyente",
    "centro de atención sin cita",
    "centros de atención sin cita",
    "llamada de vuelta",
    "Ingrese",
    "Pulgar arriba",
    "Pulgar abajo",
    "pulgar arriba",
    "pulgar abajo",
    "lenguaje de señas",
    "la FRS",
    "La FRS",
    "Servicio Federal de Impuestos",
    "p.m.",
    "a.m.",
    "Danos su",
    "¿Cómo lo hicimos?",
    "Bienvenido a",
    "Usted es el siguiente",
    "socio seguro",
    "Conserva su lugar",
)


class _VisibleText(HTMLParser):
    """The text a person sees or hears: text nodes and the attributes read aloud or shown.
    A passage marked as another language (`lang="en"` on a Spanish page: a staff note, the
    language switcher) is announced as such and left out."""

    SHOWN = {"aria-label", "title", "alt", "placeholder", "data-say"}
    HIDDEN = {"script", "style", "template"}
    VOID = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.parts: list[str] = []
        self._hidden = 0
        self._foreign = 0  # open elements inside a passage in another language

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            if not self._foreign:
                self.parts += [value for name, value in attrs if name in self.SHOWN and value]
            return
        lang = dict(attrs).get("lang")
        if self._foreign or (tag != "html" and lang and not lang.startswith(self.language)):
            self._foreign += 1
            return
        if tag in self.HIDDEN:
            self._hidden += 1
        if tag == "option":  # each choice is read alone: "1 - enero", then "2 - febrero"
            self.parts.append("¦")
        self.parts += [value for name, value in attrs if name in self.SHOWN and value]

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if self._foreign:
            self._foreign -= 1
        elif tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and not self._foreign:
            self.parts.append(data)


def visible_text(html: str, language: str = "es") -> str:
    reader = _VisibleText(language)
    reader.feed(html)
    return " ".join(" ".join(reader.parts).split())


def _without_links(text: str) -> str:
    return re.sub(r"https?://\S+", "LINK", text)


def problems(text: str, language: str) -> list[str]:
    """What a reader of `language` would trip over in `text`, each with its context."""
    text = _without_links(text)
    found = []
    for what, pattern in (SPANISH if language == "es" else ENGLISH).items():
        for match in re.finditer(pattern, text):
            start = max(0, match.start() - 40)
            found.append(f"{what}: …{text[start : match.end() + 40]}…")
    if language == "es":
        found += [f"glossary: {variant!r}" for variant in GLOSSARY_REPLACE if variant in text]
    return found


# --- the checker itself ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("Revisado por última vez el febrero 3, 2026.", "a date in English order"),
        ("mar Feb 3", "an English month"),
        ("Búsquedas por día: dic 5, dic 6", "a date in English order"),
        ("Horas disponibles el March 3", "an English month"),
        ("Abre el Tuesday 3 de febrero", "an English weekday"),
        ("reservada para el 03/02/2026", "a numeric day/month date"),
        ("Su cita es otro día: 2026-02-03", "an ISO date"),
        ("a las 14:30", "a 24-hour time"),
        ("Abre martes 3 de febrero, 8:30 AM.", "an AM/PM time"),
        ("Hora local (America/Phoenix).", "an IANA zone name"),
        ("a las 2:30 p. m. (CST)", "a zone abbreviation"),
        ("12\u00a0345 personas", "a Spain-style number"),
        ("Cifras de FY2027Q1", "a fiscal quarter's code"),
        ("el 12,3 % de las respuestas", "a Spain-style number"),
        ("a las 2:30 p.m.", "glossary"),
        ("Abre el lunes 8 de marzo, a las 8:30 a. m..", "a doubled period after a time"),
        ("Reciba una llamada de vuelta", "glossary"),
        ("cuenta en línea de la FRS", "glossary"),
    ],
)
def test_the_reader_trips_over_each_kind_of_mistake(text, what):
    assert any(problem.startswith(what) for problem in problems(text, "es")), problems(text, "es")


def test_the_reader_skips_a_passage_marked_as_another_language():
    html = '<html lang="es"><p>Nota: <span lang="en">adds agents before <b>January</b></span>.'
    assert visible_text(html) == "Nota: ."
    assert "January" in visible_text(html.replace('lang="en"', ""))


def test_the_reader_accepts_us_spanish_and_us_english():
    assert (
        problems(
            "Abre el martes 3 de febrero de 2026, a la 1:30 p. m., hora del Centro. "
            "El 95% de 12,345 personas; $1,234.56; 0.5%. Llame al 1-800-555-0199. "
            "Del 3 feb 2026 al 9 mar 2026; mar 3 feb; 4 mar. 3 feb 8 feb 15 feb. "
            "En la grabación, a los 00:01:12. En el 1.er trimestre del año fiscal 2027; "
            "escriba el trimestre, por ejemplo, FY2027Q1 (p. ej., FY2027Q2).",
            "es",
        )
        == []
    )
    assert (
        problems(
            "Opens Tuesday, February 3, 2026, at 1:30 p.m. Central time. 95% of 12,345; "
            "03/02/2026 is March 2 to a US reader.",
            "en",
        )
        == []
    )
    assert problems("Opens 2026-02-03 at 14:30 (America/Chicago, CST)", "en") != []


# --- what the demo shows ----------------------------------------------------------------------


@pytest.fixture
def demo(monkeypatch):
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", interactions=0, responses=0, stdout=quiet)
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)
    return ServiceProvider.main()


def _houston() -> Center:
    return Center.objects.select_related("location").get(location__slug="houston-tx")


def _signed_pages() -> list[str]:
    """Pages reached by a link in a text or an email, with realistic values."""
    center = _houston()
    offering = center.offerings.order_by("pk").first()
    appointment = booking.book(
        offering, APPOINTMENT, phone="2025550143", email="ana@example.com", language="es", now=NOW
    )
    token = messages.cancel_token(appointment)
    ticket = queue.check_in(appointment.code, center, now=APPOINTMENT - timedelta(minutes=20))
    line = CallQueue.objects.order_by("pk").first()
    entry = request_callback(line, "2025550143", language="es", now=NOW)
    return [
        reverse("walkin:confirmation", args=[token]),
        reverse("walkin:change", args=[token]),
        reverse("walkin:cancel", args=[token]),
        reverse("walkin:ticket", args=[TICKET_LINK.token(ticket.pk)]),
        reverse("phone:confirmation", args=[cancel_token(entry)]),
    ]


# Shown only after the questions before it are answered (tests/directfile cover it).
NEEDS_ANSWERS = {"/direct-file/check/result/"}


def _public_pages() -> list[str]:
    paths = [path for paths in AXE_PAGES.values() for path in paths]
    paths += [
        reverse("help:article", args=[slug])
        for slug in Article.objects.values_list("slug", flat=True)
    ]
    paths += [
        reverse("help:category", args=[slug])
        for slug in Category.objects.values_list("slug", flat=True)
    ]
    paths += [
        reverse("walkin:center", args=[slug])
        for slug in Location.objects.filter(kind=Location.Kind.WALK_IN).values_list(
            "slug", flat=True
        )
    ]
    paths += [
        reverse("feedback:hosted", args=[survey.service.slug, survey.channel or "web"])
        for survey in Survey.objects.filter(is_active=True).select_related("service")
    ]
    return list(dict.fromkeys(paths))


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_public_page_reads_right(client, demo, language):
    prefix = "/es" if language == "es" else ""
    signed = _signed_pages()
    found = {}
    for path in _public_pages() + signed:
        response = client.get(prefix + path)
        if path in NEEDS_ANSWERS:
            continue
        assert response.status_code == 200, f"{prefix}{path} answered {response.status_code}"
        if trouble := problems(visible_text(response.content.decode(), language), language):
            found[prefix + path] = trouble
    assert not found, "\n".join(f"{path}: {trouble}" for path, trouble in found.items())


def test_the_closed_pages_say_when_they_open_in_spanish(client, demo):
    center_page = visible_text(client.get("/es/visit/houston-tx/").content.decode())
    assert "Abre el lunes 8 de marzo, a las 8:30 a. m." in center_page
    assert "hora del Centro" in center_page
    assert "Política de privacidad" in center_page  # the reader got to the footer
    line = CallQueue.objects.select_related("call_center").order_by("pk").first()
    callback = visible_text(client.get(f"/es/phone/callback/{line.slug}/").content.decode())
    assert "devolver llamadas el lunes 8 de marzo, a las" in callback


def test_the_appointment_pages_say_the_day_the_time_and_the_zone(client, demo):
    confirmation, *_others, ticket, _callback = _signed_pages()
    page = visible_text(client.get("/es" + confirmation).content.decode())
    assert "martes 9 de marzo de 2027, 1 p. m. (hora del Centro)" in page
    assert "Centro de Houston" in page
    english = visible_text(client.get(confirmation).content.decode(), "en")
    assert "Tuesday, March 9, 2027, 1 p.m. (Central time)" in english
    assert "cita a la 1 p. m." in visible_text(client.get("/es" + ticket).content.decode())


# --- every message kind -----------------------------------------------------------------------

MESSAGE_DIRECTORY = Path(civiccx.__file__).parent


def _message_kinds() -> list[str]:
    return sorted(
        f"{path.parent.parent.name}/{path.stem}"
        for path in MESSAGE_DIRECTORY.glob("*/templates/*/messages/*.txt")
        if not path.stem.endswith("_subject")
    )


def _message_contexts(provider) -> dict[str, dict]:
    center = _houston()
    location = center.location
    appointment = booking.book(
        center.offerings.order_by("pk").first(),
        APPOINTMENT,
        phone="2025550143",
        language="es",
        now=NOW,
    )
    link = "https://www.example.gov/x/"
    walkin = {
        "appointment": appointment,
        "provider": provider,
        "location": location,
        "starts_at": APPOINTMENT,
        "code": appointment.code,
        "calendar_url": link,
        "manage_url": link,
        "cancel_url": link,
        "ticket": "A-104",
        "counter": 3,
    }
    submission = type("Submission", (), {"confirmation": "DF-2027-000123", "number": 1})()
    directfile = {
        "submission": submission,
        "refund": 1234.56,
        "owed": 2045,
        "status_url": link,
        "reasons": [type("Reason", (), {"text": "El SSN no coincide."})()],
    }
    reminder = {
        "teams": [
            {
                "owner": "Equipo de reembolsos",
                "articles": [
                    {
                        "slug": "check-your-refund-status",
                        "url": link,
                        "due": datetime(2027, 3, 15, tzinfo=UTC).date(),
                    }
                ],
            }
        ],
        "all_url": link,
        "count": 1,
    }
    return {
        **{
            f"walkin/{kind}": walkin
            for kind in ("booked", "cancelled", "reminder", "rescheduled", "turn", "next")
        },
        **{
            f"directfile/{kind}": directfile
            for kind in (
                "accepted",
                "payment_due",
                "refund_approved",
                "refund_sent",
                "rejected",
                "submitted",
            )
        },
        "feedback/invitation": {"provider": provider, "url": link},
        "feedback/invitation_reminder": {
            "provider": provider,
            "url": link,
            "expires_at": datetime(2027, 3, 20, 16, tzinfo=UTC),
        },
        "help/review_reminder": reminder,
        "phone/callback_booked": {"provider": provider, "low": 20, "high": 45, "cancel_url": link},
        "phone/reply_cancelled": {"provider": provider},
        "phone/reply_help": {"provider": provider},
        "phone/reply_none": {"provider": provider},
        "accounts/locked_out": {
            "user": type("User", (), {"username": "maria.lopez"})(),
            "ip_address": "203.0.113.7",
            "minutes": 15,
        },
    }


def test_every_message_kind_has_realistic_values_here(demo):
    assert sorted(_message_contexts(demo)) == _message_kinds()


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_message_reads_right(demo, language):
    found = {}
    for kind, context in _message_contexts(demo).items():
        message = render_message(
            kind, context, language=language, time_zone=ZoneInfo(_houston().location.time_zone)
        )
        text = f"{message.subject}\n{message.body}"
        if trouble := problems(text, language):
            found[kind] = trouble
    assert not found, "\n".join(f"{kind}: {trouble}" for kind, trouble in found.items())


def test_an_appointment_text_writes_the_day_out_in_spanish(demo):
    context = _message_contexts(demo)["walkin/booked"]
    body = render_message(
        "walkin/booked", context, language="es", time_zone=ZoneInfo("America/Chicago")
    ).body
    assert (
        "su visita al Centro de Houston está reservada para el martes 9 de marzo de 2027, "
        "a la 1 p. m. (hora del Centro)" in body
    )


# --- the IVR ----------------------------------------------------------------------------------


def test_the_closed_ivr_speaks_spanish_days_and_times(client, demo, settings):
    settings.TWILIO_AUTH_TOKEN = TWILIO_TOKEN
    line = CallQueue.objects.order_by("pk").first()
    path, data = f"/phone/voice/{line.slug}/language/", {"Digits": "2", "CallSid": "CA" + "0" * 32}
    signature = RequestValidator(TWILIO_TOKEN).compute_signature(f"http://testserver{path}", data)
    spoken = " ".join(
        re.findall(
            r"<Say[^>]*>([^<]*)</Say>",
            client.post(path, data, HTTP_X_TWILIO_SIGNATURE=signature).content.decode(),
        )
    )
    assert "Abrimos de nuevo el lunes 8 de marzo, a las" in spoken
    assert problems(spoken, "es") == []


# --- every survey -----------------------------------------------------------------------------


INSTRUMENTS = [("a11_v2", None), ("a11_v2", "radio"), ("a11_classic", None)]


def test_every_instrument_is_scanned():
    assert sorted({name for name, _variant in INSTRUMENTS}) == sorted(available_instruments())


@pytest.mark.parametrize(("name", "variant"), INSTRUMENTS)
def test_every_instrument_reads_right_with_the_demo_names(demo, name, variant):
    service = demo.services.get(slug="help-center")
    names = {}
    for language in ("en", "es"):
        with translation.override(language):
            names[language] = (service.localized_name_in_sentence, demo.localized_name_in_sentence)
    instrument = render_instrument(
        load_instrument(name, None, variant),
        {lang: pair[0] for lang, pair in names.items()},
        {lang: pair[1] for lang, pair in names.items()},
    )
    found = {}
    for question in instrument.questions:
        texts = [
            question.text,
            *(option.label for option in question.options),
            *(alternative.text for alternative in question.alternatives),
        ]
        for language in ("en", "es"):
            for text in texts:
                if trouble := problems(text[language], language):
                    found[f"{question.id} {language}"] = trouble
    assert not found, found


def test_the_invitation_page_reads_right(client, demo):
    interaction = Interaction.objects.create(
        service=demo.services.get(slug="phone-assistance"),
        channel="phone",
        started_at=NOW - timedelta(minutes=20),
        ended_at=NOW,
        outcome="resolved",
    )
    survey = Survey.objects.filter(service=interaction.service).first()
    invitation = Invitation.objects.create(
        interaction=interaction,
        survey=survey,
        recipient_index="x",
        delivery="sms",
        language="es",
        sent_at=NOW,
        expires_at=NOW + timedelta(days=14),
    )
    page = client.get("/es" + reverse("feedback:invitation", args=[link_token(invitation)]))
    assert page.status_code == 200
    text = visible_text(page.content.decode())
    assert problems(text, "es") == []
    assert "su experiencia con la ayuda por teléfono y la devolución de llamadas" in text


def test_the_template_engine_for_messages_is_plain_text():
    """The scan reads message bodies as text: they are rendered without HTML escaping."""
    assert engines["messages"].engine.autoescape is False
