from django.apps import AppConfig


class MetricsConfig(AppConfig):
    name = "civiccx.metrics"
    label = "metrics"
    verbose_name = "Metrics"
    # Runs after every other app's demo data (it is last in INSTALLED_APPS): the demo's
    # rollups are rebuilt from the raw rows the other apps seeded.
    demo_seed = "civiccx.metrics.demo.seed"

    def ready(self):
        from civiccx.metrics import receivers, sources, spine

        receivers.connect()
        sources.register()
        spine.register()
