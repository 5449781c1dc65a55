"""Synonym groups from synonyms.json, applied to the query within one language.

A group is a set of ways to say one thing ("w2", "wage and tax statement"). When a run of query
words matches any member, the run becomes one *concept* whose variants are all the members; the
ranking scores a concept by its best variant, so saying the same thing twice never counts twice
and an article that uses any of the names matches. Matching runs over stems with stop words kept,
so "where is my refund" and "wheres my refund" match their group whole.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .text import Analyzer, surface_tokens


@dataclass(frozen=True)
class Variant:
    """One way to say a concept: the phrase and its meaningful stems (stop words dropped)."""

    phrase: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    group: int


class SynonymTable:
    """The groups of one language, indexed by the stem sequence of each member phrase."""

    def __init__(self, groups: Sequence[Sequence[str]], analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self.groups: list[tuple[Variant, ...]] = []
        self._by_key: dict[tuple[str, ...], int] = {}
        self.words: set[str] = set()
        self.longest = 1
        for members in groups:
            variants = []
            group_id = len(self.groups)
            for phrase in members:
                tokens = surface_tokens(phrase)
                if not tokens:
                    continue
                self.words.update(tokens)
                key = tuple(analyzer.stem(t) for t in tokens)
                self._by_key.setdefault(key, group_id)
                self.longest = max(self.longest, len(key))
                terms = tuple(analyzer.stem(t) for t in tokens if not analyzer.is_stop(t))
                if terms and all(v.terms != terms for v in variants):
                    variants.append(Variant(phrase, terms))
            self.groups.append(tuple(variants))

    def find(self, stems: Sequence[str]) -> list[Match]:
        """Leftmost-longest, non-overlapping matches of member phrases in a stem sequence."""
        matches: list[Match] = []
        i = 0
        while i < len(stems):
            for size in range(min(self.longest, len(stems) - i), 0, -1):
                group = self._by_key.get(tuple(stems[i : i + size]))
                if group is not None:
                    matches.append(Match(i, i + size, group))
                    i += size
                    break
            else:
                i += 1
        return matches


class CrossLanguageHints:
    """The bilingual lexicon (pairs such as refund / reembolso), looked up by stem phrases in
    either direction; SearchIndex.translate turns a query's matches into concepts."""

    def __init__(
        self, pairs: Sequence[Mapping[str, Sequence[str]]], analyzers: Mapping[str, Analyzer]
    ) -> None:
        # (from_language, to_language) -> {stem tuple of a phrase: phrases in to_language}
        self._maps: dict[tuple[str, str], dict[tuple[str, ...], list[str]]] = {}
        self._longest = 1
        self.words: dict[str, set[str]] = {language: set() for language in analyzers}
        for pair in pairs:
            for source, phrases in pair.items():
                if source not in analyzers:
                    continue
                for target, translations in pair.items():
                    if target == source or target not in analyzers:
                        continue
                    table = self._maps.setdefault((source, target), {})
                    for phrase in phrases:
                        tokens = surface_tokens(phrase)
                        self.words[source].update(tokens)
                        key = tuple(analyzers[source].stem(t) for t in tokens)
                        if key:
                            found = table.setdefault(key, [])
                            found.extend(t for t in translations if t not in found)
                            self._longest = max(self._longest, len(key))
        self._analyzers = analyzers

    def find(self, stems: Sequence[str], source: str, target: str
             ) -> list[tuple[int, int, list[str]]]:
        """Leftmost-longest lexicon phrases in a stem sequence: (start, end, translations)."""
        table = self._maps.get((source, target)) or {}
        out = []
        i = 0
        while i < len(stems):
            for size in range(min(self._longest, len(stems) - i), 0, -1):
                translations = table.get(tuple(stems[i : i + size]))
                if translations:
                    out.append((i, i + size, translations))
                    i += size
                    break
            else:
                i += 1
        return out
