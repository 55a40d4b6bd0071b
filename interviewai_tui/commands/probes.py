"""Read-only probes used by ``doctor``: the keyring backend and which AI providers are usable."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interviewai_tui.config import Settings

KEY_VARIABLES: dict[str, tuple[str, ...]] = {
    "openai": ("OPENAI_API_KEY",),
    "anthropic": ("ANTHROPIC_API_KEY",),
    "gemini": ("GEMINI_API_KEY", "GOOGLE_API_KEY"),
    "deepseek": ("DEEPSEEK_API_KEY",),
}


def keyring_status() -> str:
    """The keyring backend in use and whether it can hold secrets."""
    from interviewai_tui.secrets import probe_keyring

    return probe_keyring().describe()


def _key_source(provider: str) -> str | None:
    from interviewai_tui.secrets import lookup_api_key_source

    source = lookup_api_key_source(provider)
    if source:
        return source
    for var in KEY_VARIABLES.get(provider, ()):
        if os.environ.get(var):
            return f"key from ${var}"
    return None


async def provider_lines(settings: Settings) -> list[str]:
    """One line per provider: key present (never the key), or server reachable for Ollama."""
    lines = ["offline: always available (rubric coach, no network)"]
    for provider in ("openai", "anthropic", "gemini", "deepseek"):
        model = getattr(settings, f"{provider}_model")
        source = _key_source(provider)
        state = source if source else "no key"
        lines.append(f"{provider}: {state}; model {model}")
    lines.append(f"ollama: server {settings.ollama_base_url}; model {settings.ollama_model}")
    chosen = settings.ai_provider
    lines.append(f"chosen: {chosen}; fallback: {', '.join(settings.ai_fallback) or 'offline'}")
    return lines
