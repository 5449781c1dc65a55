"""Public sign-in through OpenID Connect, and the private_key_jwt client assertion (Login.gov)."""

import time
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import reverse
from joserfc import jwt
from joserfc.jwk import RSAKey

from civiccx.accounts import oidc
from civiccx.accounts.models import PublicIdentity

pytestmark = pytest.mark.django_db


def _follow_provider(authorize_url: str, subject: str) -> str:
    """Act as the person at the provider: submit the subject, return the redirect back to us."""
    response = requests.post(authorize_url, data={"sub": subject}, allow_redirects=False,
                             timeout=10)
    assert response.status_code == 302, response.text[:300]
    return response.headers["Location"]


def test_public_sign_in_creates_an_account_and_shows_own_records(client, identity_provider):
    start = client.get(reverse("accounts:public-sign-in-start"))
    assert start.status_code == 302
    query = parse_qs(urlparse(start["Location"]).query)
    assert query["code_challenge_method"] == ["S256"] and "nonce" in query
    callback = _follow_provider(start["Location"], "ana@example.com")
    parsed = urlparse(callback)
    response = client.get(f"{parsed.path}?{parsed.query}")
    assert response.status_code == 302
    assert response["Location"] == reverse("services:my-interactions")
    identity = PublicIdentity.objects.get(subject="ana@example.com")
    assert identity.email == "ana@example.com"
    assert client.get(response["Location"]).status_code == 200


def test_a_tampered_state_is_refused(client, identity_provider):
    start = client.get(reverse("accounts:public-sign-in-start"))
    callback = _follow_provider(start["Location"], "mallory@example.com")
    parsed = urlparse(callback)
    params = parse_qs(parsed.query)
    response = client.get(parsed.path, {"code": params["code"][0], "state": "forged"})
    assert response.status_code == 400
    assert b"We could not sign you in" in response.content
    assert not PublicIdentity.objects.exists()


def test_sign_in_page_says_when_accounts_are_unavailable(client, settings):
    settings.OIDC_DISCOVERY_URL = ""
    response = client.get(reverse("accounts:public-sign-in"))
    assert b"Personal accounts are not available right now" in response.content


def test_private_key_jwt_client_assertion_has_login_gov_claims(settings, tmp_path, monkeypatch):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    key_path = tmp_path / "client.pem"
    key_path.write_bytes(pem)
    settings.OIDC_CLIENT_ID = "urn:gov:gsa:openidconnect.profiles:sp:sso:frs:civiccx"
    settings.OIDC_CLIENT_AUTH_METHOD = "private_key_jwt"
    settings.OIDC_PRIVATE_KEY_PATH = str(key_path)
    token_endpoint = "https://idp.example.gov/api/openid_connect/token"
    monkeypatch.setattr(oidc, "provider", lambda: oidc.Provider(
        issuer="https://idp.example.gov/", authorization_endpoint="https://idp.example.gov/auth",
        token_endpoint=token_endpoint, jwks_uri="https://idp.example.gov/jwks",
        userinfo_endpoint=None))
    sent = []

    def capture(prepared, **kwargs):
        sent.append(prepared)
        raise requests.ConnectionError("not sending in a test")

    session = oidc.session("https://civiccx.example/account/sign-in/callback/")
    monkeypatch.setattr(session, "send", capture)
    with pytest.raises(requests.ConnectionError):
        session.fetch_token(token_endpoint, code="abc", code_verifier="v" * 43)
    assert sent[0].url == token_endpoint
    body = parse_qs(sent[0].body if isinstance(sent[0].body, str) else sent[0].body.decode())
    assertion = body["client_assertion"][0]
    assert body["client_assertion_type"] == [
        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"]
    public = RSAKey.import_key(key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    claims = jwt.decode(assertion, public).claims
    assert claims["iss"] == claims["sub"] == settings.OIDC_CLIENT_ID
    assert claims["aud"] == token_endpoint
    assert claims["jti"] and claims["exp"] > time.time()
