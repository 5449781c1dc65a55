"""The CX team's pages: dashboard, comments, quarterly A-11 reporting."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from civiccx.core.fiscal import parse_fiscal_quarter
from civiccx.core.languages import is_site_language
from civiccx.core.roles import CX_ANALYST, role_required
from civiccx.core.spreadsheets import csv_download, interchange_download
from civiccx.feedback import stuffing
from civiccx.feedback.a11_formats import PUBLISHED_SUMMARY_COLUMNS, is_combined_export
from civiccx.feedback.a11_reporting import (
    CombinedImport,
    a11_file,
    import_combined_export,
    import_touchpoints_responses,
    set_quarter_volumes,
    summary_rows,
)
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


# How Touchpoints marked the rows an import skips, in "Skipped, … in Touchpoints: n".
SKIPPED_IN_TOUCHPOINTS = {
    "flagged": pgettext_lazy("skipped rows", "flagged"),
    "spam": pgettext_lazy("skipped rows", "marked as spam"),
    "deleted": pgettext_lazy("skipped rows", "deleted"),
}


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
        except ValueError:
            problems.append(_not_a_quarter(quarter))
        else:
            export = a11_file(quarter, kind, fmt)
            return interchange_download(export.filename, export.content, export.content_type)
    import_errors, imported, volume_errors = [], None, []
    if request.method == "POST" and request.POST.get("action") == "volumes":
        volume_errors = _save_volumes(request)
        if not volume_errors:
            messages.success(request, _("Volumes saved."))
            return redirect(f"{reverse('feedback:a11-export')}?quarter="
                            f"{request.POST.get('volume_quarter', '').strip().upper()}")
    elif request.method == "POST":
        import_errors, imported = _import_upload(request)
    preview = summary_rows(quarter) if quarter and not problems else []
    return render(request, "feedback/a11_export.html", {
        "quarters": quarters(), "quarter": quarter, "problems": problems,
        "preview": preview, "columns": PUBLISHED_SUMMARY_COLUMNS,
        "surveys": Survey.objects.filter(instrument_name="a11_v2").select_related("service"),
        "import_errors": import_errors,
        "imported": getattr(imported, "imported", imported),
        "import_report": None if isinstance(imported, int) else imported,
        "skipped": [] if imported is None or isinstance(imported, int) else [
            (SKIPPED_IN_TOUCHPOINTS.get(kind, kind), n)
            for kind, n in sorted(imported.skipped.items()) if n],
        "services": Service.objects.order_by("name"), "channels": Channel.choices,
        "volume_errors": volume_errors, "form": request.POST,
    }, status=400 if problems or import_errors or volume_errors else 200)


def _not_a_quarter(text: str) -> str:
    return _("%(quarter)s is not a fiscal quarter: write it like FY2024Q2.") % {
        "quarter": repr(text)}


def _save_volumes(request) -> list[str]:
    """Customers served and surveys offered in a quarter, typed by an analyst."""
    service = Service.objects.filter(pk=request.POST.get("service") or 0).first()
    if service is None:
        return [_("Choose the service.")]
    figures = {}
    for name in ("served", "offered"):
        raw = request.POST.get(name, "").strip().replace(",", "")
        if not raw:
            continue
        if not raw.isdigit():
            return [_("Enter the volumes as whole numbers, such as 12500.")]
        figures[name] = int(raw)
    if not figures:
        return [_("Enter customers served, surveys offered, or both.")]
    try:
        parse_fiscal_quarter(request.POST.get("volume_quarter", ""))
    except ValueError:
        return [_not_a_quarter(request.POST.get("volume_quarter", ""))]
    try:
        set_quarter_volumes(service, request.POST.get("channel", ""),
                            request.POST.get("volume_quarter", ""), **figures)
    except ValueError as error:
        return [str(error)]
    return []


def _import_upload(request) -> tuple[list[str], int | CombinedImport | None]:
    upload = request.FILES.get("file")
    survey = Survey.objects.filter(pk=request.POST.get("survey") or 0).first()
    quarter = request.POST.get("import_quarter", "").strip().upper()
    errors = []
    if upload is None:
        errors.append(_("Choose a CSV file exported from Touchpoints."))
    if survey is None:
        errors.append(_("Choose the survey these responses belong to."))
    if errors:
        return errors, None
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        return [_("The file is not UTF-8 text. Save it as CSV (UTF-8) and try again.")], None
    if is_combined_export(text.split("\n", 1)[0].split(",")):
        combined = import_combined_export(text, survey, quarter=quarter or None)
        if not combined.ok:
            return [error.localized(_) for error in combined.errors[:100]], None
        return [], combined
    try:
        parse_fiscal_quarter(quarter)
    except ValueError:
        return [_("The 17-column file has no dates: give the fiscal quarter of its "
                  "responses.")], None
    result = import_touchpoints_responses(text, survey, quarter)
    if not result.ok:
        return [error.localized(_) for error in result.errors[:100]], None
    return [], len(result.records)
