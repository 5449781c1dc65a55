"""The staff landing page (the tools a role may use) and the problem reports list."""

from __future__ import annotations

import logging

from django.core.paginator import Paginator
from django.shortcuts import render

from civiccx.core.models import ProblemReport
from civiccx.core.roles import CX_ANALYST, ROLES, role_required, staff_required, user_roles
from civiccx.core.staff_tools import tools_for

logger = logging.getLogger(__name__)


@staff_required
def staff_home(request):
    names = user_roles(request.user)
    roles = [ROLES[name] for name in sorted(names)]
    return render(request, "core/staff_home.html",
                  {"roles": roles, "staff_tools": tools_for(names)})

@role_required(CX_ANALYST)
def problem_reports(request):
    page = Paginator(ProblemReport.objects.all(), 50).get_page(request.GET.get("page"))
    return render(request, "core/problem_reports.html", {"reports": page})
