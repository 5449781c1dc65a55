"""The report's PDF is tagged for accessibility (PDF/UA-1): a structure tree with headings and
tables whose header cells are marked, the report's title shown as the document's title, and
the reader's language; checked with pdfinfo (poppler) and pypdf."""

import io
import re
import shutil
import subprocess

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.reports.test_publication import _urls, published  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def _pdfinfo(pdf: bytes, tmp_path, *options: str) -> str:
    if shutil.which("pdfinfo") is None:
        pytest.fail("pdfinfo is missing: `make browser` installs poppler-utils")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdfinfo", *options, str(path)], check=True, capture_output=True,
                          text=True).stdout


def _structure(node, found: list[str]) -> list[str]:
    node = node.get_object()
    if "/S" in node:
        found.append(str(node["/S"]))
    kids = node.get("/K")
    if kids is None:
        return found
    kids = kids.get_object()
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict) and ("/S" in kid or "/K" in kid) and kid.get("/Type") != "/MCR":
            _structure(kid, found)
    return found


@pytest.mark.parametrize(("prefix", "language", "title"), [
    ("", "en", "Phone help: progress report for FY2025Q3"),
    ("/es", "es", "Ayuda por teléfono: informe de avance del 3.er trimestre del año fiscal 2025"),
])
def test_the_pdf_is_tagged_with_its_title_and_language(client, published, tmp_path,  # noqa: F811
                                                       prefix, language, title):
    pdf = client.get(prefix + _urls(published)["report-pdf"]).content
    info = _pdfinfo(pdf, tmp_path)
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE), info
    assert re.search(rf"^Title:\s+{re.escape(title)}$", info, re.MULTILINE), info

    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert catalog["/Lang"] == language
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    roles = _structure(catalog["/StructTreeRoot"], [])
    assert {"/H1", "/H2", "/P", "/Table", "/TH", "/TD", "/Caption"} <= set(roles), roles
    assert roles.index("/H1") < roles.index("/Table")  # reading order: title first

    structure = _pdfinfo(pdf, tmp_path, "-struct-text")
    assert "Headline figures" in structure or "Cifras principales" in structure


def test_every_font_is_embedded(client, published, tmp_path):  # noqa: F811
    pdf = client.get(_urls(published)["report-pdf"]).content
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts


def test_a_draft_preview_is_tagged_and_says_it_is_a_draft(analyst, published):  # noqa: F811
    from civiccx.reports.building import correct

    draft = correct(published, analyst.user, "A figure was read for the wrong quarter.")
    pdf = analyst.get(reverse("reports:preview-pdf", args=[draft.pk])).content
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "DRAFT: not published" in " ".join(text.split())
    assert "A figure was read for the wrong quarter." in " ".join(text.split())
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])


def test_an_english_quote_is_marked_english_on_a_spanish_page(client, published):  # noqa: F811
    english = client.get(_urls(published)["report-version"]).content.decode()
    assert '<blockquote class="civiccx-report-quote"><p>“They called me back' in english
    page = client.get("/es" + _urls(published)["report-version"]).content.decode()
    assert '<blockquote class="civiccx-report-quote" lang="en"><p>“They called me back' in page
