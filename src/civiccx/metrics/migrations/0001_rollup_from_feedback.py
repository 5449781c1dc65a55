"""The Rollup model moves from feedback to metrics: the table and its rows stay (state only);
its rename to metrics_rollup follows in 0002, once feedback has let go of it."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('feedback', '0002_rollup_shards'),
        ('services', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Rollup',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('channel', models.CharField(choices=[('phone', 'Phone'), ('web', 'Online'), ('in_person', 'In person'), ('mail', 'Mail')], max_length=16)),
                        ('fiscal_quarter', models.CharField(max_length=8)),
                        ('language', models.CharField(max_length=8)),
                        ('metric', models.CharField(max_length=40)),
                        ('shard', models.PositiveSmallIntegerField(default=0, help_text='Writers spread over shards so no single row is a hot spot; readers sum the shards.')),
                        ('c0', models.BigIntegerField(default=0)),
                        ('c1', models.BigIntegerField(default=0)),
                        ('c2', models.BigIntegerField(default=0)),
                        ('c3', models.BigIntegerField(default=0)),
                        ('c4', models.BigIntegerField(default=0)),
                        ('c5', models.BigIntegerField(default=0)),
                        ('service', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='rollups', to='services.service')),
                    ],
                    options={
                        'db_table': 'feedback_rollup',
                        'indexes': [models.Index(fields=['fiscal_quarter', 'metric'], name='feedback_ro_fiscal__f2ac29_idx')],
                        'constraints': [models.UniqueConstraint(fields=('service', 'channel', 'fiscal_quarter', 'language', 'metric', 'shard'), name='unique_rollup_cell_shard')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
