"""Pages every site has: health check, policy pages, problem reports and error pages."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from civiccx.core.forms import ProblemReportForm
from civiccx.core.languages import current_language
from civiccx.core.models import ProblemReport
from civiccx.core.policy_pages import POLICY_PAGES
from civiccx.core.ratelimit import public_form_ratelimit
from civiccx.core.redaction import redact

logger = logging.getLogger(__name__)


@require_GET
@never_cache
def healthz(request):
    """For load balancers and uptime checks: is the database answering?"""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = {"status": "ok", "vendor": connection.vendor}
        status = 200
    except Exception as error:  # any driver error means "not healthy"
        logger.warning("Health check: database unavailable: %s", type(error).__name__)
        database = {"status": "unavailable", "vendor": connection.vendor}
        status = 503
    return JsonResponse(
        {"status": "ok" if status == 200 else "degraded", "database": database,
         "time": timezone.now().isoformat()},
        status=status,
    )

def policy_page(request, slug: str):
    page = POLICY_PAGES.get(slug)
    if page is None:
        raise Http404
    if page.url_name:
        return redirect(page.url, permanent=True)
    return render(request, page.template, {"page": page})

@public_form_ratelimit
def report_problem(request):
    initial_page = request.GET.get("page", "")[:500]
    form = ProblemReportForm(request.POST if request.method == "POST" else None,
                             initial={"page": initial_page})
    if request.method == "POST" and form.is_valid():
        if not form.is_spam():
            ProblemReport.objects.create(
                page=form.cleaned_data["page"],
                what_happened=redact(form.cleaned_data["what_happened"]).text,
                language=current_language(),
            )
        messages.success(request, _("Thank you. We received your report and will look into it."))
        return redirect("core:report-problem-thanks")
    return render(request, "core/report_problem.html", {"form": form},
                  status=400 if form.errors else 200)

def report_problem_thanks(request):
    return render(request, "core/report_problem_thanks.html")

def rate_limited(request, exception=None):
    return render(request, "errors/429.html", status=429)

def csrf_failure(request, reason=""):
    return render(request, "errors/403_csrf.html", status=403)

def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)

def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)

def server_error(request):
    return render(request, "errors/500.html", status=500)
