"""Two well-kept engines ranking the same help articles as `civiccx.help.search`, for
bench/bench_help_search.py (quality and speed side by side, decision 0004).

Both get what a careful first integration would give them: accents folded and text lowercased
as our analyzer does, the language's Snowball stemmer and stop words, one index per language
(the page's language only: neither has a bilingual lexicon), and no typo or synonym handling
beyond what the engine itself offers.

- tantivy (Python bindings to the Rust engine, tantivy-py): four text fields (title, keywords,
  summary, body) with our field weights as query-time boosts, BM25 per field, a disjunction of
  the query's terms (the query parser's default), in a RAM index.
- bm25s (BM25 on scipy sparse matrices): one text per article (title, keywords, summary and
  body joined; bm25s has no fields), Lucene's BM25 variant.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import bm25s
import Stemmer
import tantivy

from civiccx.help.search import Document
from civiccx.help.search.ranking import BM25FParams
from civiccx.help.search.text import STOP_WORDS, fold, normalize, strip_markdown

SNOWBALL = {"en": "english", "es": "spanish"}
_QUERY_WORD = re.compile(r"[a-z0-9]+")


def _text(document: Document) -> tuple[str, str, str, str]:
    return (normalize(document.title), normalize(" ".join(document.keywords)),
            normalize(document.summary), normalize(strip_markdown(document.body_markdown)))


def _words(query: str) -> list[str]:
    return _QUERY_WORD.findall(normalize(query))


class TantivyPeer:
    name = "tantivy"

    def __init__(self, documents: Sequence[Document]) -> None:
        weights = BM25FParams().weights
        self.fields = ("title", "keywords", "summary", "body")
        self.boosts = dict(zip(self.fields, weights, strict=True))
        self.indexes: dict[str, tuple] = {}
        for language in SNOWBALL:
            analyzer = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
                        .filter(tantivy.Filter.lowercase())
                        .filter(tantivy.Filter.custom_stopword(
                            sorted(fold(w) for w in STOP_WORDS[language])))
                        .filter(tantivy.Filter.stemmer(SNOWBALL[language]))
                        .build())
            builder = tantivy.SchemaBuilder()
            builder.add_text_field("slug", stored=True, tokenizer_name="raw")
            for field in self.fields:
                builder.add_text_field(field, tokenizer_name=f"civiccx_{language}")
            schema = builder.build()
            index = tantivy.Index(schema)
            index.register_tokenizer(f"civiccx_{language}", analyzer)
            writer = index.writer(heap_size=50_000_000, num_threads=1)
            for document in documents:
                if document.language != language:
                    continue
                values = dict(zip(self.fields, _text(document), strict=True))
                writer.add_document(tantivy.Document(slug=document.slug, **values))
            writer.commit()
            writer.wait_merging_threads()
            index.reload()
            self.indexes[language] = (index, index.searcher())

    def search(self, query: str, language: str, limit: int = 10) -> list[str]:
        words = _words(query)
        if not words:
            return []
        index, searcher = self.indexes[language]
        parsed = index.parse_query(" ".join(words), list(self.fields), field_boosts=self.boosts)
        hits = searcher.search(parsed, limit).hits
        return [searcher.doc(address)["slug"][0] for _score, address in hits]


class Bm25sPeer:
    name = "bm25s"

    def __init__(self, documents: Sequence[Document]) -> None:
        self.stemmers = {lang: Stemmer.Stemmer(name) for lang, name in SNOWBALL.items()}
        self.stop = {lang: sorted(fold(w) for w in words) for lang, words in STOP_WORDS.items()}
        self.indexes: dict[str, tuple] = {}
        for language in SNOWBALL:
            docs = [d for d in documents if d.language == language]
            texts = [" ".join(_text(d)) for d in docs]
            tokens = bm25s.tokenize(texts, stopwords=self.stop[language],
                                    stemmer=self.stemmers[language], show_progress=False)
            retriever = bm25s.BM25()
            retriever.index(tokens, show_progress=False)
            self.indexes[language] = (retriever, [d.slug for d in docs])

    def search(self, query: str, language: str, limit: int = 10) -> list[str]:
        words = _words(query)
        if not words:
            return []
        retriever, slugs = self.indexes[language]
        tokens = bm25s.tokenize([" ".join(words)], stopwords=self.stop[language],
                                stemmer=self.stemmers[language], show_progress=False)
        if not len(tokens.vocab):
            return []
        k = min(limit, len(slugs))
        results, scores = retriever.retrieve(tokens, k=k, show_progress=False, n_threads=1)
        return [slugs[i] for i, s in zip(results[0], scores[0], strict=True) if s > 0]
