"""The Spanish review and "Why this number?" pages say everything in Spanish: the engine's
summaries, each fact it explains, worksheet lines, citations and values (yes/no, options,
Tax Table and EIC Table rows, why there is no EIC)."""

import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from civiccx.directfile.engine_words import NO_EIC_REASONS, fact_texts, value_words
from civiccx.directfile.explanations import REVIEW_LINES
from civiccx.directfile.interview import Interview
from civiccx.directfile.scenarios import walk
from civiccx.taxengine import CATALOGUE
from tests.directfile.helpers import SINGLE, hoh_two_children, make_return, retired_couple
from tests.directfile.test_flow import NAMED
from tests.factories import make_public_user

pytestmark = pytest.mark.django_db

def _reaches_review(scenario) -> bool:
    return Interview(walk(scenario).answers, 2024).ready_for_review


# Between them: every filing status, W-2s, Social Security, interest, unemployment, a
# student dependent, educator expenses and student loan interest, an EIC from a table row
# and no EIC for each reason these returns give.
COVERING = ("single-owes", "mfs", "mfj-two-w2s", "qss-with-child", "unemployment",
            "student-dependent-19", "educator", "student-loan")
SCENARIOS = {name: scenario for name, scenario in {
    "single": SINGLE, "head of household": hoh_two_children(),
    "retired couple": retired_couple(), **{n: NAMED[n] for n in COVERING}}.items()
    if _reaches_review(scenario)}


def _english_sentences() -> set[str]:
    """The engine's English words that a page could show: every fact description, worksheet
    line and citation, and the fixed parts (three words or more) of every catalogue
    template, e.g. "Your refund is" of "Your refund is {refund} because ..."."""
    out = set(fact_texts()) | set(NO_EIC_REASONS)
    for template in CATALOGUE.templates():
        out.update(part.strip(" ,.:;()") for part in re.split(r"\{[^}]*\}", template))
    return {s for s in out if len(s.split()) >= 3}


def _text(response) -> str:
    body = response.content.decode()
    main = body[body.index("<main"):body.index("</main>")]
    return html.unescape(re.sub(r"<[^>]+>", " ", main))


def test_every_fact_line_and_citation_has_a_spanish_translation():
    with translation.override("es"):
        untranslated = [t for t in fact_texts() if translation.gettext(t) == t]
        assert untranslated == []
        assert [r for r in NO_EIC_REASONS if value_words(r) == r] == []


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_spanish_review_and_explanations_have_no_english_sentences(client, name):
    user = make_public_user()
    tr = make_return(user, SCENARIOS[name])
    client.force_login(user)
    with translation.override("es"):
        review = client.get(reverse("directfile:screen", args=[2024, "review"]))
        assert review.status_code == 200
        pages = {"review": _text(review)}
        for line in REVIEW_LINES:
            why = client.get(reverse("directfile:why", args=[tr.tax_year, line]))
            assert why.status_code == 200, line
            pages[f"why {line}"] = _text(why)
    english = _english_sentences()
    found = {page: sorted(s for s in english if s in text) for page, text in pages.items()}
    assert {page: hits for page, hits in found.items() if hits} == {}
    assert "Pub. 596, Regla" in pages["why 27"] or "Formulario 1040, línea 27" in pages["why 27"]
    assert not re.search(r"\b(yes|listed|Tax Table|EIC Table|Worksheet|Schedule)\b",
                         " ".join(pages.values()))
