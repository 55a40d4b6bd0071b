"""Build providers from plain configuration (the lead maps `Settings` onto it in container.py).

Keys read: `ai_provider`, `ai_fallback`, `ai_monthly_spend_cap`, `ai_max_concurrency`,
`ai_connect_timeout`, `ai_idle_timeout`, `ai_no_content_timeout`, `ai_max_retries` and, per
provider, `<name>_base_url` / `<name>_model`. An optional `compat_base_url` (+ `compat_model`)
adds a provider named "compat" for any other OpenAI-compatible server (LM Studio, llama.cpp,
vLLM). Servers on this machine or a private network need no key and cost nothing.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal
from urllib.parse import urlsplit

from interviewai_tui.ai.anthropic import AnthropicProvider
from interviewai_tui.ai.gemini import GeminiProvider
from interviewai_tui.ai.httpbase import HttpProvider
from interviewai_tui.ai.keys import KeyResolver
from interviewai_tui.ai.ollama import OllamaProvider
from interviewai_tui.ai.openai_compat import OpenAICompatProvider
from interviewai_tui.ai.pricing import PriceTable
from interviewai_tui.ai.transport import HttpPool, Timeouts

__all__ = [
    "DEFAULTS",
    "ProviderConfig",
    "build_provider",
    "build_providers",
    "configs_from_settings",
    "is_local_url",
    "timeouts_from_settings",
]

Kind = Literal["openai_compat", "anthropic", "gemini", "ollama"]


@dataclass(frozen=True, slots=True)
class ProviderConfig:
    name: str
    kind: Kind
    base_url: str
    model: str
    dialect: Literal["openai", "compat"] = "compat"
    json_mode: Literal["schema", "object", "none"] = "schema"
    needs_key: bool = True
    paid: bool = True


DEFAULTS: dict[str, ProviderConfig] = {
    "openai": ProviderConfig(
        "openai", "openai_compat", "https://api.openai.com/v1", "gpt-5-mini", dialect="openai"
    ),
    "anthropic": ProviderConfig(
        "anthropic", "anthropic", "https://api.anthropic.com", "claude-haiku-4-5"
    ),
    "gemini": ProviderConfig(
        "gemini", "gemini", "https://generativelanguage.googleapis.com/v1beta", "gemini-2.5-flash"
    ),
    "deepseek": ProviderConfig(
        "deepseek", "openai_compat", "https://api.deepseek.com", "deepseek-chat", json_mode="object"
    ),
    "ollama": ProviderConfig(
        "ollama", "ollama", "http://127.0.0.1:11434", "llama3.2", needs_key=False, paid=False
    ),
}


def is_local_url(url: str) -> bool:
    """True for this machine and private networks (a local model server, not a paid API)."""
    host = (urlsplit(url).hostname or "").lower()
    if host in ("localhost", "host.docker.internal") or host.endswith((".local", ".localhost")):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_unspecified


def _text(values: Mapping[str, Any], key: str) -> str | None:
    value = values.get(key)
    return str(value).strip() if value not in (None, "") else None


def configs_from_settings(values: Mapping[str, Any]) -> dict[str, ProviderConfig]:
    """One config per provider, defaults overridden by `<name>_base_url` / `<name>_model`."""
    configs: dict[str, ProviderConfig] = {}
    for name, default in DEFAULTS.items():
        config = replace(
            default,
            base_url=_text(values, f"{name}_base_url") or default.base_url,
            model=_text(values, f"{name}_model") or default.model,
        )
        local = is_local_url(config.base_url)
        if name == "ollama" and config.base_url.rstrip("/").endswith("/v1"):
            config = replace(config, kind="openai_compat")  # Ollama's OpenAI-compatible surface
        elif name == "openai" and urlsplit(config.base_url).hostname != "api.openai.com":
            config = replace(config, dialect="compat")  # a compatible server, not OpenAI
        if local:
            config = replace(config, needs_key=False, paid=False)
        configs[name] = config
    compat_url = _text(values, "compat_base_url")
    if compat_url:
        local = is_local_url(compat_url)
        configs["compat"] = ProviderConfig(
            "compat", "openai_compat", compat_url, _text(values, "compat_model") or "default",
            needs_key=not local, paid=not local,
        )  # fmt: skip
    return configs


def timeouts_from_settings(values: Mapping[str, Any]) -> Timeouts:
    base = Timeouts()
    return Timeouts(
        connect=float(values.get("ai_connect_timeout") or base.connect),
        idle=float(values.get("ai_idle_timeout") or base.idle),
        no_content=float(values.get("ai_no_content_timeout") or base.no_content),
        write=base.write,
    )


def build_provider(
    config: ProviderConfig,
    *,
    api_key: str | None,
    pool: HttpPool,
    timeouts: Timeouts,
    prices: PriceTable | None = None,
) -> HttpProvider:
    common: dict[str, Any] = {
        "name": config.name,
        "base_url": config.base_url,
        "model": config.model,
        "pool": pool,
        "api_key": api_key,
        "timeouts": timeouts,
        "paid": config.paid,
        "needs_key": config.needs_key,
        "prices": prices,
    }
    if config.kind == "anthropic":
        return AnthropicProvider(**common)
    if config.kind == "gemini":
        return GeminiProvider(**common)
    if config.kind == "ollama":
        return OllamaProvider(**common)
    return OpenAICompatProvider(dialect=config.dialect, json_mode=config.json_mode, **common)


async def build_providers(
    configs: Mapping[str, ProviderConfig],
    keys: KeyResolver,
    *,
    pool: HttpPool,
    timeouts: Timeouts,
    prices: PriceTable | None = None,
    only: Sequence[str] | None = None,
) -> dict[str, HttpProvider]:
    """Providers with their keys resolved now (rebuild after a key changes)."""
    out: dict[str, HttpProvider] = {}
    for name, config in configs.items():
        if only is not None and name not in only:
            continue
        key = await keys.get(name)
        out[name] = build_provider(config, api_key=key, pool=pool, timeouts=timeouts, prices=prices)
    return out
