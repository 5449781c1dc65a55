"""The CX team's pages: dashboard, comments, quarterly A-11 reporting."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civiccx.core.fiscal import parse_fiscal_quarter
from civiccx.core.languages import is_site_language
from civiccx.core.roles import CX_ANALYST, role_required
from civiccx.core.spreadsheets import csv_download, interchange_download
from civiccx.feedback import stuffing
from civiccx.feedback.a11_formats import PUBLISHED_SUMMARY_COLUMNS
from civiccx.feedback.a11_reporting import a11_file, import_touchpoints_responses, summary_rows
from civiccx.feedback.dashboard import dashboard_data
from civiccx.feedback.exports import DASHBOARD_TABLES, comments_sheet, dashboard_sheet
from civiccx.feedback.models import Comment, Survey
from civiccx.metrics.rollups import quarters
from civiccx.services.models import Channel, Service


def _filters(request) -> tuple[dict, dict, list[str]]:
    """Rollup filters from the query string, the values to show back, and any problems."""
    chosen = {name: request.GET.get(name, "").strip() for name in
              ("service", "channel", "language", "from", "to")}
    filters: dict = {}
    problems = []
    if chosen["service"]:
        filters["service__slug"] = chosen["service"]
    if chosen["channel"] in Channel.values:
        filters["channel"] = chosen["channel"]
    if is_site_language(chosen["language"]):
        filters["language"] = chosen["language"]
    for name, lookup in (("from", "fiscal_quarter__gte"), ("to", "fiscal_quarter__lte")):
        if chosen[name]:
            try:
                parse_fiscal_quarter(chosen[name])
                filters[lookup] = chosen[name].upper()
            except ValueError as error:
                problems.append(str(error))
    return filters, chosen, problems


@role_required(CX_ANALYST)
def dashboard(request):
    filters, chosen, problems = _filters(request)
    data = dashboard_data(filters)
    download = request.GET.get("download")
    if download in DASHBOARD_TABLES:
        return csv_download(*dashboard_sheet(download, data))
    query = request.GET.copy()
    query.pop("download", None)
    return render(request, "feedback/dashboard.html", {
        **data, "chosen": chosen, "problems": problems,
        "services": Service.objects.all(), "channels": Channel.choices,
        "query": query.urlencode(), "bursts": stuffing.recent_bursts(),
    })


@role_required(CX_ANALYST)
def comments(request):
    queryset = Comment.objects.select_related("response__service")
    search = request.GET.get("q", "").strip()
    if search:
        queryset = queryset.filter(Q(text__icontains=search) | Q(topics__icontains=search))
    for name, lookup in (("service", "response__service__slug"),
                         ("channel", "response__channel"),
                         ("quarter", "response__fiscal_quarter"),
                         ("sentiment", "sentiment_label")):
        if request.GET.get(name):
            queryset = queryset.filter(**{lookup: request.GET[name]})
    if request.GET.get("flagged"):
        queryset = queryset.filter(flagged=True)
    if request.GET.get("download") == "csv":
        return csv_download(*comments_sheet(queryset))
    page = Paginator(queryset, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "feedback/comments.html", {
        "page_obj": page, "search": search, "services": Service.objects.all(),
        "channels": Channel.choices, "chosen": request.GET, "query_string": query.urlencode()})


@role_required(CX_ANALYST)
@require_POST
def comment_update(request, pk: int):
    comment = get_object_or_404(Comment, pk=pk)
    tags = [t.strip().lower()[:40] for t in request.POST.get("tags", "").split(",") if t.strip()]
    if len(tags) > 20:
        messages.error(request, _("Use 20 tags or fewer."))
    else:
        comment.analyst_tags = sorted(set(tags))
        comment.flagged = request.POST.get("flagged") == "on"
        comment.save(update_fields=["analyst_tags", "flagged"])
        messages.success(request, _("Comment updated."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("feedback:comments")
    return redirect(target)


@role_required(CX_ANALYST)
def a11_export(request):
    """Download a quarter in the performance.gov formats, or import Touchpoints history."""
    quarter = request.GET.get("quarter", "").strip().upper()
    kind = request.GET.get("kind", "summary")
    fmt = request.GET.get("format", "")
    problems = []
    if quarter and fmt:
        try:
            parse_fiscal_quarter(quarter)
        except ValueError as error:
            problems.append(str(error))
        else:
            export = a11_file(quarter, kind, fmt)
            return interchange_download(export.filename, export.content, export.content_type)
    import_errors, imported = [], None
    if request.method == "POST":
        import_errors, imported = _import_upload(request)
    preview = summary_rows(quarter) if quarter and not problems else []
    return render(request, "feedback/a11_export.html", {
        "quarters": quarters(), "quarter": quarter, "problems": problems,
        "preview": preview, "columns": PUBLISHED_SUMMARY_COLUMNS,
        "surveys": Survey.objects.filter(instrument_name="a11_v2").select_related("service"),
        "import_errors": import_errors, "imported": imported,
    }, status=400 if problems or import_errors else 200)


def _import_upload(request) -> tuple[list[str], int | None]:
    upload = request.FILES.get("file")
    survey = Survey.objects.filter(pk=request.POST.get("survey") or 0).first()
    quarter = request.POST.get("import_quarter", "").strip().upper()
    errors = []
    if upload is None:
        errors.append(_("Choose a CSV file exported from Touchpoints."))
    if survey is None:
        errors.append(_("Choose the survey these responses belong to."))
    try:
        parse_fiscal_quarter(quarter)
    except ValueError as error:
        errors.append(str(error))
    if errors:
        return errors, None
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        return [_("The file is not UTF-8 text. Save it as CSV (UTF-8) and try again.")], None
    result = import_touchpoints_responses(text, survey, quarter)
    if not result.ok:
        return [str(error) for error in result.errors[:100]], None
    return [], len(result.records)
