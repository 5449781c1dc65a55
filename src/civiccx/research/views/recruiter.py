"""The participant pool (recruiters only): contact details, affiliation and compensation. Every
page that shows them records the read in the audit log."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from civiccx.core.roles import RESEARCH_RECRUITER, role_required
from civiccx.research import services
from civiccx.research.forms import VaultForm
from civiccx.research.models import Participant, ParticipantVault, Study

recruiters = role_required(RESEARCH_RECRUITER)


@recruiters
def pool(request):
    """Codes and whether contact details are on file; no personal data on this page."""
    studies = Study.objects.prefetch_related("participants__vault")
    return render(request, "research/pool.html", {"studies": studies})


@recruiters
def contact(request, pk):
    participant = get_object_or_404(Participant.objects.select_related("study", "consent"),
                                    pk=pk)
    if participant.withdrawn:
        messages.info(request, _("This participant withdrew; their contact details were "
                                 "deleted."))
        return redirect("research:pool")
    vault = services.read_vault(request, participant)
    form = VaultForm(request.POST or None, instance=vault or ParticipantVault(
        participant=participant))
    if request.method == "POST" and form.is_valid():
        form.save()
        services.log(participant.study, request.user, "contact details saved",
                     code=participant.code)
        messages.success(request, _("Contact details saved."))
        return redirect("research:contact", participant.pk)
    return render(request, "research/contact.html",
                  {"participant": participant, "form": form})
