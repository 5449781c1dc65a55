"""Gunicorn's logger with personal information redacted from its access and error logs.

Gunicorn configures its own log handlers, outside Django's LOGGING, so its access log would
print search queries (``GET /help/search/?q=123-45-6789``) in clear. Run it with::

    gunicorn --logger-class civiccx.core.gunicorn_logging.RedactingLogger civiccx.wsgi
"""

from __future__ import annotations

from gunicorn.glogging import Logger

from civiccx.core.redaction import PIIRedactingFilter


class RedactingLogger(Logger):
    def setup(self, cfg):
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, PIIRedactingFilter) for f in log.filters):
                log.addFilter(PIIRedactingFilter())
