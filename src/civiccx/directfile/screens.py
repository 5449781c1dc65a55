"""One interview screen as a form: the fields it shows with their saved answers, and the
answers a posted form gives (or the message for each field that cannot be saved)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _

from civiccx.directfile.engine_words import issue_words
from civiccx.directfile.interview import Interview, Step, field_paths, graph_for
from civiccx.directfile.questions import Context, Invalid, parse, participating_states, shown
from civiccx.taxengine import validate

MONTHS = ((1, "January"), (2, "February"), (3, "March"), (4, "April"), (5, "May"), (6, "June"),
          (7, "July"), (8, "August"), (9, "September"), (10, "October"), (11, "November"),
          (12, "December"))


def fill_years(text, year: int) -> str:
    """Flow wording names the years with {year}, {prior_year} and {due_date}."""
    due = formats.date_format(dt.date(year + 1, 4, 15), "DATE_FORMAT")
    return str(text).replace("{year}", str(year)).replace(
        "{prior_year}", str(year - 1)).replace("{due_date}", due)


@dataclass
class BoundField:
    name: str
    kind: str
    label: str
    hint: str
    value: object
    required: bool
    options: list = field(default_factory=list)
    error: str = ""
    warning: str = ""


def bound_fields(iv: Interview, step: Step, posted: dict | None = None,
                 errors: dict | None = None, warnings: dict | None = None) -> list[BoundField]:
    out = []
    for i, f in enumerate(iv.visible_fields(step)):
        name = f"f{i}"
        if f.kind == "flags":
            value = [str(n) for n, (p, _l) in enumerate(f.options)
                     if (posted is not None and str(n) in posted.get(name, []))
                     or (posted is None and iv.answer(p) is True)]
            options = [(str(n), label) for n, (_p, label) in enumerate(f.options)]
        else:
            saved = iv.answer(step.path(f.path))
            value = _posted_value(f.kind, posted, name) if posted is not None \
                else shown(f.kind, saved)
            options = list(f.options)
        if f.kind == "state":
            options = sorted(participating_states(iv.year).items(), key=lambda kv: kv[1])
        if f.kind in ("date", "paydate"):
            options = [(str(n), formats.date_format(dt.date(2000, n, 1), "F"))
                       for n, _m in MONTHS]
        out.append(BoundField(name, f.kind, fill_years(f.label, iv.year),
                              fill_years(f.hint, iv.year), value, f.required, options,
                              (errors or {}).get(name, ""), (warnings or {}).get(name, "")))
    return out


def _posted_value(kind: str, posted: dict, name: str):
    if kind in ("date", "paydate"):
        return {k: _first(posted.get(f"{name}_{k}")) for k in ("month", "day", "year")}
    return _first(posted.get(name))


def _first(value):
    if isinstance(value, list):
        return value[0] if value else ""
    return value or ""


@dataclass
class Parsed:
    values: dict
    errors: dict
    warnings: dict


def parse_screen(iv: Interview, step: Step, posted: dict, today: dt.date,
                 partial: bool = False) -> Parsed:
    """Read a posted screen. With `partial` (going back, or the session timing out), empty
    fields are not errors and fields in error are left out, so what is valid is still saved."""
    ctx = Context(iv.year, today)
    values: dict = {}
    errors: dict = {}
    fields = iv.visible_fields(step)
    for i, f in enumerate(fields):
        name = f"f{i}"
        if f.kind == "flags":
            chosen = set(posted.get(name, []))
            for n, (path, _label) in enumerate(f.options):
                values[path] = str(n) in chosen
            continue
        raw = _posted_value(f.kind, posted, name)
        try:
            value = parse(f.kind, raw, ctx, f.options)
        except Invalid as error:
            errors[name] = str(error)
            continue
        path = step.path(f.path)
        if value is None:
            if f.required and not partial:
                errors[name] = _("Answer this question to continue.") \
                    if f.kind in ("yesno", "choice", "select") else \
                    _("Enter %(label)s.") % {"label": fill_years(f.label, iv.year)}
                continue
            if f.required:
                continue
        if f.kind == "agree" and not value and not partial:
            errors[name] = _("Check the box to sign your return.")
            continue
        values[path] = value
    for i, f in enumerate(fields):
        path = step.path(f.path)
        if path.startswith("/signing/") and path.endswith("/dateOfBirth") and path in values:
            given = iv.answer("/secondaryFiler/dateOfBirth" if "/spouse/" in path
                              else "/primaryFiler/dateOfBirth")
            if given and values[path] != given:
                errors[f"f{i}"] = _("This does not match the date of birth on your return. "
                                    "Check both; change the one in You and your family if "
                                    "that one is wrong.")
                values.pop(path)
    warnings: dict = {}
    if values:
        by_path = {step.path(f.path): f"f{i}" for i, f in enumerate(fields)}
        for issue in _issues_after(iv, values):
            name = by_path.get(issue.field)
            if name is None:
                continue
            if issue.severity == "error":
                errors.setdefault(name, issue_words(issue))
                values.pop(issue.field, None)
            else:
                warnings.setdefault(name, issue_words(issue))
    if partial:
        return Parsed(values, {}, warnings)
    return Parsed(values, errors, warnings)


def _issues_after(iv: Interview, values: dict) -> list:
    """The engine's checks on the answers as they would be with this screen saved."""
    return validate(graph_for({**iv.answers, **values}, iv.year))


def screen_paths(iv: Interview, step: Step) -> list[str]:
    return [p for f in iv.visible_fields(step) for p in field_paths(f, step)]
