import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civiccx.core.redaction import PIIRedactingFilter, RedactionResult, redact, redact_for_logs

pytestmark = pytest.mark.pure

CASES = [
    # --- identifiers -------------------------------------------------------------------
    ("SSN 123-45-6789 please", "SSN [SSN] please"),
    ("my ssn is 123 45 6789", "my ssn is [SSN]"),
    ("number 123456789 on file", "number [SSN] on file"),
    ("ITIN 912-70-1234", "ITIN [SSN]"),
    ("last four of my social security 6789", "last four of my social security [SSN]"),
    ("mi número de seguro social es 123-45-6789", "mi número de seguro social es [SSN]"),
    ("EIN 12-3456789 for my LLC", "EIN [EIN] for my LLC"),
    ("full-width １２３-４５-６７８９", "full-width [SSN]"),
    ("dash variants 123–45–6789", "dash variants [SSN]"),
    # --- phones ------------------------------------------------------------------------
    ("call me at (202) 555-0143", "call me at [PHONE]"),
    ("202-555-0143", "[PHONE]"),
    ("202.555.0143 anytime", "[PHONE] anytime"),
    ("+1 202 555 0143", "[PHONE]"),
    ("+1-202-555-0143 ext. 12", "[PHONE]"),
    ("2025550143", "[PHONE]"),
    ("call 18008291040 or +12025550143", "call [PHONE] or [PHONE]"),
    ("I called 1-800-829-1040 three times", "I called [PHONE] three times"),
    ("llámeme al (787) 555-0199 por favor", "llámeme al [PHONE] por favor"),
    ("call me back at 555-0143", "call me back at [PHONE]"),
    ("mi teléfono es 555.0101", "mi teléfono es [PHONE]"),
    ("pages 120-1300 of Pub 17", "pages 120-1300 of Pub 17"),
    # --- email -------------------------------------------------------------------------
    ("write to jane.doe+irs@example.com.", "write to [EMAIL]."),
    ("correo: josé.garcía@correo.es", "correo: [EMAIL]"),
    # --- cards and bank accounts -------------------------------------------------------
    ("card 4111 1111 1111 1111 was charged", "card [CARD] was charged"),
    ("card 4111-1111-1111-1111", "card [CARD]"),
    ("routing 021000021 account 12345678", "routing [ACCOUNT] account [ACCOUNT]"),
    ("acct # 000123456789", "acct # [ACCOUNT]"),
    ("checking account no. 55501234", "checking account no. [ACCOUNT]"),
    ("número de cuenta 98765432", "número de cuenta [ACCOUNT]"),
    ("reference 1234567890123", "reference [ACCOUNT]"),
    ("tracking 9400 1000 0000 0000 0000 00", "tracking [ACCOUNT]"),
    ("my IP PIN 123456 did not work", "my IP PIN [PIN] did not work"),
    ("PIN: 1234", "PIN: [PIN]"),
    # --- addresses ---------------------------------------------------------------------
    ("I live at 123 Main St Apt 4B", "I live at [ADDRESS]"),
    ("mail went to 1600 Pennsylvania Avenue NW, Washington, DC 20500", "mail went to [ADDRESS]"),
    ("send it to 42 W 21st Street, Suite 300 now", "send it to [ADDRESS] now"),
    ("123 oak ave. was wrong", "[ADDRESS] was wrong"),
    ("P.O. Box 1234, Austin", "[ADDRESS], Austin"),
    ("po box 77", "[ADDRESS]"),
    ("vivo en Calle Luna 123, apto 4", "vivo en [ADDRESS]"),
    ("mi dirección es Avenida Juárez 45", "mi dirección es [ADDRESS]"),
    ("apartado postal 902", "[ADDRESS]"),
    ("vivimos en 45 Calle Sol, Bayamón", "vivimos en [ADDRESS], Bayamón"),
    ("I'm in Apt 12 upstairs", "I'm in [ADDRESS] upstairs"),
    # --- names -------------------------------------------------------------------------
    ("My name is John Smith, and I waited", "My name is [NAME], and I waited"),
    ("MY NAME IS JOHN SMITH", "MY NAME IS [NAME]"),
    ("my name is maria lopez and i need help", "my name is [NAME] and i need help"),
    ("I am Juan de la Cruz.", "I am [NAME]."),
    ("Hi, I'm Priya Patel from Ohio", "Hi, I'm [NAME] from Ohio"),
    ("Me llamo María José García y tengo 70 años", "Me llamo [NAME] y tengo 70 años"),
    ("Mi nombre es Ana Pérez.", "Mi nombre es [NAME]."),
    ("Soy Luis Ortiz, jubilado", "Soy [NAME], jubilado"),
    ("Ms. Johnson was very helpful", "Ms. [NAME] was very helpful"),
    ("la Sra. Núñez me ayudó", "la Sra. [NAME] me ayudó"),
    # --- must NOT be redacted ------------------------------------------------------------
    ("I am very frustrated", "I am very frustrated"),
    ("I am Hispanic and I am Very upset", "I am Hispanic and I am Very upset"),
    ("my name is not important", "my name is not important"),
    ("soy de Puerto Rico", "soy de Puerto Rico"),
    ("Refund of $1,500 expected", "Refund of $1,500 expected"),
    ("I owe $2,024.50 and $123456789.00", "I owe $2,024.50 and $123456789.00"),
    ("filed on 2024-04-15 at 10:30", "filed on 2024-04-15 at 10:30"),
    ("filed 04/15/2024 and 15/04/2024", "filed 04/15/2024 and 15/04/2024"),
    ("April 15, 2024", "April 15, 2024"),
    ("20240415", "20240415"),
    ("Form 1040, line 27, Schedule 8812", "Form 1040, line 27, Schedule 8812"),
    ("Form 1040-SR and 1099-INT and W-2", "Form 1040-SR and 1099-INT and W-2"),
    ("Q3 2024 and FY2024Q2 were slow", "Q3 2024 and FY2024Q2 were slow"),
    ("notice CP2000 letter 5071C", "notice CP2000 letter 5071C"),
    ("I drove 40 miles to the Main St office", "I drove 40 miles to the Main St office"),
    ("waited 3 hours on the phone", "waited 3 hours on the phone"),
    ("esperé 2 horas en la calle", "esperé 2 horas en la calle"),
    ("ZIP 20500 only", "ZIP 20500 only"),
    ("case 12345678", "case 12345678"),
    ("my social security 2024 statement", "my social security 2024 statement"),
    ("checking 2024 refund and account 1234", "checking 2024 refund and account 1234"),
    ("1,234,567 returns", "1,234,567 returns"),
    ("checked box 5 on the form", "checked box 5 on the form"),
    ("visit https://www.irs.gov/refunds today", "visit https://www.irs.gov/refunds today"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] or "empty" for c in CASES])
