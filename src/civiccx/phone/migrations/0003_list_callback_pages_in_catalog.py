"""The catalog names each phone line's callback page (ServiceChannel.url), so the help center
offers it from the catalog instead of reading phone's queues."""

from django.db import migrations
from django.urls import reverse
from django.utils import translation


def list_queues(apps, schema_editor):
    CallQueue = apps.get_model("phone", "CallQueue")
    ServiceChannel = apps.get_model("services", "ServiceChannel")
    for queue in CallQueue.objects.all():
        with translation.override("en"):
            url = reverse("phone:request-callback", args=[queue.slug])
        ServiceChannel.objects.update_or_create(service_id=queue.service_id, channel="phone",
                                                defaults={"url": url})


class Migration(migrations.Migration):

    dependencies = [
        ('phone', '0002_alter_agentstate_status'),
        ('services', '0002_interaction_corrections_visit_steps_channel_urls'),
    ]

    operations = [
        migrations.RunPython(list_queues, migrations.RunPython.noop),
    ]
