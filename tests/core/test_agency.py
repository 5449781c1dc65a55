"""The agency's name in the header: the configured one, else the catalog's, in the reader's
language; core learns it from the catalog without importing it."""

import ast
from pathlib import Path

import pytest

import civiccx
from civiccx.core.agency import FALLBACK_NAME, agency_name
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
