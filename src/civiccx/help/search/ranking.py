"""BM25F over an article's fields, kept as postings that one edit can change in place.

BM25F (Robertson, Zaragoza and Taylor, 2004) adds up a term's length-normalised, weighted counts
across fields before the saturation k1, so a word that is in the title *and* the body scores
more than in the body alone, but not twice as much. Per-term impacts depend on the number of
documents and on average field lengths, so they are computed when a query first needs the term
and cached until the index changes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

FIELDS = ("title", "keywords", "summary", "body")


@dataclass(frozen=True)
class BM25FParams:
    k1: float = 1.2
    weights: tuple[float, ...] = (3.0, 2.5, 1.5, 1.0)
    b: tuple[float, ...] = (0.3, 0.3, 0.5, 0.75)


class FieldedPostings:
    """Term -> {document slot: counts per field}, with lengths per slot and field."""

    def __init__(self, params: BM25FParams | None = None) -> None:
        self.params = params or BM25FParams()
        self.slugs: list[str | None] = []
        self.slot_of: dict[str, int] = {}
        self.free: list[int] = []
        self.lengths = np.zeros((16, len(FIELDS)), dtype=np.float64)
        self.alive = np.zeros(16, dtype=bool)
        self.postings: dict[str, dict[int, tuple[int, ...]]] = {}
        self.doc_terms: dict[int, tuple[str, ...]] = {}
        self._arrays: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._impacts: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._length_sums = np.zeros(len(FIELDS), dtype=np.float64)
        self.count = 0

    @property
    def capacity(self) -> int:
        return len(self.slugs)

    def _new_slot(self) -> int:
        if self.free:
            return self.free.pop()
        slot = len(self.slugs)
        self.slugs.append(None)
        if slot >= len(self.alive):
            grow = max(16, len(self.alive))
            self.lengths = np.vstack([self.lengths, np.zeros((grow, len(FIELDS)))])
            self.alive = np.concatenate([self.alive, np.zeros(grow, dtype=bool)])
        return slot

    def add(
        self,
        slug: str,
        fields: tuple[list[str], ...],
        lengths: tuple[int, ...] | None = None,
    ) -> int:
        """Index one document's terms per field (in FIELDS order); returns its slot.

        `lengths` (default: the number of terms per field) lets extra terms, such as word
        pairs, be indexed without making the field look longer.
        """
        if slug in self.slot_of:
            self.remove(slug)
        slot = self._new_slot()
        self.slugs[slot] = slug
        self.slot_of[slug] = slot
        self.alive[slot] = True
        counts: dict[str, list[int]] = {}
        for f, terms in enumerate(fields):
            self.lengths[slot, f] = len(terms) if lengths is None else lengths[f]
            for term in terms:
                row = counts.get(term)
                if row is None:
                    row = counts[term] = [0] * len(FIELDS)
                row[f] += 1
        self._length_sums += self.lengths[slot]
        for term, row in counts.items():
            self.postings.setdefault(term, {})[slot] = tuple(row)
            self._arrays.pop(term, None)
        self.doc_terms[slot] = tuple(counts)
        self.count += 1
        self._impacts.clear()
        return slot

    def remove(self, slug: str) -> bool:
        slot = self.slot_of.pop(slug, None)
        if slot is None:
            return False
        for term in self.doc_terms.pop(slot):
            plist = self.postings[term]
            del plist[slot]
            if not plist:
                del self.postings[term]
            self._arrays.pop(term, None)
        self._length_sums -= self.lengths[slot]
        self.lengths[slot] = 0
        self.alive[slot] = False
        self.slugs[slot] = None
        self.free.append(slot)
        self.count -= 1
        self._impacts.clear()
        return True

    def doc_freq(self, term: str) -> int:
        return len(self.postings.get(term, ()))

    def _counts(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        arrays = self._arrays.get(term)
        if arrays is None:
            plist = self.postings.get(term)
            if not plist:
                return np.zeros(0, dtype=np.int64), np.zeros((0, len(FIELDS)))
            slots = np.fromiter(plist.keys(), dtype=np.int64, count=len(plist))
            tf = np.array(list(plist.values()), dtype=np.float64)
            arrays = self._arrays[term] = (slots, tf)
        return arrays

    def _bm25f(self, slots: np.ndarray, tf: np.ndarray, df: int) -> np.ndarray:
        p = self.params
        avg = np.maximum(self._length_sums / max(self.count, 1), 1e-9)
        b = np.asarray(p.b)
        norm = 1.0 - b + b * (self.lengths[slots] / avg)
        weighted = (tf / norm) @ np.asarray(p.weights)
        idf = math.log(1.0 + (self.count - df + 0.5) / (df + 0.5))
        return idf * weighted / (p.k1 + weighted)

    def blended_scores(self, variants: Sequence[tuple[Sequence[str], float]]) -> np.ndarray:
        """Dense BM25F scores of a set of alternatives scored as one term.

        As Lucene's SynonymQuery does, the counts of every alternative (weighted) are added up
        per field and the document frequency is that of any alternative, so a rare synonym does
        not outscore the common word the person typed. An alternative of several terms counts
        where its terms stand side by side (its adjacent pairs are indexed as terms): its count
        in a field is the smallest count of its pairs there.
        """
        counts = np.zeros((self.capacity, len(FIELDS)))
        for terms, weight in variants:
            if len(terms) == 1:
                slots, tf = self._counts(terms[0])
                counts[slots] += weight * tf
                continue
            phrase: np.ndarray | None = None
            for a, b in zip(terms, terms[1:], strict=False):
                slots, tf = self._counts(f"{a} {b}")
                dense = np.zeros_like(counts)
                dense[slots] = tf
                phrase = dense if phrase is None else np.minimum(phrase, dense)
            if phrase is not None:
                counts += weight * phrase
        scores = np.zeros(self.capacity)
        slots = np.flatnonzero(counts.any(axis=1))
        if slots.size:
            scores[slots] = self._bm25f(slots, counts[slots], int(slots.size))
        return scores

    def impacts(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(slots, BM25F score of the term in each) for every document holding the term."""
        cached = self._impacts.get(term)
        if cached is not None:
            return cached
        plist = self.postings.get(term)
        if not plist or self.count == 0:
            empty = (np.zeros(0, dtype=np.int64), np.zeros(0))
            self._impacts[term] = empty
            return empty
        slots, tf = self._counts(term)
        result = (slots, self._bm25f(slots, tf, len(plist)))
        self._impacts[term] = result
        return result

    def score_terms(self, terms: tuple[str, ...]) -> np.ndarray:
        """Dense score vector (one entry per slot) of a bag of terms."""
        scores = np.zeros(self.capacity)
        for term in terms:
            slots, values = self.impacts(term)
            scores[slots] += values
        return scores


def top_slots(
    scores: np.ndarray, slugs: list[str | None], limit: int, decimals: int = 9
) -> list[tuple[str, float]]:
    """The best `limit` documents with a positive score, ties broken by slug (stable order)."""
    rounded = np.round(scores, decimals)
    positive = np.flatnonzero(rounded > 0)
    if positive.size == 0 or limit <= 0:
        return []
    if positive.size > limit:
        kth = np.partition(rounded[positive], positive.size - limit)[positive.size - limit]
        positive = positive[rounded[positive] >= kth]
    ranked = sorted(
        ((slugs[slot], float(rounded[slot])) for slot in positive.tolist()),
        key=lambda pair: (-pair[1], pair[0]),
    )
    return ranked[:limit]
