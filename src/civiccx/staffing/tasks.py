"""Background work for the season planner (run by `civiccx db_worker`)."""

from django_tasks import task

from civiccx.staffing.season_runs import run_season_plan


@task()
def plan_season(run_pk: int) -> str:
    """Forecast, plan, hire, schedule and simulate for one planner run, saving progress."""
    return run_season_plan(run_pk)
