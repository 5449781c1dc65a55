"""The help center's search index: build it from articles, query it, keep it fresh.

Pure Python (no Django), in process, so a query gives the same results in the same order on
SQLite and PostgreSQL. See docs/decisions/0004-help-search-engine.md.
"""

from __future__ import annotations

import gc
import math
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .dictionary import is_word
from .dictionary import zipf as word_zipf
from .other_agencies import OtherAgency, OtherAgencyMatcher, load_other_agencies
from .ranking import BM25FParams, FieldedPostings, top_slots
from .snippets import clear_snippet_cache, make_snippet, word_pattern
from .suggest import Suggestion, SuggestionList
from .synonyms import CrossLanguageHints, SynonymTable
from .text import (
    LANGUAGES,
    MAX_QUERY_TOKENS,
    Analyzer,
    clip_query,
    normalize,
    strip_markdown,
    surface_tokens,
)
from .typos import Vocabulary

# A synonym scores a little below the words typed, and a corrected typo below a synonym, so an
# article using the person's own words wins a tie of meaning.
SYNONYM_WEIGHT = 0.9
TYPO_WEIGHT = 0.8
# Word pairs: two query words side by side in an article (stop words aside) add this share of
# the pair's own BM25F score, so "payment plan" beats an article that has "payment" and "plan"
# far apart, and a two-word synonym ("devolucion de impuestos") needs the phrase, not the words.
PAIR_WEIGHT = 0.5
# An article one of whose keywords is exactly what was typed (stop words and word order aside)
# was written for that query: its score is multiplied by this.
KEYWORD_MATCH_BOOST = 1.5
# Results whose confidence (the IDF-weighted share of the query an article covers) is below this
# are not shown; calibrated on labelled queries with and without an answer (decision 0004).
MIN_CONFIDENCE = 0.35
# Confidence is coverage x (score / (STRONG_MATCH x the query's total IDF)) ** STRENGTH_EXPONENT:
# a query whose words all occur once in an article's body is covered, but weakly answered.
STRONG_MATCH = 0.4
STRENGTH_EXPONENT = 1.5
# ... times (best passage's coverage / the article's coverage) ** PASSAGE_EXPONENT. A passage is
# the title, a keyword, the summary or one paragraph, list item or heading of the body. An
# article answers a question where the question's words stand together; one that has them
# scattered ("renovar" in its title, "pasaporte" in a list of documents to bring) mentions them
# without answering. The square root keeps it a correction: real answers often split a question
# between their title and a paragraph. Chosen on the independent set's `tune` half (decision
# 0004); the threshold MIN_CONFIDENCE was kept.
PASSAGE_EXPONENT = 0.5
# An empty index's guess at its articles' length in words (see `_weight`); once articles are
# indexed, their own average is used.
AVERAGE_ARTICLE_WORDS = 200
MIN_SUGGESTED_WORD_ARTICLES = 2


# Word pairs are taken within a sentence, a keyword or a list item, never across them.
_BREAKS = frozenset(".!?:;\n")
_WORD_OR_BREAK = re.compile(r"[a-z0-9]+|[.!?:;\n]")


def pairs(terms: Sequence[str]) -> list[str]:
    """Adjacent stem pairs, as the index stores them ("payment plan")."""
    return [f"{a} {b}" for a, b in zip(terms, terms[1:], strict=False)]


