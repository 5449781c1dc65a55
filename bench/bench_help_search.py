"""Benchmark: help center search (in-process BM25F index) beside tantivy, bm25s and "icontains".

    python bench/bench_help_search.py            # 10,000 articles (x2 languages), 5 repeats
    python bench/bench_help_search.py --quick    # 2,000 articles, 2 repeats

The corpus is the 167 real articles plus synthetic variants made from them (sentences shuffled
and mixed with sentences of other articles in the same category, slugs renamed), so vocabulary
and word frequencies are realistic. Queries are the 128 labelled queries and variations of them
(upper case, a dropped letter, extra words). The peer is what a first Django version would do:
every query word must appear, as a lowercase substring, in title + body (`icontains` per word,
ANDed) over all articles of the language, in the same run; it is shown both lowercasing rows
per query (as the database does) and on pre-lowercased rows (a favour to it). Latency figures
are medians over repeats of each query's time; p50/p95 are across queries. "Cold" clears the
index's caches before every query (as after an edit). Also reports the refresh time after
editing one article, full rebuild time, and memory per article.

Two well-kept engines rank the same corpus and queries (bench/help_search_peers.py): tantivy
(Rust, through tantivy-py) and bm25s. Quality is compared twice: MRR@10 of the labelled demo
queries on the 10,000-article corpus, and MRR@10 plus the share of no-answer queries answered
with nothing on the independent labelled set (tests/help/independent_set: 62 articles by
other authors, 192 queries, and 32 dev no-answer questions of a second author).
`--independent-only` runs that comparison alone, in seconds.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import random
import re
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from bench.help_search_peers import Bm25sPeer, TantivyPeer  # noqa: E402
from civiccx.help.search import (  # noqa: E402
    Document,
    SearchIndex,
    load_documents,
    load_query_set,
    load_synonyms,
)
from civiccx.help.search.text import clip_query  # noqa: E402
from tests.help.independent_set import evaluate as independent  # noqa: E402

_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")


def synthetic_corpus(articles: int, seed: int = 7) -> list[Document]:
    """`articles` articles in each language: the real ones, then shuffled variants of them."""
    real = load_documents()
    rng = random.Random(seed)
    by_slug: dict[str, dict[str, Document]] = {}
    for d in real:
        by_slug.setdefault(d.slug, {})[d.language] = d
    slugs = sorted(by_slug)
    by_category: dict[tuple[str, str], list[Document]] = {}
    for d in real:
        by_category.setdefault((d.category, d.language), []).append(d)
    out = list(real)
    n = 0
    while len(out) < 2 * articles:
        base = rng.choice(slugs)
        n += 1
        for language, doc in sorted(by_slug[base].items()):
            sentences = [s for s in _SENTENCES.split(doc.body_markdown) if s.strip()]
            others = by_category[(doc.category, language)]
            donor = rng.choice(others)
            donor_sentences = [s for s in _SENTENCES.split(donor.body_markdown) if s.strip()]
            body = rng.sample(sentences, k=max(1, len(sentences) * 2 // 3))
            body += rng.sample(donor_sentences, k=min(3, len(donor_sentences)))
            rng.shuffle(body)
            words = doc.title.split()
            if len(words) > 3:
                i = rng.randrange(len(words) - 1)
                words[i], words[i + 1] = words[i + 1], words[i]
            keywords = rng.sample(doc.keywords, k=max(0, len(doc.keywords) - 2))
            out.append(
                dataclasses.replace(
                    doc,
                    slug=f"{base}-v{n}",
                    title=" ".join(words),
                    summary=donor.summary if rng.random() < 0.5 else doc.summary,
                    body_markdown="\n".join(body),
                    keywords=tuple(keywords),
                )
            )
    return out


def query_variants(seed: int = 11) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    out = []
    for q in load_query_set():
        text, language = q["query"], q["language"]
        out.append((text, language))
        out.append((text.upper(), language))
        words = text.split()
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        w = words[longest]
        if len(w) > 4:
            j = rng.randrange(1, len(w) - 1)
            words[longest] = w[:j] + w[j + 1 :]
        out.append((" ".join(words), language))
        extra = "please help" if language == "en" else "por favor ayuda"
        out.append((f"{text} {extra}", language))
    return out


class IcontainsPeer:
    """Every query word as a substring of title + body, over every article of the language.

    `lowered=False` (the peer reported) lowercases each row per query, as the database does for
    `icontains` (SQLite's LIKE folds case per comparison; PostgreSQL runs UPPER() on each row).
    `lowered=True` keeps pre-lowercased rows: a peer helped by a lowercased copy of each row.
    """

    def __init__(self, documents: list[Document], lowered: bool) -> None:
        self.lowered = lowered
        self.rows: dict[str, list[tuple[str, str]]] = {}
        for d in documents:
            text = f"{d.title}\n{d.body_markdown}"
            self.rows.setdefault(d.language, []).append((d.slug, text.lower() if lowered else text))

    def search(self, query: str, language: str, limit: int = 10) -> list[str]:
        words = clip_query(query).lower().split()
        if not words:
            return []
        if self.lowered:
            found = [s for s, text in self.rows[language] if all(w in text for w in words)]
        else:
            found = [
                s for s, text in self.rows[language] if all(w in text.lower() for w in words)
            ]
        return sorted(found)[:limit]


def per_query_median_ms(fn, queries, repeats: int) -> list[float]:
    times = [[] for _ in queries]
    for _ in range(repeats):
        for i, (q, language) in enumerate(queries):
            t = time.perf_counter()
            fn(q, language)
            times[i].append((time.perf_counter() - t) * 1000)
    return [statistics.median(t) for t in times]


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def mrr(search, base_of) -> float:
    total = 0.0
    queries = load_query_set()
    for q in queries:
        seen: list[str] = []
        for slug in search(q["query"], q["language"]):
            base = base_of(slug)
            if base not in seen:
                seen.append(base)
        total += next(
            (1 / r for r, s in enumerate(seen, start=1) if s in q["relevant"]), 0.0
        )
    return total / len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--articles", type=int)
    parser.add_argument("--repeats", type=int)
    parser.add_argument(
        "--independent-only",
        action="store_true",
        help="only the quality of each engine on the independent set (seconds, not minutes)",
    )
    args = parser.parse_args()
    if args.independent_only:
        independent_set()
        return
    articles = args.articles or (2_000 if args.quick else 10_000)
    repeats = args.repeats or (2 if args.quick else 5)
    synonyms = load_synonyms()

    documents = synthetic_corpus(articles)
    print(f"corpus: {articles:,} articles x 2 languages = {len(documents):,} documents")

    builds = []
    for _ in range(1 if args.quick else 3):
        gc.collect()
        t = time.perf_counter()
        index = SearchIndex.build(documents, synonyms)
        builds.append(time.perf_counter() - t)
    print(f"full rebuild: {statistics.median(builds):.2f} s (median of {len(builds)})")

    queries = query_variants()
    peer = IcontainsPeer(documents, lowered=False)
    lowered_peer = IcontainsPeer(documents, lowered=True)

    def ours(q, language):
        return index.search(q, language, limit=10)

    def ours_cold(q, language):
        index.clear_caches()
        return index.search(q, language, limit=10)

    ours(*queries[0])  # build the lazy structures (typo buckets) once
    cold_ms = per_query_median_ms(ours_cold, queries, 1)
    ours_ms = per_query_median_ms(ours, queries, repeats)
    peer_ms = per_query_median_ms(peer.search, queries, repeats)
    lowered_ms = per_query_median_ms(lowered_peer.search, queries, repeats)
    print(f"queries: {len(queries)} (128 labelled + variations), {repeats} repeats each")
    print(f"{'':36}{'p50 ms':>9}{'p95 ms':>9}{'ratio p50':>11}{'ratio p95':>11}")
    o50, o95 = pct(ours_ms, 50), pct(ours_ms, 95)
    for name, ms in [
        ("index.search (warm caches)", ours_ms),
        ("index.search (cold: caches cleared)", cold_ms),
        ("icontains peer (lower per query)", peer_ms),
        ("icontains peer (pre-lowered rows)", lowered_ms),
    ]:
        print(
            f"{name:36}{pct(ms, 50):>9.2f}{pct(ms, 95):>9.2f}"
            f"{pct(ms, 50) / o50:>10.1f}x{pct(ms, 95) / o95:>10.1f}x"
        )
    c95 = pct(cold_ms, 95)
    p95 = pct(peer_ms, 95)
    print(
        f"goal p95 < 20 ms and >= 20x the peer: warm {o95:.2f} ms, {p95 / o95:.1f}x; "
        f"cold {c95:.2f} ms, {p95 / c95:.1f}x"
    )

    fresh_ms = []
    target = next(d for d in documents if d.slug == "pay-by-card" and d.language == "en")
    for i in range(max(5, repeats)):
        edited = dataclasses.replace(target, title=f"{target.title} (edit {i})")
        t = time.perf_counter()
        index.update(edited)
        fresh_ms.append((time.perf_counter() - t) * 1000)
    first_after = []
    for i in range(3):
        index.update(dataclasses.replace(target, title=f"{target.title} (again {i})"))
        t = time.perf_counter()
        ours("refund status", "en")
        first_after.append((time.perf_counter() - t) * 1000)
    print(
        f"refresh after editing one article: {statistics.median(fresh_ms):.2f} ms "
        f"(median of {len(fresh_ms)}); first query after it: "
        f"{statistics.median(first_after):.2f} ms (impact cache refilled)"
    )

    def base_of(slug: str) -> str:
        return re.sub(r"-v\d+$", "", slug)

    print(
        f"MRR on this corpus (a variant counts as its article): "
        f"index {mrr(lambda q, lang: [h.slug for h in ours(q, lang)], base_of):.3f}, "
        f"icontains {mrr(lowered_peer.search, base_of):.3f}"
    )

    print("\nthe same corpus and queries, ranked by well-kept engines (warm, 10 results; slugs "
          "only for the peers, ours with snippets and the cross-language pass):")
    print(f"{'engine':28}{'MRR demo':>10}{'p50 ms':>9}{'p95 ms':>9}{'build s':>9}")
    print(f"{'civiccx.help.search':28}"
          f"{mrr(lambda q, lang: [h.slug for h in ours(q, lang)], base_of):>10.3f}"
          f"{o50:>9.2f}{o95:>9.2f}{statistics.median(builds):>9.2f}")
    for peer_class in (TantivyPeer, Bm25sPeer):
        gc.collect()
        t = time.perf_counter()
        peer = peer_class(documents)
        built = time.perf_counter() - t
        peer.search(*queries[0])
        peer_ms = per_query_median_ms(peer.search, queries, repeats)
        print(f"{peer.name:28}{mrr(peer.search, base_of):>10.3f}{pct(peer_ms, 50):>9.2f}"
              f"{pct(peer_ms, 95):>9.2f}{built:>9.2f}")
        del peer
    independent_set()

    del index
    gc.collect()
    tracemalloc.start()
    index = SearchIndex.build(documents, synonyms)
    current, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"index memory: {current / 2**20:.1f} MiB, "
        f"{current / len(documents) / 1024:.1f} KiB per document (one language of an article)"
    )


def independent_set() -> None:
    """Quality on articles and queries written apart from the demo (no demo synonyms)."""
    documents = independent.documents()
    engines = [("civiccx.help.search", None), ("tantivy", TantivyPeer(documents)),
               ("bm25s", Bm25sPeer(documents))]
    print(f"\nindependent set ({len(independent.articles())} articles, "
          f"{len(independent.queries())} queries; tune / held-out / all; nothing found for the "
          f"no-answer queries of each, and for the {len(independent.queries('dev'))} dev "
          f"no-answer questions of a second author):")
    print(f"{'engine':22}{'MRR all':>9}{'en':>7}{'es':>7}{'tune':>7}{'held':>7}"
          f"{'none: all':>11}{'tune':>7}{'held':>7}{'dev':>7}")
    for name, peer in engines:
        rows = {}
        for split in ("tune", "heldout", "all", "dev"):
            if peer is None:
                rows[split] = independent.measure(split)
            else:
                rows[split] = _peer_figures(peer, split)
        f = rows["all"]
        print(f"{name:22}{f.mrr():>9.3f}{f.mrr('en'):>7.3f}{f.mrr('es'):>7.3f}"
              f"{rows['tune'].mrr():>7.3f}{rows['heldout'].mrr():>7.3f}"
              f"{f.nothing_found_rate:>11.0%}{rows['tune'].nothing_found_rate:>7.0%}"
              f"{rows['heldout'].nothing_found_rate:>7.0%}{rows['dev'].nothing_found_rate:>7.0%}")


def _peer_figures(peer, split: str):
    figures = independent.Figures()
    for q in independent.queries(split):
        slugs = peer.search(q["query"], q["language"], 10)
        if not q["relevant"]:
            figures.no_answer.append(not slugs)
            continue
        rank = next((i for i, s in enumerate(slugs, 1) if s in q["relevant"]), None)
        figures.reciprocal_ranks.setdefault(q["language"], []).append(1 / rank if rank else 0.0)
    return figures


if __name__ == "__main__":
    main()
