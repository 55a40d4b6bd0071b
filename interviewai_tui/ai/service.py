"""Service functions behind `interviewai ai providers` and `interviewai ai test`.

They return plain data; the CLI formats it. Hosted providers are not contacted by
`list_providers` (no network, no spend): only local servers are probed, briefly.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from interviewai_tui.ai.base import OFFLINE, Message, ReasoningChunk, TextChunk, Usage
from interviewai_tui.ai.errors import ProviderError, display_name
from interviewai_tui.ai.keys import API_KEY_ENV, KeyResolver, mask
from interviewai_tui.ai.offline_coach import COACH_MODEL, OfflineCoach
from interviewai_tui.ai.registry import (
    build_provider,
    configs_from_settings,
    timeouts_from_settings,
)
from interviewai_tui.ai.retry import RetryPolicy, stream_with_retries
from interviewai_tui.ai.transport import HttpPool, Timeouts

__all__ = ["ProviderStatus", "ProviderTestResult", "list_providers", "test_provider"]


@dataclass(frozen=True, slots=True)
class ProviderStatus:
    name: str
    model: str
    base_url: str
    chosen: bool
    needs_key: bool
    has_key: bool
    key_hint: str  # masked: at most the last 4 characters
    reachable: bool | None  # None: not probed (hosted APIs are not contacted)
    models: tuple[str, ...]
    detail: str  # one line for the table


@dataclass(frozen=True, slots=True)
class ProviderTestResult:
    provider: str
    model: str
    ok: bool
    text: str = ""
    latency_ms: float = 0.0
    first_token_ms: float | None = None
    input_tokens: int = 0
    output_tokens: int = 0
    cost: Decimal | None = None  # None: unpriced
    error: str | None = None  # one sentence, no key in it
    error_kind: str | None = None


async def list_providers(
    config: Mapping[str, Any],
    keys: KeyResolver,
    *,
    pool: HttpPool | None = None,
    probe_timeout: float = 1.5,
) -> list[ProviderStatus]:
    """Every provider: key present (masked), model, and for local servers whether they answer."""
    own_pool = pool is None
    pool = pool or HttpPool()
    chosen = str(config.get("ai_provider") or OFFLINE)
    probe = Timeouts(connect=probe_timeout, idle=probe_timeout, no_content=probe_timeout)
    rows = [
        ProviderStatus(
            OFFLINE, COACH_MODEL, "", chosen == OFFLINE, False, False, "", True, (),
            "always available; answers from the question bank",
        )
    ]  # fmt: skip
    try:
        for name, cfg in configs_from_settings(config).items():
            key = await keys.get(name)
            reachable: bool | None = None
            models: tuple[str, ...] = ()
            if not cfg.needs_key:
                provider = build_provider(cfg, api_key=key, pool=pool, timeouts=probe)
                try:
                    models = tuple(await provider.list_models())
                    reachable = True
                    detail = f"server answers; {len(models)} model(s) installed"
                    if models and not any(
                        m.split(":")[0] == cfg.model.split(":")[0] for m in models
                    ):
                        detail += f"; {cfg.model} is not among them"
                except ProviderError as error:
                    reachable, detail = False, error.message
            elif key:
                detail = f"API key set ({mask(key)})"
            else:
                names = " or ".join(API_KEY_ENV.get(name, ())) or "a key"
                detail = f"no API key: save one in settings or set {names}"
            rows.append(
                ProviderStatus(
                    name, cfg.model, cfg.base_url, name == chosen, cfg.needs_key, bool(key),
                    mask(key) if key else "", reachable, models, detail,
                )
            )  # fmt: skip
    finally:
        if own_pool:
            await pool.aclose()
    return rows


async def test_provider(
    config: Mapping[str, Any],
    keys: KeyResolver,
    provider: str | None = None,
    *,
    model: str | None = None,
    prompt: str = "Reply with the single word: ready",
    pool: HttpPool | None = None,
) -> ProviderTestResult:
    """Send a tiny prompt to one provider (no fallback) and report latency, tokens and cost."""
    name = provider or str(config.get("ai_provider") or OFFLINE)
    messages = [Message("user", prompt)]
    configs = configs_from_settings(config)
    own_pool = False
    if name == OFFLINE:
        target: Any = OfflineCoach()
    elif name in configs:
        own_pool = pool is None
        pool = pool or HttpPool()
        target = build_provider(
            configs[name],
            api_key=await keys.get(name),
            pool=pool,
            timeouts=timeouts_from_settings(config),
        )
    else:
        known = ", ".join([OFFLINE, *configs])
        return ProviderTestResult(
            name, model or "", False, error=f"Unknown provider {name!r}; choose one of {known}."
        )
    use_model = model or target.default_model
    text: list[str] = []
    started = time.perf_counter()
    try:
        async for chunk in stream_with_retries(
            target, messages, model=use_model, max_tokens=64, policy=RetryPolicy(max_retries=1)
        ):
            if isinstance(chunk, TextChunk):
                text.append(chunk.text)
            elif isinstance(chunk, Usage):
                return ProviderTestResult(
                    name, chunk.model, True, "".join(text).strip(), chunk.latency_ms,
                    chunk.first_token_ms, chunk.input_tokens, chunk.output_tokens, chunk.cost,
                )  # fmt: skip
            elif isinstance(chunk, ReasoningChunk):
                continue
    except ProviderError as error:
        return ProviderTestResult(
            name, use_model, False, latency_ms=(time.perf_counter() - started) * 1000,
            error=error.message, error_kind=error.kind,
        )  # fmt: skip
    finally:
        if own_pool and pool is not None:
            await pool.aclose()
    return ProviderTestResult(
        name, use_model, False, error=f"{display_name(name)} ended without an answer."
    )


test_provider.__test__ = False  # type: ignore[attr-defined]  # not a pytest test, despite the name
