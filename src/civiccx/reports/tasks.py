"""Background work for progress reports (run by `civiccx db_worker`; enqueued by
`civiccx periodic`)."""

from django.utils import timezone
from django_tasks import task

from civiccx.reports.building import draft_closed_quarter


@task()
def draft_quarterly_reports() -> int:
    """Daily: once a quarter has closed, draft each designated service's report from the data,
    so the agency can publish within days rather than the 30 A-11 allows."""
    return len(draft_closed_quarter(timezone.localdate()))
