"""Help search freshness on PostgreSQL: how long a web process takes to show an approved edit.

A process's index catches up from the shared `SearchState` version (decision 0004): one read,
then only the changed translations. Measured beside its peers in the same run: a search with
nothing to catch up (the floor), and a full rebuild of the index from the database (what a
process would pay without incremental refresh). Also the whole /help/search/ page through
Django beside an `icontains` query over the published revisions in the same database.

    python bench/bench_help_refresh.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from benchdb import setup_django


def _ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.2f} ms"


def _pct(samples: list[float], p: int) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    repeats = 5 if args.quick else 21
    os.environ["HELP_SEARCH_CHECK_SECONDS"] = "0"  # check the version on every search
    setup_django()
    from django.db.models import Q
    from django.test import Client

    from civiccx.help import workflow
    from civiccx.help.demo import load_content, load_synonyms
    from civiccx.help.models import Article, Revision
    from civiccx.help.search import load_query_set
    from civiccx.help.search_service import HelpSearch, build_from_database
    from civiccx.services.demo.seed import seed_catalog

    seed_catalog()
    load_synonyms()
    if not Article.objects.exists():
        load_content()
    article = Article.objects.get(slug="ways-to-pay")
    live = article.translations.get(language="en").live

    process = HelpSearch()
    process.search("refund status", "en")  # built once, as a warm web process is
    floor, catch_up, rebuild = [], [], []
    for i in range(repeats):
        started = time.perf_counter()
        process.search("refund status", "en")
        floor.append(time.perf_counter() - started)
        workflow.publish_imported(article, "en", title=f"Ways to pay your taxes ({i})",
                                  summary=live.summary, body=live.body, keywords=live.keywords)
        started = time.perf_counter()
        hits = process.search("ways to pay", "en")
        catch_up.append(time.perf_counter() - started)
        assert hits and hits[0].title.endswith(f"({i})"), "the edit must be visible"
        started = time.perf_counter()
        build_from_database()
        rebuild.append(time.perf_counter() - started)
    print(f"articles: {Article.objects.count()} x 2 languages, PostgreSQL, {repeats} edits")
    print(f"search with nothing to catch up (version read only): {_ms(floor)}")
    print(f"search right after an approved edit (catch up + search): {_ms(catch_up)}")
    print(f"full rebuild from the database (peer): {_ms(rebuild)} "
          f"-> incremental is {statistics.median(rebuild) / statistics.median(catch_up):.0f}x "
          f"faster")

    client = Client(HTTP_HOST="127.0.0.1")
    queries = [(q["query"], q["language"]) for q in load_query_set()]
    page, peer = [], []
    live_ids = article.translations.model.objects.values_list("live_id", flat=True)
    for query, language in queries * (1 if args.quick else 3):
        prefix = "/es" if language == "es" else ""
        started = time.perf_counter()
        response = client.get(f"{prefix}/help/search/", {"q": query})
        page.append(time.perf_counter() - started)
        assert response.status_code == 200
        started = time.perf_counter()
        condition = Q()
        for word in query.split():
            condition &= Q(title__icontains=word) | Q(body__icontains=word)
        list(Revision.objects.filter(condition, pk__in=live_ids,
                                     translation__language=language)
             .values_list("translation__article__slug", flat=True)[:10])
        peer.append(time.perf_counter() - started)
    print(f"/help/search/ page ({len(page)} requests, logged, rendered): "
          f"p50 {_pct(page, 50):.2f} ms, p95 {_pct(page, 95):.2f} ms")
    print(f"icontains over published revisions in PostgreSQL (query only, peer): "
          f"p50 {_pct(peer, 50):.2f} ms, p95 {_pct(peer, 95):.2f} ms")


if __name__ == "__main__":
    main()
