"""How the program's own identifiers are spelled for people (provider names)."""

from __future__ import annotations

PROVIDER_LABELS = {
    "offline": "Offline coach",
    "openai": "OpenAI",
    "anthropic": "Anthropic",
    "gemini": "Gemini",
    "deepseek": "DeepSeek",
    "ollama": "Ollama",
}


def provider_label(provider: str) -> str:
    """``OpenAI`` for ``openai``; an unknown name as it is."""
    return PROVIDER_LABELS.get(provider, provider)
