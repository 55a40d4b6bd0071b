"""One error family for every provider, saying what went wrong and whether a retry may help.

`str(error)` is one sentence a user can read; it never contains an API key (messages are
built by us, and any server text we quote goes through `keys.redact`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from interviewai_tui.ai.base import Usage

__all__ = [
    "AuthenticationError",
    "BadRequestError",
    "ContextTooLongError",
    "MalformedStreamError",
    "NetworkError",
    "OverloadedError",
    "ProviderError",
    "QuotaError",
    "RateLimitError",
    "SpendCapError",
    "StructuredOutputError",
    "TimeoutError_",
    "display_name",
]

_DISPLAY = {
    "openai": "OpenAI",
    "anthropic": "Anthropic",
    "gemini": "Gemini",
    "deepseek": "DeepSeek",
    "ollama": "Ollama",
    "offline": "The offline coach",
}


def display_name(provider: str) -> str:
    """How a provider is named in messages ("OpenAI", or the configured name)."""
    return _DISPLAY.get(provider, provider or "The AI provider")


class ProviderError(Exception):
    """Base class. `kind` is a stable short string used in call records and metrics."""

    kind: ClassVar[str] = "error"
    default_retryable: ClassVar[bool] = False

    def __init__(
        self,
        message: str,
        *,
        provider: str = "",
        retryable: bool | None = None,
        retry_after: float | None = None,
        status: int | None = None,
        detail: str = "",
        request_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.provider = provider
        self.retryable = self.default_retryable if retryable is None else retryable
        self.retry_after = retry_after
        self.status = status
        self.detail = detail  # the server's own words, redacted and on one line
        self.request_id = request_id
        self.usage: Usage | None = None  # tokens already spent before the failure, if known

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}({self.message!r}, provider={self.provider!r}, "
            f"status={self.status}, retryable={self.retryable})"
        )


class AuthenticationError(ProviderError):
    """Missing, wrong or unauthorised API key (401/403; Gemini's 400 API_KEY_INVALID)."""

    kind = "auth"


class QuotaError(ProviderError):
    """Out of credit or a billing cap (OpenAI insufficient_quota, 402); retrying won't help."""

    kind = "quota"


class RateLimitError(ProviderError):
    """Too many requests for now (429); retry after the hinted delay."""

    kind = "rate_limit"
    default_retryable = True


class OverloadedError(ProviderError):
    """Server error or overload (5xx, Anthropic 529, llama.cpp loading a model)."""

    kind = "overloaded"
    default_retryable = True


class ContextTooLongError(ProviderError):
    """The prompt does not fit the model's context window; shorten it before resending."""

    kind = "context_too_long"


class BadRequestError(ProviderError):
    """The request itself is wrong (unknown model, bad parameter, bad base URL)."""

    kind = "bad_request"


class NetworkError(ProviderError):
    """Could not connect, or the connection dropped before the answer was complete."""

    kind = "network"
    default_retryable = True


class TimeoutError_(ProviderError):
    """Connect, idle or no-content deadline passed (named so to not shadow the builtin)."""

    kind = "timeout"
    default_retryable = True


class MalformedStreamError(ProviderError):
    """The server sent something that is not the provider's stream format."""

    kind = "malformed_stream"


class StructuredOutputError(ProviderError):
    """The model's reply was not valid JSON for the schema, even after one repair attempt."""

    kind = "invalid_output"


class SpendCapError(ProviderError):
    """The user's monthly spend cap is reached; paid providers are not called."""

    kind = "spend_cap"
