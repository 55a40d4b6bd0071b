"""Sign in with Google through the OAuth 2.0 device flow (RFC 8628, Google's variant).

A terminal cannot host a browser redirect, so the user opens a URL on any device and types a
short code; meanwhile we poll the token endpoint. Endpoints are parameters so tests can point
them at a fake server on 127.0.0.1. httpx is imported lazily (start-up time).
"""

from __future__ import annotations

import asyncio
import base64
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from interviewai_tui.clock import Clock, SystemClock

GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code"
SCOPES = "openid email profile"
ISSUERS = frozenset({"https://accounts.google.com", "accounts.google.com"})
SLOW_DOWN_SECONDS = 5  # RFC 8628 §3.5: add 5 s to the interval, for good

HOW_TO_CONFIGURE = (
    "Sign in with Google is not configured: create an OAuth client of type "
    '"TVs and Limited Input devices" in Google Cloud Console, then set '
    "INTERVIEWAI_GOOGLE_CLIENT_ID and INTERVIEWAI_GOOGLE_CLIENT_SECRET."
)


@dataclass(frozen=True)
class GoogleEndpoints:
    device_code_url: str = "https://oauth2.googleapis.com/device/code"
    token_url: str = "https://oauth2.googleapis.com/token"
    userinfo_url: str = "https://openidconnect.googleapis.com/v1/userinfo"


class GoogleSignInError(Exception):
    """The flow ended without an identity; `message` is one sentence safe to show."""

    def __init__(self, message: str, *, kind: str = "failed") -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind  # not_configured | denied | expired | failed | cancelled


@dataclass(frozen=True)
class DeviceCode:
    device_code: str
    user_code: str
    verification_url: str
    expires_in: int
    interval: int


@dataclass(frozen=True)
class GoogleIdentity:
    sub: str
    email: str
    email_verified: bool
    name: str | None = None
    picture: str | None = None


