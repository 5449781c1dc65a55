"""The report builder: CX analysts draft and edit, a progress report publisher reviews and
publishes; commitments and their status changes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civiccx.core.dates import quarter_name
from civiccx.core.languages import current_language
from civiccx.core.roles import CX_ANALYST, REPORT_PUBLISHER, role_required, user_roles
from civiccx.reports import building
from civiccx.reports.forms import (
    CapacityAssessmentForm,
    CommitmentForm,
    CommitmentStatusForm,
    CorrectionForm,
    NarrativeForm,
    QuoteForm,
    StartReportForm,
)
from civiccx.reports.models import (
    CapacityAssessment,
    Commitment,
    CommitmentError,
    ProgressReport,
    Quote,
    ReportError,
)
from civiccx.reports.pdf import report_pdf
from civiccx.reports.presentation import commitment_rows, figure_sections, quotes
from civiccx.reports.publication import version_url

EITHER = (CX_ANALYST, REPORT_PUBLISHER)


@role_required(*EITHER)
def home(request):
    reports = ProgressReport.objects.select_related("service").order_by(
        "-quarter", "service__order", "-version"
    )
    return render(
        request,
        "reports/staff/home.html",
        {
            "reports": reports,
            "start_form": StartReportForm(),
            "commitments": Commitment.objects.select_related("service"),
            "can_draft": bool(user_roles(request.user) & {CX_ANALYST, "admin"}),
            "can_publish": bool(user_roles(request.user) & {REPORT_PUBLISHER, "admin"}),
        },
    )


@require_POST
@role_required(CX_ANALYST)
def start(request):
    form = StartReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("reports:staff-home")
    report = building.draft_report(
        form.cleaned_data["service"],
        form.cleaned_data["quarter"],
        request.user,
        audience=form.cleaned_data["audience"],
    )
    return redirect("reports:edit", pk=report.pk)


@role_required(*EITHER)
def edit(request, pk: int):
    report = get_object_or_404(ProgressReport.objects.select_related("service"), pk=pk)
    roles = user_roles(request.user)
    editable = report.state == ProgressReport.State.DRAFT and bool(roles & {CX_ANALYST, "admin"})
    form = NarrativeForm(
        request.POST if request.method == "POST" and editable else None,
        instance=report,
        initial={"figures": [ref.key for ref in report.figures.all()]},
    )
    if request.method == "POST" and editable and form.is_valid():
        with transaction.atomic():
            form.save()
            chosen = form.cleaned_data["figures"]
            report.figures.exclude(key__in=chosen).delete()
            existing = set(report.figures.values_list("key", flat=True))
            for order, key in enumerate(chosen):
                if key in existing:
                    report.figures.filter(key=key).update(order=order)
                else:
                    report.figures.create(key=key, order=order)
        messages.success(request, _("Draft saved."))
        return redirect("reports:edit", pk=report.pk)
    data = building.report_data(report)
    return render(
        request,
        "reports/staff/edit.html",
        {
            "report": report,
            "form": form,
            "editable": editable,
            "sections": figure_sections(data),
            "commitments": commitment_rows(data),
            "quotes": quotes(data),
            "correction_form": CorrectionForm(),
            "is_publisher": bool(roles & {REPORT_PUBLISHER, "admin"}),
            "is_analyst": bool(roles & {CX_ANALYST, "admin"}),
            "public_url": version_url(report) if report.state == "published" else "",
        },
    )


STEPS = {
    "submit": (CX_ANALYST, building.submit, _("Sent for review.")),
    "return": (REPORT_PUBLISHER, building.return_to_draft, _("Returned to the analyst.")),
    "publish": (REPORT_PUBLISHER, building.publish, _("Published.")),
}


@require_POST
@role_required(*EITHER)
def step(request, pk: int, step: str):
    report = get_object_or_404(ProgressReport, pk=pk)
    if step == "correct":
        return _correct(request, report)
    if step not in STEPS:
        return HttpResponse(status=404)
    role, move, done = STEPS[step]
    if not user_roles(request.user) & {role, "admin"}:
        raise PermissionDenied(_("Your role does not include this step."))
    try:
        report = move(report, request.user)
    except (ReportError, PermissionDenied) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("reports:edit", pk=report.pk)


def _correct(request, report: ProgressReport):
    if not user_roles(request.user) & {CX_ANALYST, "admin"}:
        raise PermissionDenied(_("Your role does not include this step."))
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say publicly what the correction changes."))
        return redirect("reports:edit", pk=report.pk)
    try:
        new = building.correct(
            report, request.user, form.cleaned_data["note"], form.cleaned_data["note_es"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:edit", pk=report.pk)
    messages.success(request, _("A new version was drafted; the published one stays readable."))
    return redirect("reports:edit", pk=new.pk)


@role_required(*EITHER)
def preview_pdf(request, pk: int):
    report = get_object_or_404(ProgressReport.objects.select_related("service"), pk=pk)
    return HttpResponse(
        report_pdf(report, building.report_data(report), current_language()),
        content_type="application/pdf",
    )


@role_required(CX_ANALYST)
def commitment_new(request):
    form = CommitmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            commitment = form.save()
            commitment.record_made(request.user)
        messages.success(request, _("Commitment published."))
        return redirect("reports:staff-home")
    return render(request, "reports/staff/commitment_form.html", {"form": form})


@role_required(CX_ANALYST)
def commitment_status(request, pk: int):
    commitment = get_object_or_404(Commitment, pk=pk)
    form = CommitmentStatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                locked = Commitment.objects.select_for_update().get(pk=pk)
                move = {
                    "deliver": locked.deliver,
                    "miss": locked.miss,
                    "withdraw": locked.withdraw,
                }[form.cleaned_data["action"]]
                move(request.user, form.cleaned_data["note"])
                locked.save()
        except (CommitmentError, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Status changed; the change is in its public history."))
            return redirect("reports:staff-home")
    return render(
        request, "reports/staff/commitment_status.html", {"commitment": commitment, "form": form}
    )


@role_required(REPORT_PUBLISHER)
def quote_new(request):
    """A customer's words for "What we heard", published only with their agreement."""
    form = QuoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        redacted = form.redacted()
        quote = form.save()
        if quote.public_consent:
            messages.success(
                request,
                _("Quote saved. It will appear in %(quarter)s's report when it is published.")
                % {"quarter": quarter_name(quote.quarter)},
            )
        else:
            messages.warning(
                request,
                _("Quote saved, but it will never be published: the customer did not agree."),
            )
        if redacted:
            messages.info(request, _("Personal details were removed from the words before saving."))
        return redirect("reports:quotes")
    return render(
        request,
        "reports/staff/quote_form.html",
        {"form": form, "quotes": Quote.objects.select_related("service").order_by("-pk")[:50]},
    )


@role_required(REPORT_PUBLISHER)
def capacity_new(request):
    """The year's CX capacity self-assessment: five scores at once, never changed after."""
    form = CapacityAssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for score in form.scores():
                score.save()
        messages.success(
            request,
            _("The FY%(year)s self-assessment is published beside the earlier years.")
            % {"year": form.cleaned_data["fiscal_year"]},
        )
        return redirect("reports:capacity-new")
    return render(
        request,
        "reports/staff/capacity_form.html",
        {"form": form, "years": sorted(
            set(CapacityAssessment.objects.values_list("fiscal_year", flat=True)), reverse=True)},
    )
