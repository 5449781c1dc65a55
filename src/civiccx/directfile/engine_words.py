"""The tax engine's messages (knockouts, findings, validation messages, explanation summaries)
in the reader's language.

The engine writes English templates with parameters (`catalogue.yaml`). The English template
is the gettext msgid (listed for `makemessages` in `catalogue_text.py`, which a test keeps in
step with the catalogue); the translation is filled with the same parameters, the words about
a person ("your son (dependent 1)") rebuilt in the reader's language.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils.formats import date_format
from django.utils.translation import (
    gettext,
    gettext_lazy,
    gettext_noop,
    pgettext,
    pgettext_lazy,
)

from civiccx.directfile.flow import FILING_STATUSES, RELATIONSHIPS
from civiccx.taxengine.catalogue import written_dates

# Spanish is written without the English pronoun parameters ({they}, {are}, ...): a
# translation may leave any parameter out.
_PERSON_KEYS = ("who", "Who")


def person_words(params: dict) -> dict:
    if "relationship" not in params or "index" not in params:
        return params
    noun = dict(RELATIONSHIPS).get(params["relationship"])
    if noun is None:
        return params
    who = pgettext("person", "your %(relationship)s (dependent %(number)s)") % {
        "relationship": str(noun).lower(), "number": params["index"]}
    return {**params, "who": who, "Who": who[0].upper() + who[1:]}


def say(template: str, params: dict | None = None) -> str:
    """A catalogue template in the current language, filled with its parameters (a date
    written out as the reader's language writes it: "2 de enero de 2025")."""
    text = gettext(template) if template else ""
    params = written_dates(dict(params or {}), lambda day: date_format(day, "DATE_FORMAT"))
    try:
        return text.format(**person_words(params))
    except (KeyError, IndexError):
        return template.format(**params)


def knockout_words(k) -> dict:
    """A knockout's title, reason (with each failed test) and citation, translated."""
    reason = say(k.template, k.params)
    findings = [finding_words(f) for f in k.findings]
    return {"code": k.code, "title": say(_title_template(k.code), k.params), "reason": reason,
            "findings": findings, "cite": k.cite, "facts": list(k.facts)}


def finding_words(f) -> str:
    if f.reasons:
        reasons = gettext(", and ").join(say(r.template, r.params) for r in f.reasons)
        text = say(f.template, {**f.params, "reasons": reasons})
    else:
        text = say(f.template, f.params)
    return text[:1].upper() + text[1:]


def _title_template(code: str) -> str:
    from civiccx.taxengine import CATALOGUE

    return CATALOGUE.knockout(code).title


def issue_words(issue) -> str:
    return say(issue.template, issue.params)


def summary_words(sentences) -> list[str]:
    return [say(s.template, summary_params(s.params)) for s in sentences]


# --- the words of "Why this number?": fact descriptions, worksheet lines, citations, values --
def engine_text(text: str) -> str:
    """A fact's description, a worksheet line's label or a citation, in the current language
    (each is a msgid listed in `catalogue_text.py`)."""
    return gettext(text) if text else text


def fact_words(g, path: str) -> str:
    """What a fact is, naming the form or person for a fact of one item ("dependiente 2: ..."),
    as the engine's `explain._says` does in English."""
    from civiccx.taxengine.explain import item_of

    says = engine_text(g.fact(path).says)
    item = item_of(g, path)
    return f"{ITEM_NAMES[item[0]]} {item[1]}: {says}" if item else says


def sentence_start(text: str) -> str:
    """A capitalised fact description (the start of a summary sentence), translated."""
    lowered = text[:1].lower() + text[1:]
    translated = engine_text(lowered)
    if translated == lowered:
        translated = engine_text(text)
    return translated[:1].upper() + translated[1:]


ITEM_NAMES = {"/dependents": pgettext_lazy("explanation", "dependent"), "/formW2s": "W-2",
              "/formsSsa1099": "SSA-1099", "/forms1099G": "1099-G",
              "/forms1099Int": "1099-INT"}

VALUE_WORDS = {
    "yes": pgettext_lazy("explanation value", "yes"),
    "no": pgettext_lazy("explanation value", "no"),
    "unknown": pgettext_lazy("explanation value", "unknown"),
    "none": pgettext_lazy("explanation value", "none"),
    "see the lines": pgettext_lazy("explanation value", "see the lines"),
    "your answer": pgettext_lazy("explanation value", "your answer"),
    "ssn": "SSN", "itin": "ITIN", "atin": "ATIN",
    "primary": pgettext_lazy("explanation value", "you"),
    "secondary": pgettext_lazy("explanation value", "your spouse"),
    "married": pgettext_lazy("explanation value", "married"),
    "unmarried": pgettext_lazy("explanation value", "unmarried"),
    **{key.replace("_", " "): label for key, label in (*FILING_STATUSES, *RELATIONSHIPS)},
}

# The engine's computed words (rules/tax.py, rules/eitc.py), matched and said again.
_MONEY = r"(\$[\d,]+\.\d\d)"
_TAX_ROW = re.compile(rf"^(\d{{4}}) Tax Table row 'at least {_MONEY} but less than {_MONEY}', "
                      r"(.+) column$")
_TAX_WORKSHEET = re.compile(r"^(\d{4}) Tax Computation Worksheet$")
_EIC_ROW = re.compile(rf"^(\d{{4}}) EIC Table row 'at least {_MONEY} but less than {_MONEY}', "
                      r"(.+), (no children|one child|two children|three children) column$")
_EIC_NONE = re.compile(r"^(\d{4}) EIC Table, (.+), (no children|one child|two children|"
                       rf"three children) column: {_MONEY} is (under \$1|{_MONEY} or more), "
                       r"so no credit$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LISTED = re.compile(r"^(\d+) listed$")
_INVESTMENT_LIMIT = re.compile(r"^investment income is more than the (\$[\d,]+) limit "
                               r"\(Pub\. 596 Rule 6\)$")
EIC_COLUMNS = {
    "married filing jointly": gettext_lazy("married filing jointly"),
    "single, head of household, qualifying surviving spouse or married filing separately":
        gettext_lazy("single, head of household, qualifying surviving spouse or married filing "
                     "separately"),
}
CHILDREN = {"no children": gettext_lazy("no children"), "one child": gettext_lazy("one child"),
            "two children": gettext_lazy("two children"),
            "three children": gettext_lazy("three children")}
NO_EIC_REASONS = (  # rules/eitc.py `_why_not`, word for word
    gettext_noop("no earned income (Pub. 596 Rule 7)"),
    gettext_noop("an SSN valid for employment is required (Pub. 596 Rule 2)"),
    gettext_noop("someone else can claim you as a dependent or qualifying child (Pub. 596 "
                 "Rules 10, 12 and 13)"),
    gettext_noop("married filing separately qualifies only with a qualifying child and living "
                 "apart from the spouse for the last 6 months (Pub. 596 Rule 3)"),
    gettext_noop("without a qualifying child you must be at least 25 and under 65 (Pub. 596 "
                 "Rule 11)"),
    gettext_noop("your main home must be in the United States for more than half the year "
                 "(Pub. 596 Rule 14)"),
)


def value_words(value) -> str:
    """A value as an explanation shows it, in the current language: yes/no, an option, a
    date ("5 de mayo de 1990"), a count, a Tax Table or EIC Table row, why there is no EIC.
    Amounts stay as they are."""
    if value is None:
        return value
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DATE.match(value)):
        return written_dates({"date": value}, lambda day: date_format(day, "DATE_FORMAT"))["date"]
    text = str(value)
    if text in VALUE_WORDS:
        word = str(VALUE_WORDS[text])  # an option's label is capitalised on its screen
        return word if word.isupper() else word[:1].lower() + word[1:]
    if m := _LISTED.match(text):
        return pgettext("explanation value", "%(count)s listed") % {"count": m[1]}
    if "; " in text and text.startswith("line "):
        return "; ".join(value_words(part) for part in text.split("; "))
    if text.startswith("line ") and ": " in text:
        line, _colon, lookup = text.partition(": ")
        return pgettext("explanation value", "line %(line)s: %(lookup)s") % {
            "line": line.removeprefix("line "), "lookup": value_words(lookup)}
    if m := _TAX_ROW.match(text):
        status = VALUE_WORDS.get(m[4], m[4])
        return pgettext("explanation value", "%(year)s Tax Table row 'at least %(low)s but "
                        "less than %(high)s', %(status)s column") % {
            "year": m[1], "low": m[2], "high": m[3], "status": str(status).lower()}
    if m := _TAX_WORKSHEET.match(text):
        return pgettext("explanation value", "%(year)s Tax Computation Worksheet") % {
            "year": m[1]}
    if m := _EIC_ROW.match(text):
        return pgettext("explanation value", "%(year)s EIC Table row 'at least %(low)s but "
                        "less than %(high)s', %(status)s, %(children)s column") % {
            "year": m[1], "low": m[2], "high": m[3], "status": EIC_COLUMNS.get(m[4], m[4]),
            "children": CHILDREN[m[5]]}
    if m := _EIC_NONE.match(text):
        where = pgettext("explanation value", "under $1") if m[5] == "under $1" else \
            pgettext("explanation value", "%(amount)s or more") % {"amount": m[6]}
        return pgettext("explanation value", "%(year)s EIC Table, %(status)s, %(children)s "
                        "column: %(amount)s is %(where)s, so no credit") % {
            "year": m[1], "status": EIC_COLUMNS.get(m[2], m[2]), "children": CHILDREN[m[3]],
            "amount": m[4], "where": where}
    if m := _INVESTMENT_LIMIT.match(text):
        return pgettext("explanation value", "investment income is more than the %(limit)s "
                        "limit (Pub. 596 Rule 6)") % {"limit": m[1]}
    if text in NO_EIC_REASONS:
        return gettext(text)
    return text


_PARAM_WORDS = {"method": value_words, "reason": value_words, "rows": value_words,
                "value": value_words, "says": sentence_start,
                "cite": lambda c: engine_text(c) if c != "your answer" else value_words(c)}


def summary_params(params: dict) -> dict:
    """A summary sentence's parameters in the current language (amounts stay as they are)."""
    return {k: _PARAM_WORDS[k](v) if k in _PARAM_WORDS and isinstance(v, str) else v
            for k, v in params.items()}


def catalogue_source() -> str:
    """The text of `catalogue_text.py` (regenerate with
    `python -m civiccx.directfile.engine_words > src/civiccx/directfile/catalogue_text.py`)."""
    from civiccx.taxengine import CATALOGUE

    lines = ['"""Every English template of the tax engine\'s catalogue, for makemessages '
             '(generated',
             'by `python -m civiccx.directfile.engine_words`; a test keeps it in step)."""',
             "", "from django.utils.translation import gettext_noop", "", "TEMPLATES = ["]
    seen = set()
    for t in [*CATALOGUE.templates(), ", and "]:
        if t in seen:
            continue
        seen.add(t)
        # The translations leave out English-only parameters ({they}, {are}): not a
        # brace-format string for msgfmt's check.
        lines.append("    # xgettext:no-python-brace-format")
        lines.append(f"    gettext_noop({t!r}),")
    lines.append("]")
    lines += ["", "# Each fact, worksheet line and citation (\"Why this number?\")",
              "FACT_WORDS = ["]
    for t in fact_texts():
        if t not in seen:
            seen.add(t)
            if "%" in t:  # "Line 1 times 85%": a percent sign, not a format
                lines.append("    # xgettext:no-python-format")
            lines.append(f"    gettext_noop({t!r}),")
    lines.append("]")
    return "\n".join(lines) + "\n"


def fact_texts() -> list[str]:
    """Every fact description, worksheet line label and citation of the fact dictionary."""
    from civiccx.taxengine import DICTIONARY

    out: dict[str, None] = {}
    for fact in DICTIONARY.facts.values():
        out[fact.says] = None
        if fact.cite:
            out[fact.cite] = None
        for label, _kind in (fact.lines or {}).values():
            out[label] = None
    return [t for t in out if t]


if __name__ == "__main__":  # pragma: no cover
    print(catalogue_source(), end="")
