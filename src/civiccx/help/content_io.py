"""Import and export help articles as JSON or CSV, so an agency can load the FAQs it has.

An import is all or nothing: every row is checked first, and any problem (each reported with its
row, article and field) leaves the database exactly as it was. Imported text goes live at once
(the file is the approval; an administrator runs the command), as a new revision with a history
entry, so nothing that was there before is lost.

An article whose slug already exists is refused unless the import is an update (`--update`):
a file from another team must not silently replace an article, its links and its services. An
update changes the text, and the services and related articles only where the file gives them.

JSON: `{"categories": [...optional...], "articles": [...]}`, a bare list of articles, or one of
the demo content files (`{"category": ..., "articles": [...]}`). Article fields are those of
`help/content/README.md`; `summary` may be left out (the first sentence of the body is used),
and an article may be in English, in Spanish or in both. CSV: one article per row, columns
`CSV_COLUMNS`; lists (services, related, keywords) are separated by `|`. A category the site
does not have yet is created from the file: JSON lists it under "categories", or (JSON and
CSV) a row gives its name in `category_name` (and `category_name_es`).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from civiccx.help import workflow
from civiccx.help.models import Article, Category, SearchState, Translation
from civiccx.help.search.text import derive_summary
from civiccx.services.models import Service

LANGS = ("en", "es")
CSV_COLUMNS = (
    "slug", "category", "services", "related", "owner", "last_reviewed",
    "title_en", "summary_en", "body_en", "keywords_en",
    "title_es", "summary_es", "body_es", "keywords_es",
    "category_name", "category_name_es",
)
CSV_REQUIRED = ("slug", "category", "owner")
KNOWN_SHOWN = 30
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ROWS = 5_000


class ImportFileError(Exception):
    """The file as a whole cannot be read (missing, wrong format, not JSON...)."""


@dataclass(frozen=True)
class RowError:
    row: int
    slug: str
    field: str
    message: str

    def __str__(self):
        where = f"row {self.row}" + (f" ({self.slug})" if self.slug else "")
        return f"{where}, {self.field}: {self.message}"


class ImportRejected(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} problem(s); nothing was imported.")
        self.errors = errors


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


# Reading ---------------------------------------------------------------------------------


def read_file(path: str | Path) -> tuple[list[dict], list[dict]]:
    """(articles, categories) from a .json or .csv file."""
    path = Path(path)
    if not path.is_file():
        raise ImportFileError(f"{path}: no such file.")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(f"{path}: not UTF-8 text ({error.reason} at byte "
                              f"{error.start}). Save the file as UTF-8.") from error
    suffix = path.suffix.lower()
    if suffix == ".json":
        return parse_json(text)
    if suffix == ".csv":
        return parse_csv(text), []
    raise ImportFileError(f"{path}: use a .json or .csv file (got {suffix or 'no extension'}).")


def parse_json(text: str) -> tuple[list[dict], list[dict]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(f"Not valid JSON: {error.msg} at line {error.lineno}, column "
                              f"{error.colno}.") from error
    categories: list = []
    if isinstance(data, list):
        articles = data
    elif isinstance(data, dict) and isinstance(data.get("articles"), list):
        articles = data["articles"]
        categories = data.get("categories") or []
        if data.get("category"):
            articles = [{"category": data["category"], **a} if isinstance(a, dict) else a
                        for a in articles]
    else:
        raise ImportFileError('Expected a list of articles or an object with "articles".')
    if not isinstance(categories, list):
        raise ImportFileError('"categories" must be a list.')
    if len(articles) > MAX_ROWS:
        raise ImportFileError(f"{len(articles)} articles: import at most {MAX_ROWS} at a time.")
    return articles, categories


def parse_csv(text: str) -> list[dict]:
    reader = csv.DictReader(io.StringIO(text))
    columns = reader.fieldnames or []
    missing = [c for c in CSV_REQUIRED if c not in columns]
    if not any({f"title_{lang}", f"body_{lang}"} <= set(columns) for lang in LANGS):
        missing += ["title_en", "body_en"]
    if missing:
        raise ImportFileError(f"The CSV has no {', '.join(missing)} column(s). The first row "
                              f"must name the columns: {', '.join(CSV_COLUMNS)} (the English "
                              f"or the Spanish ones, or both; summaries are optional).")
    articles = []
    for row in reader:
        if len(articles) >= MAX_ROWS:
            raise ImportFileError(f"Import at most {MAX_ROWS} articles at a time.")
        articles.append(_record_from_csv_row(row, columns))
    return articles


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]


def _record_from_csv_row(row: dict, columns=CSV_COLUMNS) -> dict:
    record = {
        "slug": (row.get("slug") or "").strip(), "category": (row.get("category") or "").strip(),
        "owner": (row.get("owner") or "").strip(),
        "last_reviewed": (row.get("last_reviewed") or "").strip() or None,
    }
    for name in ("services", "related"):  # a missing column leaves them as they are
        if name in columns:
            record[name] = _split(row.get(name))
    for name in ("category_name", "category_name_es"):
        if (row.get(name) or "").strip():
            record[name] = row[name].strip()
    for language in LANGS:
        text = {key: row.get(f"{key}_{language}") or "" for key in ("title", "summary", "body")}
        if any(value.strip() for value in text.values()):
            record[language] = text
        record[f"keywords_{language}"] = _split(row.get(f"keywords_{language}"))
    return record


# Checking --------------------------------------------------------------------------------


def with_summaries(articles: list) -> list:
    """The articles with a summary derived from the body wherever the file has none."""
    out = []
    for record in articles:
        if isinstance(record, dict):
            record = dict(record)
            for language in LANGS:
                text = record.get(language)
                if isinstance(text, dict) and not str(text.get("summary") or "").strip():
                    record[language] = {**text,
                                        "summary": derive_summary(str(text.get("body") or ""))}
        out.append(record)
    return out


def categories_declared_by_rows(articles: list) -> list[dict]:
    """Categories named in article rows (`category_name`, `category_name_es`), once each."""
    out: dict[str, dict] = {}
    for record in articles:
        if isinstance(record, dict) and str(record.get("category_name") or "").strip():
            slug = str(record.get("category") or "")
            out.setdefault(slug, {"slug": slug, "name": str(record["category_name"]).strip(),
                                  "name_es": str(record.get("category_name_es") or "").strip()})
    return list(out.values())


def check(articles: list, categories: list, update: bool = False) -> list[RowError]:
    """Every problem in the file, row by row (row 1 is the first article; for CSV, the line
    after the header). Without `update`, an article that already exists is a problem."""
    articles = with_summaries(articles)
    categories = [*categories, *categories_declared_by_rows(articles)]
    errors: list[RowError] = []
    known_categories = set(Category.objects.values_list("slug", flat=True))
    for number, category in enumerate(categories, start=1):
        if not isinstance(category, dict) or not _SLUG.match(str(category.get("slug", ""))) \
                or not str(category.get("name", "")).strip():
            errors.append(RowError(number, "", "categories",
                                   "each category needs a slug (lowercase-with-hyphens) and a "
                                   "name."))
        else:
            known_categories.add(category["slug"])
    known_services = set(Service.objects.values_list("slug", flat=True))
    slugs_in_file = [a.get("slug") for a in articles if isinstance(a, dict)]
    existing = set(Article.objects.values_list("slug", flat=True))
    known_slugs = existing | set(slugs_in_file)
    seen: set[str] = set()
    for number, record in enumerate(articles, start=1):
        if not isinstance(record, dict):
            errors.append(RowError(number, "", "article", "must be an object with fields."))
            continue
        errors += _check_record(number, record, seen, known_categories, known_services,
                                known_slugs)
        slug = record.get("slug")
        if not update and slug in existing:
            errors.append(RowError(number, slug, "slug", (
                f"an article called {slug!r} already exists. To replace its text with this "
                f"file's, import with --update; to add a new article, give it another slug.")))
    return errors


def _known_list(values) -> str:
    ordered = sorted(values)
    shown = ", ".join(ordered[:KNOWN_SHOWN])
    more = len(ordered) - KNOWN_SHOWN
    return (shown + (f" and {more} more" if more > 0 else "")) or "none yet"


def _check_record(number, record, seen, categories, services, slugs) -> list[RowError]:
    slug = record.get("slug") if isinstance(record.get("slug"), str) else ""
    problems: list[tuple[str, str]] = []
    if not slug or not _SLUG.match(slug) or len(slug) > 100:
        problems.append(("slug", "use lowercase letters, digits and hyphens (at most 100)."))
    elif slug in seen:
        problems.append(("slug", "appears twice in the file."))
    seen.add(slug)
    if record.get("category") not in categories:
        problems.append(("category", f"unknown category {record.get('category')!r}; use one "
                                     f"of {_known_list(categories)}, or create it: list it "
                                     f"under \"categories\" (JSON) or give its name in a "
                                     f"category_name column."))
    for name in ("services", "related", "keywords_en", "keywords_es"):
        value = record.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append((name, "must be a list of text values."))
    if isinstance(record.get("services"), list):
        unknown = [s for s in record["services"] if s not in services]
        if unknown:
            problems.append(("services", f"unknown service(s) {', '.join(map(str, unknown))}; "
                                         f"the services are {_known_list(services)}."))
    if isinstance(record.get("related"), list):
        unknown = [s for s in record["related"] if s not in slugs or s == slug]
        if unknown:
            problems.append(("related", f"no other article called {', '.join(unknown)}."))
    if not str(record.get("owner") or "").strip():
        problems.append(("owner", "name the team that keeps this article right."))
    problems += _check_date(record.get("last_reviewed"))
    if not any(isinstance(record.get(language), dict) for language in LANGS):
        problems.append(("en", "every article needs its text in English or in Spanish (title "
                               "and body; the summary is optional)."))
    for language in LANGS:
        text = record.get(language)
        if text is None:
            continue
        if not isinstance(text, dict):
            problems.append((language, "must be an object with title, body and summary."))
            continue
        keywords = record.get(f"keywords_{language}", [])
        for key, message in workflow.validate_text(
                str(text.get("title") or ""), str(text.get("summary") or ""),
                str(text.get("body") or ""), keywords if isinstance(keywords, list) else []
        ).items():
            problems.append((f"{key}_{language}", str(message)))
    return [RowError(number, slug, name, message) for name, message in problems]


def _check_date(value) -> list[tuple[str, str]]:
    if value in (None, ""):
        return []
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        return [("last_reviewed", f"{value!r} is not a date; write it as YYYY-MM-DD.")]
    if day > timezone.localdate():
        return [("last_reviewed", "cannot be in the future.")]
    return []


# Applying --------------------------------------------------------------------------------


def import_articles(articles: list, categories: list = (), actor=None,
                    update: bool = False) -> ImportReport:
    """Check the whole file, then apply it in one transaction; raise ImportRejected if any row
    has a problem (nothing is changed). Articles that exist are replaced only with `update`."""
    errors = check(articles, list(categories), update=update)
    if errors:
        raise ImportRejected(errors)
    articles = with_summaries(articles)
    declared = {c["slug"] for c in categories}
    categories = [*categories, *(c for c in categories_declared_by_rows(articles)
                                 if c["slug"] not in declared
                                 and not Category.objects.filter(slug=c["slug"]).exists())]
    report = ImportReport()
    with transaction.atomic():
        for category in categories:
            Category.objects.update_or_create(slug=category["slug"], defaults={
                key: category[key] for key in ("name", "name_es", "summary", "summary_es",
                                               "order") if key in category})
        by_slug = {}
        for record in articles:
            article, outcome = _apply_record(record, actor)
            by_slug[article.slug] = article
            getattr(report, outcome).append(article.slug)
        for record in articles:
            if "related" in record:
                related = Article.objects.filter(slug__in=record["related"])
                by_slug[record["slug"]].related.set(related)
        touched = [a.pk for a in by_slug.values()]
        Translation.objects.filter(article_id__in=touched).update(
            search_version=SearchState.bump())
    return report


def _apply_record(record: dict, actor) -> tuple[Article, str]:
    defaults = {"category": Category.objects.get(slug=record["category"]),
                "owner": record["owner"].strip()}
    if record.get("last_reviewed"):
        defaults["last_reviewed"] = date.fromisoformat(str(record["last_reviewed"]))
    article, created = Article.objects.update_or_create(slug=record["slug"], defaults=defaults)
    if "services" in record:
        article.services.set(Service.objects.filter(slug__in=record["services"]))
    changed = created
    for language in LANGS:
        text = record.get(language)
        if not text:
            continue
        before = Translation.objects.filter(article=article, language=language).values_list(
            "live_id", flat=True).first()
        revision = workflow.publish_imported(
            article, language, title=text["title"], summary=text["summary"], body=text["body"],
            keywords=record.get(f"keywords_{language}", []), actor=actor)
        changed = changed or revision.pk != before
    return article, ("created" if created else "updated" if changed else "unchanged")


# Exporting -------------------------------------------------------------------------------


def export_records() -> tuple[list[dict], list[dict]]:
    """(articles, categories): every article's published text, in the import format."""
    categories = [{"slug": c.slug, "name": c.name, "name_es": c.name_es, "summary": c.summary,
                   "summary_es": c.summary_es, "order": c.order}
                  for c in Category.objects.all()]
    articles = []
    queryset = (Article.objects.select_related("category")
                .prefetch_related("services", "related", "translations__live"))
    for article in queryset:
        live = {t.language: t.live for t in article.translations.all() if t.live}
        if not live:
            continue
        record = {"slug": article.slug, "category": article.category.slug,
                  "services": sorted(s.slug for s in article.services.all()),
                  "related": sorted(r.slug for r in article.related.all()),
                  "owner": article.owner, "last_reviewed": article.last_reviewed.isoformat()}
        for language in LANGS:
            revision = live.get(language)
            if revision:
                record[language] = {"title": revision.title, "summary": revision.summary,
                                    "body": revision.body}
                record[f"keywords_{language}"] = list(revision.keywords)
        articles.append(record)
    return articles, categories


def export_json(stream) -> int:
    articles, categories = export_records()
    json.dump({"categories": categories, "articles": articles}, stream, ensure_ascii=False,
              indent=1)
    stream.write("\n")
    return len(articles)


def export_csv(stream) -> int:
    """Write every published article as one CSV row (`CSV_COLUMNS`), for `civiccx help import`.

    An interchange file (see `core.spreadsheets`): cells are written exactly, not
    formula-escaped, because the import reads them back and Markdown bodies often start with
    "- " (a list) or "+"; escaping would change the articles."""
    articles, _categories = export_records()
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for record in articles:
        row = {"slug": record["slug"], "category": record["category"],
               "services": "|".join(record["services"]), "related": "|".join(record["related"]),
               "owner": record["owner"], "last_reviewed": record["last_reviewed"]}
        for language in LANGS:
            text = record.get(language) or {}
            for key in ("title", "summary", "body"):
                row[f"{key}_{language}"] = text.get(key, "")
            row[f"keywords_{language}"] = "|".join(record.get(f"keywords_{language}", []))
        writer.writerow(row)
    return len(articles)
