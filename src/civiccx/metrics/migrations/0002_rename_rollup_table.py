"""The rollup table takes the metrics app's name; its rows are kept."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('metrics', '0001_rollup_from_feedback'),
        ('feedback', '0003_rollup_moves_to_metrics'),
    ]

    operations = [
        migrations.AlterModelTable(name='rollup', table='metrics_rollup'),
        migrations.RenameIndex(model_name='rollup', new_name='metrics_rollup_quarter_idx',
                               old_name='feedback_ro_fiscal__f2ac29_idx'),
    ]
