"""Turn provider error responses (HTTP status + body, or an error inside a 200 stream) into
the `ProviderError` family, following §6 of reference/ai-providers.md.

All providers' error bodies are read by one tolerant parser: OpenAI-style `{"error":{...}}`,
Anthropic `{"type":"error","error":{...}}`, Gemini `{"error":{"code","status","details"}}`,
Ollama `{"error":"text"}` and old vLLM's flat `{"object":"error",...}`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from interviewai_tui.ai.errors import (
    AuthenticationError,
    BadRequestError,
    ContextTooLongError,
    OverloadedError,
    ProviderError,
    QuotaError,
    RateLimitError,
    TimeoutError_,
    display_name,
)
from interviewai_tui.ai.keys import redact

__all__ = ["error_from_payload", "error_from_response", "parse_retry_after"]

# Anthropic error types (also found in stream `error` events) and the status they come with.
_TYPE_STATUS = {
    "invalid_request_error": 400,
    "authentication_error": 401,
    "billing_error": 402,
    "permission_error": 403,
    "not_found_error": 404,
    "request_too_large": 413,
    "rate_limit_error": 429,
    "rate_limit_exceeded": 429,
    "insufficient_quota": 429,
    "api_error": 500,
    "server_error": 500,
    "timeout_error": 504,
    "overloaded_error": 529,
    "unavailable_error": 503,
}
_CONTEXT_MARKERS = (
    "context_length_exceeded",
    "maximum context length",
    "prompt is too long",
    "input token count",
    "exceed_context_size",
    "exceeds the available context size",
    "request_too_large",
)
_QUOTA_MARKERS = ("insufficient_quota", "enforced_spend_limit_reached", "insufficient balance")
_DURATION = re.compile(r"(?:try again|retry) in ([0-9]+(?:\.[0-9]+)?)\s*(ms|s)\b", re.I)
_MAX_DETAIL = 200


@dataclass
class _Body:
    message: str = ""
    markers: list[str] = field(default_factory=list)  # type/code/status/reasons, lowercased
    status_hint: int | None = None  # an int `code`, or the status implied by an error type
    retry_delay: float | None = None  # Gemini RetryInfo.retryDelay
    request_id: str | None = None


def _seconds(value: str) -> float | None:
    """'37s', '2.5s', '1500ms' → seconds."""
    m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*(ms|s)?\s*", value)
    if not m:
        return None
    number = float(m.group(1))
    return number / 1000 if m.group(2) == "ms" else number


def _parse_body(payload: Any) -> _Body:
    body = _Body()
    if isinstance(payload, str):
        body.message = payload
        return body
    if not isinstance(payload, Mapping):
        return body
    err: Any = payload.get("error")
    if isinstance(err, str):  # Ollama native
        body.message = err
        return body
    if not isinstance(err, Mapping):  # vLLM's old flat error, or something unknown
        err = payload if payload.get("object") == "error" else {}
    request_id = payload.get("request_id")
    body.request_id = request_id if isinstance(request_id, str) else None
    body.message = str(err.get("message") or "")
    for key in ("type", "code", "status"):
        value = err.get(key)
        if isinstance(value, bool):
            continue
        if isinstance(value, int):
            body.status_hint = value
        elif isinstance(value, str) and value:
            body.markers.append(value.lower())
            body.status_hint = body.status_hint or _TYPE_STATUS.get(value.lower())
    details = err.get("details")
    if isinstance(details, Mapping):  # Anthropic: error.details.error_code
        details = [details]
    if isinstance(details, list):
        for item in details:
            if not isinstance(item, Mapping):
                continue
            for key in ("reason", "error_code"):
                if isinstance(item.get(key), str):
                    body.markers.append(item[key].lower())
            delay = item.get("retryDelay")
            if isinstance(delay, str):
                body.retry_delay = _seconds(delay)
    return body


def parse_retry_after(
    headers: Mapping[str, str] | None, body: _Body | None = None, *, now: datetime | None = None
) -> float | None:
    """Seconds to wait: retry-after-ms → retry-after (seconds or HTTP date) → Gemini
    RetryInfo → "try again in 3.89s" in the message."""
    if headers:
        ms = headers.get("retry-after-ms")
        if ms:
            try:
                return max(0.0, float(ms) / 1000)
            except ValueError:
                pass
        ra = headers.get("retry-after")
        if ra:
            try:
                return max(0.0, float(ra))
            except ValueError:
                try:
                    when = parsedate_to_datetime(ra)
                except (TypeError, ValueError):
                    when = None
                if when is not None:
                    if when.tzinfo is None:
                        when = when.replace(tzinfo=UTC)
                    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
    if body is not None:
        if body.retry_delay is not None:
            return body.retry_delay
        m = _DURATION.search(body.message)
        if m:
            value = float(m.group(1))
            return value / 1000 if m.group(2).lower() == "ms" else value
    return None


def _one_line(text: str, secret: str | None) -> str:
    text = " ".join(redact(text, [secret]).split())
    text = "".join(ch for ch in text if ch.isprintable())
    return text if len(text) <= _MAX_DETAIL else text[: _MAX_DETAIL - 1] + "…"


def _classify(
    provider: str,
    status: int,
    body: _Body,
    *,
    retry_after: float | None,
    should_retry: bool | None,
    secret: str | None,
) -> ProviderError:
    name = display_name(provider)
    detail = _one_line(body.message, secret)
    blob = " ".join([*body.markers, body.message.lower()])
    common: dict[str, Any] = {
        "provider": provider,
        "status": status,
        "detail": detail,
        "request_id": body.request_id,
    }
    error: ProviderError
    if status in (401, 403) or "api_key_invalid" in blob or "authentication_error" in blob:
        error = AuthenticationError(
            f"{name} rejected the API key (HTTP {status}); check the key for this provider.",
            **common,
        )
    elif status == 402 or any(marker in blob for marker in _QUOTA_MARKERS):
        error = QuotaError(
            f"{name} says the account is out of credit or quota; "
            "add billing or choose another provider.",
            **common,
        )
    elif status == 429:
        error = RateLimitError(
            f"{name} is limiting the request rate; try again shortly.",
            retry_after=retry_after,
            **common,
        )
    elif any(marker in blob for marker in _CONTEXT_MARKERS) or status == 413:
        error = ContextTooLongError(
            f"The conversation is too long for this {name} model; shorten it and try again.",
            **common,
        )
    elif status in (408, 504):
        error = TimeoutError_(
            f"{name} timed out while working on the request.", retry_after=retry_after, **common
        )
    elif status == 409 or status >= 500:
        error = OverloadedError(
            f"{name} is overloaded or had a server error (HTTP {status}).",
            retry_after=retry_after,
            **common,
        )
    elif status == 404:
        error = BadRequestError(
            f"{name} does not know this model or endpoint: {detail or 'not found'}.", **common
        )
    else:
        error = BadRequestError(
            f"{name} rejected the request (HTTP {status}): {detail or 'no details'}.", **common
        )
    if should_retry is not None:  # x-should-retry: the server's own override wins
        error.retryable = should_retry
    return error


def error_from_response(
    provider: str,
    status: int,
    headers: Mapping[str, str],
    content: bytes,
    *,
    secret: str | None = None,
    now: datetime | None = None,
) -> ProviderError:
    """An error for a non-2xx HTTP response."""
    text = content.decode("utf-8", errors="replace")
    payload: Any
    try:
        payload = json.loads(text)
    except ValueError:
        payload = text
    body = _parse_body(payload)
    if body.request_id is None:
        body.request_id = headers.get("x-request-id") or headers.get("request-id")
    hint = headers.get("x-should-retry", "").strip().lower()
    should_retry = {"true": True, "false": False}.get(hint)
    return _classify(
        provider,
        status,
        body,
        retry_after=parse_retry_after(headers, body, now=now),
        should_retry=should_retry,
        secret=secret,
    )


def error_from_payload(
    provider: str, payload: Any, *, secret: str | None = None, default_status: int = 500
) -> ProviderError:
    """An error for an error object received inside a 200 stream."""
    body = _parse_body(payload)
    status = body.status_hint if body.status_hint and body.status_hint >= 400 else default_status
    return _classify(
        provider,
        status,
        body,
        retry_after=parse_retry_after(None, body),
        should_retry=None,
        secret=secret,
    )
