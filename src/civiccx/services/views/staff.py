"""The analysts' interaction explorer."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.http import urlencode

from civiccx.core.roles import CX_ANALYST, role_required
from civiccx.services.audit import record_pii_read
from civiccx.services.models import Channel, Interaction, Service


@role_required(CX_ANALYST)
def staff_interactions(request):
    queryset = Interaction.objects.in_effect().select_related("service", "location")
    service = request.GET.get("service", "")
    channel = request.GET.get("channel", "")
    if service:
        queryset = queryset.filter(service__slug=service)
    if channel in Channel.values:
        queryset = queryset.filter(channel=channel)
    page = Paginator(queryset.order_by("-ended_at"), 50).get_page(request.GET.get("page"))
    return render(request, "services/staff_interactions.html", {
        "page_obj": page,
        "services": Service.objects.all(),
        "channels": Channel.choices,
        "selected_service": service,
        "selected_channel": channel,
        "query_string": urlencode({k: v for k, v in
                                   {"service": service, "channel": channel}.items() if v}),
    })

@role_required(CX_ANALYST)
def staff_interaction_detail(request, pk: int):
    interaction = get_object_or_404(
        Interaction.objects.select_related("service", "location"), pk=pk)
    can_see_contact = request.user.has_perm("services.view_interaction_contact")
    if can_see_contact and interaction.has_contact:
        record_pii_read(request, interaction)
    return render(request, "services/staff_interaction_detail.html",
                  {"interaction": interaction, "can_see_contact": can_see_contact})
