"""Background jobs: move accepted refunds along (run by `civiccx periodic`)."""

from django_tasks import task

from civiccx.directfile.processing import advance_refunds as _advance


@task()
def advance_refunds() -> int:
    return _advance()
