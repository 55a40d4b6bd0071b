"""Where API keys come from, and how they are shown: never more than the last 4 characters.

The default order is keyring → environment variable. The keyring part lives in
`interviewai_tui.secrets` (it has the timeouts and fallbacks keyring needs on headless hosts);
`SecretStoreKeyResolver` adapts it, `EnvKeyResolver` reads the usual variables and
`ChainKeyResolver` asks each in turn.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from typing import Protocol

__all__ = [
    "API_KEY_ENV",
    "ChainKeyResolver",
    "EnvKeyResolver",
    "KeyResolver",
    "SecretStoreKeyResolver",
    "StaticKeyResolver",
    "mask",
    "redact",
]

API_KEY_ENV: dict[str, tuple[str, ...]] = {
    "openai": ("OPENAI_API_KEY",),
    "anthropic": ("ANTHROPIC_API_KEY",),
    "gemini": ("GEMINI_API_KEY", "GOOGLE_API_KEY"),
    "deepseek": ("DEEPSEEK_API_KEY",),
}

# Shapes of well-known keys, so a key echoed back by a server or a proxy is hidden even when
# it is not the one we sent.
_KEY_PATTERNS = re.compile(
    r"(sk-(?:ant-|proj-)?[A-Za-z0-9_\-]{8,}|AIza[0-9A-Za-z_\-]{20,}|"
    r"(?i:bearer)\s+[A-Za-z0-9._\-]{12,})"
)


def mask(key: str | None) -> str:
    """A key as it may be shown: bullets and at most its last 4 characters."""
    if not key:
        return "(none)"
    # Same rule as interviewai_tui.secrets: a short key shows nothing of itself.
    return "••••" + key[-4:] if len(key) >= 12 else "••••"


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """Remove the given secrets and anything shaped like an API key from `text`."""
    for secret in secrets:
        if secret and len(secret) >= 4 and secret in text:
            text = text.replace(secret, mask(secret))
    return _KEY_PATTERNS.sub(lambda m: mask(m.group(0)), text)


class KeyResolver(Protocol):
    """Gives the API key for a provider name, or None."""

    async def get(self, provider: str) -> str | None: ...


class EnvKeyResolver:
    """Reads OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY/GOOGLE_API_KEY, DEEPSEEK_API_KEY."""

    def __init__(
        self,
        env: Mapping[str, str] | None = None,
        names: Mapping[str, tuple[str, ...]] = API_KEY_ENV,
    ) -> None:
        self._env = env
        self._names = names

    async def get(self, provider: str) -> str | None:
        env = os.environ if self._env is None else self._env
        for var in self._names.get(provider, ()):
            value = env.get(var, "").strip()
            if value:
                return value
        return None


class StaticKeyResolver:
    """Keys given directly (tests, `ai test --key`)."""

    def __init__(self, keys: Mapping[str, str]) -> None:
        self._keys = dict(keys)

    async def get(self, provider: str) -> str | None:
        return self._keys.get(provider) or None


class _ApiKeyStore(Protocol):
    async def get_api_key(self, provider: str) -> str | None: ...


class SecretStoreKeyResolver:
    """Adapts `interviewai_tui.secrets.SecretStore` (keyring with its fallbacks)."""

    def __init__(self, store: _ApiKeyStore) -> None:
        self._store = store

    async def get(self, provider: str) -> str | None:
        return await self._store.get_api_key(provider)


class ChainKeyResolver:
    """Asks each resolver in order; the first non-empty key wins."""

    def __init__(self, *resolvers: KeyResolver) -> None:
        self._resolvers = resolvers

    async def get(self, provider: str) -> str | None:
        for resolver in self._resolvers:
            key = await resolver.get(provider)
            if key:
                return key
        return None
