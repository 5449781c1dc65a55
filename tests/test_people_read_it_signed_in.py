"""The reader of tests/test_people_read_it.py, behind a sign-in: every page a signed-in taxpayer
reaches in Direct File and their account, and every staff page, in Spanish and English, with the
demo's data (issue #20). Staff pages are found from the URL map, so a new one is read too, or
listed below with why it is not a page.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from civiccx.directfile.engine_words import issue_words
from civiccx.directfile.interview import Interview
from civiccx.taxengine.validation import validate
from tests.directfile.helpers import hoh_two_children, make_return
from tests.factories import make_public_user, make_staff
from tests.fixtures import sign_in_staff
from tests.test_people_read_it import NOW, problems, visible_text

pytestmark = pytest.mark.django_db

# Staff URL names that answer no page to a GET: a form's POST, a download, a polled fragment.
NOT_PAGES = {
    "accounts:staff-enroll": "redirects once the app is set up (tests/accounts)",
    "accounts:unlock": "POST only",
    "feedback:comment-update": "POST only",
    "phone:change-status": "POST only",
    "phone:next-call": "POST only",
    "phone:finish-call": "POST only",
    "staffing:season-download": "a CSV download",
    "walkin:counter-state": "POST only",
    "walkin:call-next": "POST only",
    "walkin:finish": "POST only",
    "walkin:undo": "POST only",
    "walkin:transfer": "POST only",
    "help:editor-preview": "POST only (the editor's live preview)",
    "help:editor-synonym-delete": "POST only",
    "help:editor-reviewed": "POST only",
    "help:editor-transition": "POST only",
    "help:analytics-csv": "a CSV download",
    "research:participants-csv": "a CSV download",
    "research:codebook-qdc": "a codebook download",
    "research:codebook-csv": "a CSV download",
    "research:codebook-import": "POST only",
    "research:participant-withdraw": "POST only",
    "research:receipt": "a deletion receipt, read by tests/research",
    "research:publish": "POST only",
    "reports:start": "POST only",
    "reports:preview-pdf": "a PDF",
    "reports:step": "POST only",
    "research:phase-move": "POST only",
    "research:step-move": "POST only",
    "research:step-delete": "POST only",
    "research:api-studies": "JSON for tools, not a page",
    "research:api-study": "JSON for tools, not a page",
    "reports:employees-report-pdf": "a PDF",
    "reports:employees-report-csv": "open data (CSV)",
    "reports:employees-report-json": "open data (JSON)",
}


def _named_patterns(resolver, prefix="", namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_patterns(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + str(entry.pattern), namespace + entry.name


def staff_url_names() -> list[str]:
    names = []
    for route, name in _named_patterns(get_resolver()):
        route = route.lstrip("^").replace("\\", "").removeprefix("es/")
        if route.startswith("staff/") and name not in names:
            names.append(name)
    return names


def _staff_arguments() -> dict[str, list]:
    """Realistic arguments for the staff pages that name an object, from the demo."""
    from civiccx.directfile.models import TaxReturn
    from civiccx.help.models import Article, SynonymGroup
    from civiccx.reports.models import Commitment, ProgressReport
    from civiccx.research.models import (
        JourneyStep,
        LifeExperience,
        Participant,
        Persona,
        ResearchSession,
        Study,
    )
    from civiccx.services.models import Interaction
    from civiccx.staffing.models import PlanningRun
    from civiccx.walkin.models import Center

    center = Center.objects.select_related("location").get(location__slug="houston-tx")
    article = Article.objects.get(slug="check-your-refund-status")
    study = Study.objects.order_by("pk").first().pk
    run = PlanningRun.objects.order_by("pk").first().pk
    life = LifeExperience.objects.order_by("pk").first()
    internal = (ProgressReport.objects.filter(audience="employees", state="published")
                .select_related("service").order_by("pk").first())
    assert JourneyStep.objects.filter(life_experience=life).exists()
    return {
        "services:staff-interaction-detail": [Interaction.objects.order_by("-pk").first().pk],
        "staffing:season-run": [run],
        "staffing:season-progress": [run],
        "walkin:console": [center.location.slug],
        "walkin:console-figures": [center.location.slug],
        "help:editor-synonym-edit": [SynonymGroup.objects.order_by("pk").first().pk],
        "help:editor-article": [article.slug],
        "help:editor-details": [article.slug],
        "help:editor-edit": [article.slug, "es"],
        "help:editor-history": [article.slug, "es"],
        "help:editor-diff": [article.slug, "es", 1],
        "directfile:staff-return": [TaxReturn.objects.order_by("pk").first().pk],
        "research:study": [study],
        "research:participant-new": [study],
        "research:session-new": [study],
        "research:insight-new": [study],
        "research:session": [ResearchSession.objects.order_by("pk").first().pk],
        "research:persona-edit": [Persona.objects.order_by("pk").first().slug],
        "research:life-edit": [life.slug],
        "research:journey": [life.slug],
        "research:step-edit": [life.slug, life.steps.order_by("pk").first().pk],
        "research:team": [study],
        "research:board": [study],
        "research:contact": [Participant.objects.order_by("pk").first().pk],
        "reports:edit": [ProgressReport.objects.order_by("pk").first().pk],
        "reports:commitment-status": [Commitment.objects.order_by("pk").first().pk],
        "reports:employees-report": [internal.service.slug, internal.quarter],
        "reports:employees-report-version": [internal.service.slug, internal.quarter,
                                             internal.version],
    }


def _english_names() -> list[str]:
    """Services', places' and the agency's English names where the Spanish differs: a Spanish
    page names them in Spanish (issue #20)."""
    from civiccx.services.models import Location, Service, ServiceProvider

    return [name for model in (Service, Location, ServiceProvider)
            for name, name_es in model.objects.values_list("name", "name_es")
            if name_es and name_es != name]


@pytest.fixture
def demo_at_now(monkeypatch, seed_demo):
    """The demo seeded at NOW (its calls, searches and visits lead up to that evening)."""
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)
    seed_demo(interactions=300, responses=2000)


