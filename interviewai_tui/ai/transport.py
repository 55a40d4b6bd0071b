"""The one shared `httpx.AsyncClient`, and the request/stream plumbing every client uses.

httpx is imported here lazily, when the client is first built, so that importing the AI
package costs nothing at start-up. Timeouts:

* connect: how long to wait for the TCP/TLS connection;
* idle: the longest silence between two reads (httpx's read timeout, enforced at the socket,
  so it costs nothing per chunk);
* no_content: the longest time without *content*. Keep-alive comments and pings reset the
  idle timer but not this one, so a server that only ever sends `: keep-alive` is abandoned.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncGenerator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from interviewai_tui.ai.errormap import error_from_payload, error_from_response
from interviewai_tui.ai.errors import (
    BadRequestError,
    MalformedStreamError,
    NetworkError,
    ProviderError,
    TimeoutError_,
    display_name,
)

if TYPE_CHECKING:
    import httpx

__all__ = ["HttpPool", "Progress", "Timeouts", "get_json", "open_stream"]

_MAX_ERROR_BODY = 64 * 1024


@dataclass(frozen=True, slots=True)
class Timeouts:
    connect: float = 10.0
    idle: float = 60.0
    no_content: float = 180.0
    write: float = 30.0


class Progress:
    """When content last reached the caller; the provider updates it, the transport checks it."""

    __slots__ = ("last_content",)

    def __init__(self) -> None:
        self.last_content = time.perf_counter()


class HttpPool:
    """Owns the shared client: created on first use, closed by `aclose()` (on app unmount)."""

    def __init__(self, *, trust_env: bool = True, max_connections: int = 32) -> None:
        self._trust_env = trust_env
        self._max_connections = max_connections
        self._client: httpx.AsyncClient | None = None

    @property
    def started(self) -> bool:
        return self._client is not None

    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            import httpx

            self._client = httpx.AsyncClient(
                trust_env=self._trust_env,
                follow_redirects=False,
                limits=httpx.Limits(max_connections=self._max_connections, keepalive_expiry=30.0),
                headers={"user-agent": "interviewai-tui"},
            )
        return self._client

    async def aclose(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.aclose()


def _timeout(timeouts: Timeouts, read: float | None = None) -> httpx.Timeout:
    import httpx

    return httpx.Timeout(
        connect=timeouts.connect,
        read=timeouts.idle if read is None else read,
        write=timeouts.write,
        pool=timeouts.connect,
    )


def _transport_error(exc: Exception, provider: str, url: str) -> ProviderError | None:
    """Map an httpx exception to the family; None for anything that is not httpx's."""
    import httpx

    name = display_name(provider)
    host = httpx.URL(url).host if url else ""
    if isinstance(exc, httpx.ConnectTimeout):
        return TimeoutError_(
            f"{name} at {host} did not accept a connection in time.", provider=provider
        )
    if isinstance(exc, httpx.TimeoutException):
        return TimeoutError_(f"{name} stopped responding.", provider=provider)
    if isinstance(exc, httpx.ConnectError):
        return NetworkError(f"Could not connect to {name} at {host}.", provider=provider)
    if isinstance(exc, httpx.DecodingError):
        return MalformedStreamError(
            f"{name} sent a response that could not be decoded.", provider=provider
        )
    if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return BadRequestError(
            f"The base URL configured for {name} is not valid.", provider=provider
        )
    if isinstance(exc, httpx.TransportError):
        return NetworkError(
            f"The connection to {name} dropped before the answer was complete.", provider=provider
        )
    return None


async def open_stream(
    pool: HttpPool,
    url: str,
    *,
    headers: Mapping[str, str],
    payload: Any,
    timeouts: Timeouts,
    provider: str,
    progress: Progress,
    secret: str | None = None,
) -> AsyncGenerator[bytes, None]:
    """POST `payload` as JSON and yield the raw body in pieces as they arrive.

    Raises a `ProviderError` for a non-2xx status (body parsed), a transport failure, or when
    `timeouts.no_content` passes without `progress.last_content` moving.
    """
    client = pool.client()
    no_content = timeouts.no_content
    clock = time.perf_counter
    try:
        async with client.stream(
            "POST", url, json=payload, headers=headers, timeout=_timeout(timeouts)
        ) as response:
            if response.status_code >= 300:
                body = b""
                async for piece in response.aiter_bytes():
                    body += piece
                    if len(body) > _MAX_ERROR_BODY:
                        break
                raise error_from_response(
                    provider, response.status_code, response.headers, body, secret=secret
                )
            if response.headers.get("content-type", "").startswith("application/json"):
                # Some proxies and servers answer a stream request with a plain JSON error
                # and status 200; anything else in JSON is passed on for the parser to judge.
                body = await response.aread()
                error = _json_error(provider, body, secret)
                if error is not None:
                    raise error
                yield body
                return
            async for piece in response.aiter_bytes():
                if clock() - progress.last_content > no_content:
                    raise TimeoutError_(
                        f"{display_name(provider)} kept the connection open but sent no answer "
                        f"for {no_content:g} s.",
                        provider=provider,
                        retryable=False,  # a queued server stays queued; move on instead
                    )
                yield piece
    except ProviderError:
        raise
    except Exception as exc:
        mapped = _transport_error(exc, provider, url)
        if mapped is None:
            raise
        raise mapped from None


def _json_error(provider: str, body: bytes, secret: str | None) -> ProviderError | None:
    try:
        payload = json.loads(body)
    except ValueError:
        return None
    if isinstance(payload, dict) and (payload.get("error") or payload.get("type") == "error"):
        return error_from_payload(provider, payload, secret=secret, default_status=400)
    return None


async def get_json(
    pool: HttpPool,
    url: str,
    *,
    headers: Mapping[str, str],
    timeouts: Timeouts,
    provider: str,
    secret: str | None = None,
) -> Any:
    """GET a small JSON document (model lists, health checks)."""
    client = pool.client()
    try:
        response = await client.get(url, headers=headers, timeout=_timeout(timeouts))
    except Exception as exc:
        mapped = _transport_error(exc, provider, url)
        if mapped is None:
            raise
        raise mapped from None
    if response.status_code >= 300:
        raise error_from_response(
            provider, response.status_code, response.headers, response.content, secret=secret
        )
    try:
        return response.json()
    except ValueError:
        raise MalformedStreamError(
            f"{display_name(provider)} answered with something that is not JSON.",
            provider=provider,
        ) from None
