"""Research operations the pages, the demo and the periodic job share: intake, coding,
insights, the participant vault (audited reads), withdrawal and retention with receipts.
Every change is written to the study's append-only change log."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civiccx.research.intake import read_upload, redact_transcript
from civiccx.research.models import (
    ChangeLog,
    Consent,
    DeletionReceipt,
    Highlight,
    Insight,
    Participant,
    ParticipantVault,
    ResearchSession,
    Study,
    Tag,
)
from civiccx.services.audit import record_pii_read


def log(study: Study, actor, action: str, **detail) -> None:
    ChangeLog.objects.create(study=study, actor=actor if getattr(actor, "pk", None) else None,
                             action=action, detail=detail)


# --- participants and the vault ---------------------------------------------------------


def next_code(study: Study) -> str:
    taken = set(study.participants.values_list("code", flat=True))
    number = len(taken) + 1
    while f"P-{number:03d}" in taken:
        number += 1
    return f"P-{number:03d}"


@transaction.atomic
def add_participant(study: Study, actor, *, segment="", state="", language="en",
                    consent: dict) -> Participant:
    participant = Participant.objects.create(study=study, code=next_code(study),
                                             segment=segment, state=state.upper(),
                                             language=language)
    Consent.objects.create(participant=participant, **consent)
    log(study, actor, "participant added", code=participant.code)
    return participant


def read_vault(request, participant: Participant) -> ParticipantVault | None:
    """A recruiter opens a participant's personal data: the read is audited."""
    vault = ParticipantVault.objects.filter(participant=participant).first()
    if vault is not None:
        record_pii_read(request, vault)
    return vault


# --- sessions and coding ----------------------------------------------------------------


@transaction.atomic
def upload_transcript(study: Study, actor, *, title: str, name: str, data: bytes,
                      participant: Participant | None = None, held_on=None) -> ResearchSession:
    """Redact at intake; the original stays encrypted until the raw retention ends."""
    original = read_upload(name, data)
    redacted, counts = redact_transcript(original)
    session = ResearchSession(study=study, participant=participant, title=title,
                              transcript=redacted.text, cues=redacted.cues,
                              original=original.text, redactions=counts,
                              redaction_confirmed=not counts)
    if held_on:
        session.held_on = held_on
    session.expire_original(study.raw_retention_hours)
    session.save()
    log(study, actor, "transcript uploaded", session=session.pk, file=name, redacted=counts)
    return session


def tag_for_path(study: Study, path: str, description: str = "") -> Tag:
    """"Access/Phone/Callback number" -> the nested tags, created as needed."""
    parent = None
    names = [part.strip() for part in path.split("/") if part.strip()]
    if not names:
        raise ValidationError(_("A tag needs a name."))
    for name in names:
        parent, _created = Tag.objects.get_or_create(study=study, parent=parent, name=name[:100])
    if description and not parent.description:
        parent.description = description
        parent.save(update_fields=["description"])
    return parent


@transaction.atomic
def add_highlight(session: ResearchSession, actor, *, start: int, end: int,
                  tags=(), new_tag: str = "") -> Highlight:
    if not session.redaction_confirmed:
        raise ValidationError(_("Confirm the redaction before highlighting this transcript."))
    if not 0 <= start < end <= len(session.transcript):
        raise ValidationError(_("Select a passage of the transcript first."))
    highlight = Highlight.objects.create(session=session, start=start, end=end,
                                         text=session.transcript[start:end],
                                         timecode=session.timecode_at(start), created_by=actor)
    chosen = list(tags)
    if new_tag.strip():
        chosen.append(tag_for_path(session.study, new_tag))
    highlight.tags.set(chosen)
    log(session.study, actor, "highlight added", highlight=highlight.pk, start=start, end=end,
        tags=[tag.path for tag in chosen])
    return highlight


@transaction.atomic
def add_insight(study: Study, actor, *, statement: str, highlights, services=(),
                metric_note: str = "", statement_es: str = "", metric_service=None,
                metric_driver: str = "") -> Insight:
    highlights = list(highlights)
    if not highlights:
        raise ValidationError(_("An insight must cite at least one highlight."))
    if any(h.session.study_id != study.pk for h in highlights):
        raise ValidationError(_("An insight cites highlights of its own study only."))
    insight = Insight.objects.create(study=study, statement=statement, metric_note=metric_note,
                                     statement_es=statement_es, metric_service=metric_service,
                                     metric_driver=metric_driver)
    insight.highlights.set(highlights)
    insight.services.set(services)
    log(study, actor, "insight added", insight=insight.pk,
        highlights=[h.pk for h in highlights])
    return insight


# --- withdrawal and retention -----------------------------------------------------------


def _erase_sessions(sessions) -> dict:
    """Delete sessions with their notes and highlights; say what went and what it touched."""
    highlights = Highlight.objects.filter(session__in=sessions)
    insights = set(Insight.objects.filter(highlights__in=highlights).values_list("pk", flat=True))
    personas = set(highlights.filter(personas__isnull=False)
                   .values_list("personas__slug", flat=True))
    counts = {"sessions": sessions.count(), "highlights": highlights.count(),
              "insights_changed": len(insights), "personas_changed": len(personas)}
    sessions.delete()  # cascades to highlights, which leave insights and personas
    return counts


@transaction.atomic
def withdraw_participant(participant: Participant, actor) -> DeletionReceipt:
    """The person's contact details, sessions, notes and highlights are deleted everywhere:
    insights lose that evidence, personas and published pages lose those quotes. The code
    stays (so the study's numbering does not reuse it) and a receipt says what was deleted."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.withdrawn:
        raise ValidationError(_("This participant has already withdrawn."))
    deleted = _erase_sessions(ResearchSession.objects.filter(participant=participant))
    deleted["contact_details"] = ParticipantVault.objects.filter(
        participant=participant).delete()[0]
    participant.segment, participant.state = "", ""
    participant.withdrawn_at = timezone.now()
    participant.save()
    Consent.objects.filter(participant=participant).update(withdrawn_on=timezone.localdate())
    receipt = DeletionReceipt.objects.create(
        study=participant.study, participant_code=participant.code,
        reason=DeletionReceipt.Reason.WITHDRAWAL, deleted=deleted)
    log(participant.study, actor, "participant withdrew", code=participant.code,
        receipt=str(receipt.number), deleted=deleted)
    return receipt


@transaction.atomic
def purge_expired(now=None) -> list[DeletionReceipt]:
    """The retention job: original uploads after the raw retention, contact details after the
    study ends plus its contact retention, sessions (notes, highlights) after the notes
    retention. One receipt per study and kind of deletion."""
    now = now or timezone.now()
    receipts = []
    for study in Study.objects.all():
        deleted = {}
        originals = study.sessions.exclude(original="").filter(original_expires_at__lte=now)
        if count := originals.count():
            originals.update(original="", original_expires_at=None)
            deleted["original_uploads"] = count
        if study.ends_on:
            cutoff = study.ends_on + timedelta(days=study.contact_retention_days)
            if now.date() > cutoff:
                count = ParticipantVault.objects.filter(participant__study=study).delete()[0]
                if count:
                    deleted["contact_details"] = count
        old = study.sessions.filter(
            held_on__lt=(now - timedelta(days=study.notes_retention_days)).date())
        if old.exists():
            deleted.update({key: value for key, value in _erase_sessions(old).items() if value})
        if deleted:
            receipts.append(DeletionReceipt.objects.create(
                study=study, reason=DeletionReceipt.Reason.RETENTION, deleted=deleted))
            log(study, None, "retention", deleted=deleted)
    return receipts
