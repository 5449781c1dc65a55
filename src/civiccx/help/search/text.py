"""Turn text into search terms: accent folding, tokens, stop words and Snowball stems.

The same pipeline runs over articles when the index is built and over what a person types, so a
word matches whether or not it was typed with accents ("declaración" and "declaracion" fold to
one form), in the singular or plural ("refunds" and "refund" stem to one term), or with the
punctuation that form names carry ("W-2", "w2" and "W2" are one token).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer

LANGUAGES = ("en", "es")
MAX_QUERY_CHARS = 200
MAX_QUERY_TOKENS = 32

_SNOWBALL = {"en": "english", "es": "spanish"}

# Question phrasing and function words. Snowball ships no stop lists with PyStemmer, and the
# usual lists (NLTK, Lucene) drop words that matter here ("not", "no", "can't"), so the lists are
# short and kept beside the analyzer. Words people type to ask ("how", "where", "como",
# "puedo") are stop words: the articles answer the question, the words don't discriminate.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOP_WORDS = {
    "en": _words(
        """
        a about an and are as at be been being but by can could did do does doing for from
        had has have having he her here hers him his how i i'm im if in into is it its
        it's me my mine myself of off on or our ours please she should so some than that the their
        them then there these they this those to too us was we were what whats when where wheres
        which who whom whose why will with would you your yours
        """
    ),
    "es": _words(
        """
        a al algo algun alguna algunas alguno algunos ante con como cómo cual cuál cuales cuando
        cuándo de del donde dónde el él ella ellas ellos en entre era es esa ese eso esta está
        estan están este esto estos fue ha han hay he la las le les lo los me mi mis muy nos o
        para pero por porque puedo puede qué que quien quién se ser si sí sin sobre su sus te
        ti tu tú un una unas uno unos usted y ya yo hago
        """
    ),
}

_APOSTROPHES = re.compile(r"[’'`´]")
# A hyphen joins the parts of a form name ("w-2", "1099-g", "1040-x", "ssa-1099"): the parts
# are joined when one of them holds a digit, and so is a one-letter prefix ("e-file" -> efile).
# Other hyphens ("walk-in") separate words.
_HYPHENATED = re.compile(r"(?<![a-z0-9])([a-z0-9]+)-(?=([a-z0-9]+))")
_WORD = re.compile(r"[a-z0-9]+")


def _accent_table() -> dict[int, str]:
    table = {}
    for code in range(0xC0, 0x250):
        base = "".join(
            c for c in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(c)
        )
        if base != chr(code) and base:
            table[code] = base
    return table


_ACCENTS = _accent_table()


def fold(text: str) -> str:
    """Lowercase and strip accents ("Dónde ESTÁ" -> "donde esta"); ñ becomes n.

    Latin letters go through a translation table (fast, the common case); anything left that
    is not ASCII is decomposed with NFKD and its combining marks dropped.
    """
    folded = text.casefold()
    if folded.isascii():
        return folded
    folded = folded.translate(_ACCENTS)
    if folded.isascii():
        return folded
    return _NON_ASCII.sub(_strip_marks, folded)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def _strip_mark_of(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _strip_marks(m: re.Match) -> str:
    return _strip_mark_of(m.group())


def _join_code(m: re.Match) -> str:
    left, right = m.group(1), m.group(2)
    digits = any(c.isdigit() for c in left), any(c.isdigit() for c in right)
    code = (digits[0] or len(left) <= 3) and (digits[1] or len(right) == 1)
    return left if code or (len(left) == 1 and len(right) >= 2) else left + " "


def normalize(text: str) -> str:
    """Folded text with apostrophes dropped and form names joined; words are [a-z0-9]+ runs."""
    folded = _APOSTROPHES.sub("", fold(text))
    return _HYPHENATED.sub(_join_code, folded) if "-" in folded else folded


def surface_tokens(text: str) -> list[str]:
    """Folded word tokens in order, with stop words kept ("Where's my W-2?" -> wheres my w2)."""
    return _WORD.findall(normalize(text))


def clip_query(query: str) -> str:
    """Cap a query at MAX_QUERY_CHARS, cutting at a word boundary when there is one."""
    query = " ".join(query.split())
    if len(query) <= MAX_QUERY_CHARS:
        return query
    cut = query[:MAX_QUERY_CHARS]
    space = cut.rfind(" ")
    return cut[:space] if space > MAX_QUERY_CHARS // 2 else cut


_MARKDOWN = re.compile(
    r"(\*\*|__|`|^#{1,6}[ \t]+|^[ \t]*(?:[-*+]|\d+\.)[ \t]+|\[|\]\([^)]*\))", re.M
)


def strip_markdown(text: str) -> str:
    """Plain text of the articles' Markdown subset (headings, lists, emphasis, links)."""
    return _MARKDOWN.sub("", text)


@dataclass
class Analyzer:
    """One language's stop words and stemmer, with a cache of stems (words repeat a lot)."""

    language: str
    stop_words: frozenset[str] = field(init=False)
    _stemmer: Stemmer.Stemmer = field(init=False, repr=False)
    _stems: dict[str, str] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"unsupported language {self.language!r}; expected one of {LANGUAGES}")
        self.stop_words = frozenset(fold(w) for w in STOP_WORDS[self.language])
        self._stemmer = Stemmer.Stemmer(_SNOWBALL[self.language])

    def stem(self, token: str) -> str:
        stem = self._stems.get(token)
        if stem is None:
            stem = token if any(c.isdigit() for c in token) else self._stemmer.stemWord(token)
            if len(self._stems) < 200_000:
                self._stems[token] = stem
        return stem

    def is_stop(self, token: str) -> bool:
        return token in self.stop_words

    def terms(self, text: str) -> list[str]:
        """Stems of the words that carry meaning, in order (stop words dropped)."""
        return [self.stem(t) for t in surface_tokens(text) if t not in self.stop_words]

    def terms_of(self, texts: Iterable[str]) -> list[str]:
        out: list[str] = []
        for text in texts:
            out.extend(self.terms(text))
        return out


SUMMARY_CHARS = 300
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def derive_summary(body_markdown: str, limit: int = SUMMARY_CHARS) -> str:
    """A one-sentence summary from an article body, for help centers that never wrote one: the
    first sentence of the first paragraph that is not a heading, cut at a word under `limit`."""
    for block in re.split(r"\n\s*\n", body_markdown or ""):
        block = block.strip()
        if not block or block.startswith("#"):
            continue
        text = " ".join(strip_markdown(block).split())
        if not text:
            continue
        sentence = _SENTENCE_END.split(text, maxsplit=1)[0]
        if len(sentence) <= limit:
            return sentence
        cut = sentence[: limit - 1]
        return (cut[: cut.rfind(" ")] if " " in cut else cut).rstrip(",;:") + "…"
    return ""
