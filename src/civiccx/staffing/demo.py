"""The staffing app's part of `civiccx seed_demo`: three years of the main line's calls at the
scale of a national tax agency (tens of thousands of calls a day at the filing-season peak),
and a season plan started on them.

The history is half-hour totals generated directly (``planning.synthetic``), not one row per
call: about 19,000 rows for 3 years and 16 million calls, written in a second or two.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from civiccx.staffing.history import save_history
from civiccx.staffing.models import PlanningRun, SeasonHistory
from civiccx.staffing.planning.synthetic import filing_season_history
from civiccx.staffing.season_runs import next_season, start_run

DEMO_NAME = "Main line: three years of half-hour totals (demo)"
DEMO_STAFF = 800


@transaction.atomic
def seed(options, progress) -> list[str]:
    task = progress.add_task("Season history for the main line", total=1)
    history = SeasonHistory.objects.filter(name=DEMO_NAME).first()
    if history is None:
        today = timezone.localdate()
        history = save_history(DEMO_NAME, filing_season_history(
            today - timedelta(days=3 * 365), today - timedelta(days=1)),
            source=SeasonHistory.Source.DEMO)
    if not PlanningRun.objects.filter(history=history).exists():
        season = next_season(timezone.localdate())
        start_run(history=history, settings=demo_settings(season))
    progress.advance(task)
    return ["Staffing: the season planner (forecast, hiring, shifts) is at /staff/staffing/season/ "
            "and the half-hour planner, which plans a day from the same history, at "
            "/staff/staffing/ (sign in as cx-analyst).", ""]


def demo_settings(season: dict) -> dict:
    return {"first_day": season["first_day"].isoformat(),
            "last_day": season["last_day"].isoformat(),
            "hiring_from": season["hiring_from"].isoformat(), "growth": 1.0,
            "target_service_level": 0.8, "target_seconds": 300, "patience_seconds": 720,
            "shrinkage": 0.15, "absence": 0.12, "max_occupancy": 0.9,
            "level_of_service_goal": 0.85,
            "current_staff": DEMO_STAFF, "training_weeks": 6, "ramp_up": [0.5, 0.75, 0.9],
            "attrition": 0.03, "weekly_cost": 1150, "hire_cost": 4000, "max_days_in_row": 5,
            "min_rest_hours": 11}
