"""Help center search: a pure, in-process BM25F index with typos, synonyms and Spanish.

    index = SearchIndex.build(load_documents(), load_synonyms())
    index.search("wheres my refund", "en")      # [Hit(slug, score, title, snippet_html), ...]
    index.suggest("refu", "en")                  # [Suggestion(text, slug), ...]
    index.did_you_mean("refnd stauts", "en")     # "refund status"
"""

from .content import load_documents, load_query_set, load_synonyms
from .index import Concept, Document, Hit, SearchIndex
from .ranking import BM25FParams
from .suggest import Suggestion
from .text import MAX_QUERY_CHARS, MAX_QUERY_TOKENS

__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_QUERY_TOKENS",
    "BM25FParams",
    "Concept",
    "Document",
    "Hit",
    "SearchIndex",
    "Suggestion",
    "load_documents",
    "load_query_set",
    "load_synonyms",
]
