"""The anonymous eligibility checker: a few questions before any personal details, ending in
"You can likely use Direct File" or, for each thing out of scope, the reason and the free
ways to file instead.

Its answers are the tax engine's own scope facts (`/hasBusinessIncome`, ...), so a person who
goes on to start a return is not asked them again, and a reason reads as the knockout would.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civiccx.directfile.engine_words import say
from civiccx.directfile.flow import OUT_OF_SCOPE_INCOME
from civiccx.directfile.questions import participating_states
from civiccx.taxengine import CATALOGUE

SITUATIONS = (
    ("/wasNonresidentAlien", gettext_lazy("I was a nonresident alien for part or all of the "
                                          "year")),
    ("/hadMarketplaceCoverage", gettext_lazy("I or my family had health insurance from the "
                                             "Marketplace (Form 1095-A)")),
    ("/hasHsa", gettext_lazy("I had a health savings account (HSA)")),
    ("/madeEstimatedTaxPayments", gettext_lazy("I made estimated tax payments")),
    ("/wantsToItemize", gettext_lazy("I want to itemize deductions (mortgage interest, "
                                     "charitable gifts and similar)")),
)
CREDITS = (
    ("/wantsOtherCredits", gettext_lazy("I want a credit for child or dependent care, "
                                        "education, clean energy or an electric vehicle")),
)
STEPS = ("where", "income", "situations", "credits")


@dataclass(frozen=True)
class Reason:
    code: str
    title: str
    reason: str


def facts_by_code() -> dict[str, str]:
    return {r.when: r.code for r in CATALOGUE.knockouts}


def reasons(answers: dict) -> list[Reason]:
    """Each thing out of scope, in the order the checker asked about it."""
    out: list[Reason] = []
    year = answers.get("year", 2024)
    state = answers.get("state", "")
    if state and state not in participating_states(year):
        out.append(Reason("state", _("Your state is not taking part in Direct File for %(year)s")
                          % {"year": year},
                          _("Direct File for %(year)s is available to people who lived all "
                            "year in one of %(count)s participating states.")
                          % {"year": year, "count": len(participating_states(year))}))
    if answers.get("multiState"):
        out.append(Reason("multi-state", _("You lived in more than one state"),
                          _("Direct File is for people who lived all year in one "
                            "participating state.")))
    codes = facts_by_code()
    facts = answers.get("facts", {})
    for path, _label in (*OUT_OF_SCOPE_INCOME, *SITUATIONS, *CREDITS):
        if facts.get(path):
            rule = CATALOGUE.knockout(codes[path])
            out.append(Reason(rule.code, say(rule.title), say(rule.reason)))
    if answers.get("interestOverLimit"):
        rule = CATALOGUE.knockout("interest-over-limit")
        out.append(Reason(rule.code, _("Interest over $1,500"),
                          _("Interest over $1,500 is reported on Schedule B, which this version "
                            "of Direct File does not prepare.")))
    return out


def reason_title(code: str) -> str:
    """A reason's short title by its code, for counts of reasons (no year or state known)."""
    if code == "state":
        return _("Their state is not taking part in Direct File")
    if code == "multi-state":
        return _("Lived in more than one state")
    if code == "interest-over-limit":
        return _("Interest over $1,500")
    try:
        return say(CATALOGUE.knockout(code).title)
    except KeyError:
        return code


def callback_queue() -> str:
    return getattr(settings, "DIRECTFILE_CALLBACK_QUEUE", "main-line")


def alternatives() -> list[dict]:
    """The free ways to file elsewhere: our own channels by URL, then the engine's list."""
    ours = [
        {"name": _("Get a call back from us"), "url": reverse("phone:request-callback",
                                                             args=[callback_queue()]),
         "text": _("We call you when it is your turn and help you choose how to file.")},
        {"name": _("Visit a taxpayer assistance center"), "url": reverse("walkin:find"),
         "text": _("Book an appointment near you.")},
    ]
    theirs = [{"name": say(a.name), "url": a.url,
               "text": _("Call %(phone)s") % {"phone": a.phone} if a.phone else ""}
              for a in CATALOGUE.alternatives]
    return ours + theirs


def prefill(answers: dict) -> dict:
    """The checker's answers as a return's first answers (the scope questions)."""
    facts = {p: bool(v) for p, v in answers.get("facts", {}).items()}
    for path, _label in (*OUT_OF_SCOPE_INCOME, *SITUATIONS, *CREDITS):
        facts.setdefault(path, False)
    if answers.get("state") in participating_states(answers.get("year", 2024)):
        facts["/address/state"] = answers["state"]
    return facts
