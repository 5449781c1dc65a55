"""Run Civic CX locally: the web server, a background task worker, and (in development) a
local OpenID Connect provider so the public sign-in works without Login.gov."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from civiccx.settings.environment import dev_oidc_port

HOST = "127.0.0.1"


DEMO_TAXPAYER = "taxpayer@example.com"  # services.demo.people.DEMO_TAXPAYER_SUBJECT
DEV_SIGN_IN_TEMPLATES = Path(__file__).resolve().parent / "core" / "dev_sign_in"


def dev_identity_provider(site: str):
    """oidc-provider-mock's Flask app with its pages in the demo's design (a title, a labelled
    email field, the demo taxpayer one click away; core/dev_sign_in/), styled by the site at
    `site`."""
    from jinja2 import ChoiceLoader, FileSystemLoader
    from oidc_provider_mock import User, app

    provider = app(user_claims=[User(sub=DEMO_TAXPAYER, claims={"email": DEMO_TAXPAYER})])
    provider.jinja_loader = ChoiceLoader([FileSystemLoader(DEV_SIGN_IN_TEMPLATES),
                                          provider.jinja_loader])
    provider.jinja_env.globals["site"] = site.rstrip("/")
    return provider


@contextlib.contextmanager
def _serve_in_thread(wsgi_app, port: int):
    from werkzeug.serving import make_server

    server = make_server(HOST, port, wsgi_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                              daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _local_identity_provider(site: str):
    """Start the development identity provider when no real provider is configured, on the
    port `dev_oidc_port` derives from the environment (PORT + 1 unless CIVICCX_DEV_OIDC_PORT)."""
    if os.environ.get("OIDC_DISCOVERY_URL"):
        return contextlib.nullcontext()
    try:
        provider = dev_identity_provider(site)
    except ImportError:
        return contextlib.nullcontext()
    port = dev_oidc_port()
    os.environ.update({
        "OIDC_DISCOVERY_URL": f"http://{HOST}:{port}/.well-known/openid-configuration",
        "OIDC_CLIENT_ID": "civiccx-demo",
        "OIDC_CLIENT_SECRET": "civiccx-demo-secret",
        "OIDC_CLIENT_AUTH_METHOD": "client_secret_basic",
        "OIDC_ACR_VALUES": "",
    })
    return _serve_in_thread(provider, port)


def set_public_address(port: str, environ=os.environ) -> str:
    """Links in the texts and emails the worker sends point where this server listens, unless
    the site has a public address of its own (CIVICCX_PUBLIC_URL). The web server and the
    worker inherit it."""
    if not environ.get("CIVICCX_PUBLIC_URL"):
        environ["CIVICCX_PUBLIC_URL"] = f"http://{HOST}:{port}"
    return environ["CIVICCX_PUBLIC_URL"]


def run(*, seed: bool, argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civiccx.settings.development")
    port = os.environ.get("PORT", "8000")
    site = set_public_address(port)
    civiccx = [sys.executable, "-m", "civiccx.cli"]
    subprocess.run([*civiccx, "migrate", "--no-input", "-v", "0"], check=True)
    subprocess.run([*civiccx, "createcachetable"], check=True)
    if seed:
        subprocess.run([*civiccx, "seed_demo", *argv], check=True)
    with _local_identity_provider(site):
        worker = subprocess.Popen([*civiccx, "db_worker"])
        try:
            print(f"\nCivic CX is running at http://{HOST}:{port}/  (Ctrl+C to stop)\n",
                  flush=True)
            server = subprocess.run(
                [*civiccx, "runserver", f"{HOST}:{port}", "--noreload"], check=False)
            return server.returncode
        except KeyboardInterrupt:
            return 0
        finally:
            worker.send_signal(signal.SIGINT)
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
