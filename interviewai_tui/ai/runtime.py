"""Everything AI that one running program owns, built from settings in one call.

The lead's container calls `build_ai(settings.model_dump(), keys, ...)` once, keeps the
`AiRuntime`, and awaits `aclose()` on shutdown (it closes the shared HTTP client).
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from interviewai_tui.ai.base import OFFLINE
from interviewai_tui.ai.evaluation import QuestionLike
from interviewai_tui.ai.httpbase import HttpProvider
from interviewai_tui.ai.keys import KeyResolver
from interviewai_tui.ai.offline_coach import OfflineCoach
from interviewai_tui.ai.pricing import PriceTable
from interviewai_tui.ai.records import CallRecorder
from interviewai_tui.ai.registry import (
    build_providers,
    configs_from_settings,
    timeouts_from_settings,
)
from interviewai_tui.ai.retry import RetryPolicy, Sleep
from interviewai_tui.ai.router import Router
from interviewai_tui.ai.spend import SpendLedger
from interviewai_tui.ai.transport import HttpPool

if TYPE_CHECKING:
    from interviewai_tui.clock import Clock

__all__ = ["AiRuntime", "build_ai"]


@dataclass
class AiRuntime:
    router: Router
    providers: dict[str, HttpProvider]
    coach: OfflineCoach
    pool: HttpPool
    recorder: CallRecorder
    settings: dict[str, Any] = field(default_factory=dict)

    async def aclose(self) -> None:
        await self.pool.aclose()


def _chain(value: object) -> list[str]:
    if isinstance(value, str):
        return [p.strip() for p in value.split(",") if p.strip()]
    if isinstance(value, Sequence):
        return [str(p) for p in value]
    return []


async def build_ai(
    values: Mapping[str, Any],
    keys: KeyResolver,
    *,
    questions: Sequence[QuestionLike] = (),
    clock: Clock | None = None,
    ledger: SpendLedger | None = None,
    recorder: CallRecorder | None = None,
    pool: HttpPool | None = None,
    prices: PriceTable | None = None,
    sleep: Sleep = asyncio.sleep,
    rand: Callable[[], float] = random.random,
) -> AiRuntime:
    """Providers (keys resolved now), the offline coach over `questions`, and the router."""
    pool = pool or HttpPool()
    recorder = recorder or CallRecorder()
    configs = configs_from_settings(values)
    providers = await build_providers(
        configs, keys, pool=pool, timeouts=timeouts_from_settings(values), prices=prices
    )
    coach = OfflineCoach(questions)
    retries = values.get("ai_max_retries")
    router = Router(
        providers,
        offline=coach,
        default=str(values.get("ai_provider") or OFFLINE),
        fallback=_chain(values.get("ai_fallback")),
        policy=RetryPolicy(max_retries=2 if retries is None else int(retries)),
        recorder=recorder,
        ledger=ledger,
        monthly_cap=values.get("ai_monthly_spend_cap"),
        max_concurrency=int(values.get("ai_max_concurrency") or 4),
        clock=clock,
        sleep=sleep,
        rand=rand,
    )
    return AiRuntime(router, providers, coach, pool, recorder, dict(values))
