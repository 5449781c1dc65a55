"""The filer's session: Direct File ends an idle session after 15 minutes (a warning shows at
10), as IRS Direct File did; answers are saved with every screen, so nothing is lost."""

from __future__ import annotations

import time
from functools import wraps

from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse

from civiccx.core.languages import current_language
from civiccx.directfile.funnel import record
from civiccx.directfile.models import FunnelEvent

IDLE_SECONDS = 15 * 60
WARN_SECONDS = 10 * 60
SEEN = "directfile_seen"


def filer_required(view):
    """Signed-in members of the public only. An idle session is ended: a page asked for after
    15 quiet minutes signs the person out; a screen posted then is saved first (the view ends
    the session after saving, see `timed_out`)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(),
                                     reverse("accounts:public-sign-in-start"))
        now = time.time()
        last = request.session.get(SEEN)
        request.directfile_timed_out = bool(last and now - last > IDLE_SECONDS)
        if request.directfile_timed_out and request.method != "POST":
            return end_session(request)
        request.session[SEEN] = now
        return view(request, *args, **kwargs)

    return wrapper


def timed_out(request) -> bool:
    return getattr(request, "directfile_timed_out", False) or \
        request.POST.get("idle_timeout") == "1"


def end_session(request):
    record(FunnelEvent.Kind.TIMED_OUT, language=current_language())
    logout(request)
    return redirect("directfile:session-ended")
