from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civiccx.core.fiscal import (
    FiscalQuarter,
    fiscal_quarter,
    fiscal_year,
    format_fiscal_quarter,
    iter_fiscal_quarters,
    parse_fiscal_quarter,
    quarter_end,
    quarter_of,
    quarter_start,
    report_due_date,
)

pytestmark = pytest.mark.pure


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2023, 9, 30), "FY2023Q4"),
        (date(2023, 10, 1), "FY2024Q1"),
        (date(2023, 12, 31), "FY2024Q1"),
        (date(2024, 1, 1), "FY2024Q2"),
        (date(2024, 3, 31), "FY2024Q2"),
        (date(2024, 4, 15), "FY2024Q3"),  # Tax Day 2024
        (date(2024, 7, 1), "FY2024Q4"),
        (date(2024, 9, 30), "FY2024Q4"),
        (datetime(2024, 2, 29, 23, 59), "FY2024Q2"),
    ],
)
def test_fiscal_quarter_of_a_date(day, expected):
    assert str(fiscal_quarter(day)) == expected


def test_an_instant_is_filed_under_the_agency_s_local_day():
    new_year_utc = datetime(2024, 1, 1, 3, 0, tzinfo=UTC)  # still 31 December in Washington
    assert quarter_of(new_year_utc, ZoneInfo("America/New_York")) == "FY2024Q1"
    assert quarter_of(new_year_utc, UTC) == quarter_of(date(2024, 1, 1)) == "FY2024Q2"


def test_fiscal_year_rolls_over_in_october():
    assert fiscal_year(date(2023, 9, 30)) == 2023
    assert fiscal_year(date(2023, 10, 1)) == 2024


def test_fy2024_q2_is_january_to_march_2024():
    q = parse_fiscal_quarter("FY2024Q2")
    assert (q.start, q.end) == (date(2024, 1, 1), date(2024, 3, 31))
    assert quarter_start("FY2024Q1") == date(2023, 10, 1)
    assert quarter_end("FY2024Q1") == date(2023, 12, 31)
    assert quarter_end(FiscalQuarter(2024, 3)) == date(2024, 6, 30)
    assert quarter_end("FY2024Q4") == date(2024, 9, 30)


def test_report_due_30_days_after_quarter_end():
    assert report_due_date("FY2024Q2") == date(2024, 4, 30)


@pytest.mark.parametrize(
    "text", ["FY2024Q2", "fy2024q2", " FY2024 Q2 ", "FY24Q2", "FY2024-Q2", "2024Q2", "FY 2024 Q 2"]
)
def test_parse_accepts_common_spellings(text):
    assert parse_fiscal_quarter(text) == FiscalQuarter(2024, 2)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "expected a form like 'FY2024Q2'"),
        ("FY2024", "expected a form like 'FY2024Q2'"),
        ("FY2024Q5", "quarter must be 1-4"),
        ("FY2024Q0", "quarter must be 1-4"),
        ("Q2 2024", "expected a form like 'FY2024Q2'"),
        ("FY2024Q22", "expected a form like 'FY2024Q2'"),
        ("FY202Q2", "expected a form like 'FY2024Q2'"),
        ("FY0001Q1", "out of range"),
        ("CY2024Q2", "expected a form like 'FY2024Q2'"),
    ],
)
def test_parse_rejects_bad_strings_with_clear_message(text, message):
    with pytest.raises(ValueError, match=message) as excinfo:
        parse_fiscal_quarter(text)
    assert repr(text) in str(excinfo.value)


def test_parse_rejects_non_strings():
    with pytest.raises(TypeError):
        parse_fiscal_quarter(20242)  # type: ignore[arg-type]


def test_constructor_validates():
    with pytest.raises(ValueError, match="quarter must be 1-4"):
        FiscalQuarter(2024, 5)
    with pytest.raises(TypeError):
        FiscalQuarter("2024", 1)  # type: ignore[arg-type]


def test_iterate_quarters_across_fiscal_years():
    got = [format_fiscal_quarter(q) for q in iter_fiscal_quarters("FY2023Q3", "FY2024Q2")]
    assert got == ["FY2023Q3", "FY2023Q4", "FY2024Q1", "FY2024Q2"]
    assert list(iter_fiscal_quarters("FY2024Q2", "FY2024Q1")) == []
    assert list(iter_fiscal_quarters("FY9999Q4", "FY9999Q4")) == [FiscalQuarter(9999, 4)]


def test_next_previous_and_contains():
    q = FiscalQuarter(2024, 1)
    assert q.previous() == FiscalQuarter(2023, 4)
    assert q.next().previous() == q
    assert date(2023, 11, 5) in q
    assert datetime(2024, 1, 1) not in q
    assert "2023-11-05" not in q
    assert FiscalQuarter(2023, 4) < q


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(9999, 9, 30)))
def test_every_date_lies_in_its_quarter(day):
    q = fiscal_quarter(day)
    assert q.start <= day <= q.end
    assert parse_fiscal_quarter(str(q)) == q
    assert (q.end - q.start).days in (89, 90, 91)


def test_a_quarter_is_named_in_the_readers_language():
    from django.utils import translation

    from civiccx.core.dates import quarter_name

    with translation.override("es"):
        assert quarter_name("FY2027Q1") == "1.er trimestre del año fiscal 2027"
        assert quarter_name(FiscalQuarter(2026, 2)) == "2.º trimestre del año fiscal 2026"
        assert quarter_name("FY2026Q3") == "3.er trimestre del año fiscal 2026"
        assert quarter_name("FY2026Q4") == "4.º trimestre del año fiscal 2026"
        assert quarter_name("Más tarde") == "Más tarde"  # not a quarter: as it came
    with translation.override("en"):
        assert quarter_name("FY2027Q1") == "FY2027Q1"
