"""BM25F over an article's fields, stored as compact postings that one edit can change cheaply.

BM25F (Robertson, Zaragoza and Taylor, 2004) adds up a term's length-normalised, weighted counts
across fields before the saturation k1, so a word in the title *and* the body scores more than
in the body alone, but not twice as much.

Storage is two-level, as in log-structured indexes (Lucene's segments, in miniature): a
compressed sparse row *base* (per term: int32 slots and uint16 counts per field, 12 bytes a
posting) built in one vectorized pass, plus a small Python *overlay* for articles added or
edited since. Removing an article only clears its slot's `alive` flag. When the overlay grows
past COMPACT_AFTER articles, base and overlay are merged again. Per-term scores depend on the
number of articles and average field lengths, so they are computed when a query first needs
the term and cached until the index changes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

FIELDS = ("title", "keywords", "summary", "body")
NF = len(FIELDS)
COMPACT_AFTER = 512


@dataclass(frozen=True)
class BM25FParams:
    k1: float = 1.2
    weights: tuple[float, ...] = (3.0, 2.5, 1.5, 1.0)
    b: tuple[float, ...] = (0.3, 0.3, 0.5, 0.75)


_EMPTY = (np.zeros(0, dtype=np.int64), np.zeros((0, NF)))


class FieldedPostings:
    """Term -> {article slot: counts per field}, with field lengths per slot."""

    def __init__(self, params: BM25FParams | None = None) -> None:
        self.params = params or BM25FParams()
        self._weights = np.asarray(self.params.weights, dtype=np.float64)
        self._b = np.asarray(self.params.b, dtype=np.float64)
        self.term_id: dict[str, int] = {}
        self.slugs: list[str | None] = []
        self.slot_of: dict[str, int] = {}
        self.lengths = np.zeros((16, NF))
        self.alive = np.zeros(16, dtype=bool)
        self._df = np.zeros(16, dtype=np.int64)
        self._doc_terms: dict[int, np.ndarray] = {}
        self._indptr = np.zeros(1, dtype=np.int64)
        self._slots = np.zeros(0, dtype=np.int32)
        self._tf = np.zeros((0, NF), dtype=np.uint16)
        self._overlay: dict[int, tuple[list[int], list[list[int]]]] = {}
        self._overlay_docs = 0
        self._impacts: dict[object, tuple[np.ndarray, np.ndarray]] = {}
        self._scale: np.ndarray | None = None
        self._length_sums = np.zeros(NF)
        self.count = 0

    @property
    def capacity(self) -> int:
        return len(self.slugs)

    # -- writing ----------------------------------------------------------------------------

    def _ids(self, terms: list[str]) -> np.ndarray:
        ids = self.term_id
        out = np.empty(len(terms), dtype=np.int64)
        for i, term in enumerate(terms):
            tid = ids.get(term)
            if tid is None:
                tid = ids[term] = len(ids)
            out[i] = tid
        if len(ids) > len(self._df):
            self._df = np.concatenate([self._df, np.zeros(len(ids) + 1024, dtype=np.int64)])
        return out

    def _doc_postings(self, fields: Sequence[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        ids = self._ids([t for terms in fields for t in terms])
        which = np.repeat(np.arange(NF), [len(terms) for terms in fields])
        keys, counts = np.unique(ids * NF + which, return_counts=True)
        terms, inverse = np.unique(keys // NF, return_inverse=True)
        tf = np.zeros((len(terms), NF), dtype=np.uint16)
        tf[inverse, keys % NF] = np.minimum(counts, 65535)
        return terms, tf

    def _new_slot(self, slug: str) -> int:
        slot = len(self.slugs)
        self.slugs.append(slug)
        if slot >= len(self.alive):
            grow = max(16, len(self.alive))
            self.lengths = np.vstack([self.lengths, np.zeros((grow, NF))])
            self.alive = np.concatenate([self.alive, np.zeros(grow, dtype=bool)])
        self.slot_of[slug] = slot
        self.alive[slot] = True
        return slot

    def add(
        self,
        slug: str,
        fields: Sequence[list[str]],
        lengths: Sequence[int] | None = None,
        _batch: list | None = None,
    ) -> int:
        """Index one article's terms per field (in FIELDS order); returns its slot.

        `lengths` (default: the number of terms per field) lets extra terms, such as word
        pairs, be indexed without making the field look longer.
        """
        if slug in self.slot_of:
            self.remove(slug)
        slot = self._new_slot(slug)
        self.lengths[slot] = [len(t) for t in fields] if lengths is None else lengths
        self._length_sums += self.lengths[slot]
        terms, tf = self._doc_postings(fields)
        self._df[terms] += 1
        self._doc_terms[slot] = terms
        self.count += 1
        self.clear_cache()
        if _batch is not None:
            _batch.append((slot, terms, tf))
            return slot
        for tid, row in zip(terms.tolist(), tf.tolist(), strict=True):
            entry = self._overlay.get(tid)
            if entry is None:
                entry = self._overlay[tid] = ([], [])
            entry[0].append(slot)
            entry[1].append(row)
        self._overlay_docs += 1
        if self._overlay_docs > COMPACT_AFTER:
            self.compact()
        return slot

    def add_many(self, articles: Sequence[tuple[str, Sequence[list[str]], Sequence[int]]]) -> None:
        """Index many articles at once and merge them into the base in one vectorized pass."""
        batch: list = []
        for slug, fields, lengths in articles:
            self.add(slug, fields, lengths, _batch=batch)
        self.compact(batch)

    def remove(self, slug: str) -> bool:
        slot = self.slot_of.pop(slug, None)
        if slot is None:
            return False
        self._df[self._doc_terms.pop(slot)] -= 1
        self._length_sums -= self.lengths[slot]
        self.lengths[slot] = 0
        self.alive[slot] = False
        self.slugs[slot] = None
        self.count -= 1
        self.clear_cache()
        return True

    def compact(self, batch: list | None = None) -> None:
        """Merge the base, the overlay and `batch` into a new base, dropping removed slots."""
        n_terms = len(self.term_id)
        parts_t, parts_s, parts_f = [], [], []
        base_terms = np.repeat(np.arange(len(self._indptr) - 1), np.diff(self._indptr))
        keep = self.alive[self._slots]
        parts_t.append(base_terms[keep])
        parts_s.append(self._slots[keep].astype(np.int64))
        parts_f.append(self._tf[keep])
        for tid, (slots, rows) in self._overlay.items():
            parts_t.append(np.full(len(slots), tid, dtype=np.int64))
            parts_s.append(np.asarray(slots, dtype=np.int64))
            parts_f.append(np.asarray(rows, dtype=np.uint16).reshape(-1, NF))
        for slot, terms, tf in batch or ():
            if self.alive[slot]:
                parts_t.append(terms)
                parts_s.append(np.full(len(terms), slot, dtype=np.int64))
                parts_f.append(tf)
        terms = np.concatenate(parts_t) if parts_t else np.zeros(0, dtype=np.int64)
        slots = np.concatenate(parts_s) if parts_s else np.zeros(0, dtype=np.int64)
        tf = np.concatenate(parts_f) if parts_f else np.zeros((0, NF), dtype=np.uint16)
        alive = self.alive[slots]
        terms, slots, tf = terms[alive], slots[alive], tf[alive]
        order = np.lexsort((slots, terms))
        self._slots = slots[order].astype(np.int32)
        self._tf = np.ascontiguousarray(tf[order])
        self._indptr = np.concatenate(
            [[0], np.cumsum(np.bincount(terms, minlength=n_terms))]
        ).astype(np.int64)
        self._overlay.clear()
        self._overlay_docs = 0
        self.clear_cache()

    # -- reading ----------------------------------------------------------------------------

    def clear_cache(self) -> None:
        self._impacts.clear()
        self._scale = None

    def doc_freq(self, term: str) -> int:
        tid = self.term_id.get(term)
        return 0 if tid is None else int(self._df[tid])

    def _counts(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(slots, counts per field) of the live articles holding the term."""
        tid = self.term_id.get(term)
        if tid is None or self._df[tid] == 0:
            return _EMPTY
        if tid < len(self._indptr) - 1:
            lo, hi = self._indptr[tid], self._indptr[tid + 1]
            slots, tf = self._slots[lo:hi], self._tf[lo:hi]
        else:
            slots, tf = self._slots[:0], self._tf[:0]
        extra = self._overlay.get(tid)
        if extra:
            slots = np.concatenate([slots, np.asarray(extra[0], dtype=np.int32)])
            tf = np.concatenate([tf, np.asarray(extra[1], dtype=np.uint16).reshape(-1, NF)])
        live = self.alive[slots]
        if not live.all():
            slots, tf = slots[live], tf[live]
        return slots.astype(np.int64), tf.astype(np.float64)

    def _field_scale(self) -> np.ndarray:
        """Per slot and field: weight / (1 - b + b * length / average length)."""
        if self._scale is None:
            avg = np.maximum(self._length_sums / max(self.count, 1), 1e-9)
            norm = 1.0 - self._b + self._b * (self.lengths[: self.capacity] / avg)
            self._scale = self._weights / norm
        return self._scale

    def _bm25f(self, slots: np.ndarray, tf: np.ndarray, df: int) -> np.ndarray:
        p = self.params
        weighted = np.einsum("ij,ij->i", tf, self._field_scale()[slots])
        idf = math.log(1.0 + (self.count - df + 0.5) / (df + 0.5))
        return idf * weighted / (p.k1 + weighted)

    def impacts(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(slots, BM25F score of the term in each) for every live article holding the term."""
        cached = self._impacts.get(term)
        if cached is None:
            slots, tf = self._counts(term)
            cached = (slots, self._bm25f(slots, tf, len(slots)) if len(slots) else tf[:, 0])
            self._impacts[term] = cached
        return cached

    def score_terms(self, terms: Sequence[str]) -> np.ndarray:
        """Dense score vector (one entry per slot) of a bag of terms."""
        scores = np.zeros(self.capacity)
        for term in terms:
            slots, values = self.impacts(term)
            scores[slots] += values
        return scores

    def blended_scores(self, variants: Sequence[tuple[Sequence[str], float]]) -> np.ndarray:
        """Dense BM25F scores of a set of alternatives scored as one term.

        As Lucene's SynonymQuery does, the counts of every alternative (weighted) are added up
        per field and the document frequency is that of any alternative, so a rare synonym does
        not outscore the common word the person typed. An alternative of several terms counts
        where its terms stand side by side (its adjacent pairs are indexed as terms): its count
        in a field is the smallest count of its pairs there.
        """
        key = ("blend", tuple((tuple(t), w) for t, w in variants))
        cached = self._impacts.get(key)
        if cached is None:
            cached = self._impacts[key] = self._blend(variants)
        scores = np.zeros(self.capacity)
        scores[cached[0]] = cached[1]
        return scores

    def concept_slots(self, variants: Sequence[tuple[Sequence[str], float]]) -> np.ndarray:
        """The live slots that hold any of the variants (a phrase where its words stand side
        by side, or, for the first variant, all its words anywhere)."""
        key = ("slots", tuple(tuple(t) for t, _ in variants))
        cached = self._impacts.get(key)
        if cached is None:
            parts = [self._blend(variants)[0]]
            first = variants[0][0] if variants else ()
            if len(first) > 1:
                common = self._counts(first[0])[0]
                for term in first[1:]:
                    common = np.intersect1d(common, self._counts(term)[0])
                parts.append(common)
            cached = self._impacts[key] = (np.unique(np.concatenate(parts)), None)
        return cached[0]

    def _phrase_counts(self, terms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(slots, counts per field) where all the adjacent pairs of `terms` occur."""
        slots, tf = self._counts(f"{terms[0]} {terms[1]}")
        for a, b in zip(terms[1:], terms[2:], strict=False):
            more_slots, more_tf = self._counts(f"{a} {b}")
            common, i, j = np.intersect1d(slots, more_slots, return_indices=True)
            slots, tf = common, np.minimum(tf[i], more_tf[j])
        return slots, tf

    def _blend(self, variants: Sequence[tuple[Sequence[str], float]]) -> tuple:
        parts = []
        for terms, weight in variants:
            if not terms:
                continue
            slots, tf = self._counts(terms[0]) if len(terms) == 1 else self._phrase_counts(terms)
            if len(slots):
                parts.append((slots, tf * weight if weight != 1.0 else tf))
        if not parts:
            return _EMPTY[0], np.zeros(0)
        if len(parts) == 1:
            slots, tf = parts[0]
        else:
            slots, inverse = np.unique(
                np.concatenate([p[0] for p in parts]), return_inverse=True
            )
            stacked = np.concatenate([p[1] for p in parts])
            tf = np.stack(
                [np.bincount(inverse, stacked[:, f], minlength=len(slots)) for f in range(NF)],
                axis=1,
            )
        return slots, self._bm25f(slots, tf, len(slots))


def top_slots(
    scores: np.ndarray, slugs: list[str | None], limit: int, decimals: int = 9
) -> list[tuple[str, float]]:
    """The best `limit` articles with a positive score, ties broken by slug (stable order)."""
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
