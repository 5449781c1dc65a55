"""Article Markdown to safe HTML: markdown-it-py renders (raw HTML disabled), then nh3 (the
Rust `ammonia` sanitizer) keeps only the tags and attributes an article needs. Two layers, so a
mistake in one (or a pasted `<script>` in an import) never reaches a reader's browser."""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "code", "pre", "blockquote",
    "hr", "br", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
ALLOWED_SCHEMES = {"https", "http", "mailto", "tel"}


def markdown_to_html(markdown: str) -> str:
    """Sanitized HTML for an article body. `#` headings become `<h2>`: the page has the h1."""
    html = _MARKDOWN.render(markdown or "")
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     url_schemes=ALLOWED_SCHEMES, link_rel="noopener noreferrer")


_UNSAFE = (
    (re.compile(r"<\s*script", re.I), "a <script> tag"),
    (re.compile(r"javascript\s*:", re.I), "a javascript: link"),
    (re.compile(r"<\s*(iframe|object|embed)", re.I), "an embedded frame or object"),
    (re.compile(r"<[^>]+\son\w+\s*=", re.I), "an HTML event handler (onclick=...)"),
)


def unsafe_markup(markdown: str) -> list[str]:
    """What an editor wrote that will not appear as written (scripts, frames, event handlers),
    so the editor and the importer can say so instead of silently dropping it."""
    return [label for pattern, label in _UNSAFE if pattern.search(markdown or "")]
