"""Core records: reports of problems with a page (a public form every page offers)."""

from auditlog.registry import auditlog
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProblemReport(models.Model):
    """Someone told us a page did not work for them. The text is redacted before it is stored."""

    page = models.CharField(_("page"), max_length=500)
    what_happened = models.TextField(_("what happened"), max_length=2000)
    language = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Problem on {self.page}"


auditlog.register(ProblemReport)
