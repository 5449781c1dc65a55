"""The staffing planners: how many CSRs each half-hour needs (a table, a chart and a CSV), and
the season planner (forecast, hiring, shifts, simulated outcome) that runs in the background."""

from __future__ import annotations

import io

from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from civiccx.core.roles import CX_ANALYST, role_required
from civiccx.core.spreadsheets import csv_download, spreadsheet_safe
from civiccx.staffing import season_report
from civiccx.staffing.forecasts import forecast_from_history, forecast_from_interactions
from civiccx.staffing.forms import PlannerForm, SeasonPlanForm
from civiccx.staffing.history import import_history
from civiccx.staffing.models import PlanningRun, SeasonHistory
from civiccx.staffing.plan_charts import PlanWords, plan_chart
from civiccx.staffing.planning.forecasting import HistoryError
from civiccx.staffing.queueing.plan import (
    PLAN_COLUMNS,
    ForecastError,
    PlanSettings,
    plan_csv_rows,
    read_forecast_csv,
    staffing_plan,
)
from civiccx.staffing.season_runs import next_season, progress_of, start_run

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def _forecast(data):
    if data["source"] == "upload":
        upload = data["forecast_file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ForecastError("The forecast file is larger than 2 MB.")
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ForecastError("The forecast file is not UTF-8 text.") from error
        return read_forecast_csv(io.StringIO(text))
    if data["source"] == "history":
        return forecast_from_history(data["history"], data["weekday"], data["weeks"] or 4)
    return forecast_from_interactions(data["service"], data["weekday"], data["weeks"] or 4)


@role_required(CX_ANALYST)
def planner(request):
    submitted = request.method == "POST"
    form = PlannerForm(request.POST if submitted else None, request.FILES if submitted else None)
    plan = chart = None
    problem = ""
    if submitted and form.is_valid():
        data = form.cleaned_data
        try:
            settings = PlanSettings(
                target_service_level=data["target_service_level"] / 100,
                target_seconds=data["target_seconds"], shrinkage=data["shrinkage"] / 100,
                max_occupancy=data["max_occupancy"] / 100, model=data["model"],
                patience_seconds=data.get("patience_seconds"))
            plan = staffing_plan(_forecast(data), settings)
        except ForecastError as error:
            problem = str(error)
        else:
            if request.POST.get("download") == "csv":
                return csv_download("staffing-plan.csv", PLAN_COLUMNS, plan_csv_rows(plan))
            chart = plan_chart(plan, PlanWords(
                _("Agents needed on the phones and to schedule, by half-hour"),
                _("Scheduled (with shrinkage)"), _("Required on the phones"), _("Starts"),
                _("Agents")))
    return render(request, "staffing/planner.html", {
        "form": form, "plan": plan, "rows": plan.rows() if plan else [], "chart": chart,
        "problem": problem,
        "hours": plan.scheduled_agent_hours() if plan else None,
    }, status=400 if (form.errors or problem) else 200)


def _latest_history() -> dict:
    """Start from the newest saved history when there is one: a planner re-plans from the
    history they saved, and a fresh demo has no phone line with a season of calls."""
    latest = SeasonHistory.objects.order_by("-pk").first()
    return {"source": "history", "history": latest.pk} if latest else {}


@role_required(CX_ANALYST)
def season_planner(request):
    """Season planner: history in, a run started in the background, its page to follow."""
    submitted = request.method == "POST"
    form = SeasonPlanForm(request.POST if submitted else None,
                          request.FILES if submitted else None,
                          initial={**next_season(timezone.localdate()), **_latest_history()})
    problem = ""
    if submitted and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                history = data["history"] if data["source"] == "history" else None
                if data["source"] == "upload":
                    history = import_history(data["history_name"], data["history_file"],
                                             created_by=request.user)
                run = start_run(settings=form.run_settings(), history=history,
                                source=data["queue"] if data["source"] == "queue" else "",
                                created_by=request.user)
        except HistoryError as error:
            problem = str(error)
        else:
            return redirect("staffing:season-run", pk=run.pk)
    return render(request, "staffing/season_planner.html", {
        "form": form, "problem": problem, "runs": PlanningRun.objects.all()[:10],
    }, status=400 if (form.errors or problem) else 200)


@role_required(CX_ANALYST)
def season_run(request, pk: int):
    run = get_object_or_404(PlanningRun.objects.select_related("history"), pk=pk)
    result = run.result if run.status == PlanningRun.Status.DONE else None
    context = {"run": run, "progress": progress_of(run), "result": result,
               "season_first": parse_date(run.settings.get("first_day", "")),
               "season_last": parse_date(run.settings.get("last_day", ""))}
    if result:
        context.update(
            charts=season_report.charts(result), headline=season_report.headline(result),
            classes=season_report.classes(result),
            patterns=season_report.shift_patterns(result),
            short=season_report.short_intervals(result),
            schedule_week=parse_date(result["schedule"]["week_of"])
            if result.get("schedule") else None,
            downloads=[kind for kind in season_report.DOWNLOADS
                       if kind != "rosters" or result.get("schedule")])
    return render(request, "staffing/season_run.html", context)


@role_required(CX_ANALYST)
def season_run_progress(request, pk: int):
    """The progress box, polled by HTMX; once the run ends the whole page reloads."""
    run = get_object_or_404(PlanningRun, pk=pk)
    response = render(request, "staffing/_season_progress.html",
                      {"run": run, "progress": progress_of(run)})
    if run.finished and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@role_required(CX_ANALYST)
def season_run_download(request, pk: int, kind: str):
    run = get_object_or_404(PlanningRun, pk=pk, status=PlanningRun.Status.DONE)
    try:
        header, rows = season_report.download_rows(run.result, kind)
    except KeyError:
        raise Http404("no such download") from None
    safe = ([spreadsheet_safe(cell) if isinstance(cell, str) else cell for cell in row]
            for row in rows)
    return csv_download(f"season-plan-{run.pk}-{kind}.csv", header, safe)
