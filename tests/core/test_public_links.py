"""Links in texts, emails and QR codes start with the site's public address, in the reader's
language, and the address follows the port the site is served on."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from civiccx.core.public_links import path_in_language, public_url
from civiccx.demo_server import set_public_address
from civiccx.settings.environment import env_public_url


def test_a_public_link_uses_the_configured_address_and_the_language(settings):
    settings.CIVICCX_PUBLIC_URL = "http://127.0.0.1:8100/"
    assert public_url("walkin:manage", language="es") == \
        "http://127.0.0.1:8100/es/visit/appointment/"
    assert public_url("walkin:manage", language="en") == \
        "http://127.0.0.1:8100/visit/appointment/"
    assert public_url("walkin:kiosk", "austin", query={"code": "K7P2 X9&M"}) == \
        "http://127.0.0.1:8100/visit/austin/kiosk/?code=K7P2+X9%26M"


def test_the_language_of_the_page_being_served_does_not_leak_into_a_link():
    with translation.override("es"):
        assert path_in_language("walkin:manage", language="en") == "/visit/appointment/"
        assert path_in_language("walkin:manage") == "/es/visit/appointment/"
        assert translation.get_language() == "es"


def test_serving_on_a_port_makes_that_the_public_address():
    environ = {}
    assert set_public_address("8100", environ) == "http://127.0.0.1:8100"
    assert environ == {"CIVICCX_PUBLIC_URL": "http://127.0.0.1:8100"}
    configured = {"CIVICCX_PUBLIC_URL": "https://www.agency.gov"}
    assert set_public_address("8100", configured) == "https://www.agency.gov"


def test_the_public_address_setting_is_read_and_checked(monkeypatch):
    monkeypatch.setenv("CIVICCX_PUBLIC_URL", "https://www.agency.gov/")
    assert env_public_url("CIVICCX_PUBLIC_URL", "x") == "https://www.agency.gov"
    monkeypatch.setenv("CIVICCX_PUBLIC_URL", "")
    assert env_public_url("CIVICCX_PUBLIC_URL", "http://127.0.0.1:8000") == \
        "http://127.0.0.1:8000"
    for bad in ("www.agency.gov", "ftp://agency.gov", "https://agency.gov/path",
                "https://agency.gov:port"):
        monkeypatch.setenv("CIVICCX_PUBLIC_URL", bad)
        with pytest.raises(ImproperlyConfigured, match="CIVICCX_PUBLIC_URL"):
            env_public_url("CIVICCX_PUBLIC_URL", "x")


def test_a_process_started_by_serve_on_another_port_links_to_that_port():
    """What `PORT=8100 civiccx serve` hands its web server and task worker."""
    script = (
        "import os\n"
        "from civiccx.demo_server import set_public_address\n"
        "set_public_address(os.environ['PORT'])\n"
        "import django\n"
        "django.setup()\n"
        "from civiccx.core.public_links import public_url\n"
        "print(public_url('walkin:manage', language='es'))\n")
    environ = {key: value for key, value in os.environ.items()
               if key != "CIVICCX_PUBLIC_URL"}
    environ.update(PORT="8100", DJANGO_SETTINGS_MODULE="civiccx.settings.test")
    done = subprocess.run([sys.executable, "-c", script], env=environ, capture_output=True,
                          text=True, check=True, timeout=120)
    assert done.stdout.strip() == "http://127.0.0.1:8100/es/visit/appointment/"


def test_the_local_identity_provider_listens_next_to_the_site():
    """The demo's identity provider was hard-wired to port 8001: with PORT=8100 it follows the
    site (8101), CIVICCX_DEV_OIDC_PORT overrides it, and a bad value is refused by name."""
    from civiccx.settings.environment import dev_oidc_issuer, dev_oidc_port

    assert dev_oidc_port({}) == 8001
    assert dev_oidc_port({"PORT": "8100"}) == 8101
    assert dev_oidc_issuer({"PORT": "8100"}) == "http://127.0.0.1:8101"
    assert dev_oidc_port({"PORT": "8100", "CIVICCX_DEV_OIDC_PORT": "9000"}) == 9000
    for bad in ({"CIVICCX_DEV_OIDC_PORT": "oidc"}, {"CIVICCX_DEV_OIDC_PORT": "70000"},
                {"PORT": "eighty"}):
        with pytest.raises(ImproperlyConfigured, match=next(iter(bad))):
            dev_oidc_port(bad)



def test_the_demo_sign_in_page_looks_like_part_of_the_demo():
    """Issue #18 item 16: the local identity provider's page had no title and an unlabelled
    field named "sub", styled from a CDN; now it is in the demo's design, styled by the site."""
    from civiccx.demo_server import dev_identity_provider

    provider = dev_identity_provider("http://127.0.0.1:8100/").test_client()
    query = ("client_id=civiccx-demo&response_type=code&scope=openid+email&"
             "redirect_uri=http://127.0.0.1:8100/account/sign-in/callback/")
    page = provider.get(f"/oauth2/authorize?{query}").get_data(as_text=True)
    assert "<title>Sign in | Civic CX demo</title>" in page
    assert '<label class="usa-label" for="sub">Email address</label>' in page
    assert 'id="sub" name="sub"' in page and 'type="email"' in page
    assert 'href="http://127.0.0.1:8100/static/vendor/uswds/css/uswds.min.css"' in page
    assert 'value="taxpayer@example.com"' in page  # the demo taxpayer, one click away
    assert "cdn.jsdelivr.net" not in page and "style=" not in page
    missing = provider.post(f"/oauth2/authorize?{query}", data={}).get_data(as_text=True)
    assert "Enter an email address." in missing and 'aria-invalid="true"' in missing
    signed_in = provider.post(f"/oauth2/authorize?{query}",
                              data={"sub": "taxpayer@example.com"})
    assert signed_in.status_code == 302
    assert signed_in.headers["Location"].startswith(
        "http://127.0.0.1:8100/account/sign-in/callback/?code=")
