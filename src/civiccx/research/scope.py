"""The research scope of a life experience, counted from the repository (never typed): how
many people took part, from how many states, in which languages and segments."""

from __future__ import annotations

from collections import Counter

from civiccx.research.models import Participant


def research_scope(life) -> dict:
    people = list(Participant.objects.filter(study__in=life.studies.all(), withdrawn_at=None))
    languages = Counter(p.get_language_display() for p in people)
    return {
        "participants": len(people),
        "states": len({p.state for p in people if p.state}),
        "languages": sorted(languages.items()),
        "segments": sorted(Counter(p.segment for p in people if p.segment).items()),
        "studies": life.studies.count(),
    }
