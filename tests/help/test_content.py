"""Validate the help center's demo content (articles, synonyms, labelled query set)."""

import json
import re
from itertools import combinations
from pathlib import Path

import pytest

import civiccx

pytestmark = pytest.mark.pure

CONTENT = Path(civiccx.__file__).parent / "help" / "content"

CATEGORIES = {
    "refunds",
    "identity",
    "payments",
    "w2-and-income-forms",
    "notices-and-letters",
    "credits",
    "direct-file",
    "filing-basics",
    "phone-and-callbacks",
    "walk-in-centers",
    "accounts-and-records",
    "scams-and-security",
}
SERVICES = {
    "individual-filing",
    "phone-assistance",
    "walk-in-assistance",
    "help-center",
    "direct-file",
}
LANGS = ("en", "es")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^2026-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
HTML_RE = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
MIN_WORDS, MAX_WORDS = 120, 400


def _load(name):
    return json.loads((CONTENT / name).read_text(encoding="utf-8"))


def _articles():
    index = _load("index.json")
    articles = []
    for entry in index["files"]:
        data = _load(entry["file"])
        assert data["category"] == entry["category"]
        for art in data["articles"]:
            assert art["category"] == data["category"], art["slug"]
        articles.extend(data["articles"])
    return articles


ARTICLES = _articles()
SLUGS = {a["slug"] for a in ARTICLES}


def _words(text):
    return re.findall(r"[\wáéíóúüñÁÉÍÓÚÜÑ'’-]+", text.lower())


def test_index_lists_every_category_file():
    index = _load("index.json")
    files = {e["file"] for e in index["files"]}
    on_disk = {p.name for p in CONTENT.glob("*.json")} - {
        "index.json",
        "synonyms.json",
        "query_set.json",
        "categories.json",
    }
    assert files == on_disk
    named = {c["slug"] for c in _load("categories.json")["categories"]}
    assert named == CATEGORIES  # each category has its English and Spanish name
    assert {e["category"] for e in index["files"]} == CATEGORIES
    counts = {e["category"]: e["count"] for e in index["files"]}
    for cat in CATEGORIES:
        assert counts[cat] == sum(1 for a in ARTICLES if a["category"] == cat)


def test_enough_articles():
    assert len(ARTICLES) >= 150
    for cat in CATEGORIES:
        assert sum(1 for a in ARTICLES if a["category"] == cat) >= 8, cat


def test_slugs_unique_and_kebab_case():
    slugs = [a["slug"] for a in ARTICLES]
    assert len(slugs) == len(set(slugs))
    for slug in slugs:
        assert SLUG_RE.match(slug), slug


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a["slug"])
def test_article_fields(article):
    assert article["category"] in CATEGORIES
    assert article["services"], "needs at least one service"
    assert set(article["services"]) <= SERVICES
    assert len(article["services"]) == len(set(article["services"]))
    assert article["owner"].strip()
    assert DATE_RE.match(article["last_reviewed"]), article["last_reviewed"]
    for key in ("keywords_en", "keywords_es"):
        kws = article[key]
        assert 2 <= len(kws) <= 12
        assert all(isinstance(k, str) and k.strip() == k and k for k in kws)
    related = article["related"]
    assert 2 <= len(related) <= 4
    assert len(set(related)) == len(related)
    assert article["slug"] not in related
    missing = [r for r in related if r not in SLUGS]
    assert not missing, missing


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a["slug"])
@pytest.mark.parametrize("lang", LANGS)
def test_article_language_version(article, lang):
    version = article[lang]
    assert set(version) >= {"title", "summary", "body"}
    title, summary, body = version["title"], version["summary"], version["body"]
    assert title.strip() and len(title) <= 110
    end = summary.rstrip().rstrip('"”»')
    assert end.endswith((".", "?", "!")), summary
    # One sentence: no sentence break inside the summary.
    assert not re.search(r"[.!?]\s+[A-ZÁÉÍÓÚÑ¿¡]", end[:-1]), summary
    n = len(body.split())
    assert MIN_WORDS <= n <= MAX_WORDS, f"{n} words"
    assert re.search(r"^## \S", body, flags=re.M), "needs at least one ## heading"
    assert not re.search(r"^# \S", body, flags=re.M), "no top-level heading in body"
    assert re.search(r"^(?:- |\d+\. )", body, flags=re.M), "needs a list"
    assert not HTML_RE.search(body), "raw HTML in Markdown"
    assert "javascript:" not in body.lower()
    assert "IRS" not in title and "IRS" not in body, "this is the fictional FRS"


def test_titles_unique_per_language():
    for lang in LANGS:
        titles = [a[lang]["title"].strip().lower() for a in ARTICLES]
        dupes = {t for t in titles if titles.count(t) > 1}
        assert not dupes, dupes


def test_spanish_is_not_a_copy_of_english():
    for a in ARTICLES:
        assert a["en"]["body"] != a["es"]["body"]
        assert a["en"]["title"] != a["es"]["title"]


def _shingles(text, k=5):
    words = _words(text)
    return {tuple(words[i : i + k]) for i in range(len(words) - k + 1)}


@pytest.mark.parametrize("lang", LANGS)
def test_no_near_duplicate_bodies(lang):
    sets = [(a["slug"], _shingles(a[lang]["body"])) for a in ARTICLES]
    worst = []
    for (s1, a), (s2, b) in combinations(sets, 2):
        if a and b:
            j = len(a & b) / len(a | b)
            if j >= 0.5:
                worst.append((s1, s2, round(j, 2)))
    assert not worst, worst


QUERIES = _load("query_set.json")["queries"]


def test_query_set_shape():
    assert len(QUERIES) >= 90
    for lang in LANGS:
        assert sum(1 for q in QUERIES if q["language"] == lang) >= 45, lang
    seen = set()
    for q in QUERIES:
        assert set(q) == {"query", "language", "relevant"}, q
        assert q["language"] in LANGS
        assert q["query"].strip()
        key = (q["language"], q["query"].strip().lower())
        assert key not in seen, q["query"]
        seen.add(key)
        assert 1 <= len(q["relevant"]) <= 3, q
        assert len(set(q["relevant"])) == len(q["relevant"])
        missing = [s for s in q["relevant"] if s not in SLUGS]
        assert not missing, (q["query"], missing)


def test_query_set_covers_many_categories():
    by_slug = {a["slug"]: a["category"] for a in ARTICLES}
    cats = {by_slug[q["relevant"][0]] for q in QUERIES}
    assert len(cats) >= 10


SYNONYMS = _load("synonyms.json")


@pytest.mark.parametrize("lang", LANGS)
def test_synonyms_well_formed(lang):
    # The demo agency's own groups (its name, its services); generic synonyms ship with the
    # product (tests/help/test_search_product_data.py).
    groups = SYNONYMS[lang]
    assert len(groups) >= 1
    seen = {}
    for group in groups:
        assert isinstance(group, list) and len(group) >= 2, group
        for term in group:
            assert isinstance(term, str) and term == term.strip() and term, group
            assert term == term.lower(), term
        assert len(set(group)) == len(group), group
        for term in group:
            # A term belongs to one group only, so expansion is unambiguous.
            assert term not in seen, (term, group, seen.get(term))
            seen[term] = group


def test_cross_language_synonyms_well_formed():
    for pair in SYNONYMS.get("cross_language", []):
        assert set(pair) == {"en", "es"}
        assert pair["en"] and pair["es"]
