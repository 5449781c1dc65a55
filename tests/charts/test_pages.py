"""Charts on real pages: several on one page never share an id, every aria reference finds its
element, the include escapes what it shows and follows each chart with its numbers."""

import random
from collections import Counter
from html.parser import HTMLParser

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from civiccx.charts import Series, line_chart
from civiccx.feedback.services import submit_response
from civiccx.help.demo import load_content
from civiccx.help.demo_analytics import seed_analytics
from civiccx.services.demo.seed import seed_catalog
from tests.factories import make_survey

pytestmark = pytest.mark.django_db

NASTY = '<script>&"'


class Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.references, self.svgs, self.tables = Counter(), [], 0, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids[attrs["id"]] += 1
        for name in ("aria-labelledby", "aria-describedby", "for"):
            self.references.extend((name, ref) for ref in (attrs.get(name) or "").split())
        self.svgs += tag == "svg"
        self.tables += tag == "table"


def check_ids(html: str) -> Ids:
    parser = Ids()
    parser.feed(html)
    duplicates = [name for name, count in parser.ids.items() if count > 1]
    assert not duplicates, f"ids used more than once: {duplicates}"
    missing = [(name, ref) for name, ref in parser.references if ref not in parser.ids]
    assert not missing, f"references to no element: {missing}"
    return parser


def test_the_cx_dashboard_draws_a_chart_per_driver_with_unique_ids(staff_client):
    survey = make_survey(instrument_name="a11_classic")
    for answer in ("5", "4", "2", "1"):
        submit_response(survey, {"satisfaction": answer, "trust": answer, "ease": "4"},
                        language="en", source="hosted", channel="web")
    html = staff_client("cx_analyst").get(reverse("feedback:dashboard")).content.decode()
    parser = check_ids(html)
    assert parser.svgs == 3
    for driver in ("satisfaction", "trust", "ease"):
        assert f'id="cx-{driver}"' in html and f'aria-labelledby="cx-{driver}-title"' in html
    assert "Satisfaction: share agreeing (or thumbs up), by fiscal quarter" in html
    assert "95% confidence interval" in html  # the band's legend
    assert "50% agreed or gave a thumbs up" in html  # the one-sentence summary


def test_help_analytics_draws_three_charts_with_unique_ids(staff_client):
    seed_catalog()
    load_content()
    seed_analytics(random.Random(3))
    html = staff_client("content_editor").get("/staff/help/analytics/?period=90").content.decode()
    parser = check_ids(html)
    assert parser.svgs == 3
    for name in ("help-searches-per-day", "help-helpfulness", "help-deflection"):
        assert f'id="{name}"' in html
    assert html.count('fill-opacity="0.18"') >= 1  # deflection's confidence band


def test_the_include_escapes_every_word_and_follows_the_chart_with_its_table():
    chart = line_chart("nasty", NASTY, [NASTY], [Series(NASTY, [1.5])], category_label=NASTY,
                       value_format=lambda value: f"{value:g}{NASTY}", summary=NASTY)
    for table in ("details", "shown"):
        html = render_to_string("core/chart.html", {"chart": chart, "table": table})
        assert "<script" not in html and NASTY not in html
        assert html.count("&lt;script&gt;&amp;&quot;") >= 5
        check_ids(html)
        assert html.index("<svg") < html.index('<table class="usa-table')
        assert '<caption id="nasty-caption">' in html and "1.5&lt;script&gt;" in html
        assert ("<details" in html) == (table == "details")
    page_table = render_to_string("core/chart.html", {"chart": chart, "table": "page"})
    assert "<table" not in page_table and "<svg" in page_table