def test_redaction_table(text, expected):
    assert redact(text).text == expected


def test_table_is_large_and_bilingual():
    assert len(CASES) >= 40
    assert sum(1 for text, expected in CASES if text == expected) >= 15


def test_counts_per_token():
    result = redact(
        "My name is Ana Ruiz. SSN 123-45-6789, phone 202-555-0143 or 202-555-0144, "
        "email ana@example.org, 12 Elm Street."
    )
    assert dict(result.counts) == {"NAME": 1, "SSN": 1, "PHONE": 2, "EMAIL": 1, "ADDRESS": 1}
    assert result.redacted
    assert str(result) == result.text


def test_nothing_to_redact():
    result = redact("Great service, thank you!")
    assert result == RedactionResult("Great service, thank you!", {})
    assert not result.redacted
    assert dict(result.counts) == {}


def test_redact_rejects_non_strings():
    with pytest.raises(TypeError):
        redact(None)  # type: ignore[arg-type]


def test_redaction_is_idempotent_on_examples():
    for text, _ in CASES:
        once = redact(text).text
        assert redact(once).text == once


@pytest.mark.parametrize("text", ["my name is p45 Calle Sol", "I am Ana5 Calle Luna 3"])
def test_redaction_is_idempotent_on_found_cases(text):
    once = redact(text).text
    assert redact(once).text == once


@given(st.text(max_size=200))
def test_redact_never_crashes_and_is_stable(text):
    once = redact(text).text
    assert redact(once).text == once


@given(st.integers(0, 999_999_999))
def test_any_dashed_ssn_shape_is_caught(number):
    digits = f"{number:09d}"
    text = f"id {digits[:3]}-{digits[3:5]}-{digits[5:]} ok"
    assert redact(text).text == "id [SSN] ok"


def test_redact_for_logs_accepts_anything():
    assert redact_for_logs("ssn 123-45-6789") == "ssn [SSN]"
    assert redact_for_logs(2025550143) == "[PHONE]"


def _logger_with_filter():
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(self.format(record))

    handler = Keep()
    handler.addFilter(PIIRedactingFilter())
    logger = logging.getLogger("civiccx.tests.redaction")
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    return logger, records


def test_logging_filter_redacts_message_and_args():
    logger, records = _logger_with_filter()
    logger.info("callback for %s at %s", "my name is Ana Ruiz", "(202) 555-0143")
    assert records == ["callback for my name is [NAME] at [PHONE]"]


