"""The agency's name in the header: the configured one, else the catalog's, in the reader's
language; core learns it from the catalog without importing it."""

import ast
from pathlib import Path

import pytest
from django.utils import translation

import civiccx
from civiccx.core.agency import FALLBACK_NAME, agency_in_sentence, agency_name, contracted
from tests.factories import make_provider

CORE = Path(civiccx.__file__).parent / "core"


@pytest.mark.django_db
def test_the_catalogs_agency_names_the_site_in_each_language(client, settings):
    settings.CIVICCX_AGENCY_NAME = ""
    assert agency_name() == FALLBACK_NAME  # an empty catalog
    make_provider(name="Federal Revenue Service", name_es="Servicio Federal de Ingresos")
    make_provider(name="Second Agency", name_es="Segunda Agencia")
    assert "<title>Home | Federal Revenue Service</title>" in client.get("/").content.decode()
    spanish = client.get("/es/").content.decode()
    assert "| Servicio Federal de Ingresos</title>" in spanish


@pytest.mark.django_db
def test_a_configured_name_wins(client, settings):
    make_provider(name="Federal Revenue Service")
    settings.CIVICCX_AGENCY_NAME = "Department of Examples"
    assert agency_name() == "Department of Examples"
    assert "| Department of Examples</title>" in client.get("/es/").content.decode()


@pytest.mark.django_db
def test_a_configured_spanish_name_takes_its_own_article(client, settings):
    """A feminine agency reads "de la Agencia", never "del Agencia"; the header drops the
    article (issue #20)."""
    settings.CIVICCX_AGENCY_NAME = "the Department of Examples"
    settings.CIVICCX_AGENCY_NAME_ES = "la Agencia de Ejemplos"
    spanish = client.get("/es/").content.decode()
    assert "<title>Inicio | Agencia de Ejemplos</title>" in spanish
    assert "Obtenga ayuda de la Agencia de Ejemplos</h1>" in spanish
    assert ("Un sitio web de demostración de la Agencia de Ejemplos, una agencia ficticia."
            in spanish)
    assert "del Agencia" not in spanish and "de el " not in spanish
    about = client.get("/es/about/about/").content.decode()
    assert "La Agencia de Ejemplos es una agencia ficticia" in about
    english = client.get("/").content.decode()
    assert "<title>Home | Department of Examples</title>" in english
    assert "Get help from the Department of Examples</h1>" in english
    assert "The Department of Examples is a fictional agency" in client.get(
        "/about/about/").content.decode()


@pytest.mark.django_db
def test_a_masculine_name_contracts_and_no_article_gets_none(client, settings):
    settings.CIVICCX_AGENCY_NAME = "NASA"
    settings.CIVICCX_AGENCY_NAME_ES = "el Servicio de Ejemplos"
    assert "Obtenga ayuda del Servicio de Ejemplos</h1>" in client.get("/es/").content.decode()
    assert "Get help from NASA</h1>" in client.get("/").content.decode()
    settings.CIVICCX_AGENCY_NAME_ES = ""  # no Spanish name: the English one, without "the"
    settings.CIVICCX_AGENCY_NAME = "the Department of Examples"
    with translation.override("es"):
        assert agency_name() == "Department of Examples"
        assert agency_in_sentence() == "Department of Examples"
    assert "Obtenga ayuda de Department of Examples</h1>" in client.get("/es/").content.decode()


@pytest.mark.django_db
def test_the_catalogs_agency_reads_with_its_article_in_both_languages(client, settings):
    settings.CIVICCX_AGENCY_NAME = ""
    make_provider(name="Federal Revenue Service", name_es="Servicio Federal de Ingresos",
                  name_in_sentence="the Federal Revenue Service",
                  name_in_sentence_es="el Servicio Federal de Ingresos")
    assert "Get help from the Federal Revenue Service</h1>" in client.get("/").content.decode()
    spanish = client.get("/es/").content.decode()
    assert "Obtenga ayuda del Servicio Federal de Ingresos</h1>" in spanish
    assert "demostración del Servicio Federal de Ingresos, una agencia" in spanish


def test_spanish_contracts_only_a_lowercase_article():
    assert contracted("Obtenga ayuda de el Servicio", "es") == "Obtenga ayuda del Servicio"
    assert contracted("Vaya a el centro", "es") == "Vaya al centro"
    assert contracted("Viene de El Paso; desde el lunes; para el", "es") == (
        "Viene de El Paso; desde el lunes; para el")
    assert contracted("de la Agencia", "es") == "de la Agencia"
    assert contracted("Get help from de el", "en") == "Get help from de el"


def test_core_imports_no_domain_app():
    domain = ("services", "feedback", "phone", "walkin", "help", "staffing", "taxengine",
              "accounts")
    found = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [])
            found += [f"{path.name}: {name}" for name in names
                      if name.split(".")[:2] in (["civiccx", app] for app in domain)]
    assert found == []
