"""Read the help center's JSON content (see help/content/README.md) into Documents."""

from __future__ import annotations

import json
from pathlib import Path

from .index import Document
from .text import derive_summary

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"


def documents_from_article(article: dict, category: str | None = None) -> list[Document]:
    """The English and Spanish Documents of one article record."""
    out = []
    for language in ("en", "es"):
        text = article.get(language)
        if not text:
            continue
        out.append(
            Document(
                slug=article["slug"],
                language=language,
                title=text["title"],
                summary=text.get("summary") or derive_summary(text.get("body", "")),
                body_markdown=text.get("body", ""),
                keywords=tuple(article.get(f"keywords_{language}", ())),
                category=category or article.get("category", ""),
                services=tuple(article.get("services", ())),
            )
        )
    return out


def load_documents(content_dir: str | Path = CONTENT_DIR) -> list[Document]:
    """Every article in both languages, in index.json's category order."""
    content_dir = Path(content_dir)
    with open(content_dir / "index.json", encoding="utf-8") as fh:
        listing = json.load(fh)
    documents: list[Document] = []
    for entry in listing["files"]:
        with open(content_dir / entry["file"], encoding="utf-8") as fh:
            data = json.load(fh)
        for article in data["articles"]:
            documents.extend(documents_from_article(article, data.get("category")))
    return documents


DATA_DIR = Path(__file__).resolve().parent / "data"


def product_synonyms() -> dict:
    """The synonyms and bilingual lexicon that ship with the product (data/), in the form
    SearchIndex takes: {"en": groups, "es": groups, "cross_language": pairs}."""
    groups = json.loads((DATA_DIR / "synonyms.json").read_text(encoding="utf-8"))
    lexicon = json.loads((DATA_DIR / "lexicon.json").read_text(encoding="utf-8"))
    return {"en": groups["en"], "es": groups["es"], "cross_language": lexicon["pairs"]}


def merge_synonyms(agency: dict, product: dict) -> dict:
    """Agency groups first (where a term is in both, the agency's group wins), then the
    product's; the lexicon is the product's plus any agency pairs."""
    return {
        "en": [*agency.get("en", ()), *product.get("en", ())],
        "es": [*agency.get("es", ()), *product.get("es", ())],
        "cross_language": [*agency.get("cross_language", ()),
                           *product.get("cross_language", ())],
    }


def load_synonyms(content_dir: str | Path = CONTENT_DIR, include_demo: bool = True) -> dict:
    """The product's synonyms and lexicon, with the demo agency's own groups unless
    `include_demo` is False (what a fresh install has)."""
    agency: dict = {}
    if include_demo:
        with open(Path(content_dir) / "synonyms.json", encoding="utf-8") as fh:
            agency = json.load(fh)
    return merge_synonyms(agency, product_synonyms())


def load_query_set(content_dir: str | Path = CONTENT_DIR) -> list[dict]:
    with open(Path(content_dir) / "query_set.json", encoding="utf-8") as fh:
        return json.load(fh)["queries"]
