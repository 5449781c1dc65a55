"""OpenID Connect client for public sign-in (Login.gov in production, a local provider in dev).

Login.gov asks web clients to authenticate with `private_key_jwt` and to send `acr_values`;
development providers often take a client secret. Both come from settings. Authlib does the
protocol work: building requests, signing the client assertion, verifying the ID token.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from functools import lru_cache

import requests
from authlib.integrations.requests_client import OAuth2Session
from authlib.oauth2.rfc7523 import PrivateKeyJWT
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from joserfc import jwt
from joserfc.jwk import KeySet

HTTP_TIMEOUT_SECONDS = 10


class SignInError(Exception):
    """The identity provider's answer could not be trusted or used."""


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str | None


def configured() -> bool:
    return bool(settings.OIDC_DISCOVERY_URL and settings.OIDC_CLIENT_ID)


@lru_cache(maxsize=4)
def discover(discovery_url: str) -> Provider:
    try:
        response = requests.get(discovery_url, timeout=HTTP_TIMEOUT_SECONDS)
        response.raise_for_status()
        meta = response.json()
    except (requests.RequestException, ValueError) as error:
        raise SignInError("The sign-in service is not answering.") from error
    return Provider(
        issuer=meta["issuer"],
        authorization_endpoint=meta["authorization_endpoint"],
        token_endpoint=meta["token_endpoint"],
        jwks_uri=meta["jwks_uri"],
        userinfo_endpoint=meta.get("userinfo_endpoint"),
    )


def provider() -> Provider:
    return discover(settings.OIDC_DISCOVERY_URL)


def client_private_key() -> str:
    path = settings.OIDC_PRIVATE_KEY_PATH
    if not path:
        raise ImproperlyConfigured(
            "OIDC_CLIENT_AUTH_METHOD is private_key_jwt but OIDC_PRIVATE_KEY_PATH is not set."
        )
    try:
        with open(path, encoding="ascii") as key_file:
            return key_file.read()
    except OSError as error:
        raise ImproperlyConfigured(f"OIDC_PRIVATE_KEY_PATH cannot be read: {error}") from error


def session(redirect_uri: str, **kwargs) -> OAuth2Session:
    method = settings.OIDC_CLIENT_AUTH_METHOD
    if method == "private_key_jwt":
        secret = client_private_key()
    elif method in {"client_secret_basic", "client_secret_post"}:
        secret = settings.OIDC_CLIENT_SECRET
    else:
        raise ImproperlyConfigured(
            f"OIDC_CLIENT_AUTH_METHOD {method!r} is not supported: use private_key_jwt, "
            "client_secret_basic or client_secret_post."
        )
    client = OAuth2Session(
        settings.OIDC_CLIENT_ID, secret, scope=settings.OIDC_SCOPES,
        redirect_uri=redirect_uri, token_endpoint_auth_method=method, **kwargs,
    )
    if method == "private_key_jwt":
        client.register_client_auth_method(PrivateKeyJWT(provider().token_endpoint))
    return client


def authorization_request(redirect_uri: str) -> tuple[str, dict]:
    """The URL to send the person to, and what to remember in their session to check the reply."""
    state = secrets.token_urlsafe(24)
    nonce = secrets.token_urlsafe(24)
    code_verifier = secrets.token_urlsafe(48)
    client = session(redirect_uri, code_challenge_method="S256")
    extra = {"nonce": nonce}
    if settings.OIDC_ACR_VALUES:
        extra["acr_values"] = settings.OIDC_ACR_VALUES
    url, _ = client.create_authorization_url(
        provider().authorization_endpoint, state=state, code_verifier=code_verifier, **extra
    )
    return url, {"state": state, "nonce": nonce, "code_verifier": code_verifier}


def complete_sign_in(redirect_uri: str, callback_url: str, remembered: dict) -> dict:
    """Exchange the code for tokens and return the verified ID token claims."""
    client = session(redirect_uri, state=remembered["state"], code_challenge_method="S256")
    try:
        token = client.fetch_token(
            provider().token_endpoint,
            authorization_response=callback_url,
            code_verifier=remembered["code_verifier"],
            timeout=HTTP_TIMEOUT_SECONDS,
        )
    except Exception as error:  # authlib raises many error types for a refused exchange
        raise SignInError("The sign-in service refused the request.") from error
    if "id_token" not in token:
        raise SignInError("The sign-in service sent no identity token.")
    return verify_id_token(token["id_token"], remembered["nonce"])


def verify_id_token(id_token: str, nonce: str) -> dict:
    meta = provider()
    try:
        jwks = requests.get(meta.jwks_uri, timeout=HTTP_TIMEOUT_SECONDS).json()
        token = jwt.decode(id_token, KeySet.import_key_set(jwks))
        jwt.JWTClaimsRegistry(
            now=int(time.time()),
            leeway=60,
            iss={"essential": True, "value": meta.issuer},
            aud={"essential": True, "value": settings.OIDC_CLIENT_ID},
            sub={"essential": True},
            nonce={"essential": True, "value": nonce},
            exp={"essential": True},
        ).validate(token.claims)
    except Exception as error:  # signature, claim and transport errors all mean "do not trust"
        raise SignInError("The identity token could not be verified.") from error
    return dict(token.claims)
