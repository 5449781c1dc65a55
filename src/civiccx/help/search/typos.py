"""Typo tolerance: map a word that no article uses to close words that articles do use.

Distances are optimal string alignment (Levenshtein plus swapped neighbours, "recieve"), computed
by RapidFuzz. The allowed distance grows with the word: none under 4 letters (too many short
words are one edit apart), 1 up to 7 letters, 2 from 8.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Callable, Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

MAX_EQUALLY_CLOSE = 4
MIN_STEM_PREFIX = 4
MAX_STEM_GAP = 3


def allowed_edits(word: str) -> int:
    if len(word) < 4 or any(c.isdigit() for c in word):
        return 0
    return 1 if len(word) <= 7 else 2


class Vocabulary:
    """Surface words (folded, unstemmed) with the number of documents that use each."""

    def __init__(self, stem: Callable[[str], str]) -> None:
        self.doc_freq: Counter[str] = Counter()
        self.fixed: set[str] = set()
        self._stem = stem
        self._by_length: dict[int, list[str]] | None = None
        self._by_stem: dict[str, list[str]] | None = None
        self._stems: list[str] | None = None

    def add_fixed(self, words: Iterable[str]) -> None:
        """Words that are always known (stop words, synonym members) even if no article has them."""
        for word in words:
            if word not in self:
                self._appeared(word)
            self.fixed.add(word)

    def add_document(self, words: Iterable[str]) -> None:
        for word in set(words):
            if word not in self:
                self._appeared(word)
            self.doc_freq[word] += 1

    def remove_document(self, words: Iterable[str]) -> None:
        for word in set(words):
            self.doc_freq[word] -= 1
            if self.doc_freq[word] <= 0:
                del self.doc_freq[word]
                if word not in self.fixed:
                    self._vanished(word)

    # The length buckets and stem groups are built on first use, then kept up to date one
    # word at a time, so an edit that brings a new word does not rebuild them.
    def _appeared(self, word: str) -> None:
        self._stems = None
        if self._by_length is not None:
            insort(self._by_length.setdefault(len(word), []), word)
        if self._by_stem is not None:
            insort(self._by_stem.setdefault(self._stem(word), []), word)

    def _vanished(self, word: str) -> None:
        self._stems = None
        if self._by_length is not None:
            self._by_length[len(word)].remove(word)
        if self._by_stem is not None:
            self._by_stem[self._stem(word)].remove(word)

    def __contains__(self, word: str) -> bool:
        return word in self.fixed or self.doc_freq.get(word, 0) > 0

    def words_by_stem(self) -> dict[str, list[str]]:
        """Known words grouped by stem, to find the words an article uses for a query stem."""
        if self._by_stem is None:
            groups: dict[str, list[str]] = {}
            for word in sorted(set(self.doc_freq) | self.fixed):
                groups.setdefault(self._stem(word), []).append(word)
            self._by_stem = groups
        return self._by_stem

    def related_stems(self, stem: str, known: Callable[[str], bool]) -> list[str]:
        """Stems of known words that extend or shorten `stem` by at most MAX_STEM_GAP letters,
        sharing at least MIN_STEM_PREFIX ("hipotec" and "hipotecari", "perdi" and "perd"),
        for which `known` holds (an article uses them). Snowball leaves such pairs apart,
        more so in Spanish once accents are folded ("perdí" -> perd, "perdi" -> perdi)."""
        if len(stem) < MIN_STEM_PREFIX or any(c.isdigit() for c in stem):
            return []
        if self._stems is None:
            self._stems = sorted(self.words_by_stem())
        head = stem[:MIN_STEM_PREFIX]
        out = []
        for other in self._stems[bisect_left(self._stems, head):]:
            if not other.startswith(head):
                break
            if other != stem and abs(len(other) - len(stem)) <= MAX_STEM_GAP and (
                    other.startswith(stem) or stem.startswith(other)) and known(other):
                out.append(other)
        return out

    def _buckets(self) -> dict[int, list[str]]:
        if self._by_length is None:
            buckets: dict[int, list[str]] = {}
            for word in sorted(set(self.doc_freq) | self.fixed):
                buckets.setdefault(len(word), []).append(word)
            self._by_length = buckets
        return self._by_length

    def corrections(self, word: str, limit: int = 3) -> list[tuple[str, int]]:
        """Known words closest to an unknown one, best first: (word, distance).

        Ties on distance go to the word sharing the first letter (people rarely mistype it), then
        to a word that extends or shortens the typed one ("wher" -> "where", a dropped last
        letter), then to the more common word, then alphabetical order, so the choice is stable.
        """
        edits = allowed_edits(word)
        if edits == 0:
            return []
        buckets = self._buckets()
        found: list[tuple[str, int]] = []
        for length in range(len(word) - edits, len(word) + edits + 1):
            choices = buckets.get(length)
            if not choices:
                continue
            for choice, distance, _ in process.extract(
                word, choices, scorer=OSA.distance, score_cutoff=edits, limit=None
            ):
                found.append((choice, int(distance)))
        found.sort(
            key=lambda pair: (
                pair[1],
                pair[0][:1] != word[:1],
                not (pair[0].startswith(word) or word.startswith(pair[0])),
                -self.doc_freq.get(pair[0], 0),
                pair[0],
            )
        )
        if not found:
            return []
        best = found[0][1]
        closest = [pair for pair in found if pair[1] == best]
        if len(closest) > MAX_EQUALLY_CLOSE:
            return []  # no correction is confidently better: keep the word as typed
        return closest[:limit]
