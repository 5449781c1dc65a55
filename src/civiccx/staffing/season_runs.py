"""Planner runs: create one from the form's inputs, run it (in a task), report its progress."""

from __future__ import annotations

import logging
from datetime import date

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from civiccx.staffing.history import recorded_history, stored_history
from civiccx.staffing.models import PlanningRun
from civiccx.staffing.planning.hiring import HiringSettings
from civiccx.staffing.planning.scheduling import ScheduleRules
from civiccx.staffing.planning.season import (  # noqa: F401 (next_season: the form's defaults)
    STAGES,
    SeasonSettings,
    build_season_plan,
    next_season,
)
from civiccx.staffing.season_report import result_of

log = logging.getLogger(__name__)

PLANNING_FAILURES = (ValueError, ArithmeticError)
STAGE_LABELS = {
    "backtest": _("Checking the forecast on held-back weeks"),
    "forecast": _("Forecasting the season"),
    "plan": _("Staffing every half-hour"),
    "hire": _("Planning the hiring"),
    "budgets": _("Trying smaller budgets"),
    "schedule": _("Choosing shifts and rosters"),
    "simulate": _("Simulating the scheduled week"),
}


def start_run(*, settings: dict, history=None, source: str = "",
              created_by=None) -> PlanningRun:
    """Save the run and queue it once the transaction commits."""
    from civiccx.staffing.tasks import plan_season

    run = PlanningRun.objects.create(settings=settings, history=history, source=source,
                                     created_by=created_by)
    transaction.on_commit(lambda: plan_season.enqueue(run.pk))
    return run


def season_settings(data: dict) -> SeasonSettings:
    """The pure library's settings from the JSON a run keeps."""
    hiring = HiringSettings(
        current_staff=data["current_staff"], training_weeks=data["training_weeks"],
        ramp_up=tuple(data["ramp_up"]), monthly_attrition=data["attrition"],
        weekly_cost=data["weekly_cost"], hire_cost=data["hire_cost"])
    rules = ScheduleRules(max_days_in_row=data["max_days_in_row"],
                          min_rest_hours=data["min_rest_hours"],
                          time_limit_seconds=data.get("time_limit", 60.0))
    return SeasonSettings(
        first_day=date.fromisoformat(data["first_day"]),
        last_day=date.fromisoformat(data["last_day"]),
        hiring_from=date.fromisoformat(data["hiring_from"]),
        target_service_level=data["target_service_level"],
        target_seconds=data["target_seconds"], patience_seconds=data["patience_seconds"],
        in_shift_shrinkage=data["shrinkage"], absence=data["absence"],
        max_occupancy=data["max_occupancy"], growth=data.get("growth", 1.0), hiring=hiring,
        level_of_service_goal=data.get("level_of_service_goal"),
        rules=rules, replications=data.get("replications", 3))


def run_season_plan(run_pk: int) -> str:
    run = PlanningRun.objects.get(pk=run_pk)
    if run.finished:
        return run.status
    run.start()
    run.save(update_fields=["status", "stage"])

    def progress(stage: str) -> None:
        PlanningRun.objects.filter(pk=run_pk).update(stage=stage)

    try:
        history = (stored_history(run.history) if run.history_id
                   else recorded_history(run.source))
        season = build_season_plan(history, season_settings(run.settings), progress=progress)
    except PLANNING_FAILURES as problem:
        run.refresh_from_db(fields=["stage"])
        run.fail(str(problem))
        run.save(update_fields=["status", "error", "finished_at"])
        return run.status
    except Exception:
        log.exception("planning run %s failed", run_pk)
        run.fail("the planner stopped on an unexpected error; it has been logged")
        run.save(update_fields=["status", "error", "finished_at"])
        raise
    run.finish(result_of(season))
    run.save(update_fields=["status", "result", "stage", "finished_at"])
    return run.status


def progress_of(run: PlanningRun) -> dict:
    done = STAGES.index(run.stage) if run.stage in STAGES else (
        len(STAGES) if run.status == PlanningRun.Status.DONE else 0)
    return {"done": done, "total": len(STAGES), "step": min(done + 1, len(STAGES)),
            "label": STAGE_LABELS.get(run.stage, "")}
