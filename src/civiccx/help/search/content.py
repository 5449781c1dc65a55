"""Read the help center's JSON content (see help/content/README.md) into Documents."""

from __future__ import annotations

import json
from pathlib import Path

from .index import Document

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
                summary=text.get("summary", ""),
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


def load_synonyms(content_dir: str | Path = CONTENT_DIR) -> dict:
    with open(Path(content_dir) / "synonyms.json", encoding="utf-8") as fh:
        return json.load(fh)


def load_query_set(content_dir: str | Path = CONTENT_DIR) -> list[dict]:
    with open(Path(content_dir) / "query_set.json", encoding="utf-8") as fh:
        return json.load(fh)["queries"]
