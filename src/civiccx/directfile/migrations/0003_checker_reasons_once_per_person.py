"""A checker visit found out of scope was one `checker_not_eligible` event per reason, so the
funnel counted such a person once per reason (issue #13). Each of those events becomes a
`checker_reason`, and each visit (its journey id; a row without one counts alone) gets one
`checker_not_eligible` again. Then run `civiccx metrics rebuild` to recount the rollups."""

from django.db import migrations, models
from django.db.models import Min


def one_event_per_person(apps, schema_editor):
    FunnelEvent = apps.get_model("directfile", "FunnelEvent")
    per_reason = FunnelEvent.objects.filter(kind="checker_not_eligible").exclude(code="")
    ids = list(per_reason.values_list("pk", flat=True))
    FunnelEvent.objects.filter(pk__in=ids).update(kind="checker_reason")
    reasons = FunnelEvent.objects.filter(pk__in=ids)
    people = [FunnelEvent(kind="checker_not_eligible", journey="", tax_year=e.tax_year,
                          language=e.language, at=e.at)
              for e in reasons.filter(journey="")]
    for visit in (reasons.exclude(journey="").values("journey", "tax_year", "language")
                  .annotate(first=Min("at")).order_by()):
        people.append(FunnelEvent(kind="checker_not_eligible", journey=visit["journey"],
                                  tax_year=visit["tax_year"], language=visit["language"],
                                  at=visit["first"]))
    FunnelEvent.objects.bulk_create(people, batch_size=1000)


def one_event_per_reason(apps, schema_editor):
    FunnelEvent = apps.get_model("directfile", "FunnelEvent")
    FunnelEvent.objects.filter(kind="checker_not_eligible").delete()
    FunnelEvent.objects.filter(kind="checker_reason").update(kind="checker_not_eligible")


class Migration(migrations.Migration):

    dependencies = [
        ('directfile', '0002_accepted_claims'),
    ]

    operations = [
        migrations.AlterField(
            model_name='funnelevent',
            name='kind',
            field=models.CharField(choices=[('checker_started', 'Eligibility checker started'), ('checker_step', 'Eligibility checker step answered'), ('checker_eligible', 'Checker: can likely use Direct File'), ('checker_not_eligible', 'Checker: out of scope'), ('checker_reason', 'Checker: a reason it is out of scope'), ('return_started', 'Return started'), ('return_resumed', 'Return resumed'), ('section_completed', 'Section completed'), ('knockout', 'Knocked out'), ('review_reached', 'Review reached'), ('signed', 'Signed'), ('submitted', 'Submitted'), ('accepted', 'Accepted'), ('rejected', 'Rejected'), ('timed_out', 'Session timed out')], max_length=24),
        ),
        migrations.RunPython(one_event_per_person, one_event_per_reason),
    ]
