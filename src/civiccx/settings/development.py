"""Local development and the demo: debug on, a fixed development secret, SQLite by default."""

from civiccx.settings.base import *  # noqa: F403
from civiccx.settings.base import SECRET_KEY
from civiccx.settings.environment import env_bool

# DEBUG stays off in the demo, as in production: a technical 404 page would list every route
# to anyone. Set DEBUG=1 to see Django's debug pages while developing.
DEBUG = env_bool("DEBUG", False)
# Development conveniences that do not depend on DEBUG: static files served from the apps
# without collectstatic, and commands for the demo only (civiccx demo_code).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
CIVICCX_DEVELOPMENT = True
SECRET_KEY = SECRET_KEY or "development-only-secret-key-not-for-production"  # noqa: S105
# A fixed development key so the demo's encrypted fields survive restarts; never used in production.
CIVICCX_FIELD_KEYS = ["Y2l2aWNjeC1kZXZlbG9wbWVudC1vbmx5LWtleS0wMDA="]
# TWILIO_AUTH_TOKEN comes from the environment (settings/base.py) like in production: a token
# published here would let anyone forge webhooks on a `civiccx serve` site. Unset, the phone
# webhooks answer 503; the published test token is only in settings/test.py.