@pytest.fixture
def filer_demo(monkeypatch, seed_demo):
    """The catalog and Direct File, at NOW."""
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)
    seed_demo("directfile")


def test_every_staff_url_is_read_or_listed():
    names = set(staff_url_names())
    assert set(NOT_PAGES) <= names, sorted(set(NOT_PAGES) - names)


def test_every_staff_page_reads_right(client, demo_at_now):
    from civiccx.staffing.demo import demo_settings
    from civiccx.staffing.models import PlanningRun
    from civiccx.staffing.season_runs import next_season, run_season_plan

    # The demo's plan, as seeded on NOW (in March: the rest of the running season, issue #19),
    # run to the end so its charts and tables are read.
    run = PlanningRun.objects.order_by("pk").first()
    assert run.settings == demo_settings(next_season(NOW.date()))
    run.save(update_fields=["settings"])
    assert run_season_plan(run.pk) == PlanningRun.Status.DONE
    staff = make_staff("admin")
    staff.groups.set(Group.objects.all())  # every role's pages, researcher's and recruiter's
    from civiccx.research.models import Study, StudyMember

    for study in Study.objects.all():  # a study's pages are its team's
        StudyMember.objects.create(study=study, user=staff, role=StudyMember.Role.ADMIN)
    sign_in_staff(client, staff)
    arguments = _staff_arguments()
    english_names = _english_names()
    found, read = {}, []
    for name in staff_url_names():
        if name in NOT_PAGES:
            continue
        for language, prefix in (("es", "/es"), ("en", "")):
            with translation.override("en"):
                path = prefix + reverse(name, args=arguments.get(name, []))
            response = client.get(path)
            assert response.status_code == 200, f"{path} answered {response.status_code}"
            text = visible_text(response.content.decode(), language)
            trouble = problems(text, language)
            if language == "es":
                trouble += [f"an English name: {n!r}" for n in english_names if n in text]
            if trouble:
                found[path] = trouble
        read.append(name)
    assert not found, "\n".join(f"{path}: {trouble}" for path, trouble in found.items())
    assert len(read) + len(NOT_PAGES) == len(staff_url_names())


