"""The web process's help search index, kept in step with the database (decision 0004).

Each process holds one `SearchIndex` of the published articles. At most every
`HELP_SEARCH_CHECK_SECONDS` a request reads `SearchState` (one indexed row); if the version moved,
the process applies just the translations whose public text changed since its own version (or
rebuilds everything when synonyms changed). Reads and updates share a lock, so nobody searches a
half-updated index; an update of one article takes about half a millisecond.
"""

from __future__ import annotations

import threading
import time

from django.conf import settings

from civiccx.help.models import Article, SearchState, Translation
from civiccx.help.search import Document, Hit, SearchIndex, Suggestion
from civiccx.help.search.dictionary import words_of
from civiccx.help.search.other_agencies import OtherAgency
from civiccx.help.search.text import LANGUAGES
from civiccx.help.search_vocabulary import synonyms_from_database

_FIELDS = ("article__slug", "article__category__slug", "language", "live__title",
           "live__summary", "live__body", "live__keywords", "live_id", "article_id")


def _documents(rows, services: dict[int, tuple[str, ...]]) -> list[Document]:
    return [Document(slug=row["article__slug"], language=row["language"],
                     title=row["live__title"], summary=row["live__summary"],
                     body_markdown=row["live__body"], keywords=tuple(row["live__keywords"]),
                     category=row["article__category__slug"],
                     services=services.get(row["article_id"], ()))
            for row in rows if row["live_id"]]


def _services_of(article_ids) -> dict[int, tuple[str, ...]]:
    through = Article.services.through.objects.filter(article_id__in=article_ids)
    out: dict[int, list[str]] = {}
    for article_id, slug in through.values_list("article_id", "service__slug"):
        out.setdefault(article_id, []).append(slug)
    return {key: tuple(sorted(value)) for key, value in out.items()}


def build_from_database() -> SearchIndex:
    """A fresh index of every published translation, with the database's synonyms. The general
    vocabularies load here (about a second, once per process), not in a later search."""
    for language in LANGUAGES:
        words_of(language)
    rows = list(Translation.objects.filter(live__isnull=False).values(*_FIELDS))
    services = _services_of({row["article_id"] for row in rows})
    return SearchIndex.build(_documents(rows, services), synonyms_from_database())


class HelpSearch:
    """One process's index and the version of the database it reflects."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._index: SearchIndex | None = None
        self._version = -1
        self._checked_at = float("-inf")
        self.last_refresh_seconds = 0.0

    def _catch_up(self) -> None:
        interval = getattr(settings, "HELP_SEARCH_CHECK_SECONDS", 2.0)
        now = time.monotonic()
        if now - self._checked_at < interval:
            return
        self._checked_at = now
        version, rebuild_version = SearchState.current()
        if version == self._version and self._index is not None:
            return
        started = time.perf_counter()
        if self._index is None or rebuild_version > self._version:
            self._index = build_from_database()
        else:
            self._apply_changes_since(self._version)
        self._version = version
        self.last_refresh_seconds = time.perf_counter() - started

    def _apply_changes_since(self, version: int) -> None:
        rows = list(Translation.objects.filter(search_version__gt=version).values(*_FIELDS))
        services = _services_of({row["article_id"] for row in rows})
        live = {(doc.slug, doc.language): doc for doc in _documents(rows, services)}
        for row in rows:
            key = (row["article__slug"], row["language"])
            if key in live:
                self._index.update(live[key])
            else:
                self._index.remove(*key)

    def search(self, query: str, language: str, limit: int = 10) -> list[Hit]:
        with self._lock:
            self._catch_up()
            return self._index.search(query, language, limit=limit)

    def search_and_correct(self, query: str, language: str, limit: int = 10
                           ) -> tuple[list[Hit], str | None, OtherAgency | None]:
        """Results, the "did you mean" query and, when nothing answers, the other office that
        provides what was asked about; one version check for all three."""
        with self._lock:
            self._catch_up()
            hits = self._index.search(query, language, limit=limit)
            elsewhere = None if hits else self._index.other_agency(query, language)
            return hits, self._index.did_you_mean(query, language), elsewhere

    def did_you_mean(self, query: str, language: str) -> str | None:
        with self._lock:
            self._catch_up()
            return self._index.did_you_mean(query, language)

    def suggest(self, prefix: str, language: str, limit: int = 8) -> list[Suggestion]:
        with self._lock:
            self._catch_up()
            return self._index.suggest(prefix, language, limit=limit)

    def reset(self) -> None:
        """Forget the index (tests; a new database)."""
        with self._lock:
            self._index, self._version, self._checked_at = None, -1, float("-inf")


help_search = HelpSearch()
