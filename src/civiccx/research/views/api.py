"""A read-only JSON API over the research repository, for the team's own tools (a notebook,
a dashboard): the same session sign-in and the same team roles as the pages, and no personal
data. Participants appear by code and segments only; the vault is never read here.

    GET /staff/research/api/v1/studies/          the studies the user is on, with their role
    GET /staff/research/api/v1/studies/<pk>/     one study: codebook, highlights, insights
"""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from civiccx.core.roles import RESEARCHER, role_required
from civiccx.research.access import READ, get_study
from civiccx.research.forms import study_highlights
from civiccx.research.models import Study, StudyMember


@role_required(RESEARCHER)
@require_GET
def studies(request):
    members = StudyMember.objects.filter(user=request.user).select_related("study")
    return JsonResponse({"studies": [
        {"id": m.study.pk, "title": m.study.title, "method": m.study.method,
         "starts_on": m.study.starts_on, "ends_on": m.study.ends_on, "role": m.role}
        for m in members]})


@role_required(RESEARCHER)
@require_GET
def study(request, pk):
    study = get_study(request, Study, READ, pk=pk)
    highlights = study_highlights(study).prefetch_related("tags")
    insights = study.insights.prefetch_related("highlights")
    return JsonResponse({
        "id": study.pk, "title": study.title, "goal": study.goal, "method": study.method,
        "role": request.study_role,
        "participants": [
            {"code": p.code, "segment": p.segment, "state": p.state, "language": p.language,
             "withdrawn": p.withdrawn} for p in study.participants.all()],
        "codebook": [{"path": t.path, "description": t.description, "guid": str(t.guid)}
                     for t in study.tags.all()],
        "highlights": [
            {"id": h.pk, "session": h.session_id, "start": h.start, "end": h.end,
             "text": h.text, "timecode": h.timecode,
             "participant": h.session.participant.code if h.session.participant else None,
             "tags": [t.path for t in h.tags.all()]} for h in highlights],
        "insights": [
            {"id": i.pk, "statement": i.statement, "highlights": [h.pk for h in
                                                                   i.highlights.all()],
             "evidence": i.evidence(), "qualitative": True} for i in insights],
    })
