"""Public service pages and a person's own records."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from civiccx.services.models import Interaction, Service


def public_services():
    return Service.objects.filter(is_public=True).select_related("provider").prefetch_related(
        "channels")

def home(request):
    return render(request, "services/home.html", {"services": public_services()})

def service_list(request):
    return render(request, "services/service_list.html", {"services": public_services()})

def service_detail(request, slug: str):
    service = get_object_or_404(public_services(), slug=slug)
    locations = service.locations.all()[:50]
    return render(request, "services/service_detail.html",
                  {"service": service, "locations": locations})

@login_required(login_url="accounts:public-sign-in")
def my_interactions(request):
    interactions = (Interaction.objects.in_effect().filter(person=request.user)
                    .select_related("service", "location")[:100])
    return render(request, "services/my_interactions.html", {"interactions": interactions})

@login_required(login_url="accounts:public-sign-in")
def my_interaction_detail(request, pk: int):
    """Object-level rule: a person sees only their own records (others are 'not found')."""
    interaction = get_object_or_404(
        Interaction.objects.select_related("service", "location"), pk=pk, person=request.user
    )
    return render(request, "services/my_interaction_detail.html", {"interaction": interaction})
