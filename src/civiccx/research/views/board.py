"""A study's affinity board: highlights grouped into clusters that become insights. Every move
is a small form (a list of clusters and a button), so the board works by keyboard alone and
without a script; each highlight sits in at most one cluster of its study."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from civiccx.core.roles import RESEARCHER, role_required
from civiccx.research import services
from civiccx.research.access import READ, TAG, get_study
from civiccx.research.forms import ClusterForm, study_highlights
from civiccx.research.models import Cluster, Study, StudyMember


@role_required(RESEARCHER)
def board(request, pk):
    study = get_study(request, Study, READ, pk=pk)
    form = ClusterForm(study=study)
    if request.method == "POST":
        if not StudyMember.allows(request.study_role, TAG):
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "new":
            form = ClusterForm(request.POST, study=study)
            if form.is_valid():
                cluster = Cluster.objects.create(study=study, name=form.cleaned_data["name"])
                services.log(study, request.user, "cluster added", cluster=cluster.name)
                messages.success(request, _("Cluster “%(name)s” added.") % {"name": cluster.name})
                return redirect(reverse("research:board", args=[study.pk])
                                + f"#cluster-{cluster.pk}")
        else:
            return _act(request, study, action)
    highlights = list(study_highlights(study).prefetch_related("clusters", "tags"))
    clusters = list(study.clusters.all())
    grouped = {cluster.pk: [] for cluster in clusters}
    loose = []
    for highlight in highlights:
        mine = [c for c in highlight.clusters.all() if c.pk in grouped]
        (grouped[mine[0].pk] if mine else loose).append(highlight)
    return render(request, "research/board.html", {
        "study": study, "form": form, "clusters": [(c, grouped[c.pk]) for c in clusters],
        "loose": loose, "can_tag": StudyMember.allows(request.study_role, TAG)})


@transaction.atomic
def _act(request, study, action):
    url = reverse("research:board", args=[study.pk])
    if action == "delete":
        cluster = get_object_or_404(Cluster, study=study, pk=request.POST.get("cluster"))
        cluster.delete()
        services.log(study, request.user, "cluster removed", cluster=cluster.name)
        messages.success(request, _("Cluster “%(name)s” removed; its highlights are back "
                                    "among those not yet grouped.") % {"name": cluster.name})
        return redirect(url)
    if action != "move":
        messages.error(request, _("Unknown action."))
        return redirect(url)
    highlight = get_object_or_404(study_highlights(study), pk=request.POST.get("highlight"))
    target = request.POST.get("cluster", "")
    cluster = None
    if target:
        cluster = study.clusters.filter(pk=target if target.isdigit() else 0).first()
        if cluster is None:
            messages.error(request, _("Choose a cluster of this study."))
            return redirect(url)
    for old in highlight.clusters.filter(study=study):
        old.highlights.remove(highlight)
    if cluster:
        cluster.highlights.add(highlight)
        message = _("Moved “%(text)s” to “%(name)s”.") % {"text": highlight.text[:60],
                                                         "name": cluster.name}
        url += f"#cluster-{cluster.pk}"
    else:
        message = _("Took “%(text)s” out of its cluster.") % {"text": highlight.text[:60]}
        url += "#loose"
    services.log(study, request.user, "highlight moved", highlight=highlight.pk,
                 cluster=cluster.name if cluster else "")
    messages.success(request, message)
    return redirect(url)
