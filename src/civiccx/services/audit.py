"""Record every staff read of personal information in the audit log."""

from auditlog.signals import accessed


def record_pii_read(request, instance) -> None:
    """Log that the signed-in staff member viewed PII on `instance` (an ACCESS log entry)."""
    accessed.send(sender=instance.__class__, instance=instance)
