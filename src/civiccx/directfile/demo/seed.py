"""Direct File's part of `civiccx seed_demo`: the agency's prior-year records for its demo
people (to sign with last year's AGI or PIN), and the demo taxpayer's returns: 2023 accepted
with its refund sent, 2024 in progress."""

from __future__ import annotations

import json
from datetime import timedelta

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
    step = progress.add_task("Direct File", total=2)
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
    return ["Direct File: the demo taxpayer has a 2023 return (accepted, refund sent) and a "
            "2024 return in progress; demo prior-year AGIs are in directfile/demo/seed.py.", ""]


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