@dataclass(frozen=True)
class _PassageCheck:
    """What the passage check needs of one query, prepared once for all its results: a
    regular expression for the surface words articles use for the query's stems (as snippets
    find words: nothing is tokenized or stemmed again), and each concept's weight and
    alternatives. A concept is in a passage when all the words of one alternative are."""

    pattern: re.Pattern | None
    stem_of: dict[str, str]
    concepts: tuple[tuple[float, tuple[frozenset[str], ...]], ...]
    total: float

    @classmethod
    def of(
        cls, concepts: Sequence[Concept], weights: Sequence[float], words: Mapping[str, list[str]]
    ) -> _PassageCheck:
        stems = {t for c in concepts for terms, _ in c.variants for t in terms}
        stem_of = {w: stem for stem in stems for w in words.get(stem, ())}
        alternatives = tuple(
            (weight, tuple(frozenset(terms) for terms, _ in c.variants if terms))
            for c, weight in zip(concepts, weights, strict=True)
        )
        pattern = word_pattern(frozenset(stem_of)) if stem_of else None
        return cls(pattern, stem_of, alternatives, sum(weights))

    def share(self, passages: tuple[str, ...], ceiling: float = 1.0) -> float:
        """The share of the query's weight that the best single passage holds (stops early
        once it reaches `ceiling`, the share the whole article holds)."""
        if self.pattern is None or not self.total:
            return 0.0
        findall, stem_of = self.pattern.findall, self.stem_of
        best = 0.0
        seen: set[frozenset[str]] = set()
        for passage in passages:
            found = findall(passage)
            if not found:
                continue
            here = frozenset([stem_of[w] for w in found])
            if here in seen:
                continue
            seen.add(here)
            weight = sum(
                w for w, alternatives in self.concepts if any(a <= here for a in alternatives)
            )
            best = max(best, weight)
            if best >= ceiling * self.total * (1 - 1e-9):
                break
        return best / self.total


@lru_cache(maxsize=4096)
def _passage_text(
    title: str, keywords: tuple[str, ...], summary: str, body_markdown: str
) -> tuple[str, ...]:
    """An article's passages, normalized: the title, each keyword, the summary and each line
    of the body (a paragraph, list item or heading)."""
    lines = (title, *keywords, summary, *body_markdown.splitlines())
    return tuple(p for p in (normalize(strip_markdown(line)) for line in lines) if p.strip())


@dataclass(frozen=True)
class Document:
    """One article in one language, as the index sees it."""

    slug: str
    language: str
    title: str
    summary: str = ""
    body_markdown: str = ""
    keywords: tuple[str, ...] = ()
    category: str = ""
    services: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    """A search result. `snippet_html` is escaped HTML whose only tags are <mark>.

    `language` is the article's language: on the Spanish page, an article that exists only in
    English comes back with language "en" (the page labels it). `confidence` (0 to 1) says
    how much of what the query asks for the article covers, how strongly, and how much of it
    one passage of the article holds (see `_ranked` and the constants above).
    """

    slug: str
    score: float
    title: str
    snippet_html: str
    category: str = ""
    language: str = ""
    confidence: float = 1.0


@dataclass(frozen=True)
class Concept:
    """One thing the query asks for, as weighted alternative bags of stems.

    The alternatives are scored together as one term (FieldedPostings.blended_scores). With
    `typed`, the first alternative is the person's own words; when it has several, they also
    count one by one. An alternative of several words counts only where its words stand side by
    side: "devolucion de impuestos", offered as a synonym of "reembolso", must not match an
    article about "devolucion de llamada" (callbacks) that also says "impuestos".
    """

    variants: tuple[tuple[tuple[str, ...], float], ...]
    typed: bool = False
    # For a word no article may use: what was typed, and its language (to weigh it, _weight).
    word: str = ""
    word_language: str = ""


@dataclass
class _LanguageIndex:
    analyzer: Analyzer
    synonyms: SynonymTable
    postings: FieldedPostings
    vocabulary: Vocabulary
    documents: dict[str, Document] = field(default_factory=dict)
    keyword_docs: dict[frozenset[str], set[str]] = field(default_factory=dict)
    _suggestions: SuggestionList | None = None
    only_here: np.ndarray | None = None  # see SearchIndex._only_here_mask
    words: int = 0  # words of every article, stop words included (see SearchIndex._weight)

    def average_words(self) -> float:
        count = len(self.documents)
        return self.words / count if count else AVERAGE_ARTICLE_WORDS


