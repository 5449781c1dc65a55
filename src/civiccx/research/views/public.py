"""Published life experiences, personas and journey maps, in English and Spanish."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render

from civiccx.research import publishing
from civiccx.research.models import LifeExperience, Persona

PUBLISHED = Persona.State.PUBLISHED


def index(request):
    return render(request, "research/public/index.html", {
        "lives": LifeExperience.objects.filter(state=PUBLISHED),
        "personas": Persona.objects.filter(state=PUBLISHED)})


def persona(request, slug):
    persona = get_object_or_404(Persona, slug=slug, state=PUBLISHED)
    return render(request, "research/public/persona.html", publishing.persona_context(persona))


def life_experience(request, slug):
    life = get_object_or_404(LifeExperience, slug=slug, state=PUBLISHED)
    return render(request, "research/public/life_experience.html",
                  publishing.life_experience_context(life))