def test_logging_filter_redacts_exception_text():
    logger, records = _logger_with_filter()
    try:
        raise ValueError("bad SSN 123-45-6789")
    except ValueError:
        logger.exception("failed for jane@example.com")
    assert records[0].startswith("failed for [EMAIL]")
    assert "ValueError: bad SSN [SSN]" in records[0]
    assert "123-45-6789" not in records[0]


def test_logging_filter_survives_bad_format_args():
    logger, records = _logger_with_filter()
    logger.warning("%d calls from 202-555-0143", "not a number")
    assert len(records) == 1
    assert "202-555-0143" not in records[0]


def test_logging_filter_keeps_every_record():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "plain", None, None)
    assert PIIRedactingFilter().filter(record) is True
    assert record.getMessage() == "plain"


# Every way people write an SSN or ITIN (dash, dot, space, none, "SSN:" and the like), and the
# look-alikes beside them that must survive: form numbers, dates, money, phone numbers.
SSN_FORMS = [
    ("my SSN is 123.45.6789", "my SSN is [SSN]"),
    ("SSN 123.45.6789", "SSN [SSN]"),
    ("SSN: 123.45.6789 thanks", "SSN: [SSN] thanks"),
    ("SSN:123-45-6789", "SSN:[SSN]"),
    ("SSN#123456789", "SSN#[SSN]"),
    ("SSN123456789 on the letter", "SSN[SSN] on the letter"),
    ("ssn - 123 45 6789", "ssn - [SSN]"),
    ("it is 123 - 45 - 6789", "it is [SSN]"),
    ("123-45-6789", "[SSN]"),
    ("123 45 6789", "[SSN]"),
    ("123456789", "[SSN]"),
    ("123.45.6789.", "[SSN]."),
    ("ITIN 912.70.1234", "ITIN [SSN]"),
    ("my ITIN: 912 70 1234", "my ITIN: [SSN]"),
    ("ITIN912701234", "ITIN[SSN]"),
    ("itin is 9xx? no: 987-88-1234", "itin is 9xx? no: [SSN]"),
    ("número de seguro social: 123.45.6789", "número de seguro social: [SSN]"),
    ("mi ITIN es 912.70.1234", "mi ITIN es [SSN]"),
    ("SSN ending in 6789", "SSN ending in [SSN]"),
    ("social security number 123.45.6789", "social security number [SSN]"),
]
SSN_LOOK_ALIKES = [
    "Form 1040 and Form 8962 and Schedule 8812",
    "Form 1040-SR, 1099-INT, W-2, 941",
    "filed on 04.15.2024 and 2024.04.15 and 15.04.2024",
    "paid $123.45 then $1,234.56 then $123,456,789.00",
    "a refund of 1,234.56 dollars",
    "Pub. 501, p. 12",
    "the 8962 for tax year 2024",
    "v1.2.3 of the app at 10.30 am",
    "IP 192.168.45.1234 was blocked",
    "SSA-1099 and RRB-1099",
    "my social security 2024 statement",
]


@pytest.mark.parametrize(("text", "expected"), SSN_FORMS, ids=[c[0] for c in SSN_FORMS])
def test_every_ssn_and_itin_form_is_caught(text, expected):
    assert redact(text).text == expected


@pytest.mark.parametrize("text", SSN_LOOK_ALIKES)
def test_ssn_look_alikes_survive(text):
    assert redact(text).text == text


@pytest.mark.parametrize("text", ["call 202.555.0143", "call (202) 555-0143", "phone 202 555 0143"])
def test_phone_numbers_stay_phone_numbers(text):
    assert "[PHONE]" in redact(text).text and "[SSN]" not in redact(text).text


@given(st.integers(0, 999_999_999), st.sampled_from([".", " ", "-", "", " - ", " . "]))
def test_any_ssn_shape_with_any_separator_is_caught(number, sep):
    digits = f"{number:09d}"
    text = f"id {digits[:3]}{sep}{digits[3:5]}{sep}{digits[5:]} ok"
    assert redact(text).text == "id [SSN] ok"


def test_recall_and_precision_on_the_labelled_comments():
    """Every labelled comment: the ones with personal information (expected differs from the
    text) must be changed exactly as labelled; the others must stay as typed."""
    labelled = [*CASES, *SSN_FORMS, *((t, t) for t in SSN_LOOK_ALIKES)]
    positives = [(t, e) for t, e in labelled if t != e]
    negatives = [t for t, e in labelled if t == e]
    caught = sum(redact(t).text == e for t, e in positives)
    untouched = sum(redact(t).text == t for t in negatives)
    recall, precision_of_negatives = caught / len(positives), untouched / len(negatives)
    assert (len(positives), len(negatives)) == (73, 37)
    assert recall == 1.0 and precision_of_negatives == 1.0
