from django.core.management.base import BaseCommand

from civiccx.walkin.services import apply_no_show_rule, send_reminders


class Command(BaseCommand):
    help = "Send tomorrow's appointment reminders and apply the no-show rule (run hourly)."

    def handle(self, *args, **options):
        missed = apply_no_show_rule()
        reminded = send_reminders()
        self.stdout.write(f"Reminded {reminded}; marked {missed} missed.")
