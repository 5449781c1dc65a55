"""Starting, resuming and saving a return: one per person per tax year, partial saves with a
version check, collection items added and removed."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from functools import lru_cache

from django.db import IntegrityError, transaction
from django.utils import timezone

from civiccx.directfile.funnel import record
from civiccx.directfile.interview import Interview, Loop, remove_item
from civiccx.directfile.models import EDITABLE, FunnelEvent, TaxReturn

TAX_YEARS = (2024, 2023)
DEFAULT_YEAR = 2024


class SaveConflict(Exception):  # noqa: N818
    """The page was shown before another tab or device saved some of the same answers."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__(", ".join(paths))
        self.paths = paths


class NotEditable(Exception):  # noqa: N818
    """The return was submitted; it changes again only if it is rejected."""


@dataclass
class Saved:
    tax_return: TaxReturn
    changed: list[str]


def start_return(owner, year: int, language: str, prefill: dict | None = None) -> TaxReturn:
    """The person's return for `year`, created on first visit (with what the eligibility
    checker already learned). Two tabs starting at once still make one return."""
    existing = TaxReturn.objects.filter(owner=owner, tax_year=year).first()
    if existing:
        record(FunnelEvent.Kind.RETURN_RESUMED, tax_year=year, language=language)
        return existing
    answers = dict(prefill or {})
    try:
        with transaction.atomic():
            tr = TaxReturn.objects.create(owner=owner, tax_year=year, language=language,
                                          answers_json=json.dumps(answers),
                                          written=dict.fromkeys(answers, 0))
    except IntegrityError:
        return TaxReturn.objects.get(owner=owner, tax_year=year)
    record(FunnelEvent.Kind.RETURN_STARTED, tax_year=year, language=language)
    return tr


def _write(tr: TaxReturn, answers: dict, changed: list[str], screen: str, *,
           only_if_unchanged: bool = False) -> bool:
    """Write the answers and bump the version; with `only_if_unchanged`, only if the row still
    has the version and an editable status `tr` was read with (False when it had not)."""
    new_version = tr.version + 1
    written = dict(tr.written)
    for p in changed:
        written[p] = new_version
    rows = TaxReturn.objects.filter(pk=tr.pk)
    if only_if_unchanged:
        rows = rows.filter(version=tr.version, status__in=EDITABLE)
    text = json.dumps(answers)
    if not rows.update(answers_json=text, written=written, version=new_version,
                       last_screen=screen, updated_at=timezone.now()):
        return False
    tr.answers_json, tr.written, tr.version, tr.last_screen = text, written, new_version, screen
    return True


def save_answers(tax_return: TaxReturn, values: dict, seen_version: int, screen: str) -> Saved:
    """Save the answers one screen changed. Refused with SaveConflict when another save, made
    after this page was shown (`seen_version`), wrote a different value to one of them.

    No row lock and no second read: the return as this request read it is written by one
    conditional UPDATE (only if its version and an editable status are still the ones read).
    If another save came first, the return is read again and the save checked again."""
    tr = tax_return
    for _attempt in range(5):
        if not tr.editable:
            raise NotEditable
        answers = tr.answers
        changed = [p for p, v in values.items() if p not in answers or answers[p] != v]
        conflicts = [p for p in changed if tr.written.get(p, 0) > seen_version]
        if conflicts:
            raise SaveConflict(conflicts)
        if not changed and screen == tr.last_screen:
            return Saved(tr, changed)
        answers.update({p: values[p] for p in changed})
        if _write(tr, answers, changed, screen, only_if_unchanged=True):
            return Saved(tr, changed)
        tr = TaxReturn.objects.get(pk=tax_return.pk)
    raise SaveConflict(sorted(values))


def add_item(tax_return: TaxReturn, loop: Loop) -> tuple[TaxReturn, str]:
    with transaction.atomic():
        tr = TaxReturn.objects.select_for_update().get(pk=tax_return.pk)
        if not tr.editable:
            raise NotEditable
        answers = tr.answers
        item = secrets.token_hex(4)
        answers[loop.collection] = [*answers.get(loop.collection, []), item]
        answers.pop(loop.done, None)
        _write(tr, answers, [loop.collection, loop.done], loop.key)
    return tr, item


def drop_item(tax_return: TaxReturn, loop: Loop, item: str) -> TaxReturn:
    with transaction.atomic():
        tr = TaxReturn.objects.select_for_update().get(pk=tax_return.pk)
        if not tr.editable:
            raise NotEditable
        answers = remove_item(tr.answers, loop, item)
        _write(tr, answers, [loop.collection], loop.key)
    return tr


def finish_loop(tax_return: TaxReturn, loop: Loop) -> TaxReturn:
    with transaction.atomic():
        tr = TaxReturn.objects.select_for_update().get(pk=tax_return.pk)
        if not tr.editable:
            raise NotEditable
        answers = tr.answers
        answers.setdefault(loop.collection, [])
        answers[loop.done] = True
        _write(tr, answers, [loop.done], loop.key)
    return tr


def interview_for(tax_return: TaxReturn) -> Interview:
    """The interview for a return's saved answers. A save is usually followed by a redirect
    that shows the next screen for the same answers, so recent interviews are kept (by the
    exact saved text; an Interview never changes once built)."""
    return _interview(tax_return.answers_json, tax_return.tax_year)


@lru_cache(maxsize=64)
def _interview(answers_json: str, year: int) -> Interview:
    return Interview(json.loads(answers_json), year)


def personal_records(user) -> list:
    """The person's returns for "My records", each linking to where it stands."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from civiccx.core.personal_records import PersonalRecord

    if not user.is_authenticated:
        return []
    out = []
    for tr in TaxReturn.objects.filter(owner=user).order_by("-tax_year"):
        url = reverse("directfile:hub" if tr.editable else "directfile:status",
                      args=[tr.tax_year])
        out.append(PersonalRecord("tax_return", _("Your %(year)s federal return") % {
            "year": tr.tax_year}, tr.get_status_display(), tr.updated_at, url))
    return out
