"""Escalations (a help search followed by a callback request or a booked visit) are steps of a
visit across channels, so they move to the spine: every row is copied to services.VisitStep
before the help table goes. Reversible: the steps are copied back."""

from django.db import migrations

STEP_OF_CHANNEL = {"phone": "callback_requested", "in_person": "visit_booked"}
CHANNEL_OF_STEP = {step: channel for channel, step in STEP_OF_CHANNEL.items()}


def copy_to_visit_steps(apps, schema_editor):
    Escalation = apps.get_model("help", "Escalation")
    VisitStep = apps.get_model("services", "VisitStep")
    rows = Escalation.objects.order_by("pk").values_list("visit", "channel", "at")
    VisitStep.objects.bulk_create(
        (VisitStep(visit=visit, channel=channel, at=at,
                   step=STEP_OF_CHANNEL.get(channel, "callback_requested"))
         for visit, channel, at in rows.iterator()), batch_size=2000)


def copy_back(apps, schema_editor):
    Escalation = apps.get_model("help", "Escalation")
    VisitStep = apps.get_model("services", "VisitStep")
    rows = VisitStep.objects.order_by("pk").values_list("visit", "step", "at")
    Escalation.objects.bulk_create(
        (Escalation(visit=visit, channel=CHANNEL_OF_STEP[step], at=at)
         for visit, step, at in rows.iterator()), batch_size=2000)


class Migration(migrations.Migration):

    dependencies = [
        ('help', '0001_initial'),
        ('services', '0002_interaction_corrections_visit_steps_channel_urls'),
    ]

    operations = [
        migrations.RunPython(copy_to_visit_steps, copy_back),
        migrations.DeleteModel(
            name='Escalation',
        ),
    ]
