"""Rollup now belongs to the metrics app (metrics 0001 took it over); the table stays."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('feedback', '0002_rollup_shards'),
        ('metrics', '0001_rollup_from_feedback'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Rollup')],
            database_operations=[],
        ),
    ]
