"""The tax engine's messages (knockouts, findings, validation messages, explanation summaries)
in the reader's language.

The engine writes English templates with parameters (`catalogue.yaml`). The English template
is the gettext msgid (listed for `makemessages` in `catalogue_text.py`, which a test keeps in
step with the catalogue); the translation is filled with the same parameters, the words about
a person ("your son (dependent 1)") rebuilt in the reader's language.
"""

from __future__ import annotations

from django.utils.translation import gettext, pgettext

from civiccx.directfile.flow import RELATIONSHIPS

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
    """A catalogue template in the current language, filled with its parameters."""
    text = gettext(template) if template else ""
    try:
        return text.format(**person_words(dict(params or {})))
    except (KeyError, IndexError):
        return template.format(**(params or {}))


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
    return [say(s.template, s.params) for s in sentences]


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
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(catalogue_source(), end="")
