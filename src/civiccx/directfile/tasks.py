"""Background jobs (django-tasks; the worker is `civiccx db_worker`): deciding each submitted
return, a sweep that decides any whose task was lost, and the refund schedule (the last two
run by `civiccx periodic`). Each is safe to run twice or to be killed and run again."""

from django_tasks import task

from civiccx.directfile import processing


@task()
def process_submission(submission_id: int) -> str:
    return processing.process_submission(submission_id)


@task()
def process_submitted() -> dict:
    return processing.process_submitted()


@task()
def advance_refunds() -> int:
    return processing.advance_refunds()
