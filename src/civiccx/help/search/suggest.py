"""Suggestions as you type: article titles and keywords that complete what has been typed.

Every word but the last must be in the suggestion (by stem, after typo correction); the last
word is a prefix, and if no known word starts with it, prefixes one edit away are tried
("refu" and "rfun" both reach "refund"). Suggestions that start with the first typed word and
titles (which open an article directly) come first.

Completing the last word with a common word of the articles ("where is my re" -> "where is my
refund") keeps only words that follow the word before somewhere in the articles, so no
"where is my received": after a stop word, the very next word (`WordFollowers`); after any other
word, the stem pairs the index stores for ranking (stop words between them aside).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .text import normalize, surface_tokens

FIRST_TO_SECOND_PERSON = {
    "en": {"i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself"},
    "es": {"yo": "usted", "mi": "su", "mis": "sus", "tu": "su", "tus": "sus"},
}
"""People ask in the first person and articles answer in the second ("where is my refund",
"check your refund"; "donde esta mi reembolso", "su reembolso"), so a word that follows "your"
may follow "my" too. Spanish articles address the reader as usted; "tu" (folded "tú") is the
informal form a person may type."""

# A word, or a character that ends a run of words (punctuation: a sentence, list item, link).
_WORD_OR_BREAK = re.compile(r"[a-z0-9]+|[^a-z0-9 \t]")


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


class WordFollowers:
    """The words that follow each stop word in one language's articles ("your" -> refund,
    return, ...), counted per article so an edit updates them without reading every article
    again: `sync` reads only the articles added, changed or removed since the last time."""

    def __init__(self, stop_words: frozenset[str]) -> None:
        self._stop = stop_words
        self._counts: Counter[tuple[str, str]] = Counter()
        self._read: dict[str, object] = {}

    def _pairs(self, document) -> set[tuple[str, str]]:
        text = "\n".join((document.title, *document.keywords, document.summary,
                          document.body_markdown))
        found: set[tuple[str, str]] = set()
        previous = None
        for token in _WORD_OR_BREAK.findall(normalize(text)):
            if previous is not None and token[0].isalnum():
                found.add((previous, token))
            previous = token if token in self._stop else None
        return found

    def sync(self, documents: Mapping[str, object]) -> None:
        """Catch up with `documents` (slug -> the index's document, compared by identity)."""
        for slug, document in self._read.items():
            if documents.get(slug) is not document:
                self._counts.subtract(self._pairs(document))
        for slug, document in documents.items():
            if self._read.get(slug) is not document:
                self._counts.update(self._pairs(document))
        self._counts = +self._counts
        self._read = dict(documents)

    def follows(self, previous: str, word: str) -> bool:
        return self._counts[(previous, word)] > 0


def plausible_next(
    language: str,
    previous: str | None,
    is_stop: Callable[[str], bool],
    followers: WordFollowers,
    pair_in_articles: Callable[[str, str], bool],
) -> Callable[[str], bool]:
    """Whether a word may follow `previous`, the last complete word typed (typos corrected;
    None when the word being typed is the first): right after it, or after its second-person
    counterpart, when it is a stop word; else in one of the index's stem pairs."""
    if previous is None:
        return lambda word: True
    if is_stop(previous):
        other = FIRST_TO_SECOND_PERSON.get(language, {}).get(previous)
        return lambda word: followers.follows(previous, word) or (
            other is not None and followers.follows(other, word)
        )
    return lambda word: pair_in_articles(previous, word)