# --- a signed-in taxpayer ---------------------------------------------------------------------

FILER = {
    **hoh_two_children(),
    "answers": {**hoh_two_children()["answers"], "/signing/primary/filedLastYear": False},
}


def _taxpayer_pages(tax_return) -> list[str]:
    interview = Interview(tax_return.answers, tax_return.tax_year)
    year = tax_return.tax_year
    return [
        reverse("services:my-interactions"),
        reverse("directfile:hub", args=[year]),
        *(f"/direct-file/{year}/{step.key}/" for step in interview.steps),
        reverse("directfile:why", args=[year, "16"]),
        reverse("directfile:print-and-mail", args=[year]),
    ]


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_page_of_a_return_reads_right(client, filer_demo, language):
    """Every screen of a head of household with two children (dates of birth, money, the
    explanation of line 16), the hub, and the person's account."""
    user = make_public_user()
    client.force_login(user)
    tax_return = make_return(user, FILER)
    prefix = "/es" if language == "es" else ""
    found = {}
    for path in _taxpayer_pages(tax_return):
        response = client.get(prefix + path)
        assert response.status_code == 200, f"{prefix}{path} answered {response.status_code}"
        if trouble := problems(visible_text(response.content.decode(), language), language):
            found[prefix + path] = trouble
    assert not found, "\n".join(f"{path}: {trouble}" for path, trouble in found.items())


def test_the_explanation_writes_a_birth_date_out(client, filer_demo):
    user = make_public_user()
    client.force_login(user)
    make_return(user, {**FILER, "answers": {**FILER["answers"],
                                            "/primaryFiler/dateOfBirth": "1990-05-05"}})
    spanish = visible_text(client.get("/es/direct-file/2024/why/16/").content.decode())
    assert "5 de mayo de 1990" in spanish
    english = visible_text(client.get("/direct-file/2024/why/16/").content.decode(), "en")
    assert "May 5, 1990" in english


def test_a_birth_after_the_tax_year_is_told_as_a_date_in_each_language():
    user = make_public_user()
    dependents = [{**child, "dateOfBirth": "2025-01-02"} if n == 0 else child
                  for n, child in enumerate(FILER["loops"]["dependents"])]
    tax_return = make_return(user, {**FILER, "loops": {**FILER["loops"],
                                                       "dependents": dependents}})
    issue = next(i for i in validate(Interview(tax_return.answers, 2024).graph)
                 if i.code == "born-after-tax-year")
    assert issue.params["date"] == date(2025, 1, 2).isoformat()  # data, not words
    with translation.override("es"):
        assert "nació el 2 de enero de 2025, después del fin de 2024" in issue_words(issue)
    with translation.override("en"):
        assert "was born on January 2, 2025, after the end of 2024" in issue_words(issue)


def test_places_and_services_are_named_in_the_readers_language(client, seed_demo):
    """Centers on the service page and the consoles' list, and services in the staff filters,
    by their Spanish names on Spanish pages ("Centro de Houston", not "Houston center")."""
    seed_demo("walkin")
    page = visible_text(client.get("/es/services/walk-in-assistance/").content.decode())
    assert "Centro de Houston" in page and "Houston center" not in page
    staff = make_staff("admin")
    sign_in_staff(client, staff)
    home = visible_text(client.get("/es/staff/walkin/").content.decode())
    assert "Centro de Houston" in home and "Houston center" not in home
    for path in ("/staff/interactions/", "/staff/cx/"):
        spanish = visible_text(client.get("/es" + path).content.decode())
        assert "Visite un Centro de Asistencia al Contribuyente" in spanish, path
        assert "Visit a taxpayer assistance center" not in spanish, path
        english = visible_text(client.get(path).content.decode(), "en")
        assert "Visit a taxpayer assistance center" in english, path
