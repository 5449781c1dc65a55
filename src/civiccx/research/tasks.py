"""Background work for research (run by `civiccx db_worker`; enqueued by `civiccx periodic`)."""

from django_tasks import task

from civiccx.research.services import purge_expired


@task()
def purge_expired_research_data() -> int:
    """Delete original uploads, contact details and old notes whose retention has ended; one
    receipt per study and run. Returns how many receipts were issued."""
    return len(purge_expired())
