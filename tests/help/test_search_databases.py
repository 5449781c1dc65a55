"""Search through the database gives the labelled query set the same ranking as the pure
library over the content files: so SQLite and PostgreSQL (this test runs on both) agree, and
the quality bar holds for what the public actually searches."""

import pytest

from civiccx.help.demo import load_content, load_synonyms
from civiccx.help.search import SearchIndex, load_documents, load_query_set
from civiccx.help.search import load_synonyms as synonyms_file
from civiccx.help.search_service import help_search
from civiccx.services.demo.seed import seed_catalog

pytestmark = pytest.mark.django_db


def test_labelled_queries_rank_the_same_from_the_database_as_from_the_files():
    seed_catalog()
    load_synonyms()
    load_content()
    reference = SearchIndex.build(load_documents(), synonyms_file())
    reciprocal_ranks = []
    for case in load_query_set():
        ours = [hit.slug for hit in help_search.search(case["query"], case["language"])]
        expected = [hit.slug for hit in reference.search(case["query"], case["language"])]
        assert ours == expected, case["query"]
        rank = next((i for i, slug in enumerate(ours, 1) if slug == case["relevant"][0]), None)
        reciprocal_ranks.append(1 / rank if rank else 0.0)
    mrr = sum(reciprocal_ranks) / len(reciprocal_ranks)
    print(f"MRR (best labelled answer) through the database: {mrr:.3f} "
          f"over {len(reciprocal_ranks)} queries")
    assert mrr >= 0.8
