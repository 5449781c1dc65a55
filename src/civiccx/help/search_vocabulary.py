"""The product's search vocabulary in the database: synonyms and the bilingual lexicon that ship
with Civic CX, loaded by `migrate`, and read with the agency's own synonym groups when a web
process builds its index (search_service)."""

from __future__ import annotations

from django.db import transaction

from civiccx.help.models import ProductVocabulary, SearchState, SynonymGroup
from civiccx.help.search.content import merge_synonyms, product_synonyms

Kind = ProductVocabulary.Kind


def _rows_from_files() -> list[tuple[str, str, int, object]]:
    data = product_synonyms()
    rows = [(Kind.SYNONYMS.value, language, n, terms)
            for language in ("en", "es") for n, terms in enumerate(data[language])]
    rows += [(Kind.LEXICON.value, "", n, pair) for n, pair in enumerate(data["cross_language"])]
    return rows


def sync_product_vocabulary() -> bool:
    """Make the database hold exactly the packaged vocabulary; True if it changed (then every
    web process rebuilds its index, as after an edit to the synonyms)."""
    wanted = _rows_from_files()
    have = list(ProductVocabulary.objects.order_by("kind", "language", "position")
                .values_list("kind", "language", "position", "terms"))
    if sorted(have, key=_key) == sorted(wanted, key=_key):
        return False
    with transaction.atomic():
        ProductVocabulary.objects.all().delete()
        ProductVocabulary.objects.bulk_create(
            ProductVocabulary(kind=k, language=lang, position=n, terms=t)
            for k, lang, n, t in wanted)
        SearchState.bump(rebuild=True)
    return True


def _key(row):
    return row[0], row[1], row[2]


def load_product_vocabulary(sender=None, **kwargs) -> None:
    """post_migrate handler (see HelpConfig.ready)."""
    using = kwargs.get("using", "default")
    if using != "default":
        return
    sync_product_vocabulary()


def synonyms_from_database() -> dict:
    """The agency's groups, then the product's, and the lexicon: what SearchIndex takes."""
    agency: dict = {"en": [], "es": []}
    for language, terms in SynonymGroup.objects.values_list("language", "terms"):
        agency[language].append(list(terms))
    product: dict = {"en": [], "es": [], "cross_language": []}
    for kind, language, terms in ProductVocabulary.objects.order_by(
            "kind", "language", "position").values_list("kind", "language", "terms"):
        if kind == Kind.LEXICON:
            product["cross_language"].append(terms)
        else:
            product[language].append(terms)
    return merge_synonyms(agency, product)
