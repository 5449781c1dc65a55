"""Local development and the demo: debug on, a fixed development secret, SQLite by default."""

from civiccx.settings.base import *  # noqa: F403
from civiccx.settings.base import SECRET_KEY
from civiccx.settings.environment import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "development-only-secret-key-not-for-production"  # noqa: S105
# A fixed development key so the demo's encrypted fields survive restarts; never used in production.
CIVICCX_FIELD_KEYS = ["Y2l2aWNjeC1kZXZlbG9wbWVudC1vbmx5LWtleS0wMDA="]
TWILIO_AUTH_TOKEN = "development-twilio-token"  # noqa: S105
