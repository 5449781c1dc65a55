"""Import and export of articles: all or nothing, with a clear message per bad row."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from civiccx.help import content_io
from civiccx.help.demo import load_content, load_synonyms
from civiccx.help.models import Article, Category, Revision, Translation
from civiccx.help.search.content import load_documents
from civiccx.services.demo.seed import seed_catalog
from tests.factories import make_service
from tests.help.factories import make_article, make_category

pytestmark = pytest.mark.django_db


def _record(slug="pay-online", **overrides):
    record = {"slug": slug, "category": "payments", "services": [], "related": [],
              "owner": "Payments team", "last_reviewed": "2026-01-05",
              "en": {"title": "Pay online", "summary": "Pay from your bank account.",
                     "body": "Use your **bank account**."},
              "es": {"title": "Pague por internet", "summary": "Pague desde su cuenta.",
                     "body": "Use su **cuenta bancaria**."},
              "keywords_en": ["pay online"], "keywords_es": ["pagar por internet"]}
    record.update(overrides)
    return record


@pytest.fixture
def payments():
    return make_category(slug="payments", name="Payments")


def _state():
    """Everything an import could change, to prove a rejected one changed nothing."""
    return (sorted(Article.objects.values_list("slug", "owner", "category__slug")),
            sorted(Translation.objects.values_list("article__slug", "language", "live_id")),
            Revision.objects.count())


def test_import_publishes_new_articles_in_both_languages(payments):
    make_service(slug="payments-service")
    report = content_io.import_articles([_record(services=["payments-service"])])
    assert report.created == ["pay-online"]
    article = Article.objects.get(slug="pay-online")
    assert article.owner == "Payments team"
    assert str(article.last_reviewed) == "2026-01-05"
    assert [s.slug for s in article.services.all()] == ["payments-service"]
    live = {t.language: t.live for t in article.translations.all()}
    assert live["en"].title == "Pay online" and live["es"].title == "Pague por internet"
    assert live["es"].keywords == ["pagar por internet"]


def test_reimporting_the_same_file_changes_nothing_and_an_edit_makes_a_new_revision(payments):
    content_io.import_articles([_record()])
    assert content_io.import_articles([_record()], update=True).unchanged == ["pay-online"]
    assert Revision.objects.count() == 2
    edited = _record(en={"title": "Pay online today", "summary": "Pay from your bank account.",
                         "body": "Use your **bank account**."})
    assert content_io.import_articles([edited], update=True).updated == ["pay-online"]
    english = Translation.objects.get(article__slug="pay-online", language="en")
    assert english.live.title == "Pay online today"
    assert english.revisions.count() == 2  # the earlier text is kept in the history


def test_a_bad_row_rejects_the_whole_file_and_changes_nothing(payments):
    make_article("pay-online", category=payments, en=("Old title", "Old summary.", "Old body."))
    before = _state()
    good_update = _record(owner="New owner")
    new_article = _record("payment-plans")
    bad = _record("bad-row", category="nope", owner="",
                  en={"title": "", "summary": "x", "body": "<script>alert(1)</script>"})
    with pytest.raises(content_io.ImportRejected) as rejected:
        content_io.import_articles([good_update, new_article, bad], update=True)
    assert _state() == before
    messages = [str(error) for error in rejected.value.errors]
    assert ("row 3 (bad-row), category: unknown category 'nope'; use one of payments, or create "
            'it: list it under "categories" (JSON) or give its name in a category_name column.'
            in messages)
    assert "row 3 (bad-row), owner: name the team that keeps this article right." in messages
    assert "row 3 (bad-row), title_en: Enter a title." in messages
    assert any(m.startswith("row 3 (bad-row), body_en: Remove a <script> tag") for m in messages)
    assert all(error.row == 3 for error in rejected.value.errors)


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"slug": "Not A Slug"}, "slug", "use lowercase letters, digits and hyphens"),
    ({"related": ["missing-article"]}, "related", "no other article called missing-article"),
    ({"services": ["no-such-service"]}, "services", "unknown service(s) no-such-service"),
    ({"last_reviewed": "05/01/2026"}, "last_reviewed", "is not a date; write it as YYYY-MM-DD"),
    ({"last_reviewed": "2999-01-01"}, "last_reviewed", "cannot be in the future"),
    ({"en": None, "es": None}, "en", "every article needs its text in English or in Spanish"),
    ({"keywords_en": "pay"}, "keywords_en", "must be a list of text values"),
])
def test_each_kind_of_bad_row_names_its_field(payments, change, field, message):
    with pytest.raises(content_io.ImportRejected) as rejected:
        content_io.import_articles([_record(**change)])
    assert any(e.field == field and message in e.message for e in rejected.value.errors), \
        rejected.value.errors


def test_a_slug_twice_in_one_file_is_an_error(payments):
    with pytest.raises(content_io.ImportRejected) as rejected:
        content_io.import_articles([_record(), _record()])
    assert [str(e) for e in rejected.value.errors] == [
        "row 2 (pay-online), slug: appears twice in the file."]


def test_export_then_import_round_trips_in_json_and_csv(payments):
    content_io.import_articles([_record(), _record("payment-plans", related=["pay-online"])])
    for writer in (content_io.export_json, content_io.export_csv):
        stream = io.StringIO()
        assert writer(stream) == 2
        text = stream.getvalue()
        articles = (content_io.parse_json(text)[0] if writer is content_io.export_json
                    else content_io.parse_csv(text))
        assert [a["slug"] for a in articles] == ["pay-online", "payment-plans"]
        assert articles[1]["related"] == ["pay-online"]
        assert articles[0]["es"]["title"] == "Pague por internet"
        assert content_io.check(articles, [], update=True) == []
        assert content_io.import_articles(articles, update=True).unchanged == [
            "pay-online", "payment-plans"]


def test_csv_lists_are_separated_by_bars(payments):
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=content_io.CSV_COLUMNS)
    writer.writeheader()
    writer.writerow({"slug": "pay-online", "category": "payments", "owner": "Payments team",
                     "title_en": "Pay online", "summary_en": "Pay from your bank.",
                     "body_en": "Use your bank.", "keywords_en": "pay online | bank payment"})
    articles = content_io.parse_csv(stream.getvalue())
    assert articles[0]["keywords_en"] == ["pay online", "bank payment"]
    assert "es" not in articles[0]
    content_io.import_articles(articles)
    assert Translation.objects.get(article__slug="pay-online").live.keywords == [
        "pay online", "bank payment"]


def test_file_problems_get_a_plain_message(tmp_path):
    missing = tmp_path / "missing.json"
    with pytest.raises(content_io.ImportFileError, match="no such file"):
        content_io.read_file(missing)
    broken = tmp_path / "broken.json"
    broken.write_text('{"articles": [', encoding="utf-8")
    with pytest.raises(content_io.ImportFileError, match=r"Not valid JSON: .* line 1"):
        content_io.read_file(broken)
    wrong = tmp_path / "faq.xlsx"
    wrong.write_text("x", encoding="utf-8")
    with pytest.raises(content_io.ImportFileError, match=r"use a \.json or \.csv file"):
        content_io.read_file(wrong)
    latin = tmp_path / "faq.csv"
    latin.write_bytes("slug,título\n".encode("latin-1"))
    with pytest.raises(content_io.ImportFileError, match="not UTF-8"):
        content_io.read_file(latin)
    no_columns = tmp_path / "faq2.csv"
    no_columns.write_text("question,answer\nA,B\n", encoding="utf-8")
    with pytest.raises(content_io.ImportFileError, match="The CSV has no slug, category"):
        content_io.read_file(no_columns)


def test_the_command_reports_every_bad_row_and_imports_nothing(payments, tmp_path, capsys):
    path = tmp_path / "faq.json"
    path.write_text(json.dumps({"articles": [_record(), _record("x", owner="")]}),
                    encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("help_articles", "import", str(path), stderr=err)
    assert "row 2 (x), owner: name the team" in err.getvalue()
    assert not Article.objects.exists()
    path.write_text(json.dumps({"articles": [_record()]}), encoding="utf-8")
    out = io.StringIO()
    call_command("help_articles", "import", str(path), "--check", stdout=out)
    assert "1 articles, no problems found" in out.getvalue()
    assert not Article.objects.exists()
    call_command("help_articles", "import", str(path), stdout=out)
    assert "1 new, 0 updated, 0 unchanged" in out.getvalue()
    exported = io.StringIO()
    call_command("help_articles", "export", "--format", "csv", stdout=exported)
    assert exported.getvalue().startswith(",".join(content_io.CSV_COLUMNS))


def test_civiccx_help_import_is_the_command(monkeypatch, payments, tmp_path):
    from civiccx import cli

    path = tmp_path / "faq.json"
    path.write_text(json.dumps([_record()]), encoding="utf-8")
    seen = []
    monkeypatch.setattr(cli, "_django", lambda argv: seen.append(argv) or 0)
    assert cli.main(["help", "import", str(path)]) == 0
    assert seen == [["help_articles", "import", str(path)]]


def test_the_demo_content_loads_completely_and_only_once():
    seed_catalog()
    load_synonyms()
    assert load_content() == 167
    documents = load_documents()
    assert Translation.objects.filter(live__isnull=False).count() == len(documents)
    revisions = Revision.objects.count()
    assert load_content() == 167
    assert Revision.objects.count() == revisions


# What an agency importing another team's help center runs into (issue 17) ------------------


def test_a_missing_summary_is_derived_from_the_body(payments):
    record = _record(en={"title": "Pay online", "body": "## Ways to pay\n\nUse your bank "
                         "account to pay. It is free and fast."},
                     es={"title": "Pague en línea", "summary": "",
                         "body": "Use su cuenta bancaria. Es gratis."})
    assert content_io.check([record], []) == []
    content_io.import_articles([record])
    live = {t.language: t.live for t in Translation.objects.filter(article__slug="pay-online")}
    assert live["en"].summary == "Use your bank account to pay."
    assert live["es"].summary == "Use su cuenta bancaria."


def test_a_slug_that_exists_is_refused_unless_the_import_is_an_update(payments, tmp_path):
    service = make_service(slug="payments-service")
    make_article("pay-online", category=payments, en=("Old title", "Old summary.", "Old body."))
    article = Article.objects.get(slug="pay-online")
    article.services.add(service)
    before = _state()
    clash = _record(en={"title": "Another team's page", "body": "Their text."})
    del clash["services"], clash["related"]
    message = ("row 1 (pay-online), slug: an article called 'pay-online' already exists. To "
               "replace its text with this file's, import with --update; to add a new article, "
               "give it another slug.")
    assert [str(e) for e in content_io.check([clash], [])] == [message]
    with pytest.raises(content_io.ImportRejected):
        content_io.import_articles([clash])
    assert _state() == before
    path = tmp_path / "faq.json"
    path.write_text(json.dumps([clash]), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("help_articles", "import", str(path), "--check", stderr=err)
    assert message in err.getvalue()  # --check reports the clash too
    call_command("help_articles", "import", str(path), "--update", stdout=io.StringIO())
    english = Translation.objects.get(article__slug="pay-online", language="en")
    assert english.live.title == "Another team's page"
    assert [s.slug for s in article.services.all()] == ["payments-service"]  # kept


def test_categories_are_created_from_the_file_and_declared_in_csv(tmp_path):
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=["slug", "category", "category_name",
                                                "category_name_es", "owner", "title_en",
                                                "body_en", "title_es", "body_es"])
    writer.writeheader()
    writer.writerow({"slug": "pay-online", "category": "paying", "category_name": "Paying",
                     "category_name_es": "Pagos", "owner": "Payments team",
                     "title_en": "Pay online", "body_en": "Use your bank account."})
    writer.writerow({"slug": "pagos-en-efectivo", "category": "paying", "owner": "Payments team",
                     "title_es": "Pague en efectivo", "body_es": "En una tienda."})
    path = tmp_path / "faq.csv"
    path.write_text(stream.getvalue(), encoding="utf-8")
    out = io.StringIO()
    call_command("help_articles", "import", str(path), stdout=out)  # a fresh install
    assert "2 new" in out.getvalue()
    category = Category.objects.get(slug="paying")
    assert (category.name, category.name_es) == ("Paying", "Pagos")
    spanish_only = Article.objects.get(slug="pagos-en-efectivo")
    assert [t.language for t in spanish_only.translations.all()] == ["es"]
    listed = {"categories": [{"slug": "refunds", "name": "Refunds"}],
              "articles": [_record("check-refund", category="refunds")]}
    content_io.import_articles(listed["articles"], listed["categories"])
    assert Category.objects.filter(slug="refunds").exists()


def test_an_unknown_service_lists_the_services_there_are(payments):
    make_service(slug="phone-assistance")
    make_service(slug="walk-in-assistance")
    errors = content_io.check([_record(services=["phone-help"])], [])
    assert [e.message for e in errors] == [
        "unknown service(s) phone-help; the services are phone-assistance, walk-in-assistance."]


def test_the_independent_set_imports_as_it_is():
    """62 articles of another team's help center, without summaries, some only in Spanish,
    with their own categories: one import, no preparation."""
    from tests.help.independent_set import evaluate

    articles = evaluate.articles()
    report = content_io.import_articles(articles, evaluate.categories())
    assert len(report.created) == len(articles) == 62
    assert Translation.objects.filter(live__isnull=False).count() == len(evaluate.documents())
