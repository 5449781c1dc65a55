"""The synonyms and bilingual lexicon that ship with the product (help/search/data/): well
formed, generic (no agency names), and used by every index, with or without the demo."""

import json
from pathlib import Path

import pytest

from civiccx.help.search import SearchIndex, load_synonyms
from civiccx.help.search.content import DATA_DIR, product_synonyms

pytestmark = pytest.mark.pure

GROUPS = json.loads((DATA_DIR / "synonyms.json").read_text(encoding="utf-8"))
LEXICON = json.loads((DATA_DIR / "lexicon.json").read_text(encoding="utf-8"))["pairs"]
DEMO_AGENCY = ("frs", "federal revenue service", "servicio federal de impuestos")


@pytest.mark.parametrize("language", ["en", "es"])
def test_product_synonym_groups_are_well_formed_and_each_term_is_in_one_group(language):
    groups = GROUPS[language]
    assert len(groups) >= 40
    seen: dict[str, list] = {}
    for group in groups:
        assert len(group) >= 2 and len(set(group)) == len(group), group
        for term in group:
            assert term == term.strip().lower() and term, group
            assert term not in seen, (term, group, seen.get(term))
            seen[term] = group


def test_the_lexicon_pairs_both_languages_and_covers_the_field():
    assert len(LEXICON) >= 150
    for pair in LEXICON:
        assert set(pair) == {"en", "es"} and pair["en"] and pair["es"], pair


def test_product_data_names_no_agency():
    text = json.dumps([GROUPS["en"], GROUPS["es"], LEXICON]).lower()
    for name in DEMO_AGENCY:
        assert f'"{name}"' not in text and f" {name}" not in text, name


def test_a_fresh_install_has_the_product_synonyms_and_lexicon():
    fresh = load_synonyms(include_demo=False)
    assert fresh == product_synonyms()
    assert fresh["cross_language"] and fresh["en"] and fresh["es"]


def test_the_demo_adds_its_agency_groups_first_so_they_win():
    merged = load_synonyms()
    assert merged["en"][0][0] == "frs"
    assert merged["en"][-len(GROUPS["en"]):] == GROUPS["en"]


def test_the_lexicon_carries_a_question_across_languages():
    index = SearchIndex.build([], product_synonyms())
    concepts = index.translate("¿Dónde está mi reembolso?", "es", "en")
    assert any(("refund",) in [v[0] for v in c.variants] for c in concepts)


def test_data_files_are_packaged():
    assert Path(DATA_DIR, "synonyms.json").is_file() and Path(DATA_DIR, "lexicon.json").is_file()
