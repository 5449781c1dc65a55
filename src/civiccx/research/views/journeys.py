"""The journey-map editor: a life experience's phases and steps (goals, behaviours, touchpoints
linked to catalog services and channels, decision moments, pain points and bright spots citing
insights, and feelings). Steps are added, edited, moved and deleted with ordinary forms, so the
editor works by keyboard alone. A phase is the run of consecutive steps that share its name.

Editing a published life experience re-runs the publishing PII scan on the saved page; if it
finds anything the change is rolled back and the finding shown."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civiccx.core.roles import RESEARCHER, role_required
from civiccx.research import publishing
from civiccx.research.forms import JourneyStepForm
from civiccx.research.models import JourneyStep, LifeExperience

researchers = role_required(RESEARCHER)


class _Refused(Exception):
    pass


def _phases(steps) -> list[tuple[str, list]]:
    phases: list[tuple[str, list]] = []
    for step in steps:
        if not phases or phases[-1][0] != step.phase:
            phases.append((step.phase, []))
        phases[-1][1].append(step)
    return phases


def _renumber(steps) -> None:
    for order, step in enumerate(steps):
        if step.order != order:
            step.order = order
            step.save(update_fields=["order"])


def _rescan(life) -> None:
    """A published page stays clean: scan it again inside the editing transaction."""
    if refusal := publishing.refusal_after_edit("life", life):
        raise _Refused(refusal)


def _url(life, step=None) -> str:
    url = reverse("research:journey", args=[life.slug])
    return f"{url}#step-{step.pk}" if step else url


@researchers
def journey(request, slug):
    """The map as an ordered list, each step with its controls, and the form to add a step."""
    life = get_object_or_404(LifeExperience, slug=slug)
    form = JourneyStepForm(request.POST or None, life=life, prefix="new")
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                step = form.save(commit=False)
                step.life_experience = life
                steps = list(life.steps.all())
                same = [i for i, s in enumerate(steps) if s.phase == step.phase]
                # a step of an existing phase goes at the end of that phase
                position = same[-1] + 1 if same else len(steps)
                steps.insert(position, step)
                step.order = position
                step.save()
                form.save_m2m()
                _renumber(steps)
                _rescan(life)
        except _Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Step “%(title)s” added.") % {"title": step.title})
            return redirect(_url(life, step))
    steps = list(life.steps.prefetch_related("services", "insights"))
    return render(request, "research/journey.html", {
        "life": life, "form": form, "phases": _phases(steps), "count": len(steps)})


@researchers
def step_edit(request, slug, pk):
    life = get_object_or_404(LifeExperience, slug=slug)
    step = get_object_or_404(JourneyStep, life_experience=life, pk=pk)
    form = JourneyStepForm(request.POST or None, instance=step, life=life)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                form.save()
                _rescan(life)
        except _Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Step “%(title)s” saved.") % {"title": step.title})
            return redirect(_url(life, step))
    return render(request, "research/journey_step.html",
                  {"life": life, "step": step, "form": form})


@researchers
def step_delete(request, slug, pk):
    """Asks first, then deletes."""
    life = get_object_or_404(LifeExperience, slug=slug)
    step = get_object_or_404(JourneyStep, life_experience=life, pk=pk)
    if request.method != "POST":
        return render(request, "research/journey_step_delete.html", {"life": life, "step": step})
    title = step.title
    with transaction.atomic():
        step.delete()
        _renumber(list(life.steps.all()))
    messages.success(request, _("Step “%(title)s” deleted.") % {"title": title})
    return redirect(_url(life))


@researchers
@require_POST
def step_move(request, slug, pk):
    """Up or down by one step; a step that crosses into the next phase joins it."""
    life = get_object_or_404(LifeExperience, slug=slug)
    step = get_object_or_404(JourneyStep, life_experience=life, pk=pk)
    direction = request.POST.get("direction")
    with transaction.atomic():
        steps = list(life.steps.select_for_update())
        index = next(i for i, s in enumerate(steps) if s.pk == step.pk)
        other = index - 1 if direction == "up" else index + 1
        if direction not in ("up", "down") or not 0 <= other < len(steps):
            messages.error(request, _("“%(title)s” cannot move further that way.")
                           % {"title": step.title})
            return redirect(_url(life, step))
        neighbour = steps[other]
        if neighbour.phase != step.phase:
            # crossing a phase boundary: the step joins the neighbouring phase first
            step.phase, step.phase_es = neighbour.phase, neighbour.phase_es
            step.save(update_fields=["phase", "phase_es"])
            message = _("“%(title)s” moved into the phase “%(phase)s”.")
        else:
            steps[index], steps[other] = steps[other], steps[index]
            message = (_("“%(title)s” moved up.") if direction == "up"
                       else _("“%(title)s” moved down."))
        _renumber(steps)
    messages.success(request, message % {"title": step.title, "phase": step.phase})
    return redirect(_url(life, step))


@researchers
@require_POST
def phase_move(request, slug):
    """A whole phase (its run of steps) swaps places with the phase before or after it."""
    life = get_object_or_404(LifeExperience, slug=slug)
    name = request.POST.get("phase", "")
    direction = request.POST.get("direction")
    with transaction.atomic():
        phases = _phases(list(life.steps.select_for_update()))
        names = [phase for phase, _steps in phases]
        if name not in names:
            messages.error(request, _("That phase is not on this map any more."))
            return redirect(_url(life))
        index = names.index(name)
        other = index - 1 if direction == "up" else index + 1
        if direction not in ("up", "down") or not 0 <= other < len(phases):
            messages.error(request, _("The phase “%(phase)s” cannot move further that way.")
                           % {"phase": name})
            return redirect(_url(life))
        phases[index], phases[other] = phases[other], phases[index]
        _renumber([step for _phase, steps in phases for step in steps])
    messages.success(request, (_("The phase “%(phase)s” moved up.") if direction == "up"
                               else _("The phase “%(phase)s” moved down.")) % {"phase": name})
    return redirect(_url(life))
