"""Background work for walk-in centers (run by `civiccx db_worker`, or hourly by
`civiccx walkin_hourly` from cron)."""

from django_tasks import task

from civiccx.walkin.booking import apply_no_show_rule, purge_contact_details
from civiccx.walkin.messages import send_reminders


@task()
def send_appointment_reminders() -> int:
    """Hourly: text and email everyone booked for tomorrow, once, with a one-tap cancel link."""
    return send_reminders()


@task()
def mark_missed_appointments() -> int:
    """Every few minutes: apply each center's no-show rule so missed times go to walk-ins."""
    return apply_no_show_rule()


@task()
def erase_expired_contact_details() -> int:
    """Daily: erase visitors' names, emails and numbers past the service's retention period."""
    return purge_contact_details()
