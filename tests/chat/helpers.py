"""Routers over the loopback fake server, and small helpers for chat tests."""

from __future__ import annotations

from interviewai_tui.ai.anthropic import AnthropicProvider
from interviewai_tui.ai.gemini import GeminiProvider
from interviewai_tui.ai.httpbase import HttpProvider
from interviewai_tui.ai.offline_coach import OfflineCoach
from interviewai_tui.ai.ollama import OllamaProvider
from interviewai_tui.ai.openai_compat import OpenAICompatProvider
from interviewai_tui.ai.retry import RetryPolicy
from interviewai_tui.ai.router import Router
from interviewai_tui.ai.transport import HttpPool
from interviewai_tui.chat.turn import Delta, Finished, Notice, Retitled, Turn, TurnEvent
from interviewai_tui.clock import Clock
from tests.ai.bank import QUESTIONS
from tests.ai.conftest import FAST
from tests.ai.fakeserver import FakeServer


class Ticker:
    """A response-time timer that moves 0.25 s per reading: elapsed times are exact."""

    def __init__(self, step: float = 0.25) -> None:
        self.now = 100.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def providers(fake: FakeServer, pool: HttpPool, *, keys: bool = True) -> dict[str, HttpProvider]:
    key = "sk-test-0001" if keys else None
    common = {"base_url": fake.url, "pool": pool, "timeouts": FAST}
    return {
        "openai": OpenAICompatProvider(name="openai", model="gpt-4o-mini", api_key=key,
                                       dialect="openai", **common),  # type: ignore[arg-type]
        "anthropic": AnthropicProvider(name="anthropic", model="claude-haiku-4-5", api_key=key,
                                       **common),  # type: ignore[arg-type]
        "gemini": GeminiProvider(name="gemini", model="gemini-2.5-flash", api_key=key,
                                 **common),  # type: ignore[arg-type]
        "deepseek": OpenAICompatProvider(name="deepseek", model="deepseek-chat", api_key=key,
                                         **common),  # type: ignore[arg-type]
        "ollama": OllamaProvider(name="ollama", model="llama3.2", paid=False,
                                 **common),  # type: ignore[arg-type]
    }  # fmt: skip


def make_router(
    fake: FakeServer,
    pool: HttpPool,
    *,
    clock: Clock,
    default: str = "openai",
    keys: bool = True,
    retries: int = 0,
) -> Router:
    async def no_sleep(_: float) -> None:
        return None

    return Router(
        providers(fake, pool, keys=keys),
        offline=OfflineCoach(QUESTIONS),
        default=default,
        policy=RetryPolicy(max_retries=retries),
        clock=clock,
        sleep=no_sleep,
        rand=lambda: 0.5,
    )


async def drain(turn: Turn) -> list[TurnEvent]:
    return [event async for event in turn]


def text_of(events: list[TurnEvent]) -> str:
    return "".join(e.text for e in events if isinstance(e, Delta))


def finished(events: list[TurnEvent]) -> Finished:
    found = [e for e in events if isinstance(e, Finished)]
    assert len(found) == 1, events
    return found[0]


def notices(events: list[TurnEvent]) -> list[str]:
    return [e.text for e in events if isinstance(e, Notice)]


def titles(events: list[TurnEvent]) -> list[str]:
    return [e.title for e in events if isinstance(e, Retitled)]


def events_of(stream: bytes) -> list[bytes]:
    """The SSE events of a wire sample, each with its blank line."""
    return [part + b"\n\n" for part in stream.split(b"\n\n") if part]
