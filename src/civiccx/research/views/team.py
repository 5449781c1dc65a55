"""A study's team (Taguette's member roles). Everyone on the team sees it; only its Admins add
people, change roles and remove them, and a study always keeps one Admin."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from civiccx.core.roles import RESEARCHER, role_required
from civiccx.research import services
from civiccx.research.access import ADMIN, READ, get_study
from civiccx.research.forms import MemberForm
from civiccx.research.models import Study, StudyMember


@role_required(RESEARCHER)
def team(request, pk):
    study = get_study(request, Study, READ, pk=pk)
    is_admin = request.study_role == ADMIN
    form = MemberForm(study=study)
    if request.method == "POST":
        if not is_admin:
            raise PermissionDenied
        action = request.POST.get("action", "add")
        if action == "add":
            form = MemberForm(request.POST, study=study)
            if form.is_valid():
                member = StudyMember.objects.create(study=study, user=form.cleaned_data["user"],
                                                    role=form.cleaned_data["role"])
                services.log(study, request.user, "member added", user=member.user.username,
                             role=member.role)
                messages.success(request, _("%(name)s joined the team as %(role)s.") % {
                    "name": member.user.get_full_name() or member.user.username,
                    "role": member.get_role_display()})
                return redirect("research:team", study.pk)
        else:
            member = get_object_or_404(StudyMember, study=study, pk=request.POST.get("member"))
            error = _change(request, study, member, action)
            if error:
                messages.error(request, error)
            return redirect("research:team", study.pk)
    return render(request, "research/team.html", {
        "study": study, "form": form, "is_admin": is_admin,
        "members": study.members.select_related("user"), "roles": StudyMember.Role.choices})


def _change(request, study, member, action) -> str:
    """Change a member's role or remove them; the error to show, if refused."""
    role = request.POST.get("role") if action == "role" else None
    if action == "role" and role not in StudyMember.Role.values:
        return _("Choose one of the roles.")
    losing_admin = member.role == ADMIN and (action == "remove" or role != ADMIN)
    if losing_admin and study.members.filter(role=ADMIN).count() == 1:
        return _("A study needs at least one Admin: make someone else Admin first.")
    name = member.user.get_full_name() or member.user.username
    if action == "remove":
        member.delete()
        services.log(study, request.user, "member removed", user=member.user.username)
        messages.success(request, _("%(name)s left the team.") % {"name": name})
    elif action == "role":
        member.role = role
        member.save(update_fields=["role"])
        services.log(study, request.user, "member role changed", user=member.user.username,
                     role=role)
        messages.success(request, _("%(name)s is now %(role)s.") % {
            "name": name, "role": member.get_role_display()})
    else:
        return _("Unknown action.")
    return ""
