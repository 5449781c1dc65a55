"""A published report in every format: the page (English and Spanish), the PDF (rendered with
pdftoppm, its text holding the page's numbers), the CSV, the JSON with its hash, the Atom feed;
and a PII scan over all of them."""

import csv
import hashlib
import io
import json
import re
import shutil
import subprocess

import feedparser
import pytest
from django.urls import reverse
from pypdf import PdfReader

from civiccx.core.redaction import redact
from civiccx.reports.building import draft_report, publish, submit
from civiccx.reports.figures import Number
from civiccx.reports.models import Commitment, Quote
from civiccx.reports.presentation import FigureSection, figure_chart
from tests.reports.conftest import QUARTER

pytestmark = pytest.mark.django_db

CONSENTED = "They called me back when they said they would."
NOT_CONSENTED = "Call me at 555-201-3344, this is Maria Lopez, about my refund."


@pytest.fixture
def published(answered_service, season_figure, analyst, publisher):
    Quote.objects.create(
        service=answered_service, quarter=QUARTER, text=CONSENTED, public_consent=True
    )
    Quote.objects.create(service=answered_service, quarter=QUARTER, text=NOT_CONSENTED)
    Commitment.objects.create(
        service=answered_service,
        title="Raise trust",
        metric="a11.trust",
        baseline_quarter=QUARTER,
        target=0.9,
        due_quarter="FY2026Q2",
        owner="Office of Taxpayer Experience",
    )
    report = draft_report(
        answered_service,
        QUARTER,
        analyst.user,
        keys=("a11.trust", "a11.satisfaction", season_figure),
    )
    report.learned = "Callers who were called back trusted us more."
    report.learned_es = "Quienes recibieron una devolución de llamada confiaron más."
    report.save()
    return publish(submit(report, analyst.user), publisher.user)


def _urls(report):
    args = [report.service.slug, report.quarter, report.version]
    return {
        name: reverse(f"reports:{name}", args=args)
        for name in ("report-version", "report-pdf", "report-csv", "report-json")
    }


def _headline_values(html: str) -> list[str]:
    """The value cells of the page's headline table."""
    table = html.split('id="headline-figures"')[1].split("</table>")[0]
    return re.findall(r'<td class="text-right">([^<]+)</td>', table)


def test_the_public_page_in_english_and_spanish(client, published):
    url = _urls(published)["report-version"]
    english = client.get(url).content.decode()
    assert "75%" in english and "80%" in english and "1,234" in english
    assert "90% by FY2026Q2" in english  # the headline figure's target and time frame
    assert "Callers who were called back trusted us more." in english
    assert "<svg" in english and "Show the numbers in this chart" in english
    spanish = client.get("/es" + url).content.decode()
    assert "Quienes recibieron una devolución de llamada confiaron más." in spanish
    assert "Ayuda por teléfono" in spanish
    assert "1,234" in spanish and "80%" in spanish  # US separators in Spanish too
    assert "A-11: Confianza (proporción de acuerdo)" in spanish
    index = client.get(reverse("reports:index")).content.decode()
    assert url in index and published.data_sha256[:16] in index


def test_the_footer_link_leads_to_the_reports(client, published):
    page = client.get("/").content.decode()
    assert f'href="{reverse("reports:index")}"' in page
    assert client.get("/about/performance/").url == reverse("reports:index")


def test_the_pdf_renders_and_holds_the_same_numbers_as_the_page(client, published, tmp_path):
    urls = _urls(published)
    html = client.get(urls["report-version"]).content.decode()
    response = client.get(urls["report-pdf"])
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is missing: `make browser` installs poppler-utils")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")],
        check=True,
        capture_output=True,
    )
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages and all(p.stat().st_size > 2000 for p in pages)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    values = _headline_values(html)
    assert {"75%", "80%", "1,234", "40"} <= set(values)
    for value in values:
        assert value in text, f"{value} is on the page but not in the PDF"
    assert published.data_sha256 in text.replace("\n", "")
    assert "90% by FY2026Q2" in " ".join(text.split())  # a table cell may wrap
    reader = PdfReader(io.BytesIO(response.content))
    assert "progress report" in reader.metadata.title
    spanish = client.get("/es" + urls["report-pdf"])
    spanish_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(spanish.content)).pages)
    assert "Quienes recibieron" in spanish_text


