"""Staff views of returns: a list without personal details, and one return with them (each
read of the details is written to the audit log)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from civiccx.core.roles import CSR, CX_ANALYST, role_required
from civiccx.directfile import funnel, status
from civiccx.directfile.models import TaxReturn
from civiccx.directfile.returns import interview_for
from civiccx.services.audit import record_pii_read


@role_required(CSR, CX_ANALYST)
def returns(request):
    queryset = TaxReturn.objects.order_by("-updated_at")
    chosen = request.GET.get("status", "")
    if chosen:
        queryset = queryset.filter(status=chosen)
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    years, by_year = funnel.counts_by_year()
    return render(request, "directfile/staff_returns.html", {
        "page_obj": page, "funnel_years": years, "funnel": by_year, "chosen": chosen,
        "statuses": TaxReturn._meta.get_field("status").choices})


@role_required(CSR)
def return_detail(request, pk: int):
    tax_return = get_object_or_404(TaxReturn.objects.select_related("owner"), pk=pk)
    can_see = request.user.has_perm("directfile.view_return_pii")
    people = {}
    if can_see:
        answers = tax_return.answers
        record_pii_read(request, tax_return)
        people = {"name": " ".join(filter(None, (answers.get("/primaryFiler/firstName"),
                                                  answers.get("/primaryFiler/lastName")))),
                  "tin": answers.get("/primaryFiler/tin", ""),
                  "email": answers.get("/contact/email", "")}
    iv = interview_for(tax_return)
    return render(request, "directfile/staff_return.html", {
        "tax_return": tax_return, "people": people, "can_see": can_see,
        "timeline": status.timeline(tax_return), "sections": iv.section_states(),
        "knockouts": iv.knockouts})
