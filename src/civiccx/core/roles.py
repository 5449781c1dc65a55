"""Staff roles (docs/architecture.md, Roles) as Django groups, and the checks views use.

Each role is a group whose permissions are declared here, so that `civiccx migrate` (through the
`sync_roles` post-migrate hook) keeps the database in step with the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import resolve_url

CSR = "csr"
CENTER_STAFF = "center_staff"
CX_ANALYST = "cx_analyst"
RESEARCHER = "researcher"
RESEARCH_RECRUITER = "research_recruiter"
CONTENT_EDITOR = "content_editor"
CONTENT_PUBLISHER = "content_publisher"
REPORT_PUBLISHER = "report_publisher"
ADMIN = "admin"

_HELP_EDITING = ("help.view_article", "help.add_article", "help.change_article",
                 "help.view_help_analytics")


@dataclass(frozen=True)
class Role:
    name: str
    label: str
    description: str
    permissions: tuple[str, ...]


ROLES: dict[str, Role] = {
    role.name: role
    for role in (
        Role(CSR, "Customer service representative",
             "Works phone callbacks and sees the caller's context.",
             ("services.view_interaction", "directfile.view_taxreturn",
              "directfile.view_return_pii")),
        Role(CENTER_STAFF, "Walk-in center staff",
             "Runs a center's appointments, queue and counters.",
             ("services.view_location", "services.view_interaction")),
        Role(CX_ANALYST, "CX analyst",
             "Reads interactions, feedback and dashboards; exports A-11 reports.",
             ("services.view_interaction", "services.view_interaction_contact",
              "core.view_problemreport", "help.view_help_analytics")),
        Role(CONTENT_EDITOR, "Help center editor",
             "Writes and updates help articles and sends them for review.",
             _HELP_EDITING),
        Role(CONTENT_PUBLISHER, "Help center publisher",
             "Reviews help articles, publishes or returns them, and withdraws old ones.",
             (*_HELP_EDITING, "help.publish_article", "help.change_synonymgroup")),
        Role(REPORT_PUBLISHER, "Progress report publisher",
             "Reviews quarterly progress reports drafted by CX analysts and publishes them.",
             ("services.view_service",)),
        Role(RESEARCHER, "Researcher",
             "Runs studies and keeps the research repository; knows participants by code.",
             ("services.view_service", "research.view_study", "research.change_study",
              "research.view_persona", "research.change_persona")),
        Role(RESEARCH_RECRUITER, "Research recruiter",
             "Recruits research participants and keeps their contact details and "
             "compensation: the only role that sees participants' personal data.",
             ("research.view_participantvault", "research.change_participantvault")),
        Role(ADMIN, "Administrator",
             "Manages the service catalog, staff accounts and the audit log.",
             ("services.add_service", "services.change_service", "services.view_service",
              "services.add_location", "services.change_location", "services.view_location",
              "services.view_interaction", "services.view_interaction_contact",
              "core.view_problemreport", "auditlog.view_logentry",
              "directfile.view_taxreturn", "directfile.view_return_pii",
              *_HELP_EDITING, "help.publish_article", "help.change_synonymgroup")),
    )
}
STAFF_ROLES = frozenset(ROLES)


def user_roles(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_civiccx_roles", None)
    if cached is None:
        cached = set(user.groups.filter(name__in=STAFF_ROLES).values_list("name", flat=True))
        if user.is_superuser:
            cached.add(ADMIN)
        user._civiccx_roles = cached
    return cached


def is_staff_member(user) -> bool:
    return bool(user_roles(user))


def role_required(*roles: str):
    """Staff-only view: anonymous users go to sign-in, staff without the role get 403.

    A staff member must also have passed the second factor in this session.
    """

    allowed = set(roles) | {ADMIN}

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path(),
                                         resolve_url("accounts:staff-login"))
            if not is_staff_member(user):
                raise PermissionDenied("This page is for agency staff.")
            if not user.is_verified():
                return redirect_to_login(request.get_full_path(),
                                         resolve_url("accounts:staff-verify"))
            if not (user_roles(user) & allowed):
                raise PermissionDenied("Your role does not include this page.")
            return view(request, *args, **kwargs)

        wrapper.civiccx_roles = tuple(sorted(allowed))
        return wrapper

    return decorator


def staff_required(view):
    return role_required(*STAFF_ROLES)(view)


def sync_roles(**_kwargs) -> None:
    """Create the role groups and give them exactly their declared permissions."""
    from django.contrib.auth.models import Group, Permission

    for role in ROLES.values():
        group, _ = Group.objects.get_or_create(name=role.name)
        wanted = []
        for dotted in role.permissions:
            app_label, codename = dotted.split(".", 1)
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission:
                wanted.append(permission)
        group.permissions.set(wanted)