class SearchIndex:
    """Per-language BM25F indexes over title, keywords, summary and body.

    Build with `SearchIndex.build(documents, synonyms)`; keep it fresh with `add`, `update` and
    `remove` (each changes only the edited article's postings). Not thread-safe for writes:
    a web process swaps in a new or updated index under its own lock.
    """

    def __init__(
        self,
        synonyms: Mapping | None = None,
        params: BM25FParams | None = None,
        is_word: Callable[[str, str], bool] = is_word,
        other_agencies: Iterable[OtherAgency] | None = None,
    ) -> None:
        """`synonyms`: {"en": groups, "es": groups, "cross_language": pairs} (see
        `load_synonyms`); `is_word(token, language)` tells an ordinary word of a language
        from a typo (default: the wordfreq vocabularies of `dictionary`); `other_agencies`:
        services other offices provide (default: the product's `other_agencies.json`)."""
        synonyms = synonyms or {}
        self._languages: dict[str, _LanguageIndex] = {}
        self._is_word = is_word
        analyzers = {}
        for language in LANGUAGES:
            analyzer = Analyzer(language)
            analyzers[language] = analyzer
            table = SynonymTable(synonyms.get(language, ()), analyzer)
            index = _LanguageIndex(
                analyzer, table, FieldedPostings(params), Vocabulary(analyzer.stem)
            )
            index.vocabulary.add_fixed(analyzer.stop_words | table.words)
            self._languages[language] = index
        self._hints = CrossLanguageHints(synonyms.get("cross_language", ()), analyzers)
        self._elsewhere = OtherAgencyMatcher(
            load_other_agencies() if other_agencies is None else other_agencies, analyzers)
        for language, words in self._hints.words.items():
            self._languages[language].vocabulary.add_fixed(words)
        self.last_refresh_seconds = 0.0

    @classmethod
    def build(
        cls,
        documents: Iterable[Document],
        synonyms: Mapping | None = None,
        params: BM25FParams | None = None,
        **options,
    ) -> SearchIndex:
        """Index every document in one pass (postings merged once per language)."""
        index = cls(synonyms, params, **options)
        started = time.perf_counter()
        batches: dict[str, list] = {language: [] for language in index._languages}
        collecting = gc.isenabled()
        gc.disable()  # millions of short-lived objects, no cycles: skip the collector's passes
        try:
            for document in documents:
                index._add(document, batches[document.language])
            for language, batch in batches.items():
                index._languages[language].postings.add_many(batch)
        finally:
            if collecting:
                gc.enable()
        index.last_refresh_seconds = time.perf_counter() - started
        return index

    # -- keeping it fresh -------------------------------------------------------------------

    def _lang(self, language: str) -> _LanguageIndex:
        try:
            return self._languages[language]
        except KeyError:
            raise ValueError(
                f"unsupported language {language!r}; expected one of {LANGUAGES}"
            ) from None

    @staticmethod
    def _fields(
        a: Analyzer, document: Document
    ) -> tuple[list[list[str]], list[int], set[str], int]:
        """Stems per field followed by their word pairs (within a sentence or keyword), the
        number of stems per field, the set of surface words (for typo correction) and the
        number of words, stop words included."""
        texts = (
            document.title,
            "\n".join(document.keywords),
            document.summary,
            strip_markdown(document.body_markdown),
        )
        fields: list[list[str]] = []
        lengths: list[int] = []
        words: set[str] = set()
        count = 0
        stop, stem = a.stop_words, a.stem
        for text in texts:
            terms: list[str] = []
            pair_terms: list[str] = []
            previous = None
            for token in _WORD_OR_BREAK.findall(normalize(text)):
                if token[0] in _BREAKS:
                    previous = None
                    continue
                words.add(token)
                count += 1
                if token in stop:
                    continue
                term = stem(token)
                terms.append(term)
                if previous is not None:
                    pair_terms.append(f"{previous} {term}")
                previous = term
            fields.append(terms + pair_terms)
            lengths.append(len(terms))
        return fields, lengths, words, count

    def _add(self, document: Document, batch: list | None = None) -> None:
        lang = self._lang(document.language)
        if document.slug in lang.documents:
            self._remove(document.language, document.slug)
        a = lang.analyzer
        fields, lengths, words, count = self._fields(a, document)
        lang.words += count
        if batch is None:
            lang.postings.add(document.slug, fields, lengths)
        else:
            batch.append((document.slug, fields, lengths))
        lang.vocabulary.add_document(words)
        for keyword in document.keywords:
            key = frozenset(a.terms(keyword))
            if key:
                lang.keyword_docs.setdefault(key, set()).add(document.slug)
        lang.documents[document.slug] = document
        lang._suggestions = None
        self._forget_masks()

    def _remove(self, language: str, slug: str) -> bool:
        lang = self._lang(language)
        document = lang.documents.pop(slug, None)
        if document is None:
            return False
        for keyword in document.keywords:
            slugs = lang.keyword_docs.get(frozenset(lang.analyzer.terms(keyword)))
            if slugs is not None:
                slugs.discard(slug)
        lang.postings.remove(slug)
        _fields, _lengths, words, count = self._fields(lang.analyzer, document)
        lang.vocabulary.remove_document(words)
        lang.words -= count
        lang._suggestions = None
        self._forget_masks()
        return True

    def _forget_masks(self) -> None:
        for lang in self._languages.values():
            lang.only_here = None

    def add(self, document: Document) -> None:
        """Add an article, or replace the one with the same slug and language."""
        started = time.perf_counter()
        self._add(document)
        self.last_refresh_seconds = time.perf_counter() - started

    update = add

    def remove(self, document_or_slug: Document | str, language: str | None = None) -> bool:
        """Remove an article (pass the Document, or its slug and language); False if absent."""
        if isinstance(document_or_slug, Document):
            slug, language = document_or_slug.slug, document_or_slug.language
        else:
            slug = document_or_slug
        if language is None:
            removed = [self._remove(lang, slug) for lang in self._languages]
            return any(removed)
        return self._remove(language, slug)

    def clear_caches(self) -> None:
        """Forget cached term scores, passages and prepared snippets (an edit clears the term
        scores and the edited article's passages)."""
        for lang in self._languages.values():
            lang.postings.clear_cache()
        _passage_text.cache_clear()
        clear_snippet_cache()

    def __len__(self) -> int:
        return sum(len(lang.documents) for lang in self._languages.values())

    def __contains__(self, key: tuple[str, str]) -> bool:
        slug, language = key
        return language in self._languages and slug in self._languages[language].documents

    # -- understanding the query ------------------------------------------------------------

    def _known(self, lang: _LanguageIndex, token: str) -> bool:
        """A word typo correction must leave alone: an article, a synonym or the lexicon uses
        it, an indexed stem has it ("verifying" for "verify"), or it is an ordinary word of
        either language ("said", "county", "llevo", "ohio")."""
        if token in lang.vocabulary or any(c.isdigit() for c in token):
            return True
        if lang.postings.doc_freq(lang.analyzer.stem(token)):
            return True
        return any(self._is_word(token, language) for language in self._languages)

    def _correct(self, lang: _LanguageIndex, token: str) -> list[tuple[str, int]]:
        """[] when the token is a known word; otherwise the closest words articles use (may be
        [], and then the word is searched as typed)."""
        if self._known(lang, token):
            return []
        return lang.vocabulary.corrections(token)

    def _chosen_tokens(
        self, lang: _LanguageIndex, query: str
    ) -> tuple[list[str], dict[int, list[tuple[str, int]]]]:
        """The query's words with typos replaced, and the corrections offered per position."""
        a = lang.analyzer
        tokens = surface_tokens(clip_query(query))[:MAX_QUERY_TOKENS]
        chosen: list[str] = []
        alternatives: dict[int, list[tuple[str, int]]] = {}
        for i, token in enumerate(tokens):
            fixes = self._correct(lang, token)
            if fixes:
                alternatives[i] = fixes
                chosen.append(fixes[0][0])
            else:
                chosen.append(token)
        stems = [a.stem(t) for t in chosen]
        for i, fixes in alternatives.items():
            # Among equally close words, prefer one that completes a synonym phrase in context
            # ("wher is my refund": "where", not "when").
            for word, _ in fixes:
                trial = [*stems[:i], a.stem(word), *stems[i + 1 :]]
                if any(m.start <= i < m.end for m in lang.synonyms.find(trial)):
                    chosen[i], stems[i] = word, a.stem(word)
                    break
        return chosen, alternatives

    def analyze(self, query: str, language: str) -> list[Concept]:
        """What the query asks for: stop words dropped, typos corrected, synonyms expanded.

        A word that no article uses and that is not a typo of one stays in as a concept no
        article matches: it lowers the confidence of every result, which is how a question
        about food stamps or passports ends in "nothing found" instead of ten tax articles.
        """
        lang = self._lang(language)
        a = lang.analyzer
        chosen, alternatives = self._chosen_tokens(lang, query)
        stems = [a.stem(t) for t in chosen]
        concepts: list[Concept] = []
        seen: set[tuple] = set()

        def keep(concept: Concept) -> None:
            key = tuple(sorted(concept.variants))
            if concept.variants and key not in seen:
                seen.add(key)
                concepts.append(concept)

        covered: set[int] = set()
        for match in lang.synonyms.find(stems):
            span = range(match.start, match.end)
            covered.update(span)
            scale = TYPO_WEIGHT if any(i in alternatives for i in span) else 1.0
            own = tuple(stems[i] for i in span if not a.is_stop(chosen[i]))
            whole = len(own) == len(span)
            variants = [(own, scale)] if own else []
            # When every typed word counts, a member that only adds words ("tax refund" for
            # "refund") is narrower than what was asked and is left out. When stop words were
            # typed ("donde esta mi reembolso"), members carry their meaning ("estado del
            # reembolso") and all count.
            variants += [
                (v.terms, scale * SYNONYM_WEIGHT)
                for v in lang.synonyms.groups[match.group]
                if v.terms != own and not (whole and set(own) < set(v.terms))
            ]
            keep(Concept(tuple(variants), typed=bool(own)))
        for i, token in enumerate(chosen):
            if i in covered or a.is_stop(token):
                continue
            if i in alternatives:
                variants = tuple(((a.stem(w),), TYPO_WEIGHT) for w, _ in alternatives[i])
                keep(Concept(tuple(dict.fromkeys(variants))))
            # A word of the other language that this one does not have and no article uses
            # as typed ("medicaid" on the Spanish page) is not this language's word: its stem
            # here ("medic") and the stem's neighbours are other words ("médico"), so it
            # matches nothing and weighs as a word no article uses.
            elif (foreign := self._foreign(lang, token)) or not lang.postings.doc_freq(stems[i]):
                # Stem neighbours bridge two forms of one word ("perdi", "perd").
                related = (
                    []
                    if foreign
                    else lang.vocabulary.related_stems(stems[i], lang.postings.doc_freq)
                )
                own = token if foreign else stems[i]
                keep(
                    Concept(
                        (((own,), 1.0), *(((r,), TYPO_WEIGHT) for r in related)),
                        word=token,
                        word_language=language,
                    )
                )
            else:
                keep(Concept((((stems[i],), 1.0),)))
        return concepts

    def _foreign(self, lang: _LanguageIndex, token: str) -> bool:
        """A word of another language that this one lacks and no article uses as typed."""
        language = lang.analyzer.language
        return (
            token not in lang.vocabulary
            and not self._is_word(token, language)
            and any(self._is_word(token, other) for other in self._languages if other != language)
        )

    def translate(self, query: str, source: str, target: str) -> list[Concept]:
        """The query's concepts in the other language, through the bilingual lexicon.

        Typos are corrected in the source language first. Phrases the lexicon knows become
        concepts whose variants are their translations ("reembolso" -> refund); form names,
        numbers and words the target's articles use as they are ("itin", "w2", "1099k") carry
        over; other words stay as concepts no article matches, so an untranslatable question
        does not look answered.
        """
        src, dst = self._lang(source), self._lang(target)
        chosen, _alternatives = self._chosen_tokens(src, query)
        stems = [src.analyzer.stem(t) for t in chosen]
        concepts: list[Concept] = []
        seen: set[tuple] = set()
        covered: set[int] = set()
        for start, end, translations in self._hints.find(stems, source, target):
            covered.update(range(start, end))
            variants = []
            for n, phrase in enumerate(translations):
                terms = tuple(dst.analyzer.terms(phrase))
                if terms and all(terms != v[0] for v in variants):
                    variants.append((terms, 1.0 if n == 0 else SYNONYM_WEIGHT))
            key = tuple(sorted(variants))
            if variants and key not in seen:
                seen.add(key)
                concepts.append(Concept(tuple(variants), typed=len(variants[0][0]) > 1))
        for i, token in enumerate(chosen):
            if i in covered or src.analyzer.is_stop(token) or dst.analyzer.is_stop(token):
                continue
            # Carried over only as typed: the target's stemmer would turn another language's
            # word into one of its own ("medicaid" -> medic, as in "médico").
            term = dst.analyzer.stem(token) if token in dst.vocabulary else token
            key = (((term,), 1.0),)
            if key not in seen:
                seen.add(key)
                concepts.append(Concept(key, word=token, word_language=source))
        return concepts

    # -- searching --------------------------------------------------------------------------

    def _scores(self, lang: _LanguageIndex, concepts: Sequence[Concept]) -> np.ndarray:
        total = np.zeros(lang.postings.capacity)
        for concept in concepts:
            own, alternatives = concept.variants[:1], concept.variants[1:]
            if concept.typed and len(own[0][0]) > 1:
                # The words typed count one by one; synonyms then count as one term.
                total += lang.postings.score_terms(own[0][0])
                if alternatives:
                    total += lang.postings.blended_scores([*own, *alternatives])
            else:
                total += lang.postings.blended_scores(concept.variants)
        typed = [c.variants[0][0] for c in concepts if c.typed or len(c.variants) == 1]
        sequence = [t for terms in typed for t in terms]
        if len(sequence) > 1:
            total += PAIR_WEIGHT * lang.postings.score_terms(tuple(pairs(sequence)))
        # Each concept as the first of its variants that articles use ("reembolzo", a listed
        # misspelling, stands for "reembolso").
        postings = lang.postings
        wanted: set[str] = set()
        for concept in concepts:
            for terms, _ in concept.variants:
                if all(postings.doc_freq(t) for t in terms):
                    wanted.update(terms)
                    break
        for slug in sorted(lang.keyword_docs.get(frozenset(wanted), ())):
            total[lang.postings.slot_of[slug]] *= KEYWORD_MATCH_BOOST
        return total

    def _weight(self, lang: _LanguageIndex, concept: Concept, df: int) -> float:
        """How much a concept tells articles apart: its IDF. A concept no article holds gets
        the IDF it would have if it were on topic, estimated from how common the word is in
        the language and how long this help center's articles are (the chance that an
        article of their average length uses it): "passport" or "pothole" (rare) weigh a
        lot, "many" or "stuff" (common) little, so a stray ordinary word does not sink a good
        answer. The length is measured, not assumed: short FAQ answers make a missing word
        more telling than long guides do."""
        n = max(lang.postings.count, 1)
        if df == 0 and concept.word.isdigit():
            return 0.0  # an amount, a year, part of an SSN: details, not what is asked about
        if df == 0:
            language = concept.word_language or lang.analyzer.language
            zipf = word_zipf(concept.word, language) if concept.word else 0.0
            # The chance that an article of this help center's average length uses the word.
            share = 1.0 - (1.0 - 10 ** (zipf - 9)) ** lang.average_words()
            df = share * n
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def _coverage(
        self, lang: _LanguageIndex, concepts: Sequence[Concept], slots: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, float, list[float]]:
        """For each slot, the share of the query's concepts (weighted by `_weight`) that the
        article holds and how many of them it holds; the total weight (the best score an
        article could reach is about that total, since a term's BM25F score tends to its
        IDF); and each concept's weight."""
        postings = lang.postings
        covered = np.zeros(len(slots))
        held = np.zeros(len(slots), dtype=np.int64)
        weights = []
        for concept in concepts:
            found = postings.concept_slots(concept.variants)
            weight = self._weight(lang, concept, len(found))
            weights.append(weight)
            if len(found):
                here = np.isin(slots, found)
                covered += weight * here
                held += here
        total = sum(weights)
        return (covered / total if total else covered), held, total, weights

    def _only_here_mask(self, lang: _LanguageIndex) -> np.ndarray:
        """Per slot of `lang`: the article has no translation in any other language. Kept
        until the next edit (add, update or remove clear it)."""
        mask = lang.only_here
        if mask is None or len(mask) != lang.postings.capacity:
            elsewhere = set().union(
                *(other.documents for other in self._languages.values() if other is not lang)
            )
            mask = np.fromiter(
                (slug is not None and slug not in elsewhere for slug in lang.postings.slugs),
                dtype=bool,
                count=lang.postings.capacity,
            )
            lang.only_here = mask
        return mask

    def _ranked(
        self,
        lang: _LanguageIndex,
        concepts: Sequence[Concept],
        limit: int,
        only_here: bool = False,
        floor: float = 0.0,
    ) -> list[Hit]:
        if not concepts:
            return []
        scores = self._scores(lang, concepts)
        if only_here:
            scores *= self._only_here_mask(lang)
        ranked = top_slots(scores, lang.postings.slugs, limit)
        if not ranked:
            return []
        slots = np.asarray([lang.postings.slot_of[slug] for slug, _ in ranked])
        coverage, held, total, weights = self._coverage(lang, concepts, slots)
        # Mark the words typed and one-word synonyms; a many-word synonym's words alone
        # ("tax" from "wage and tax statement") would mark unrelated text.
        wanted = {
            t
            for c in concepts
            for n, (terms, _) in enumerate(c.variants)
            if len(terms) == 1 or (n == 0 and c.typed)
            for t in terms
        }
        by_stem = lang.vocabulary.words_by_stem()
        words = {w for stem in wanted for w in by_stem.get(stem, ())}
        hits = []
        passages: _PassageCheck | None = None
        for (slug, score), share, count in zip(
            ranked, coverage.tolist(), held.tolist(), strict=True
        ):
            strength = min(1.0, score / (STRONG_MATCH * total)) if total else 0.0
            confidence = share * strength**STRENGTH_EXPONENT
            if confidence >= floor and count > 1:  # one concept always stands in one passage
                if passages is None:
                    passages = _PassageCheck.of(concepts, weights, by_stem)
                doc = lang.documents[slug]
                text = _passage_text(doc.title, doc.keywords, doc.summary, doc.body_markdown)
                passage = passages.share(text, ceiling=share)
                confidence *= min(1.0, passage / share) ** PASSAGE_EXPONENT
            confidence = round(confidence, 6)
            if confidence < floor:
                continue
            doc = lang.documents[slug]
            snippet = make_snippet(doc.summary, doc.body_markdown, words)
            hits.append(
                Hit(slug, score, doc.title, snippet, doc.category, doc.language, confidence)
            )
        return hits

    def _rank(self, query: str, language: str, limit: int, floor: float = 0.0) -> list[Hit]:
        lang = self._lang(language)
        return self._ranked(lang, self.analyze(query, language), limit, floor=floor)

    def search(
        self,
        query: str,
        language: str,
        limit: int = 10,
        cross_language: bool = True,
        min_confidence: float | None = None,
    ) -> list[Hit]:
        """Articles that answer `query` on the `language` page, best first (ties by slug).

        The query is cut to 200 characters and 32 words. With `cross_language`, articles that
        exist only in the other language are searched too, with the query translated through
        the bilingual lexicon, and take their place by confidence (a same-language article
        wins a tie); they come back with their own `language`. Results whose confidence is
        below `min_confidence` (default MIN_CONFIDENCE) are left out: when none is left, the
        honest answer is that nothing matched. So is it when the query is about a service
        another office provides (`other_agency`) and no result is about it.
        """
        if not query or not query.strip() or limit <= 0:
            return []
        hits = self._search(query, language, limit, cross_language, min_confidence)
        if hits and self._only_in_passing(query, language, hits):
            return []
        return hits

    def other_agency(self, query: str, language: str) -> OtherAgency | None:
        """The service another office provides that the query is about, if any: the page
        names who provides it when no article answers."""
        match = self._elsewhere.match(clip_query(query or ""), language)
        return match[0] if match else None

    def _only_in_passing(self, query: str, language: str, hits: Sequence[Hit]) -> bool:
        """The query is about another office's service and no result is about it (a passport
        in an ITIN article's list of documents to bring)."""
        topic = self.other_agency(query, language)
        if topic is None:
            return False
        for hit in hits:
            doc = self._lang(hit.language).documents[hit.slug]
            text = _passage_text(doc.title, doc.keywords, doc.summary, doc.body_markdown)
            if self._elsewhere.is_about(topic, hit.language, text, 1 + len(doc.keywords)):
                return False
        return True

    def _search(
        self,
        query: str,
        language: str,
        limit: int,
        cross_language: bool,
        min_confidence: float | None,
    ) -> list[Hit]:
        floor = MIN_CONFIDENCE if min_confidence is None else min_confidence
        hits = self._rank(query, language, limit, floor)
        if cross_language:
            hits = self._merge(
                hits, self._other_language_hits(query, language, limit, floor), limit
            )
        if hits or not cross_language:
            return hits
        # A query typed in the other language ("estafa" on the English page): translate it
        # into this page's language and search this language's articles.
        for other in self._languages:
            if other == language:
                continue
            concepts = self.translate(query, other, language)
            found = self._ranked(self._lang(language), concepts, limit, floor=floor)
            if found:
                return found
        return []

    def _other_language_hits(
        self, query: str, language: str, limit: int, floor: float
    ) -> list[Hit]:
        """Articles with no translation in `language` that answer the translated query."""
        out: list[Hit] = []
        for other in self._languages:
            if other == language:
                continue
            concepts = self.translate(query, language, other)
            out += self._ranked(self._lang(other), concepts, limit, only_here=True, floor=floor)
        return out

    @staticmethod
    def _merge(own: list[Hit], foreign: list[Hit], limit: int) -> list[Hit]:
        """One list by confidence, then score; an article in the page's language first on a
        tie. Scores of the two indexes are not comparable, confidences are."""
        if not foreign:
            return own
        merged = [(h, 0) for h in own] + [(h, 1) for h in foreign]
        merged.sort(
            key=lambda pair: (-round(pair[0].confidence, 3), pair[1], -pair[0].score, pair[0].slug)
        )
        return [h for h, _ in merged[:limit]]

    def did_you_mean(self, query: str, language: str) -> str | None:
        """The query with unknown words replaced by the closest known ones, or None.

        For a no-results or few-results page: "Did you mean: refund status?". Only offered
        when the corrected query finds something.
        """
        lang = self._lang(language)
        tokens = surface_tokens(clip_query(query or ""))[:MAX_QUERY_TOKENS]
        changed = False
        out = []
        for token in tokens:
            fixes = self._correct(lang, token)
            if fixes:
                out.append(fixes[0][0])
                changed = True
            else:
                out.append(token)
        if not changed:
            return None
        suggestion = " ".join(out)
        return suggestion if self._rank(suggestion, language, 1, MIN_CONFIDENCE) else None

    def suggest(self, prefix: str, language: str, limit: int = 8) -> list[Suggestion]:
        """Titles and keywords completing what has been typed, then common words."""
        lang = self._lang(language)
        prefix = clip_query(prefix or "") + (" " if (prefix or "")[-1:].isspace() else "")
        if not prefix.strip() or limit <= 0:
            return []
        if lang._suggestions is None:
            suggestions = SuggestionList(lang.analyzer.stem)
            for slug in sorted(lang.documents):
                suggestions.add(lang.documents[slug].title, slug, is_title=True)
            for slug in sorted(lang.documents):
                for keyword in lang.documents[slug].keywords:
                    suggestions.add(keyword, None, is_title=False)
            suggestions.finish()
            lang._suggestions = suggestions

        def correct(token: str) -> str:
            fixes = self._correct(lang, token)
            return fixes[0][0] if fixes else token

        found = lang._suggestions.suggest(prefix, limit, correct)
        if len(found) < limit:
            found += self._common_terms(lang, prefix, limit - len(found), found)
        return found

    def _common_terms(
        self, lang: _LanguageIndex, prefix: str, limit: int, already: list[Suggestion]
    ) -> list[Suggestion]:
        """Complete the last word with words articles use, the most common first: one word per
        stem ("refund", not also "refunds", "refunded" and "refundable"), none for a word that
        is already complete ("where is my refund" is not "where is my refundable"), and only
        words at least two articles use (no one-off words)."""
        tokens = surface_tokens(prefix)
        if not tokens or prefix[-1:].isspace():
            return []
        head, partial = tokens[:-1], tokens[-1]
        df = lang.vocabulary.doc_freq
        if df.get(partial, 0) or partial in lang.vocabulary.fixed:
            return []
        shown = {s.text.casefold() for s in already}
        stem = lang.analyzer.stem
        words = sorted(
            (
                w
                for w in df
                if w.startswith(partial)
                and df[w] >= MIN_SUGGESTED_WORD_ARTICLES
                and not lang.analyzer.is_stop(w)
            ),
            key=lambda w: (-df[w], w),
        )
        out = []
        stems: set[str] = set()
        for word in words:
            text = " ".join([*head, word])
            if text not in shown and stem(word) not in stems:
                out.append(Suggestion(text))
                shown.add(text)
                stems.add(stem(word))
            if len(out) == limit:
                break
        return out
