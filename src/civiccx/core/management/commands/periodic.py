"""`civiccx periodic`: enqueue the recurring background jobs. Run it from cron (e.g. every
15 minutes); the task worker (`civiccx db_worker`) does the work. Each job is safe to repeat."""

from django.core.management.base import BaseCommand

PERIODIC_TASKS = [
    "civiccx.feedback.tasks.send_reminders",
    "civiccx.services.tasks.purge_expired_contact_details",
    "civiccx.walkin.tasks.send_appointment_reminders",
    "civiccx.walkin.tasks.mark_missed_appointments",
    "civiccx.walkin.tasks.erase_expired_contact_details",
    "civiccx.help.tasks.send_review_reminders",
    "civiccx.directfile.tasks.process_submitted",
    "civiccx.directfile.tasks.advance_refunds",
    "civiccx.research.tasks.purge_expired_research_data",
    "civiccx.reports.tasks.draft_quarterly_reports",
]


class Command(BaseCommand):
    help = ("Enqueue recurring jobs: survey and appointment reminders, no-shows, retention "
            "purges, help article review reminders, quarterly report drafts.")

    def handle(self, *args, **options):
        from django.utils.module_loading import import_string

        for path in PERIODIC_TASKS:
            result = import_string(path).enqueue()
            self.stdout.write(f"Enqueued {path} ({result.id})")