def test_the_csv_and_json_hold_the_frozen_numbers_and_the_hash_checks(client, published):
    urls = _urls(published)
    rows = list(csv.DictReader(io.StringIO(client.get(urls["report-csv"]).content.decode())))
    trust = next(r for r in rows if r["figure"] == "a11.trust" and r["quarter"] == QUARTER)
    assert (trust["value"], trust["n"], trust["display"]) == ("0.8", "40", "80%")
    assert float(trust["ci_low"]) < 0.8 < float(trust["ci_high"])
    document = json.loads(client.get(urls["report-json"]).content)
    canonical = json.dumps(
        document["data"], sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    assert hashlib.sha256(canonical.encode()).hexdigest() == document["sha256"]
    assert document["sha256"] == published.data_sha256
    assert client.get(reverse("reports:data-dictionary")).status_code == 200


def test_the_atom_feed_parses(client, published):
    response = client.get(reverse("reports:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    [entry] = feed.entries
    assert entry.link.endswith(_urls(published)["report-version"])
    assert "Phone help" in entry.title and QUARTER in entry.title
    assert "80%" in entry.summary and "n = 40" in entry.summary


PII = [
    re.compile(p)
    for p in (
        r"\b\d{3}-\d{2}-\d{4}\b",
        r"\b\d{3}[-. ]\d{3}[-. ]\d{4}\b",
        r"[\w.+-]+@[\w-]+\.[\w.]+",
    )
]


def test_no_personal_information_in_any_published_artifact(client, published):
    urls = _urls(published)
    artifacts = {
        "html": client.get(urls["report-version"]).content.decode(),
        "html-es": client.get("/es" + urls["report-version"]).content.decode(),
        "csv": client.get(urls["report-csv"]).content.decode(),
        "json": client.get(urls["report-json"]).content.decode(),
        "feed": client.get(reverse("reports:feed")).content.decode(),
        "index": client.get(reverse("reports:index")).content.decode(),
        "commitments": client.get(reverse("reports:commitments")).content.decode(),
        "pdf": " ".join(
            p.extract_text()
            for p in PdfReader(io.BytesIO(client.get(urls["report-pdf"]).content)).pages
        ),
    }
    for name, text in artifacts.items():
        assert "Maria" not in text and "Lopez" not in text, name
        assert "555" not in text and "refund" not in text, name
        for pattern in PII:
            assert not pattern.search(re.sub(r"<[^>]+>", " ", text)), (name, pattern.pattern)
    assert CONSENTED in artifacts["html"] and CONSENTED in artifacts["pdf"].replace("\n", " ")
    # the narrative and quotes a person typed hold nothing the redactor would remove
    assert not redact(published.learned).counts and not redact(CONSENTED).counts


def test_a_quote_is_redacted_when_it_is_stored(answered_service):
    quote = Quote.objects.create(
        service=answered_service,
        quarter=QUARTER,
        public_consent=True,
        text="Email me at pat@example.com please",
    )
    assert "pat@example.com" not in quote.text


def test_a_count_chart_reads_with_thousands_separators_not_exponents():
    """A count of a million or more printed with "{:g}" read "1.5e+06" on the axis and in the
    chart's table; readers get "1,500,000" as in the headline table."""
    numbers = [Number("served", q, "count", v, int(v)) for q, v in
               (("FY2026Q1", 1_500_000.0), ("FY2026Q2", 2_250_000.0))]
    chart = figure_chart({"key": "served", "title": "Customers served", "unit": "count"},
                         numbers)
    assert [row[1] for row in chart.table.rows] == ["1,500,000", "2,250,000"]
    assert "e+06" not in chart.svg and "2,500,000" in chart.svg


@pytest.mark.parametrize(("unit", "values", "shown"), [
    ("count", (0.0, 0.0), "No change"),
    ("share", (0.75, 0.7502), "No change"),
    ("count", (1000.0, 1234.0), "+234"),
    ("share", (0.75, 0.80), "+5.0 points"),
])
def test_the_change_from_last_quarter_says_no_change_instead_of_plus_zero(unit, values, shown):
    numbers = [Number("k", q, unit, v, 100) for q, v in
               zip(("FY2026Q1", "FY2026Q2"), values, strict=True)]
    section = FigureSection("k", "A figure", unit, numbers, chart=None)
    assert section.change == shown
