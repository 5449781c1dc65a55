"""Redact personal information from free text before it is stored for analysis or logged.

``redact(text)`` replaces what looks like personal information with a token and counts what
it replaced. Comments on public surveys are redacted before analysts, reports or logs see
them (docs/architecture.md, Data); the original never leaves the encrypted field it was typed into.

Tokens
    [SSN]      Social Security numbers and ITINs (same 3-2-4 shape; an ITIN starts with 9),
               with dashes, dots, spaces or none between the groups ("123-45-6789",
               "123.45.6789", "123 45 6789", "123 - 45 - 6789"), and any 9-digit run standing
               alone (see "Over-redaction"); also digits after "SSN", "SSN:", "SSN#",
               "social security", "seguro social", "ITIN" or "TIN", even with no space
               ("SSN123456789"), such as a last four, except a year from 1900 to 2099.
    [EIN]      Employer identification numbers written 2-7 (12-3456789).
    [PHONE]    US numbers: (202) 555-0143, 202-555-0143, 202.555.0143, 202 555 0143,
               2025550143, +1 202 555 0143, 1-800-829-1040, with an optional extension; a
               seven-digit local number (555-0143) only after "call", "phone", "teléfono"...
    [EMAIL]    Email addresses.
    [PIN]      Four to six digits after "IP PIN", "PIN" or "NIP" (identity protection PINs).
    [CARD]     Payment card numbers: 13-19 digits, optionally grouped, passing the Luhn check.
    [ACCOUNT]  Bank account and routing numbers after "account", "acct", "routing",
               "cuenta", "ruta"... (five digits or more); and any other run of 12-19 digits.
    [ADDRESS]  Street addresses (number + street name + suffix, e.g. "123 Main St Apt 4B,
               Springfield, IL 62701"), Spanish-style addresses ("Calle Luna 123",
               "Avenida Juárez 45 apto 3", "45 Calle Sol"), PO boxes ("P.O. Box 12",
               "apartado postal 9"), and standalone apartment numbers ("Apt 4B", "apto 12").
    [NAME]     The name after "my name is", "name:", "me llamo", "mi nombre es", "nombre:"
               (any case); after "I am", "I'm", "soy", "yo soy" and after honorifics
               (Mr., Mrs., Ms., Dr., Sr., Sra., Srta.) only when the next word is capitalized
               and not a common non-name ("I am Hispanic", "I am Very upset" stay as typed).

Left alone on purpose: money ("$1,500", "$2,024.50"), dates ("2024-04-15", "04/15/2024",
"April 15, 2024"), tax vocabulary ("Form 1040", "line 27", "Schedule 8812", "1099-INT",
"W-2", "CP2000"), quarters ("Q3 2024", "FY2024Q2"), times, ZIP codes on their own, and
numbers of up to 8 digits.

Over-redaction (accepted): a 9-digit run standing alone is redacted as [SSN] even when it is
a confirmation number or a ZIP+4 typed without its dash, because a form comment cannot tell
us which it is and an SSN leak costs far more than a lost reference number. Likewise any
12-19 digit run becomes [ACCOUNT], and a 3-2-4 group such as "941 12 2024" becomes [SSN].
Names are found only after the phrases above: a bare name ("John was helpful") is not
redacted, which is the main gap of a rule-based redactor.

Unicode: ``\\d`` matches any decimal digit (so full-width "１２３-４５-６７８９" is caught),
separators include non-breaking spaces and the Unicode dashes, and names may carry accents.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from urllib.parse import quote_plus, unquote_plus

__all__ = [
    "TOKENS",
    "PIIRedactingFilter",
    "RedactionResult",
    "redact",
    "redact_for_logs",
]

TOKENS = ("SSN", "EIN", "PHONE", "EMAIL", "CARD", "ACCOUNT", "PIN", "ADDRESS", "NAME")


@dataclass(frozen=True)
class RedactionResult:
    text: str
    counts: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "counts", MappingProxyType(dict(self.counts)))

    @property
    def redacted(self) -> bool:
        return any(self.counts.values())

    def __str__(self) -> str:
        return self.text


# A separator inside a number: space, non-breaking space, dot, hyphen or a Unicode dash.
_SEP = r"[ \t.\u00a0\u2009\-\u2010\u2011\u2012\u2013\u2014\u2212\uff0d]"
_DASHISH = r"[ \t\u00a0\-\u2010\u2011\u2012\u2013\u2014\u2212\uff0d]"
# Not preceded by a word character, money sign or a number's decimal/thousands mark.
_NUM_START = r"(?<![\w$€£¥])(?<![\w$][.,])"
_NUM_END = r"(?![\w])(?![.,]\d)"

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")

_ACCOUNT_CONTEXT = re.compile(
    r"(?P<lead>\b(?:bank\s+)?(?:account|acct|routing|checking|savings|cuenta|ruta|"
    r"n[uú]mero\s+de\s+(?:cuenta|ruta)|aba)\b"
    r"(?:\s*(?:number|num|no|n[uú]mero|n[º°o])\b\.?)?\s*(?:is|es|:|#|=)?\s*#?\s*)"
    r"(?P<number>\d(?:" + _DASHISH + r"?\d){4,16})" + _NUM_END,
    re.IGNORECASE,
)
# Between the 3-2-4 groups of an SSN or ITIN: a dash, dot or space, with spaces around a dash
# or dot allowed ("123 - 45 - 6789"), or nothing.
_TIN_SEP = (
    r"(?:[ \t\u00a0]?[.\-\u2010\u2011\u2012\u2013\u2014\u2212\uff0d][ \t\u00a0]?|[ \t\u00a0])"
)
_TIN_CONTEXT = re.compile(
    r"(?P<lead>\b(?:ssn|ss#|social\s+security(?:\s+(?:number|no\.?|#))?|seguro\s+social|"
    r"n[uú]mero\s+de\s+seguro\s+social|itin|tin)(?:\b\s*(?:is|es|was|:|#|no\.?|number|"
    r"n[uú]mero|ending\s+in|termina\s+en)?\s*[#:]?\s*|(?=\d)))"
    r"(?P<number>\d(?:" + _TIN_SEP + r"?\d){3,8})" + _NUM_END,
    re.IGNORECASE,
)
_LONG_DIGITS = re.compile(
    _NUM_START + r"(?P<number>\d(?:" + _DASHISH + r"?\d){11,34})" + _NUM_END,
)
_SSN = re.compile(
    _NUM_START + r"(?:\d{3}" + _TIN_SEP + r"\d{2}" + _TIN_SEP + r"\d{4}|\d{9})" + _NUM_END
)
_EIN = re.compile(_NUM_START + r"\d{2}" + _DASHISH + r"\d{7}" + _NUM_END)
_PHONE = re.compile(
    r"(?<![\w$+])(?:\+\s?1" + _SEP + r"{0,2}|\b1" + _SEP + r"{1,2})?"
    r"(?:\(\s*\d{3}\s*\)" + _SEP + r"{0,2}|(?<![\w(])\d{3}" + _SEP + r"{0,2})"
    r"\d{3}" + _SEP + r"{0,2}\d{4}"
    r"(?:\s*(?:ext\.?|extension|extensi[oó]n|x)\s*\d{1,5})?" + _NUM_END,
    re.IGNORECASE,
)

_STREET_SUFFIX = (
    r"(?:street|st|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|"
    r"place|pl|terrace|ter|circle|cir|highway|hwy|parkway|pkwy|square|sq|trail|trl|loop|"
    r"alley|plaza|plz|pike|row|run)"
)
_NOT_STREET = (
    r"(?:to|the|a|an|at|in|on|of|for|from|and|or|by|with|my|your|our|their|his|her|it|is|"
    r"was|miles?|hours?|minutes?|mins?|days?|weeks?|months?|years?|times?|calls?|people|"
    r"dollars?|lines?|forms?|pages?|letters?|weeks?|horas?|minutos?|d[ií]as?|veces|millas?|"
    r"el|la|los|las|de|del|y|en|por|para|con)"
)
_STREET_WORD = r"(?!" + _NOT_STREET + r"\b)(?:[^\W\d_][\w'’.-]*|\d{1,3}(?:st|nd|rd|th))"
_UNIT = (
    r"(?:(?:apartamento|apartment|departamento|depto|apto|apt|unit|suite|ste|room|rm)\b\.?|#)"
    r"\s*#?\s*[\w-]{1,6}\b"
)
_CITY_STATE_ZIP = (
    r"(?:,?\s+(?-i:[A-Z][\w'.-]+)(?:\s+(?-i:[A-Z][\w'.-]+)){0,2},?\s+"
    r"(?-i:[A-Z]{2})\s+\d{5}(?:-\d{4})?)"
)
_US_ADDRESS = re.compile(
    r"(?<![\w$])\d{1,6}[A-Za-z]?(?:-\d{1,4})?\s+"
    r"(?:(?:n|s|e|w|ne|nw|se|sw|north|south|east|west)\.?\s+)?"
    r"(?:" + _STREET_WORD + r"\s+){1,3}" + _STREET_SUFFIX + r"\b\.?"
    r"(?:\s+(?:n|s|e|w|ne|nw|se|sw)\b\.?)?"
    r"(?:,?\s*" + _UNIT + r")?" + _CITY_STATE_ZIP + r"?",
    re.IGNORECASE,
)
_ES_ADDRESS = re.compile(
    r"\b(?:calle|c/|avenida|avda\.?|av\.|carretera|carr\.?|camino|paseo|callej[oó]n|"
    r"urbanizaci[oó]n|urb\.|barrio)\s+"
    r"(?:(?:(?-i:[A-ZÁÉÍÓÚÑ][\w'’.-]*)|\d{1,3}|de|del|la|las|los|el)\s+){1,5}"
    r"(?:#|n[uú]m\.?|no\.?|n[º°o]\.?)?\s*\d{1,5}[A-Za-z]?\b"
    r"(?:,?\s*" + _UNIT + r")?",
    re.IGNORECASE,
)
_ES_ADDRESS_NUMBER_FIRST = re.compile(
    r"(?<![\w$])\d{1,5}[A-Za-z]?\s+(?:calle|avenida|avda\.?|ave?\.|carretera|camino|paseo)\s+"
    r"(?-i:[A-ZÁÉÍÓÚÑ][\w'’.-]*)(?:\s+(?:(?-i:[A-ZÁÉÍÓÚÑ][\w'’.-]*)|de|del|la|las|los|el)){0,4}"
    r"(?:,?\s*" + _UNIT + r")?",
    re.IGNORECASE,
)
_LOCAL_PHONE = re.compile(
    r"(?P<lead>\b(?:call(?:\s+me)?(?:\s+back)?|phone|cell|tel|text(?:\s+me)?|number|"
    r"reach\s+me|ll[aá]me(?:me)?|llamar|tel[eé]fono|celular|n[uú]mero)\b[^\d\n]{0,15})"
    r"(?P<number>(?<![\w$])\d{3}[-.\u00a0 ]\d{4})" + _NUM_END,
    re.IGNORECASE,
)
_PIN_CONTEXT = re.compile(
    r"(?P<lead>\b(?:ip\s*pin|pin|nip)\b\s*(?:is|es|:|#|number|n[uú]mero)?\s*#?\s*)"
    r"(?P<number>\d{4,6})" + _NUM_END,
    re.IGNORECASE,
)
_PHONE_11 = re.compile(r"(?<![\w$+])\+?1\d{10}" + _NUM_END)
_PO_BOX = re.compile(
    r"\b(?:p\.?\s?o\.?\s?box|post\s+office\s+box|apartado(?:\s+postal)?|casilla(?:\s+postal)?)"
    r"\s*#?\s*\d{1,7}\b",
    re.IGNORECASE,
)
_UNIT_ALONE = re.compile(
    r"\b(?:apt|apartment|apto|apartamento)\.?\s*(?:#|no\.?|n[uú]m\.?)?\s*\d{1,5}[A-Za-z]?\b",
    re.IGNORECASE,
)

_NAME_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W\d_])?(?![\w'’-])")
_GAP = re.compile(r"[ \t\u00a0]+")
_CONNECTORS = frozenset({"de", "del", "la", "las", "los", "van", "von", "da", "di", "du", "le"})
# fmt: off
_LENIENT_STOP = frozenset({
    "and", "but", "or", "so", "i", "im", "my", "from", "in", "at", "on", "to", "the", "a", "an",
    "is", "was", "it", "this", "that", "who", "with", "because", "please", "thanks", "thank",
    "y", "pero", "o", "soy", "es", "que", "de", "en", "con", "por", "para", "mi", "yo", "tengo",
    "vivo", "he", "ha", "also", "not", "no",
})
_NOT_NAMES = frozenset({
    "american", "americans", "hispanic", "latino", "latina", "latinx", "mexican", "mexicano",
    "mexicana", "puerto", "rican", "puertorriqueño", "puertorriqueña", "spanish", "english",
    "deaf", "blind", "disabled", "retired", "unemployed", "self", "single", "married",
    "divorced", "widowed", "not", "very", "so", "still", "also", "just", "really", "a", "an",
    "the", "here", "there", "calling", "writing", "glad", "happy", "sorry", "sure", "tired",
    "frustrated", "upset", "angry", "disappointed", "grateful", "thankful", "confused", "ok",
    "okay", "going", "trying", "unable", "able", "over", "under", "now", "currently", "filing",
    "i", "veteran", "senior", "citizen", "ciudadano", "ciudadana", "estudiante", "jubilado",
    "jubilada", "muy", "no", "la", "el", "un", "una", "veterano", "madre", "padre", "mother",
    "father", "student", "satisfied", "pleased", "extremely", "totally", "completely",
})
# fmt: on
_LENIENT_TRIGGER = re.compile(
    r"\b(?:my\s+name\s+is|my\s+name's|name\s*:|me\s+llamo|mi\s+nombre\s+es|nombre\s*:)\s+",
    re.IGNORECASE,
)
_STRICT_TRIGGER = re.compile(
    r"(?:\b(?:i\s+am|i['’]m|yo\s+soy|soy)|(?<!\w)(?:mr|mrs|ms|mx|dr|sr|sra|srta)\.?)\s+",
    re.IGNORECASE,
)


def _luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _digits(text: str) -> str:
    return "".join(str(int(c)) for c in text if c.isdecimal())


class _Redactor:
    def __init__(self, text: str) -> None:
        self.text = text
        self.counts: Counter[str] = Counter()

    def sub(self, pattern: re.Pattern[str], token: str) -> None:
        def replace(match: re.Match[str]) -> str:
            self.counts[token] += 1
            return f"[{token}]"

        self.text = pattern.sub(replace, self.text)

    def sub_group(self, pattern: re.Pattern[str], token: str) -> None:
        """Replace only the ``number`` group, keeping the words that gave the context.

        A bare four-digit year ("social security 2024 statement") is left alone.
        """

        def replace(match: re.Match[str]) -> str:
            number = match["number"]
            if len(number) == 4 and number.isdigit() and 1900 <= int(number) <= 2099:
                return match.group()
            self.counts[token] += 1
            return f"{match['lead']}[{token}]"

        self.text = pattern.sub(replace, self.text)

    def sub_with(self, pattern: re.Pattern[str], decide: Callable[[re.Match[str]], str]) -> None:
        def replace(match: re.Match[str]) -> str:
            token = decide(match)
            self.counts[token] += 1
            return f"[{token}]"

        self.text = pattern.sub(replace, self.text)

    def names(self, trigger: re.Pattern[str], lenient: bool) -> None:
        out: list[str] = []
        position = 0
        for match in trigger.finditer(self.text):
            if match.start() < position:
                continue
            end = _name_end(self.text, match.end(), lenient)
            if end is None:
                continue
            out.append(self.text[position : match.end()])
            out.append("[NAME]")
            self.counts["NAME"] += 1
            position = end
        out.append(self.text[position:])
        self.text = "".join(out)


def _name_words(text: str, start: int) -> list[tuple[str, int, bool]]:
    """Up to six words from ``start``: (word, end, followed by a period); stops at punctuation."""
    words: list[tuple[str, int, bool]] = []
    position = start
    while len(words) < 6:
        match = _NAME_WORD.match(text, position)
        if not match:
            break
        period = text.startswith(".", match.end())
        words.append((match.group(), match.end(), period))
        gap = _GAP.match(text, match.end())
        if period or not gap:
            break
        position = gap.end()
    return words


def _name_end(text: str, start: int, lenient: bool) -> int | None:
    """Where the name starting at ``start`` ends, or None when what follows is not a name.

    Lenient (after "my name is"): words up to a common non-name word. Strict (after "I am",
    honorifics): capitalized words that are not common non-names. Either way lowercase
    particles ("de la", "van") are kept when a capitalized word follows them.
    """
    words = _name_words(text, start)
    taken, end, index = 0, None, 0
    while index < len(words) and taken < 4:
        word, word_end, period = words[index]
        lower = word.lower()
        if taken and lower in _CONNECTORS:
            after = index
            while after < len(words) and words[after][0].lower() in _CONNECTORS:
                after += 1
            if after < len(words) and words[after][0][:1].isupper() and not words[after - 1][2]:
                index = after
                continue
            break
        if lenient and lower in _LENIENT_STOP:
            break
        if not lenient and (not word[:1].isupper() or lower in _NOT_NAMES):
            break
        taken, end = taken + 1, word_end
        if period:
            break
        index += 1
    return end


def _card_or_account(match: re.Match[str]) -> str:
    digits = _digits(match["number"])
    return "CARD" if 13 <= len(digits) <= 19 and _luhn_ok(digits) else "ACCOUNT"


def redact(text: str) -> RedactionResult:
    """Replace personal information in ``text`` with tokens; see the module docstring."""
    if not isinstance(text, str):
        raise TypeError(f"redact() takes a string, not {type(text).__name__}")
    redactor = _Redactor(text)
    if "@" in text:
        redactor.sub(_EMAIL, "EMAIL")
    if _ANY_DIGIT.search(text):  # every pattern but names and emails needs a digit
        _numbers(redactor)
    redactor.names(_LENIENT_TRIGGER, lenient=True)
    redactor.names(_STRICT_TRIGGER, lenient=False)
    return RedactionResult(redactor.text, {k: v for k, v in redactor.counts.items() if v})


# Most comments have no digit: they skip the fourteen number patterns below (the tokens put in
# by earlier patterns have no digits, so a text without one never gains one).
_ANY_DIGIT = re.compile(r"\d")


def _numbers(redactor: _Redactor) -> None:
    redactor.sub_group(_TIN_CONTEXT, "SSN")
    redactor.sub_group(_ACCOUNT_CONTEXT, "ACCOUNT")
    redactor.sub_with(_LONG_DIGITS, _card_or_account)
    redactor.sub(_SSN, "SSN")
    redactor.sub(_EIN, "EIN")
    redactor.sub(_PHONE_11, "PHONE")
    redactor.sub(_PHONE, "PHONE")
    redactor.sub_group(_LOCAL_PHONE, "PHONE")
    redactor.sub_group(_PIN_CONTEXT, "PIN")
    redactor.sub(_PO_BOX, "ADDRESS")
    redactor.sub(_US_ADDRESS, "ADDRESS")
    redactor.sub(_ES_ADDRESS_NUMBER_FIRST, "ADDRESS")
    redactor.sub(_ES_ADDRESS, "ADDRESS")
    redactor.sub(_UNIT_ALONE, "ADDRESS")


# A query-string parameter in a logged URL ("?q=123-45-6789", "&email=ana%40example.com"):
# its value is decoded before redaction, so percent-encoding and "+" for spaces hide nothing.
_QUERY_VALUE = re.compile(r"(?P<lead>[?&;][^=&\s\"'?#]{0,100}=)(?P<value>[^&\s\"'#]+)")


def _redact_query_value(match: re.Match[str]) -> str:
    decoded = unquote_plus(match["value"])
    result = redact(decoded)
    if not result.redacted:
        return match.group()
    return match["lead"] + quote_plus(result.text, safe="[]")


def redact_for_logs(text: object) -> str:
    """``redact`` for log lines: accepts anything, returns only the redacted string. Values in
    URL query strings (access logs) are decoded first."""
    text = text if isinstance(text, str) else str(text)
    if "=" in text:
        text = _QUERY_VALUE.sub(_redact_query_value, text)
    return redact(text).text


class PIIRedactingFilter(logging.Filter):
    """A logging filter that redacts the formatted message, exception text and stack info.

    Attach it to a handler (``handler.addFilter(PIIRedactingFilter())``) or, in Django's
    LOGGING dict, as ``{"()": "civiccx.core.redaction.PIIRedactingFilter"}``. It never drops a
    record. The message is formatted once here (``record.args`` becomes None) so that an SSN
    passed as an argument is redacted too.
    """

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken %-format must not hide the record
            message = f"{record.msg!r} % {record.args!r}"
        record.msg = redact_for_logs(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_for_logs(record.exc_text)
        if record.stack_info:
            record.stack_info = redact_for_logs(record.stack_info)
        return True

