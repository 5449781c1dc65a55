"""The staffing planner: how many CSRs each half-hour needs, as a table, a chart and a CSV."""

from __future__ import annotations

import io

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from civiccx.core.roles import CX_ANALYST, role_required
from civiccx.staffing.forecasts import forecast_from_interactions
from civiccx.staffing.forms import PlannerForm
from civiccx.staffing.plan_charts import PlanWords, plan_chart
from civiccx.staffing.queueing.plan import (
    ForecastError,
    PlanSettings,
    plan_csv_text,
    read_forecast_csv,
    staffing_plan,
)

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
                response = HttpResponse(plan_csv_text(plan), content_type="text/csv")
                response["Content-Disposition"] = 'attachment; filename="staffing-plan.csv"'
                return response
            chart = plan_chart(plan, PlanWords(
                _("Agents needed on the phones and to schedule, by half-hour"),
                _("Scheduled (with shrinkage)"), _("Required on the phones"), _("Starts"),
                _("Agents")))
    return render(request, "staffing/planner.html", {
        "form": form, "plan": plan, "rows": plan.rows() if plan else [], "chart": chart,
        "problem": problem,
        "hours": plan.scheduled_agent_hours() if plan else None,
    }, status=400 if (form.errors or problem) else 200)
