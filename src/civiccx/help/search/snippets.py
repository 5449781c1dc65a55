"""Snippets: the passage of an article that best shows why it matched, with the words marked.

Everything from the article is HTML-escaped; the only markup in a snippet is <mark>, which the
template may render with |safe. An article that says "<script>" shows it as text.

Matching works on folded surface words (the index maps the query's stems back to the words
articles use), so choosing a passage is a regular expression run over the normalized article,
without tokenizing or stemming it again.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Collection
from functools import lru_cache

from .text import normalize, strip_markdown, surface_tokens

SNIPPET_WORDS = 30

_CHUNK = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_CHUNK_SPLIT = re.compile(r"([^\W_]+(?:[-'’][^\W_]+)*)")
_PLAIN = re.compile(r"[a-z0-9]+")
_PASSAGE = re.compile(r"[^\n.!?:]+[.!?:]*")


def _passages(text: str) -> list[str]:
    """Sentences and list items, with their closing punctuation."""
    return [p.strip() for p in _PASSAGE.findall(text) if p.strip()]


@lru_cache(maxsize=512)
def word_pattern(wanted: frozenset[str]) -> re.Pattern:
    """A regular expression finding any of the folded words, whole, in normalized text."""
    words = "|".join(sorted(map(re.escape, wanted), key=lambda w: (-len(w), w)))
    return re.compile(rf"(?<![a-z0-9])(?:{words})(?![a-z0-9])")


def _matches(chunk: str, wanted: Collection[str]) -> bool:
    lowered = chunk.casefold()
    if _PLAIN.fullmatch(lowered):
        return lowered in wanted
    return any(token in wanted for token in surface_tokens(chunk))


def highlight(text: str, wanted: Collection[str]) -> str:
    """Escape `text` and wrap each word whose folded form is wanted in <mark>."""
    pieces = _CHUNK_SPLIT.split(text)  # separator, word, separator, word, ..., separator
    out: list[str] = []
    run_start = 0
    for i in range(1, len(pieces), 2):
        if _matches(pieces[i], wanted):
            out.append(html.escape("".join(pieces[run_start:i])))
            out.append(f"<mark>{html.escape(pieces[i])}</mark>")
            run_start = i + 1
    out.append(html.escape("".join(pieces[run_start:])))
    return "".join(out)


@lru_cache(maxsize=2048)
def _prepared(summary: str, body_markdown: str) -> tuple[list[str], str, list[int]]:
    """An article's passages as written; the normalized passages joined by newlines; and where
    each normalized passage starts. Cached for the articles shown most often."""
    plain = strip_markdown(body_markdown)
    passages = [summary, *_passages(plain)]
    folded = [normalize(summary), *_passages(normalize(plain))]
    if len(folded) != len(passages):  # folding changed a passage break: fold one by one
        folded = [normalize(p) for p in passages]
    starts = []
    offset = 0
    for text in folded:
        starts.append(offset)
        offset += len(text) + 1
    return passages, "\n".join(folded), starts


def clear_snippet_cache() -> None:
    _prepared.cache_clear()


def _best_passage(summary: str, body_markdown: str, wanted: frozenset[str]) -> str:
    """The summary or the body passage with the most distinct wanted words (summary on ties)."""
    if not wanted:
        return summary
    passages, joined, starts = _prepared(summary, body_markdown)
    found: dict[int, set[str]] = {}
    for m in word_pattern(wanted).finditer(joined):
        found.setdefault(bisect_right(starts, m.start()) - 1, set()).add(m.group())
    if not found:
        return summary
    best = min(found, key=lambda i: (-len(found[i]), i))
    return passages[best]


def make_snippet(
    summary: str, body_markdown: str, wanted: Collection[str], words: int = SNIPPET_WORDS
) -> str:
    """The passage holding the most distinct wanted words, marked and escaped.

    Passages are sentences or list items; the summary wins ties, since it was written to be
    shown. A passage longer than `words` is cut around its first match.
    """
    wanted = frozenset(wanted)
    chunks = _best_passage(summary, body_markdown, wanted).split()
    if len(chunks) > words:
        first = next((i for i, c in enumerate(chunks) if _matches(c, wanted)), 0)
        start = max(0, min(first - words // 3, len(chunks) - words))
        text = " ".join(chunks[start : start + words])
        if start:
            text = "… " + text
        if start + words < len(chunks):
            text += " …"
    else:
        text = " ".join(chunks)
    return highlight(text, wanted)
