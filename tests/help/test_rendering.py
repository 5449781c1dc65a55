"""Article bodies are Markdown rendered to HTML that cannot carry scripts."""

from html.parser import HTMLParser

import pytest

from civiccx.help.rendering import markdown_to_html, unsafe_markup

pytestmark = pytest.mark.pure


@pytest.mark.parametrize("markdown", [
    "<script>alert('x')</script>",
    "Hello <script src=https://evil.example/x.js></script>",
    "[click me](javascript:alert(1))",
    '<img src=x onerror="alert(1)">',
    "<iframe src='https://evil.example'></iframe>",
    "<a href='#' onclick='steal()'>win</a>",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
])
def test_sanitizer_strips_scripts_and_active_content(markdown):
    elements = _elements(markdown_to_html(markdown))
    tags = {tag for tag, _attrs in elements}
    assert not tags & {"script", "iframe", "img", "object", "embed"}
    for _tag, attrs in elements:
        assert not [name for name in attrs if name.startswith("on")]
        assert not str(attrs.get("href", "")).lower().startswith(("javascript:", "data:"))


def _elements(html: str) -> list[tuple[str, dict]]:
    """Every element a browser would build from `html` (escaped text builds none)."""
    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Collector().feed(html)
    return found


def test_markdown_becomes_the_markup_readers_need():
    html = markdown_to_html("# Title\n\n## Steps\n\n1. **Sign in**\n2. Check [status](https://frs.example/status)\n")
    assert "<h2>Title</h2>" in html  # the page already has the h1
    assert "<h2>Steps</h2>" in html
    assert "<ol>" in html and "<strong>Sign in</strong>" in html
    assert '<a href="https://frs.example/status" rel="noopener noreferrer">status</a>' in html


def test_unsafe_markup_is_named_so_editors_can_fix_it():
    assert unsafe_markup("Plain **Markdown** with a [link](https://frs.example).") == []
    found = unsafe_markup("<script>x</script> [a](javascript:void(0)) <b onclick=go()>")
    assert found == ["a <script> tag", "a javascript: link",
                     "an HTML event handler (onclick=...)"]
