"""Research factories: a study with one participant whose personal data is in the vault, a
transcript, a highlight and an insight."""

from __future__ import annotations

from civiccx.research import services
from civiccx.research.models import ParticipantVault, Study, StudyMember

PLANTED_NAME = "Wanbli Redcloud"
PLANTED_EMAIL = "wanbli.redcloud@example.org"
PLANTED_PHONE = "(605) 555-0199"
TRANSCRIPT = ("Interviewer: How did the application go?\n"
              "Participant: My name is Wanbli and you can call me at 605-555-0199. "
              "The callback number never worked, so I drove two hours to the office.\n")


def make_study(**overrides) -> Study:
    defaults = {"title": "Grant access", "goal": "Learn how tribal staff apply for grants.",
                "pra_status": Study.PRA.EXEMPT, "pra_reason": "Fewer than 10 people."}
    return Study.objects.create(**{**defaults, **overrides})


def make_participant(study, *, quote_publicly=True, segment="tribal grants officer",
                     state="SD", with_vault=True):
    participant = services.add_participant(
        study, None, segment=segment, state=state, language="en",
        consent={"form_version": "v2", "quote_internally": True,
                 "quote_publicly": quote_publicly, "record_media": True})
    if with_vault:
        ParticipantVault.objects.create(participant=participant, name=PLANTED_NAME,
                                        email=PLANTED_EMAIL, phone=PLANTED_PHONE,
                                        affiliation="Oglala Lakota", compensation="$50 card")
    return participant


def make_session(study, participant, text=TRANSCRIPT, name="interview.txt"):
    session = services.upload_transcript(study, None, title="Interview 1", name=name,
                                         data=text.encode(), participant=participant)
    session.redaction_confirmed = True
    session.save()
    return session


def highlight_phrase(session, phrase, **kwargs):
    start = session.transcript.index(phrase)
    return services.add_highlight(session, None, start=start, end=start + len(phrase), **kwargs)


def join(client, *studies, role="admin"):
    """Put the signed-in `client`'s user on each study's team with `role`; return the client."""
    for study in studies:
        StudyMember.objects.update_or_create(study=study, user=client.user,
                                             defaults={"role": role})
    return client
