"""Questions another office answers: passports, driver's licenses, food assistance...

People ask a tax agency's help center about services other offices provide. Lexical search
then finds the article that mentions the word in passing (an ITIN article lists a passport among
the documents to bring) and shows it as if it answered. `other_agencies.json` (product data)
names such services and who provides them; when a query is about one and no article of the help
center is about it, the search shows no articles and the page says where to go instead.

A topic matches when one of its terms stands in the query as a phrase: the same words in the
same order, stop words, accents and plurals aside ("how do I register to vote" has "register to
vote", "pasaportes" is "pasaporte"). Words, not stems: the Spanish stemmer makes "medicaid" and
"médico" one stem, and a question about health insurance on Form 1095-A is not about Medicaid.
An article is about the topic when the phrase is in its title or keywords, or in two passages or
more.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .text import LANGUAGES, Analyzer, surface_tokens

DATA_FILE = Path(__file__).resolve().parent / "data" / "other_agencies.json"
# An article holds a topic saliently when the phrase is in its title or keywords, or in this
# many passages (a paragraph, list item or heading each) of its text.
SALIENT_PASSAGES = 2


@dataclass(frozen=True)
class OtherAgency:
    """A service another office provides: what it is and who provides it, per language."""

    slug: str
    topic: Mapping[str, str]
    agency: Mapping[str, str]
    url: Mapping[str, str]
    terms: Mapping[str, tuple[str, ...]]

    def text(self, field: str, language: str) -> str:
        values = getattr(self, field)
        return values.get(language) or values["en"]


@cache
def load_other_agencies(path: Path = DATA_FILE) -> tuple[OtherAgency, ...]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return tuple(
        OtherAgency(
            slug=row["slug"],
            topic=row["topic"],
            agency=row["agency"],
            url=row["url"],
            terms={language: tuple(terms) for language, terms in row["terms"].items()},
        )
        for row in data["topics"]
    )


def _singular(word: str) -> str:
    """One key for a word and its plural (passport/passports, pasaporte/pasaportes,
    licencia/licencias, ciudad/ciudades)."""
    if len(word) > 4 and word.endswith("es") and word[-3] not in "aeiou":
        return word[:-2]
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _contains(sequence: Sequence[str], phrase: Sequence[str]) -> bool:
    n = len(phrase)
    return n > 0 and any(
        tuple(sequence[i : i + n]) == tuple(phrase) for i in range(len(sequence) - n + 1)
    )


class OtherAgencyMatcher:
    """The topics' terms as word phrases in each language, longest first."""

    def __init__(self, topics: Iterable[OtherAgency], analyzers: Mapping[str, Analyzer]) -> None:
        self._phrases: dict[str, list[tuple[tuple[str, ...], OtherAgency]]] = {}
        for language in LANGUAGES:
            phrases = [
                (self._words(term, analyzers[language]), topic)
                for topic in topics
                for term in topic.terms.get(language, ())
            ]
            phrases = [(stems, topic) for stems, topic in phrases if stems]
            phrases.sort(key=lambda pair: -len(pair[0]))
            self._phrases[language] = phrases
        self._analyzers = analyzers

    @staticmethod
    def _words(text: str, analyzer: Analyzer) -> tuple[str, ...]:
        return tuple(_singular(w) for w in surface_tokens(text) if not analyzer.is_stop(w))

    def match(self, query: str, language: str) -> tuple[OtherAgency, tuple[str, ...]] | None:
        """The topic the query is about, with the phrase that says so, or None."""
        terms = self._words(query, self._analyzers[language])
        for stems, topic in self._phrases.get(language, ()):
            if _contains(terms, stems):
                return topic, stems
        return None

    def phrases(self, topic: OtherAgency, language: str) -> list[tuple[str, ...]]:
        return [stems for stems, t in self._phrases.get(language, ()) if t is topic]

    def is_about(
        self, topic: OtherAgency, language: str, passages: Sequence[str], lead: int
    ) -> bool:
        """Whether an article (its passages; the first `lead` are its title and keywords)
        is about the topic rather than mentioning it in passing."""
        analyzer = self._analyzers[language]
        phrases = self.phrases(topic, language)
        found = 0
        for number, passage in enumerate(passages):
            terms = self._words(passage, analyzer)
            if any(_contains(terms, phrase) for phrase in phrases):
                found += SALIENT_PASSAGES if number < lead else 1
                if found >= SALIENT_PASSAGES:
                    return True
        return False
