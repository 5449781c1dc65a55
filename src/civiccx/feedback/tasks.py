"""Background work for feedback (run by `civiccx db_worker`)."""

from django_tasks import task

from civiccx.feedback.invitations import deliver_invitation, send_due_reminders


@task()
def send_invitation(invitation_pk: int) -> bool:
    return deliver_invitation(invitation_pk)


@task()
def send_reminders() -> int:
    """Hourly: one reminder per unanswered invitation, never two."""
    return send_due_reminders()
