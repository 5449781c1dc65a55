"""Suggestions as you type: article titles and keywords that complete what has been typed.

Every word but the last must be in the suggestion (by stem, after typo correction); the last
word is a prefix, and if no known word starts with it, prefixes one edit away are tried
("refu" and "rfun" both reach "refund"). Suggestions that start with the first typed word and
titles (which open an article directly) come first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .text import surface_tokens


@dataclass(frozen=True)
class Suggestion:
    """`text` to show; `slug` is set when the suggestion is an article's title."""

    text: str
    slug: str | None = None


@dataclass(frozen=True)
class _Entry:
    text: str
    slug: str | None
    tokens: tuple[str, ...]
    stems: frozenset[str]
    is_title: bool


class SuggestionList:
    """The titles and keywords of one language, looked up by the words they contain."""

    def __init__(self, stem: Callable[[str], str]) -> None:
        self._stem = stem
        self._entries: list[_Entry] = []
        self._by_word: dict[str, list[int]] = {}
        self._by_stem: dict[str, list[int]] = {}
        self._seen: set[tuple[str, ...]] = set()
        self._words: list[str] = []

    def add(self, text: str, slug: str | None, is_title: bool) -> None:
        tokens = tuple(surface_tokens(text))
        if not tokens or tokens in self._seen:
            return
        self._seen.add(tokens)
        entry = _Entry(text, slug, tokens, frozenset(self._stem(t) for t in tokens), is_title)
        self._entries.append(entry)
        for token in set(tokens):
            self._by_word.setdefault(token, []).append(len(self._entries) - 1)
        for stem in entry.stems:
            self._by_stem.setdefault(stem, []).append(len(self._entries) - 1)

    def finish(self) -> None:
        self._words = sorted(self._by_word)

    def _complete(self, partial: str) -> tuple[set[str], set[str]]:
        """Known words that start with `partial`, and those that start one edit away from it."""
        exact = {w for w in self._words if w.startswith(partial)}
        fuzzy: set[str] = set()
        if not exact and len(partial) >= 3:
            # Compare with known words' prefixes one letter shorter, as long and one longer,
            # so a dropped, doubled or swapped letter is forgiven ("refnd" -> "refund").
            n = len(partial)
            for size in (n - 1, n, n + 1):
                prefixes = sorted({w[:size] for w in self._words if len(w) >= size})
                close = {
                    p
                    for p, _, _ in process.extract(
                        partial, prefixes, scorer=OSA.distance, score_cutoff=1, limit=None
                    )
                }
                fuzzy.update(w for w in self._words if w[:size] in close)
        return exact, fuzzy

    def suggest(
        self, typed: str, limit: int, correct: Callable[[str], str]
    ) -> list[Suggestion]:
        tokens = surface_tokens(typed)
        if not tokens or limit <= 0:
            return []
        ends_word = typed[-1:].isspace()
        complete = tokens if ends_word else tokens[:-1]
        partial = "" if ends_word else tokens[-1]
        needed = {self._stem(correct(t)) for t in complete}
        if partial:
            exact, fuzzy = self._complete(partial)
        else:
            exact, fuzzy = set(), set()
        lead = tokens[0] if complete else None
        ranked: list[tuple[tuple, Suggestion]] = []
        candidates: set[int] = set()
        for word in exact | fuzzy:
            candidates.update(self._by_word.get(word, ()))
        if not partial:
            for stem in needed:
                candidates.update(self._by_stem.get(stem, ()))
        for i in candidates:
            entry = self._entries[i]
            if not needed <= entry.stems:
                continue
            typo = 0 if not partial or any(t in exact for t in entry.tokens) else 1
            starts = entry.tokens[0] == (lead or partial) or (
                lead is None and entry.tokens[0] in exact
            )
            key = (typo, not starts, not entry.is_title, len(entry.tokens), entry.text.casefold())
            ranked.append((key, Suggestion(entry.text, entry.slug if entry.is_title else None)))
        ranked.sort(key=lambda pair: pair[0])
        return [s for _, s in ranked[:limit]]
