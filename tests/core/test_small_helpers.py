"""Percentages and QR codes, shown the same way on every page that has them."""

import pytest
from django.template import Context, Template
from django.utils import translation

from civiccx.core.percentages import percent_figure, percent_text
from civiccx.core.qr_codes import qr_code_svg


@pytest.mark.parametrize(("language", "share", "digits", "shown"), [
    ("en", 0.1234, 1, "12.3%"), ("en", 0.955, 0, "96%"), ("en", 1, 0, "100%"),
    ("es", 0.1234, 1, "12.3%"), ("es", 0.955, 0, "96%"), ("en", None, 1, "—")])
def test_percentages_for_people(language, share, digits, shown):
    with translation.override(language):
        assert percent_text(share, digits) == shown
        assert Template("{% load percentages %}{{ share|percent:digits }}").render(
            Context({"share": share, "digits": digits})) == shown


def test_percentages_for_spreadsheets_are_plain_numbers_in_any_language():
    with translation.override("es"):
        assert percent_figure(0.1234) == "12.3"
        assert percent_figure(0.1234, 0) == "12"
        assert percent_figure(None) == ""


def test_a_qr_code_is_an_inline_svg_without_script_or_style():
    svg = qr_code_svg("http://127.0.0.1:8100/visit/austin/kiosk/?code=K7P2X9QM")
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "<path" in svg and "<?xml" not in svg
    assert "<script" not in svg and "style=" not in svg
    assert len(qr_code_svg("x" * 200)) > len(qr_code_svg("x"))  # more data, more modules
