"""Router: retries, fallback order, no splice after content, spend cap, concurrency, records."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from interviewai_tui.ai import errors as E
from interviewai_tui.ai.anthropic import AnthropicProvider
from interviewai_tui.ai.base import Message, TextChunk, collect
from interviewai_tui.ai.gemini import GeminiProvider
from interviewai_tui.ai.offline_coach import OFFLINE_NOTE, OfflineCoach
from interviewai_tui.ai.openai_compat import OpenAICompatProvider
from interviewai_tui.ai.records import CallRecorder
from interviewai_tui.ai.retry import RetryPolicy
from interviewai_tui.ai.router import Router
from interviewai_tui.ai.spend import InMemorySpendLedger
from interviewai_tui.ai.transport import HttpPool
from interviewai_tui.clock import FrozenClock
from tests.ai.bank import QUESTIONS
from tests.ai.conftest import FAST
from tests.ai.fakeserver import FakeServer, Reply, json_reply
from tests.ai.streams import (
    ANTHROPIC_529_BODY,
    ANTHROPIC_STREAM,
    GEMINI_STREAM,
    OPENAI_429_BODY,
    OPENAI_STREAM,
    openai_chunks,
)

MSGS = [Message("user", "What is a closure?")]
CLOCK = FrozenClock(datetime(2026, 3, 14, 12, 0, tzinfo=UTC))


class Sleeps:
    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def make_router(
    fake: FakeServer,
    pool: HttpPool,
    *,
    keys: dict[str, str | None] | None = None,
    default: str = "openai",
    fallback: tuple[str, ...] = ("anthropic", "gemini"),
    sleeps: Sleeps | None = None,
    **kw: object,
) -> Router:
    keys = {"openai": "sk-o", "anthropic": "sk-a", "gemini": "AIza-g"} if keys is None else keys
    providers = {
        "openai": OpenAICompatProvider(name="openai", base_url=fake.url, model="gpt-5-mini",
                                       pool=pool, api_key=keys.get("openai"), timeouts=FAST,
                                       dialect="openai"),
        "anthropic": AnthropicProvider(name="anthropic", base_url=fake.url,
                                       model="claude-haiku-4-5", pool=pool,
                                       api_key=keys.get("anthropic"), timeouts=FAST),
        "gemini": GeminiProvider(name="gemini", base_url=fake.url, model="gemini-2.5-flash",
                                 pool=pool, api_key=keys.get("gemini"), timeouts=FAST),
    }  # fmt: skip
    return Router(
        providers,
        offline=OfflineCoach(QUESTIONS),
        default=default,
        fallback=fallback,
        policy=RetryPolicy(max_retries=2),
        clock=CLOCK,
        sleep=sleeps or Sleeps(),
        rand=lambda: 0.5,
        **kw,  # type: ignore[arg-type]
    )


async def test_retry_after_is_honoured_then_success(fake: FakeServer, pool: HttpPool) -> None:
    sleeps = Sleeps()
    fake.queue(
        json_reply(429, OPENAI_429_BODY, {"retry-after": "1.5"}), Reply(parts=[OPENAI_STREAM])
    )
    router = make_router(fake, pool, sleeps=sleeps)
    result = await collect(router.stream(MSGS))
    assert result.text == "Hello!"
    assert sleeps.calls == [1.5]
    assert result.usage.provider == "openai" and not result.usage.fallback_used
    outcomes = {(s.provider, s.outcome): s.count for s in router.recorder.snapshot()}
    assert outcomes == {("openai", "rate_limit"): 1, ("openai", "ok"): 1}


async def test_backoff_is_exponential_with_jitter(fake: FakeServer, pool: HttpPool) -> None:
    sleeps = Sleeps()
    fake.queue(json_reply(503, {}), json_reply(503, {}), Reply(parts=[OPENAI_STREAM]))
    router = make_router(fake, pool, sleeps=sleeps)
    await collect(router.stream(MSGS))
    assert sleeps.calls == [0.5 * (1 - 0.25 * 0.5), 1.0 * (1 - 0.25 * 0.5)]


async def test_retry_after_above_cap_moves_on_at_once(fake: FakeServer, pool: HttpPool) -> None:
    sleeps = Sleeps()
    fake.queue(
        json_reply(429, OPENAI_429_BODY, {"retry-after": "3600"}),
        Reply(parts=[ANTHROPIC_STREAM]),
    )
    router = make_router(fake, pool, sleeps=sleeps)
    result = await collect(router.stream(MSGS))
    assert sleeps.calls == []
    assert result.usage.provider == "anthropic" and result.usage.fallback_used
    assert result.usage.notice and "OpenAI is limiting the request rate" in result.usage.notice


async def test_fallback_order_skips_providers_without_keys(
    fake: FakeServer, pool: HttpPool
) -> None:
    fake.queue(
        json_reply(401, {"error": {"message": "bad key"}}),
        Reply(parts=[GEMINI_STREAM], mode="close"),
    )
    router = make_router(fake, pool, keys={"openai": "sk-bad", "gemini": "AIza-g"})
    result = await collect(router.stream(MSGS, model="gpt-5"))
    assert result.usage.provider == "gemini" and result.usage.fallback_used
    assert [r.path.split("/")[-1] for r in fake.requests] == [
        "completions", "gemini-2.5-flash:streamGenerateContent?alt=sse",
    ]  # fmt: skip
    assert fake.requests[0].json()["model"] == "gpt-5"  # the chosen model goes to the chosen one
    assert "Anthropic has no API key" in (result.usage.notice or "")


async def test_everything_fails_then_offline_coach(fake: FakeServer, pool: HttpPool) -> None:
    fake.queue(*[json_reply(529, ANTHROPIC_529_BODY) for _ in range(9)])
    router = make_router(fake, pool)
    result = await collect(router.stream([Message("user", "how do database indexes work?")]))
    assert result.usage.provider == "offline" and result.usage.fallback_used
    assert result.usage.cost == Decimal(0)
    assert result.text.startswith(OFFLINE_NOTE)
    assert "database indexes" in result.text
    assert len(fake.requests) == 9  # 3 providers x (1 try + 2 retries)
    kinds = {(s.provider, s.outcome): s.count for s in router.recorder.snapshot()}
    assert kinds[("openai", "overloaded")] == 3 and kinds[("offline", "ok")] == 1


async def test_no_retry_or_fallback_after_content(fake: FakeServer, pool: HttpPool) -> None:
    head = OPENAI_STREAM.split(b"\n\n")[1] + b"\n\n"
    fake.queue(Reply(parts=[head, 0.01], drop=True), Reply(parts=[ANTHROPIC_STREAM]))
    router = make_router(fake, pool)
    shown: list[str] = []
    with pytest.raises(E.NetworkError):
        async for chunk in router.stream(MSGS):
            if isinstance(chunk, TextChunk):
                shown.append(chunk.text)
    assert shown == ["Hello!"]
    assert len(fake.requests) == 1  # neither retried nor handed to Anthropic


async def test_offline_chosen_is_not_a_fallback(fake: FakeServer, pool: HttpPool) -> None:
    router = make_router(fake, pool, default="offline")
    result = await collect(router.stream(MSGS))
    assert result.usage.provider == "offline" and not result.usage.fallback_used
    assert fake.requests == []


async def test_spend_cap_stops_paid_calls_with_a_clear_message(
    fake: FakeServer, pool: HttpPool
) -> None:
    ledger = InMemorySpendLedger()
    # 1M output tokens of gpt-5-mini cost $2.00, over a $1.50 cap
    big = OPENAI_STREAM.replace(b'"completion_tokens":3', b'"completion_tokens":1000000')
    fake.queue(Reply(parts=[big]))
    router = make_router(fake, pool, ledger=ledger, monthly_cap=1.5)
    first = await collect(router.stream(MSGS, user_id="u1"))
    assert first.usage.provider == "openai"
    assert await ledger.spent("u1", "2026-03") == first.usage.cost > Decimal("1.5")
    second = await collect(router.stream(MSGS, user_id="u1"))
    assert second.usage.provider == "offline"
    assert "monthly AI spend cap of $1.50 is reached" in (second.usage.notice or "")
    assert len(fake.requests) == 1  # no paid call after the cap
    fake.queue(Reply(parts=[OPENAI_STREAM]))
    other = await collect(router.stream(MSGS, user_id="u2"))  # caps are per user
    assert other.usage.provider == "openai"
    CLOCK.set(datetime(2026, 4, 1, tzinfo=UTC))  # a new month starts from zero
    try:
        fake.queue(Reply(parts=[OPENAI_STREAM]))
        again = await collect(router.stream(MSGS, user_id="u1"))
        assert again.usage.provider == "openai"
    finally:
        CLOCK.set(datetime(2026, 3, 14, 12, 0, tzinfo=UTC))


async def test_concurrency_limit_per_provider(fake: FakeServer, pool: HttpPool) -> None:
    stream = openai_chunks(["a", "b"])
    for _ in range(4):
        fake.queue(Reply(parts=[0.15, stream]))
    router = make_router(fake, pool, max_concurrency=2)
    started = asyncio.get_running_loop().time()
    results = await asyncio.gather(*(collect(router.stream(MSGS)) for _ in range(4)))
    elapsed = asyncio.get_running_loop().time() - started
    assert all(r.text == "ab" for r in results)
    assert elapsed >= 0.29  # two waves of two, each held 0.15 s by the server


async def test_recorder_flush_and_provider_metrics(fake: FakeServer, pool: HttpPool) -> None:
    from interviewai_tui.ai.records import provider_metrics

    fake.queue(json_reply(500, {}), Reply(parts=[OPENAI_STREAM]))
    recorder = CallRecorder()
    router = make_router(fake, pool, recorder=recorder)
    await collect(router.stream(MSGS))
    rows = provider_metrics(recorder.snapshot())
    assert len(rows) == 1
    row = rows[0].stored()
    assert row["provider"] == "openai" and row["requestCount"] == 2 and row["errorCount"] == 1
    assert row["successRate"] == 50.0 and row["status"] == "degraded"
    assert row["errors"][0]["type"] == "overloaded"
    got: list[int] = []

    async def sink(batch: list) -> None:  # type: ignore[type-arg]
        got.append(sum(s.count for s in batch))

    assert await recorder.flush(sink) == 2 and got == [2]
    assert recorder.snapshot() == []

    async def broken(batch: list) -> None:  # type: ignore[type-arg]
        raise OSError("store down")

    fake.queue(Reply(parts=[OPENAI_STREAM]))
    await collect(router.stream(MSGS))
    with pytest.raises(OSError):
        await recorder.flush(broken)
    assert sum(s.count for s in recorder.snapshot()) == 1  # kept for the next flush
