"""Snippets: the passage of an article that best shows why it matched, with the words marked.

Everything from the article is HTML-escaped; the only markup in a snippet is <mark>, which the
template may render with |safe. An article that says "<script>" shows it as text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Collection

from .text import strip_markdown, surface_tokens

SNIPPET_WORDS = 30

_CHUNK = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|\n+")


def _passages(text: str) -> list[str]:
    return [p.strip() for p in _SENTENCE_END.split(strip_markdown(text)) if p.strip()]


def _matches(chunk: str, stem: Callable[[str], str], wanted: Collection[str]) -> bool:
    return any(stem(token) in wanted for token in surface_tokens(chunk))


def highlight(text: str, stem: Callable[[str], str], wanted: Collection[str]) -> str:
    """Escape `text` and wrap each word whose stem is wanted in <mark>."""
    out: list[str] = []
    last = 0
    for m in _CHUNK.finditer(text):
        out.append(html.escape(text[last : m.start()]))
        word = html.escape(m.group())
        out.append(f"<mark>{word}</mark>" if _matches(m.group(), stem, wanted) else word)
        last = m.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def make_snippet(
    summary: str,
    body_markdown: str,
    stem: Callable[[str], str],
    wanted: Collection[str],
    words: int = SNIPPET_WORDS,
) -> str:
    """The summary or body passage holding the most distinct wanted stems, marked and escaped.

    Passages are sentences or list items; the summary wins ties, since it was written to be
    shown. A passage longer than `words` is cut around its first match.
    """
    best, best_hits = summary, -1
    for passage in [summary, *_passages(body_markdown)]:
        stems = {stem(t) for t in surface_tokens(passage)}
        hits = len(stems & set(wanted))
        if hits > best_hits:
            best, best_hits = passage, hits
    chunks = best.split()
    if len(chunks) > words:
        first = next(
            (i for i, c in enumerate(chunks) if _matches(c, stem, wanted)),
            0,
        )
        start = max(0, min(first - words // 3, len(chunks) - words))
        cut = chunks[start : start + words]
        text = " ".join(cut)
        if start:
            text = "… " + text
        if start + words < len(chunks):
            text += " …"
    else:
        text = " ".join(chunks)
    return highlight(text, stem, wanted)
