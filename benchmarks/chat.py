"""Chat screen benchmark: prints numbers, asserts nothing.

1. Streaming: a scripted provider sends a long Markdown reply (paragraphs, lists, code fences)
   one token per chunk at a fixed rate, through the real router, ChatService, Turn and the
   chat screen (headless). Reported per rate: how fast the screen showed it, how far behind it
   was when the stream ended, and how long key presses typed into the composer meanwhile
   took to be handled (a key every 100 ms). "tok/CPU-s" is tokens per second of this
   process's CPU time: what one free core sustains, whatever else the machine runs.
                                                           target: ≥ 1,500 tok/s, keys ≤ 50 ms
   "shown tok/s": text rendered while the reply streamed, per second; text a provider sends
   faster than that is shown in one go when the reply ends ("end lag": until it is).
2. Opening a 2,000-message conversation: time to the first paint from the sessions list
   (the list already holds it) and cold (read from the store first); and the store read
   alone.                                                             target: ≤ 300 ms

   With --code the reply is one long code block instead (highlighted as it grows).
Run: .venv/bin/python benchmarks/chat.py [--rates 1500,3000,6000] [--seconds 4] [--code]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textual import events
from textual.app import App

from interviewai_tui.ai.base import Chunk, Message, TextChunk, Usage
from interviewai_tui.ai.offline_coach import OfflineCoach
from interviewai_tui.ai.router import Router
from interviewai_tui.chat.service import ChatService
from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.chats import ChatMessage
from interviewai_tui.domain.common import ChatRole
from interviewai_tui.domain.users import User
from interviewai_tui.paths import styles_dir
from interviewai_tui.store import Store, open_store
from interviewai_tui.ui.screens.chat import ChatScreen
from interviewai_tui.ui.widgets.chat_composer import ChatComposer
from interviewai_tui.ui.widgets.chat_messages import MessageView

START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
WORDS = [
    "the",
    "cache",
    "keeps",
    "recent",
    "results",
    "close",
    "so",
    "repeated",
    "reads",
    "stay",
    "fast",
    "and",
    "cheap",
]


def reply_tokens(count: int, *, code: bool = False) -> list[str]:
    """A realistic reply: paragraphs, a list now and then, a code fence every 5th block.
    With ``code``: one long code block (six tokens a line), the costliest thing to show."""
    if code:
        lines = [
            token
            for i in range(count // 6 + 1)
            for token in (f"total_{i} ", "= ", "compute(", f"{i}, ", "'text')", "\n")
        ]
        return ["Here:\n\n```python\n", *lines][:count]
    out: list[str] = []
    block = 0
    while len(out) < count:
        block += 1
        if block % 5 == 0:
            out += ["```python\n"] + [f"value_{i} = compute({i})\n" for i in range(6)] + ["```\n\n"]
        elif block % 3 == 0:
            out += [f"- point {i}: " + " ".join(WORDS[:6]) + "\n" for i in range(4)] + ["\n"]
        else:
            out += [f"{WORDS[i % len(WORDS)]} " for i in range(50)] + ["**done**.\n\n"]
    return out[:count]


class Scripted:
    """A provider that sends ``tokens`` at ``rate`` per second, one per chunk."""

    name = "bench"
    default_model = "bench-1"
    paid = False
    configured = True

    def __init__(self) -> None:
        self.tokens: list[str] = []
        self.rate = 1000.0
        self.ended_at = 0.0
        self.on_end: Any = None

    async def stream(
        self, messages: Sequence[Message], *, model: str | None = None, max_tokens: int = 1024,
        temperature: float | None = None, json_schema: Any = None,
    ) -> AsyncIterator[Chunk]:  # fmt: skip
        started = time.perf_counter()
        sent = 0
        while sent < len(self.tokens):
            due = min(len(self.tokens), int((time.perf_counter() - started) * self.rate) + 1)
            while sent < due:
                yield TextChunk(self.tokens[sent])
                sent += 1
            await asyncio.sleep(0.005)
        self.ended_at = time.perf_counter()
        if self.on_end is not None:
            self.on_end()
        yield Usage("bench", "bench-1", output_tokens=sent, latency_ms=0.0)


class Services:
    def __init__(self, chat: ChatService) -> None:
        self._chat = chat

    async def chat(self) -> ChatService:
        return self._chat


class Host(App[None]):
    CSS_PATH = [styles_dir() / "app.tcss", styles_dir() / "chat.tcss"]

    def __init__(self, service: ChatService, user: Any) -> None:
        super().__init__()
        self._services = Services(service)
        self.user = user

    async def services(self) -> Services:
        return self._services


async def setup(folder: Path) -> tuple[Store, ChatService, Scripted, Any]:
    clock = FrozenClock(START)
    store = await open_store(f"sqlite:///{folder / 'bench.db'}", clock=clock).__aenter__()
    scripted = Scripted()
    router = Router({"bench": scripted}, offline=OfflineCoach(), default="bench")  # type: ignore[dict-item]
    service = ChatService(store=store, router=router, clock=clock, reply_tokens=1024)
    user = (await store.users.create(user=User(email="b@example.com", name="B"))).public()
    return store, service, scripted, user


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def stream_run(
    rate: float, seconds: float, folder: Path, *, code: bool = False
) -> dict[str, float]:
    store, service, scripted, user = await setup(folder)
    scripted.tokens = reply_tokens(int(rate * seconds), code=code)
    scripted.rate = rate
    full = "".join(scripted.tokens)
    chat = await service.create(user.id, provider="bench", title="bench")  # titled: no title call
    app = Host(service, user)
    key_latency: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(ChatScreen(chat_id=chat.id))
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, ChatScreen)
        composer = screen.query_one(ChatComposer)
        handled: list[float] = []
        original = composer._replace_via_keyboard

        def timed(*args: Any, **kwargs: Any) -> Any:
            handled.append(time.perf_counter())
            return original(*args, **kwargs)

        composer._replace_via_keyboard = timed  # type: ignore[method-assign]
        composer.load_text("go")
        composer.focus()
        started = time.perf_counter()
        cpu_started = time.process_time()
        await pilot.press("enter")
        view: MessageView | None = None
        at_end: dict[str, float] = {}

        def record_end() -> None:  # called by the provider right after its last token
            views = [v for v in screen.log_view.views() if v.role is ChatRole.ASSISTANT]
            at_end["shown"] = views[-1].rendered_length if views else 0
            at_end["cpu"] = time.process_time() - cpu_started

        scripted.on_end = record_end
        while True:
            await asyncio.sleep(0.1)
            before = len(handled)
            sent_at = time.perf_counter()
            app.post_message(events.Key("x", "x"))
            while len(handled) == before and time.perf_counter() - sent_at < 2:
                await asyncio.sleep(0.001)
            key_latency.append((time.perf_counter() - sent_at) * 1000)
            views = [v for v in screen.log_view.views() if v.role is ChatRole.ASSISTANT]
            view = views[-1] if views else None
            if scripted.ended_at and view is not None and not view.streaming:
                break
        done = time.perf_counter()
        assert view is not None
        shown = len(view.shown_source)
    await store.__aexit__(None, None, None)
    return {
        "rate": rate,
        "tokens": len(scripted.tokens),
        "shown_ok": float(shown >= len(full)),
        # tokens' worth of text the screen had rendered when the provider finished, per second
        "display_rate": len(scripted.tokens)
        * at_end["shown"]
        / len(full)
        / (scripted.ended_at - started),
        "lag_ms": (done - scripted.ended_at) * 1000,
        # the same text per second of this process's CPU time (what one free core sustains)
        "cpu_rate": len(scripted.tokens) * at_end["shown"] / len(full) / at_end["cpu"],
        "key_p50": statistics.median(key_latency),
        "key_p95": pct(key_latency, 0.95),
        "key_max": max(key_latency),
    }


async def paint_runs(folder: Path, repeats: int) -> dict[str, list[float]]:
    store, service, _, user = await setup(folder)
    chat = await service.create(user.id, provider="offline", title="Long")
    body = "".join(reply_tokens(60))
    messages = [
        ChatMessage(role=ChatRole.USER if i % 2 == 0 else ChatRole.ASSISTANT,
                    content=f"{i}: {body}", timestamp=START)
        for i in range(2000)
    ]  # fmt: skip
    await store.chats.update(
        chat_id=chat.id,
        changes={"messages": [*chat.messages, *messages], "messageCount": 2000,
                 "lastMessageAt": START},
    )  # fmt: skip
    other = await service.create(user.id, provider="offline", title="Short")
    results: dict[str, list[float]] = {"from_list": [], "cold": [], "store_read": []}
    app = Host(service, user)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ChatScreen(chat_id=other.id))
        await pilot.pause(0.5)
        screen = app.screen
        assert isinstance(screen, ChatScreen)
        for i in range(repeats * 2):
            cold = i % 2 == 1
            await screen.open_chat(other.id)
            await pilot.pause(0.3)
            if cold:
                screen.sessions.chats.pop(chat.id, None)
            else:
                await screen.refresh_sessions()
            painted = asyncio.Event()
            started = time.perf_counter()
            await screen.open_chat(chat.id) if cold else await screen.show_chat(
                screen.sessions.chats[chat.id]
            )
            app.call_after_refresh(painted.set)
            await painted.wait()
            results["cold" if cold else "from_list"].append((time.perf_counter() - started) * 1000)
        for _ in range(repeats):
            started = time.perf_counter()
            await service.get(chat.id, user_id=user.id)
            results["store_read"].append((time.perf_counter() - started) * 1000)
    await store.__aexit__(None, None, None)
    return results


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rates", default="1500,3000,6000")
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--code", action="store_true", help="stream one long code block")
    args = parser.parse_args()
    print("1. streaming into the chat screen (100x30, headless)")
    print(f"{'rate tok/s':>10} {'tokens':>7} {'shown tok/s':>11} {'end lag ms':>10} "
          f"{'key p50':>8} {'key p95':>8} {'key max':>8} {'tok/CPU-s':>9}")  # fmt: skip
    for rate in (float(r) for r in args.rates.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            r = await stream_run(rate, args.seconds, Path(tmp), code=args.code)
        print(f"{r['rate']:>10.0f} {r['tokens']:>7.0f} {r['display_rate']:>11.0f} "
              f"{r['lag_ms']:>10.0f} {r['key_p50']:>8.1f} {r['key_p95']:>8.1f} "
              f"{r['key_max']:>8.1f} {r['cpu_rate']:>9.0f}"
              + ("" if r["shown_ok"] else "  (text incomplete!)"))  # fmt: skip
    print("\n2. opening a 2,000-message conversation (80x24), ms")
    with tempfile.TemporaryDirectory() as tmp:
        paint = await paint_runs(Path(tmp), args.repeats)
    for name, values in paint.items():
        print(f"{name:>12}: median {statistics.median(values):6.0f}  max {max(values):6.0f}")


if __name__ == "__main__":
    asyncio.run(main())
