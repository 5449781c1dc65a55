"""Direct File's part of `civiccx seed_demo`: the agency's prior-year records for its demo
people (to sign with last year's AGI or PIN), and the demo taxpayer's returns: 2023 accepted
with its refund sent, 2024 in progress."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from civiccx.accounts.models import User
from civiccx.core.fields import blind_index
from civiccx.directfile.interview import Interview
from civiccx.directfile.models import PriorYearRecord, TaxReturn
from civiccx.directfile.processing import process_submission
from civiccx.directfile.scenarios import walk
from civiccx.directfile.submissions import submit
from civiccx.taxengine.money import cents

# Fictional people (SSNs in the 400-xx range the demo uses; never real).
PEOPLE = [
    {"name": "Pat Rivera", "tin": "400-11-2233", "dob": "1988-04-12",
     "agi": {2022: "41250.00", 2023: "43800.00"}, "pin": "24680", "ip_pin": ""},
    {"name": "Rosa Martínez", "tin": "400-22-3344", "dob": "1979-09-30",
     "agi": {2023: "26400.00"}, "pin": "13579", "ip_pin": "456789"},
    {"name": "Sam Okoro", "tin": "400-33-4455", "dob": "1957-01-15",
     "agi": {2023: "38900.00"}, "pin": "11223", "ip_pin": ""},
]
TAXPAYER = "public-demo-taxpayer"


def _pat(year: int, **signing) -> dict:
    person = PEOPLE[0]
    first, last = person["name"].split()
    return {"answers": {
        "/filingStatus": "single", "/primaryFiler/firstName": first,
        "/primaryFiler/lastName": last, "/primaryFiler/tin": person["tin"],
        "/primaryFiler/dateOfBirth": person["dob"], "/address/street": "1200 W Van Buren St",
        "/address/city": "Phoenix", "/address/state": "AZ", "/address/zip": "85007",
        "/contact/email": "taxpayer@example.com", "/contact/updatesByEmail": True,
        "/signing/primary/filedLastYear": True, "/signing/primary/method": "agi",
        "/signing/primary/priorYearAgi": person["agi"][year - 1],
        "/signing/primary/dateOfBirth": person["dob"], **signing},
        "loops": {"w2s": [{"employerName": "Desert Valley Clinic", "ein": "86-1234567",
                           "wages": "44600.00", "federalWithholding": "4100.00",
                           "socialSecurityWages": "44600.00", "socialSecurityTax": "2765.20",
                           "medicareWages": "44600.00", "medicareTax": "646.70"}]}}


@transaction.atomic
def seed(options, progress) -> list[str]:
    step = progress.add_task("Direct File", total=4)
    for person in PEOPLE:
        for year, agi in person["agi"].items():
            PriorYearRecord.objects.get_or_create(
                tin_index=blind_index(person["tin"]), tax_year=year, defaults={
                    "tin": person["tin"], "name": person["name"],
                    "date_of_birth": person["dob"], "agi_cents": cents(agi),
                    "self_select_pin": person["pin"], "ip_pin": person["ip_pin"]})
    progress.advance(step)
    taxpayer = User.objects.filter(username=TAXPAYER).first()
    if taxpayer is not None and not TaxReturn.objects.filter(owner=taxpayer).exists():
        _returns(taxpayer)
    progress.advance(step)
    processed = _processed_filers() if not TaxReturn.objects.filter(
        owner__username__startswith=FILER_PREFIX).exists() else 0
    progress.advance(step)
    from civiccx.directfile.demo.history import seed_history
    history = seed_history()
    progress.advance(step)
    return ["Direct File: the demo taxpayer has a 2023 return (accepted, refund sent) and a "
            "2024 return in progress; demo prior-year AGIs are in directfile/demo/seed.py.",
            f"Direct File processing: {processed} demo filers' returns processed by the worker "
            f"(accepted, rejected and fixed, a balance due); {history}. Statistics: "
            "/direct-file/statistics/, staff console: /staff/direct-file/processing/.", ""]


FILER_PREFIX = "demo-filer-"


def _processed_filers() -> int:
    """A few filers through processing, in the 2025 filing season (tax year 2024): accepted
    refunds (approved and sent on the schedule), a rejection fixed and resubmitted, a
    duplicate SSN left rejected, a balance due."""
    from civiccx.directfile.processing import advance_refunds, process_submitted
    from civiccx.directfile.returns import save_answers

    start = timezone.make_aware(datetime(2025, 2, 3, 10))
    owes = _pat(2024)
    owes["loops"]["w2s"][0]["federalWithholding"] = "0.00"
    people = [("AZ", _pat(2024), {}), ("TX", _pat(2024), {}), ("CA", owes, {}),
              ("NY", _pat(2024), {"/signing/primary/priorYearAgi": "1.00"}),
              ("FL", _pat(2024), {}), ("AZ", _pat(2024), {"/primaryFiler/tin": "400-44-0001"})]
    made = []
    for n, (state, scenario, extra) in enumerate(people):
        answers = {**scenario["answers"], "/address/state": state,
                   "/primaryFiler/tin": f"400-44-{n + 1:04d}",
                   "/signing/primary/filedLastYear": False, **extra}
        if "priorYearAgi" in str(extra):
            answers["/signing/primary/filedLastYear"] = True
            PriorYearRecord.objects.get_or_create(
                tin_index=blind_index(answers["/primaryFiler/tin"]), tax_year=2023,
                defaults={"tin": answers["/primaryFiler/tin"], "name": "Demo Filer",
                          "date_of_birth": PEOPLE[0]["dob"], "agi_cents": cents("39000.00"),
                          "self_select_pin": "", "ip_pin": ""})
        owner = User.objects.create(username=f"{FILER_PREFIX}{n + 1}")
        done = walk({**scenario, "answers": answers})
        tr = TaxReturn.objects.create(owner=owner, tax_year=2024,
                                      answers_json=json.dumps(done.answers),
                                      started_at=start - timedelta(days=3))
        submit(tr, f"demo-filer-{n}", language="es" if n % 3 == 1 else "en",
               now=start + timedelta(days=n))
        made.append(tr)
    process_submitted(now=start + timedelta(days=6))
    fixed = TaxReturn.objects.get(pk=made[3].pk)
    save_answers(fixed, {"/signing/primary/priorYearAgi": "39000.00"}, fixed.version,
                 "sign-primary-agi")
    submit(fixed, "demo-filer-fixed", now=start + timedelta(days=8))
    process_submitted(now=start + timedelta(days=8, hours=1))
    for days in range(9, 30):
        advance_refunds(now=start + timedelta(days=days))
    return len(made)


def _returns(taxpayer) -> None:
    now = timezone.now()
    done = walk(_pat(2023))
    accepted = TaxReturn.objects.create(owner=taxpayer, tax_year=2023,
                                        answers_json=json.dumps(done.answers),
                                        started_at=now - timedelta(days=300))
    submission = submit(accepted, "demo-2023", now=now - timedelta(days=290))
    process_submission(submission.pk, now=now - timedelta(days=290))
    accepted.refresh_from_db()
    accepted.approve_refund(submission, now - timedelta(days=289))
    accepted.send_refund(submission, now - timedelta(days=282))
    accepted.save()
    partial = {k: v for k, v in walk(_pat(2024)).answers.items()
               if not k.startswith(("/signing", "/reviewed", "/refundMethod", "/bank"))}
    in_progress = TaxReturn.objects.create(owner=taxpayer, tax_year=2024,
                                           answers_json=json.dumps(partial),
                                           started_at=now - timedelta(days=2))
    iv = Interview(partial, 2024)
    step = iv.next_step()
    TaxReturn.objects.filter(pk=in_progress.pk).update(last_screen=step.key if step else "")
