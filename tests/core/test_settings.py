"""Bad configuration gets a specific message naming the variable and a good example."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from civiccx.settings.environment import database_from_url, env_bool, env_seconds

pytestmark = pytest.mark.pure


@pytest.mark.parametrize(("url", "message"), [
    ("civiccx.sqlite3", "is not a database URL"),
    ("mysql://root@localhost/civiccx", "unsupported scheme 'mysql'"),
    ("postgres://user@localhost:5432", "names no database"),
    ("postgres://user@localhost:notaport/db", "could not be read"),
])
def test_malformed_database_url_is_explained(url, message):
    with pytest.raises(ImproperlyConfigured, match=message) as raised:
        database_from_url(url)
    assert "DATABASE_URL" in str(raised.value)


def test_password_is_hidden_in_the_message():
    with pytest.raises(ImproperlyConfigured) as raised:
        database_from_url("mysql://admin:hunter2@db/civiccx")
    assert "hunter2" not in str(raised.value)


def test_good_urls_parse(tmp_path):
    sqlite = database_from_url(f"sqlite:///{tmp_path}/x.sqlite3")
    assert sqlite["ENGINE"] == "django.db.backends.sqlite3"
    postgres = database_from_url("postgres://civiccx:pw@db.internal:5432/civiccx")
    assert postgres["NAME"] == "civiccx" and postgres["HOST"] == "db.internal"


def test_boolean_settings_reject_nonsense(monkeypatch):
    monkeypatch.setenv("CIVICCX_GOV_BANNER", "maybe")
    with pytest.raises(ImproperlyConfigured, match="CIVICCX_GOV_BANNER must be true or false"):
        env_bool("CIVICCX_GOV_BANNER")


@pytest.mark.parametrize("raw", ["soon", "-1", "nan"])
def test_seconds_settings_reject_nonsense(monkeypatch, raw):
    monkeypatch.setenv("HELP_SEARCH_CHECK_SECONDS", raw)
    with pytest.raises(ImproperlyConfigured,
                       match="HELP_SEARCH_CHECK_SECONDS must be a number of seconds"):
        env_seconds("HELP_SEARCH_CHECK_SECONDS", 2.0)
    monkeypatch.setenv("HELP_SEARCH_CHECK_SECONDS", "0.5")
    assert env_seconds("HELP_SEARCH_CHECK_SECONDS", 2.0) == 0.5
