"""Background work for the catalog and the spine (run by `civiccx db_worker`)."""

from django_tasks import task

from civiccx.services.interactions import purge_expired_contacts


@task()
def purge_expired_contact_details() -> int:
    """Daily: erase customers' contact details past their service's retention period."""
    return purge_expired_contacts()
