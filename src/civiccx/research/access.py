"""Object-level checks for study pages: a researcher reaches a study only through its team
(StudyMember), with Taguette's roles. The `researcher` group lets someone into the repository;
membership decides which studies, and the role what they may do there. A refusal is a 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from civiccx.research.models import StudyMember

ADMIN = StudyMember.Role.ADMIN
MANAGE = StudyMember.Role.MANAGE
TAG = StudyMember.Role.TAG
READ = StudyMember.Role.READ


def require(user, study, needed: str) -> str:
    """The user's role on `study`, or PermissionDenied if it is below `needed`."""
    role = study.role_of(user)
    if not StudyMember.allows(role, needed):
        raise PermissionDenied
    return role


def get_study(request, model, needed: str, *, via: str = "", **lookup):
    """`model` looked up by `lookup` (404 if missing), after checking the user's role on its
    study (reached through the attribute path `via`, e.g. "study" or "session.study")."""
    obj = get_object_or_404(model, **lookup)
    study = obj
    for attribute in filter(None, via.split(".")):
        study = getattr(study, attribute)
    request.study_role = require(request.user, study, needed)
    return obj


def readable_study_ids(user):
    """The studies whose data this user may read (any role)."""
    return StudyMember.objects.filter(user=user).values_list("study_id", flat=True)


def taggable_study_ids(user):
    return StudyMember.objects.filter(
        user=user, role__in=[ADMIN, MANAGE, TAG]).values_list("study_id", flat=True)
