"""Background work for the help center (run by `civiccx db_worker`; enqueued by
`civiccx periodic`)."""

from django_tasks import task

from civiccx.help.reminders import send_review_reminders as _send_review_reminders


@task()
def send_review_reminders() -> int:
    """Daily or more often: email editors the articles whose review date has come (each at most
    once a week)."""
    return _send_review_reminders()
