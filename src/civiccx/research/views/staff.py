"""The research repository (researchers): studies, participants by code, consent, sessions,
coding, insights, search, the codebook, and the personas and life experiences built from them.
No page here reads the participant vault: personal data is the recruiter's (views/recruiter.py).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civiccx.core.redaction import redact
from civiccx.core.roles import RESEARCHER, role_required
from civiccx.core.spreadsheets import Sheet, csv_download
from civiccx.research import codebook, publishing, services
from civiccx.research.access import ADMIN, MANAGE, READ, TAG, get_study, readable_study_ids
from civiccx.research.forms import (
    CodebookImportForm,
    ConsentForm,
    HighlightForm,
    InsightForm,
    LifeExperienceForm,
    NotesForm,
    ParticipantForm,
    PersonaForm,
    StudyForm,
    UploadForm,
)
from civiccx.research.intake import IntakeError
from civiccx.research.metric_chart import insight_chart
from civiccx.research.models import (
    DeletionReceipt,
    Highlight,
    Insight,
    LifeExperience,
    Participant,
    Persona,
    PublishError,
    ResearchSession,
    Study,
    StudyMember,
)

researchers = role_required(RESEARCHER)


@researchers
def studies(request):
    form = StudyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        study = form.save()
        StudyMember.objects.create(study=study, user=request.user, role=ADMIN)
        services.log(study, request.user, "study created")
        messages.success(request, _("Study created."))
        return redirect("research:study", study.pk)
    rows = Study.objects.filter(pk__in=readable_study_ids(request.user)).annotate(
        people=Count("participants", filter=Q(participants__withdrawn_at=None), distinct=True),
        session_count=Count("sessions", distinct=True))
    return render(request, "research/studies.html", {"studies": rows, "form": form})


@researchers
def study(request, pk):
    study = get_study(request, Study, READ, pk=pk)
    insights = study.insights.select_related("metric_service").prefetch_related(
        "highlights__session__participant")
    return render(request, "research/study.html", {
        "study": study,
        "participants": study.participants.select_related("consent"),
        "sessions": study.sessions.select_related("participant").annotate(
            highlight_count=Count("highlights")),
        "tags": study.tags.annotate(uses=Count("highlights")),
        "insights": [(insight, evidence, insight_chart(insight, evidence))
                     for insight, evidence in ((i, i.evidence()) for i in insights)],
        "role_label": dict(StudyMember.Role.choices)[request.study_role],
        "receipts": study.receipts.all()[:20],
        "changes": study.changes.select_related("actor")[:15],
        "import_form": CodebookImportForm(),
        "can_manage": StudyMember.allows(request.study_role, MANAGE),
        "can_tag": StudyMember.allows(request.study_role, TAG),
    })


@researchers
def participant_new(request, pk):
    study = get_study(request, Study, MANAGE, pk=pk)
    form = ParticipantForm(request.POST or None, prefix="p")
    consent = ConsentForm(request.POST or None, prefix="c")
    if request.method == "POST" and form.is_valid() and consent.is_valid():
        participant = services.add_participant(
            study, request.user, segment=form.cleaned_data["segment"],
            state=form.cleaned_data["state"], language=form.cleaned_data["language"],
            consent=consent.cleaned_data)
        messages.success(request, _("Participant %(code)s added with their consent.")
                         % {"code": participant.code})
        return redirect("research:study", study.pk)
    return render(request, "research/participant_new.html",
                  {"study": study, "form": form, "consent": consent})


@researchers
def participant_withdraw(request, pk):
    """Asks first: withdrawal cannot be undone."""
    participant = get_study(request, Participant.objects.select_related("study"), MANAGE,
                            via="study", pk=pk)
    if request.method != "POST":
        return render(request, "research/withdraw.html", {
            "participant": participant, "study": participant.study,
            "sessions": participant.sessions.count(),
            "highlights": Highlight.objects.filter(session__participant=participant).count()})
    try:
        receipt = services.withdraw_participant(participant, request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("research:study", participant.study_id)
    return redirect("research:receipt", receipt.number)


@researchers
def receipt(request, number):
    receipt = get_study(request, DeletionReceipt, READ, via="study", number=number)
    return render(request, "research/receipt.html", {"receipt": receipt})


@researchers
def participants_csv(request, pk):
    study = get_study(request, Study, READ, pk=pk)
    rows = [[p.code, p.segment, p.state, p.language,
             "; ".join(p.consent.scopes()) if hasattr(p, "consent") else "",
             "yes" if p.withdrawn else "no"]
            for p in study.participants.select_related("consent")]
    return csv_download(*Sheet(f"participants-study-{study.pk}.csv",
                              ["code", "segment", "state", "language", "consent", "withdrawn"],
                              rows))


@researchers
def session_new(request, pk):
    study = get_study(request, Study, MANAGE, pk=pk)
    form = UploadForm(request.POST or None, request.FILES or None, study=study)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            session = services.upload_transcript(
                study, request.user, title=form.cleaned_data["title"], name=upload.name,
                data=upload.read(), participant=form.cleaned_data["participant"],
                held_on=form.cleaned_data["held_on"])
        except IntakeError as error:
            form.add_error("file", str(error))
        else:
            return redirect("research:session", session.pk)
    return render(request, "research/session_new.html", {"study": study, "form": form})


@researchers
def session(request, pk):
    session = get_study(request, ResearchSession.objects.select_related("study", "participant"),
                        READ, via="study", pk=pk)
    study = session.study
    form = HighlightForm(request.POST or None, study=study, prefix="h")
    role = request.study_role
    if request.method == "POST":
        # confirming the redaction and editing notes manage the document; highlighting tags it
        needed = MANAGE if {"confirm", "notes"} & set(request.POST) else TAG
        if not StudyMember.allows(role, needed):
            raise PermissionDenied
    if request.method == "POST" and "confirm" in request.POST:
        session.redaction_confirmed = True
        session.save(update_fields=["redaction_confirmed"])
        services.log(study, request.user, "redaction confirmed", session=session.pk)
        messages.success(request, _("Redaction confirmed. You can highlight passages now."))
        return redirect("research:session", session.pk)
    if request.method == "POST" and "notes" in request.POST:
        notes = NotesForm(request.POST)
        if notes.is_valid():
            session.notes = redact(notes.cleaned_data["notes"]).text
            session.save(update_fields=["notes"])
            services.log(study, request.user, "notes edited", session=session.pk)
            messages.success(request, _("Notes saved."))
        return redirect("research:session", session.pk)
    if request.method == "POST" and form.is_valid():
        try:
            highlight = services.add_highlight(
                session, request.user, start=form.cleaned_data["start"],
                end=form.cleaned_data["end"], tags=form.cleaned_data["tags"],
                new_tag=form.cleaned_data["new_tag"])
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("Highlight saved: “%(text)s”") % {"text": highlight.text})
            return redirect("research:session", session.pk)
    return render(request, "research/session.html", {
        "session": session, "study": study, "form": form,
        "notes_form": NotesForm(initial={"notes": session.notes}),
        "highlights": session.highlights.prefetch_related("tags__parent"),
        "can_manage": StudyMember.allows(role, MANAGE),
        "can_tag": StudyMember.allows(role, TAG),
    })


@researchers
def insight_new(request, pk):
    study = get_study(request, Study, TAG, pk=pk)
    initial = {}
    chosen = request.GET.get("cluster", "")
    if cluster := study.clusters.filter(pk=int(chosen) if chosen.isdigit() else 0).first():
        initial = {"statement": cluster.name, "highlights": list(cluster.highlights.all())}
    form = InsightForm(request.POST or None, study=study, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_insight(study, request.user,
                                 statement=form.cleaned_data["statement"],
                                 statement_es=form.cleaned_data["statement_es"],
                                 highlights=form.cleaned_data["highlights"],
                                 services=form.cleaned_data["services"],
                                 metric_note=form.cleaned_data["metric_note"],
                                 metric_service=form.cleaned_data["metric_service"],
                                 metric_driver=form.cleaned_data["metric_driver"])
        except ValidationError as error:
            form.add_error("highlights", error.messages[0])
        else:
            messages.success(request, _("Insight saved."))
            return redirect("research:study", study.pk)
    return render(request, "research/insight_new.html", {"study": study, "form": form})


@researchers
def search(request):
    """Notes, transcripts' highlights and insights of the studies the user is on (any role);
    participants appear only by code."""
    query = request.GET.get("q", "").strip()
    results = {}
    if query:
        mine = readable_study_ids(request.user)
        results = {
            "highlights": Highlight.objects.filter(
                text__icontains=query, session__study__in=mine).select_related(
                "session__study", "session__participant")[:50],
            "sessions": ResearchSession.objects.filter(
                Q(notes__icontains=query) | Q(transcript__icontains=query),
                study__in=mine).select_related("study", "participant")[:50],
            "insights": Insight.objects.filter(
                statement__icontains=query, study__in=mine).select_related("study")[:50],
        }
    return render(request, "research/search.html", {"query": query, "results": results})


@researchers
def codebook_qdc(request, pk):
    study = get_study(request, Study, READ, pk=pk)
    response = HttpResponse(codebook.export_qdc(study), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="codebook-study-{study.pk}.qdc"'
    return response


@researchers
def codebook_csv(request, pk):
    return csv_download(*codebook.codebook_sheet(get_study(request, Study, READ, pk=pk)))


@researchers
@require_POST
def codebook_import(request, pk):
    study = get_study(request, Study, TAG, pk=pk)
    form = CodebookImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            count = codebook.import_qdc(study, form.cleaned_data["file"].read())
        except codebook.CodebookError as error:
            messages.error(request, str(error))
        else:
            services.log(study, request.user, "codebook imported", tags=count)
            messages.success(request, _("%(count)s tags imported.") % {"count": count})
    else:
        messages.error(request, _("Choose a .qdc file to import."))
    return redirect("research:study", study.pk)


# --- personas and life experiences ------------------------------------------------------


@researchers
def stories(request):
    return render(request, "research/stories.html", {
        "personas": Persona.objects.select_related("life_experience"),
        "lives": LifeExperience.objects.all()})


def _edit(request, form_class, instance, kind, *, heading, save_label, public_url):
    form = form_class(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            if refusal := publishing.refusal_after_edit(kind, saved):
                transaction.set_rollback(True)
                form.add_error(None, refusal)
        if not refusal:
            messages.success(request, _("Saved."))
            return redirect(f"research:{kind}-edit", saved.slug)
    return render(request, "research/story_edit.html", {
        "form": form, "object": instance, "kind": kind, "heading": heading,
        "save_label": save_label, "public_url": public_url})


@researchers
def persona_edit(request, slug=None):
    persona = get_object_or_404(Persona, slug=slug) if slug else None
    return _edit(request, PersonaForm, persona, "persona",
                 heading=persona.name if persona else _("New persona"),
                 save_label=_("Save persona"),
                 public_url=reverse("research:public-persona", args=[slug]) if slug else "")


@researchers
def life_edit(request, slug=None):
    life = get_object_or_404(LifeExperience, slug=slug) if slug else None
    return _edit(request, LifeExperienceForm, life, "life",
                 heading=life.title if life else _("New life experience"),
                 save_label=_("Save life experience"),
                 public_url=reverse("research:public-life-experience", args=[slug])
                 if slug else "")


@researchers
@require_POST
def publish(request, kind, slug):
    if kind not in ("persona", "life"):
        raise Http404
    model = Persona if kind == "persona" else LifeExperience
    obj = get_object_or_404(model, slug=slug)
    try:
        if request.POST.get("action") == "unpublish":
            obj.unpublish()
            obj.save()
            messages.success(request, _("Taken off the public site."))
        else:
            publishing.publish(kind, obj)
            messages.success(request, _("Published in English and Spanish."))
    except PublishError as error:
        messages.error(request, str(error))
    return redirect(f"research:{kind}-edit", slug)
