from django.core.management.base import BaseCommand

from civiccx.walkin.booking import apply_no_show_rule, purge_contact_details
from civiccx.walkin.messages import send_reminders


class Command(BaseCommand):
    help = ("Send tomorrow's appointment reminders, apply the no-show rule and erase expired "
            "contact details (run hourly).")

    def handle(self, *args, **options):
        missed = apply_no_show_rule()
        reminded = send_reminders()
        erased = purge_contact_details()
        self.stdout.write(f"Reminded {reminded}; marked {missed} missed; erased {erased} "
                          "expired contact details.")