class GoogleDeviceFlow:
    """One device-flow client. `sleep` and `monotonic` are injectable for tests."""

    def __init__(
        self,
        client_id: str | None,
        client_secret: str | None,
        *,
        endpoints: GoogleEndpoints | None = None,
        clock: Clock | None = None,
        timeout: float = 15.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client_id = client_id or None
        self.client_secret = client_secret or None
        self.endpoints = endpoints or GoogleEndpoints()
        self.clock = clock or SystemClock()
        self.timeout = timeout
        self._sleep = sleep
        self._monotonic = monotonic

    @property
    def configured(self) -> bool:
        return bool(self.client_id and self.client_secret)

    def _require_config(self) -> tuple[str, str]:
        if not (self.client_id and self.client_secret):
            raise GoogleSignInError(HOW_TO_CONFIGURE, kind="not_configured")
        return self.client_id, self.client_secret

    async def start(self) -> DeviceCode:
        """Ask for a device code and the URL + user code to show."""
        client_id, _ = self._require_config()
        status, body, _ = await self._post(
            self.endpoints.device_code_url, {"client_id": client_id, "scope": SCOPES}
        )
        if status == 403 and body.get("error_code") == "rate_limit_exceeded":
            raise GoogleSignInError("Google's sign-in quota is used up; try again later.")
        if status != 200:
            raise GoogleSignInError(_describe_error(status, body))
        try:
            return DeviceCode(
                device_code=str(body["device_code"]),
                user_code=str(body["user_code"]),
                verification_url=str(body.get("verification_url") or body["verification_uri"]),
                expires_in=int(body.get("expires_in", 1800)),
                interval=max(0, int(body.get("interval", 5))),
            )
        except (KeyError, TypeError, ValueError):
            raise GoogleSignInError("Google sent an unexpected device-code reply.") from None

    async def wait_for_identity(self, device: DeviceCode) -> GoogleIdentity:
        """Poll until the user approves (or declines, or the code expires)."""
        client_id, client_secret = self._require_config()
        interval = float(device.interval)
        deadline = self._monotonic() + device.expires_in
        form = {
            "client_id": client_id,
            "client_secret": client_secret,
            "device_code": device.device_code,
            "grant_type": GRANT_TYPE,
        }
        while True:
            await self._sleep(interval)
            if self._monotonic() > deadline:
                raise GoogleSignInError(_EXPIRED, kind="expired")
            status, body, headers = await self._post(self.endpoints.token_url, form)
            error = body.get("error")
            if status == 200 and "access_token" in body:
                return await self._identity(body, client_id)
            if error == "authorization_pending":
                continue
            if error == "slow_down":
                interval += SLOW_DOWN_SECONDS
                continue
            if status == 429:
                interval = max(interval, _retry_after(headers, interval + SLOW_DOWN_SECONDS))
                continue
            if error == "access_denied":
                raise GoogleSignInError("Google sign-in was declined.", kind="denied")
            if error == "expired_token":
                raise GoogleSignInError(_EXPIRED, kind="expired")
            raise GoogleSignInError(_describe_error(status, body))

    async def _identity(self, tokens: dict[str, Any], client_id: str) -> GoogleIdentity:
        id_token = tokens.get("id_token")
        if isinstance(id_token, str) and id_token:
            # Straight from the token endpoint over TLS: OIDC allows trusting it without
            # checking the signature, but the claims must still be ours and current.
            claims = _jwt_claims(id_token)
            if claims.get("iss") not in ISSUERS or claims.get("aud") != client_id:
                raise GoogleSignInError("Google's sign-in token was not issued for this app.")
            exp = claims.get("exp")
            if not isinstance(exp, int | float) or exp < self.clock.now().timestamp():
                raise GoogleSignInError("Google's sign-in token has expired; try again.")
            return _identity_from(claims)
        status, body = await self._get_userinfo(str(tokens.get("access_token", "")))
        if status != 200:
            raise GoogleSignInError(_describe_error(status, body))
        return _identity_from(body)

    async def _post(
        self, url: str, form: dict[str, str]
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        import httpx

        try:
            async with httpx.AsyncClient(timeout=self.timeout) as client:
                response = await client.post(url, data=form)
        except httpx.HTTPError as exc:
            raise GoogleSignInError(f"Could not reach Google ({type(exc).__name__}).") from None
        return response.status_code, _json(response.content), dict(response.headers)

    async def _get_userinfo(self, access_token: str) -> tuple[int, dict[str, Any]]:
        import httpx

        headers = {"Authorization": f"Bearer {access_token}"}
        try:
            async with httpx.AsyncClient(timeout=self.timeout) as client:
                response = await client.get(self.endpoints.userinfo_url, headers=headers)
        except httpx.HTTPError as exc:
            raise GoogleSignInError(f"Could not reach Google ({type(exc).__name__}).") from None
        return response.status_code, _json(response.content)


_EXPIRED = "The Google sign-in code expired; start again."


def _json(content: bytes) -> dict[str, Any]:
    try:
        data = json.loads(content)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _retry_after(headers: dict[str, str], default: float) -> float:
    value = headers.get("retry-after", "")
    try:
        return max(0.0, float(value))
    except ValueError:
        return default


def _describe_error(status: int, body: dict[str, Any]) -> str:
    error = str(body.get("error") or body.get("error_code") or f"HTTP {status}")
    if error == "invalid_client":
        return (
            "Google refused the client id: it must be an OAuth client of type "
            '"TVs and Limited Input devices".'
        )
    if error == "org_internal":
        return "This Google client only accepts accounts of its own organisation."
    # The error code is a short token from Google; keep it printable and short.
    safe = "".join(ch for ch in error if ch.isprintable())[:60]
    return f"Google sign-in failed ({safe})."


def _jwt_claims(token: str) -> dict[str, Any]:
    parts = token.split(".")
    if len(parts) != 3:
        raise GoogleSignInError("Google sent a malformed sign-in token.")
    payload = parts[1] + "=" * (-len(parts[1]) % 4)
    try:
        claims = json.loads(base64.urlsafe_b64decode(payload))
    except ValueError:
        raise GoogleSignInError("Google sent a malformed sign-in token.") from None
    if not isinstance(claims, dict):
        raise GoogleSignInError("Google sent a malformed sign-in token.")
    return claims


def _identity_from(claims: dict[str, Any]) -> GoogleIdentity:
    sub, email = claims.get("sub"), claims.get("email")
    if not isinstance(sub, str) or not sub or not isinstance(email, str) or not email:
        raise GoogleSignInError("Google did not share the account's id and email address.")
    picture = claims.get("picture")
    name = claims.get("name")
    verified = claims.get("email_verified")
    return GoogleIdentity(
        sub=sub,
        email=email.strip().lower(),
        email_verified=verified is True or verified == "true",
        name=name if isinstance(name, str) and name.strip() else None,
        picture=picture if isinstance(picture, str) and picture.startswith("https://") else None,
    )
