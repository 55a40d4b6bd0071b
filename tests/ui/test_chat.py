"""Pilot tests of the chat screen: replies streamed from fake providers into the screen, the
composer's keys, stop, errors, retry, ratings, details, links and untrusted text."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.style import Style
from textual.widgets import Static

from interviewai_tui.chat.service import ChatService
from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.common import ChatRole
from interviewai_tui.ui.screens.chat import ChatScreen
from interviewai_tui.ui.screens.chat_dialogs import ConfirmDialog, RateDialog
from interviewai_tui.ui.widgets.chat_composer import ChatComposer
from interviewai_tui.ui.widgets.chat_messages import MessageView
from tests.ai.fakeserver import Reply
from tests.ai.streams import (
    ANTHROPIC_ERROR_EVENT,
    ANTHROPIC_HEAD,
    ANTHROPIC_STREAM,
    DEEPSEEK_STREAM,
    GEMINI_STREAM,
    OLLAMA_STREAM,
    OPENAI_STREAM,
    openai_chunks,
)
from tests.chat.helpers import events_of
from tests.chat.ui_host import ChatHost

from .helpers import toasts
from .screen_text import screen_text

START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def flat(text: str) -> str:
    """The conversation pane's text with wrapped lines joined."""
    return " ".join(" ".join(line.split("▕", 1)[-1].split()) for line in text.splitlines())


class Ctx:
    def __init__(self, app: ChatHost, pilot: Pilot[Any], service: ChatService) -> None:
        self.app, self.pilot, self.service = app, pilot, service

    @property
    def screen(self) -> ChatScreen:
        screen = self.app.screen
        assert isinstance(screen, ChatScreen), screen
        return screen

    @property
    def fake(self) -> Any:
        return self.app.fake

    async def until(self, cond: Callable[[], bool], limit: float = 5.0) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit
        while not cond():
            assert loop.time() < deadline, screen_text(self.app)
            await self.pilot.pause(0.02)

    async def send(self, text: str) -> None:
        composer = self.screen.query_one(ChatComposer)
        composer.focus()
        composer.load_text(text)
        await self.pilot.press("enter")

    def views(self) -> list[MessageView]:
        return self.screen.log_view.views()

    async def replied(self, count: int = 1) -> None:
        def done() -> bool:
            replies = [v for v in self.views() if v.role is ChatRole.ASSISTANT]
            return len(replies) >= count and not replies[-1].streaming and not self.streaming()

        await self.until(done)
        await self.pilot.pause()

    def streaming(self) -> bool:
        turn = self.screen.turn
        return turn is not None and turn.running

    async def stored(self) -> Any:
        assert self.screen.chat is not None and self.app.user is not None
        return await self.service.get(self.screen.chat.id, user_id=self.app.user.id)


@pytest.fixture
async def ctx(tmp_path: Path) -> AsyncIterator[Ctx]:
    app = ChatHost()
    async with app.run_test(size=(100, 30)) as pilot:
        service = await app.open_own(tmp_path, FrozenClock(START))
        await app.push_screen(ChatScreen())
        await pilot.pause()
        yield Ctx(app, pilot, service)


WIRE = {
    "openai": (OPENAI_STREAM, "text/event-stream"),
    "anthropic": (ANTHROPIC_STREAM, "text/event-stream"),
    "gemini": (GEMINI_STREAM, "text/event-stream"),
    "deepseek": (DEEPSEEK_STREAM, "text/event-stream"),
    "ollama": (OLLAMA_STREAM, "application/x-ndjson"),
}


@pytest.mark.parametrize("provider", sorted(WIRE))
async def test_reply_from_each_provider_streams_into_the_screen(ctx: Ctx, provider: str) -> None:
    wire, content_type = WIRE[provider]
    ctx.fake.queue(Reply(parts=[wire], content_type=content_type))
    ctx.fake.queue(Reply(parts=[wire], content_type=content_type))  # the title
    chat = await ctx.service.create(ctx.app.user.id, provider=provider)
    await ctx.screen.open_chat(chat.id)
    await ctx.send("Say hello")
    await ctx.replied()
    await ctx.until(lambda: "Hello!" in ctx.screen.sessions.chats[chat.id].title)
    text = screen_text(ctx.app)
    assert "You · 09:00" in text and "Say hello" in text
    assert "Assistant · 09:00" in text and "Hello!" in text
    stored = await ctx.stored()
    assert stored.messages[-1].content == "Hello!" and stored.messages[-1].provider == provider


async def test_enter_sends_and_the_newline_keys_break_lines(ctx: Ctx) -> None:
    composer = ctx.screen.query_one(ChatComposer)
    composer.focus()
    await ctx.pilot.press("a", "shift+enter", "b", "ctrl+j", "c", "alt+enter", "d")
    assert composer.text == "a\nb\nc\nd"
    ctx.fake.queue(Reply(parts=[openai_chunks(["ok"])]), Reply(parts=[openai_chunks(["T"])]))
    await ctx.pilot.press("enter")
    await ctx.replied()
    assert composer.text == ""
    stored = await ctx.stored()  # the first message created a chat with the default provider
    assert stored.provider == "openai"
    assert stored.messages[1].content == "a\nb\nc\nd"


async def test_escape_stops_the_reply_and_keeps_what_arrived(ctx: Ctx) -> None:
    head = b"".join(events_of(openai_chunks(["Closures ", "capture "]))[:2])
    ctx.fake.queue(Reply(parts=[head, 30.0, openai_chunks(["never"])]))
    await ctx.send("Explain closures")
    await ctx.until(lambda: "Closures capture" in screen_text(ctx.app))
    assert ctx.streaming()
    await ctx.pilot.press("escape")
    await ctx.replied()
    assert isinstance(ctx.app.screen, ChatScreen)  # Esc stopped; it did not leave
    text = screen_text(ctx.app)
    assert "incomplete" in text and "Incomplete reply: stopped before the end." in text
    stored = await ctx.stored()
    assert stored.messages[-1].content.startswith("Closures capture")
    await ctx.pilot.press("escape")  # nothing to stop now: back
    await ctx.pilot.pause()
    assert not isinstance(ctx.app.screen, ChatScreen)


async def test_provider_error_mid_stream_is_shown_and_retry_replaces_it(ctx: Ctx) -> None:
    chat = await ctx.service.create(ctx.app.user.id, provider="anthropic", title="t")
    await ctx.screen.open_chat(chat.id)
    ctx.fake.queue(Reply(parts=[ANTHROPIC_HEAD, ANTHROPIC_ERROR_EVENT]))
    await ctx.send("hi")
    await ctx.replied()
    assert any("cut short" in t for t in toasts(ctx.app))
    assert "Incomplete reply:" in screen_text(ctx.app)
    ctx.fake.queue(Reply(parts=[ANTHROPIC_STREAM.replace(b"Hello!", b"Recovered")]))
    await ctx.pilot.press("ctrl+r")
    await ctx.until(lambda: "Recovered" in screen_text(ctx.app))
    await ctx.replied()
    assert "Incomplete reply:" not in screen_text(ctx.app)
    assert len([v for v in ctx.views() if v.role is ChatRole.ASSISTANT]) == 1
    stored = await ctx.stored()
    assert [m.content for m in stored.messages[1:]] == ["hi", "Recovered"]


UNTRUSTED = (
    "Use [bold]markup[/bold] and [link=https://evil.example]x[/link] as text; "
    "<b>html</b> too; \x1b[2J\x1b]52;c;ZXZpbA==\x1b\\done \x9b31m"
)


async def test_markup_html_and_escape_sequences_are_shown_verbatim_or_removed(ctx: Ctx) -> None:
    pieces = [UNTRUSTED[i : i + 7] for i in range(0, len(UNTRUSTED), 7)]  # splits sequences
    ctx.fake.queue(Reply(parts=[openai_chunks(pieces)]), Reply(parts=[openai_chunks(["[b]T"])]))
    await ctx.send("[red]my own[/red] text \x1b[31m")
    await ctx.replied()
    text = flat(screen_text(ctx.app))
    assert "[red]my own[/red] text" in text
    assert "Use [bold]markup[/bold] and [link=https://evil.example]x[/link] as text;" in text
    assert "<b>html</b> too;" in text
    assert "done" in text and "52;c" not in text and "[2J" not in text
    assert "\x1b" not in text and "\x9b" not in text
    markdowns = [v.shown_source for v in ctx.views()]
    assert all("\x1b" not in s and "\x9b" not in s for s in markdowns)


def link_actions(view: MessageView) -> list[str]:
    """The click actions of the links in a finished message's body."""
    body = view.query_one(".chat-body", Static).visual
    assert isinstance(body, Content)
    return [
        str(span.style.meta["@click"])
        for span in body.spans
        if isinstance(span.style, Style) and "@click" in span.style.meta
    ]


async def test_links_open_only_for_web_urls_after_confirmation(ctx: Ctx) -> None:
    head = b"".join(events_of(openai_chunks(["See [docs](https://docs.example/x) ", "and "]))[:2])
    ctx.fake.queue(Reply(parts=[head, 0.6, openai_chunks(["more."])]))
    ctx.fake.queue(Reply(parts=[openai_chunks(["T"])]))
    await ctx.send("links?")
    await ctx.until(lambda: "See docs" in screen_text(ctx.app))
    streaming = ctx.views()[-1]
    assert streaming.streaming
    (live_action,) = link_actions(streaming)  # links are live while the reply streams
    assert live_action == "screen.chat_link('https://docs.example/x')"
    live = streaming.query_one(".-live", Static)
    await ctx.app.run_action("screen.chat_link('file:///etc/passwd')", live)
    await ctx.until(lambda: any("Only web links" in t for t in toasts(ctx.app)))
    assert not isinstance(ctx.app.screen, ConfirmDialog)
    await ctx.replied()
    view = ctx.views()[-1]
    (action,) = link_actions(view)  # finished: one Static whose link asks the screen
    assert action == "screen.chat_link('https://docs.example/x')"
    body = view.query_one(".chat-body", Static)
    await ctx.app.run_action(action, body)
    await ctx.until(lambda: isinstance(ctx.app.screen, ConfirmDialog))
    await ctx.pilot.press("n")
    await ctx.pilot.pause()
    assert ctx.app.opened_urls == []
    await ctx.app.run_action(action, body)
    await ctx.until(lambda: isinstance(ctx.app.screen, ConfirmDialog))
    await ctx.pilot.press("y")
    await ctx.pilot.pause()
    assert ctx.app.opened_urls == ["https://docs.example/x"]


async def test_rate_and_details(ctx: Ctx) -> None:
    ctx.fake.queue(Reply(parts=[OPENAI_STREAM]), Reply(parts=[openai_chunks(["T"])]))
    await ctx.send("hi")
    await ctx.replied()
    assert "12 in / 3 out / 15 tokens" not in screen_text(ctx.app)
    await ctx.pilot.press("ctrl+t")
    await ctx.pilot.pause()
    assert "12 in / 3 out / 15 tokens" in screen_text(ctx.app)
    await ctx.pilot.press("f3")
    await ctx.until(lambda: isinstance(ctx.app.screen, RateDialog))
    await ctx.pilot.press("4", "h")
    await ctx.pilot.click("#rate-save")
    await ctx.until(lambda: "rated ★★★★☆, helpful" in screen_text(ctx.app))
    stored = await ctx.stored()
    feedback = stored.messages[-1].feedback
    assert feedback is not None and (feedback.rating, feedback.helpful) == (4, True)
    assert stored.analytics.user_satisfaction == 4.0
    assert "★ 4.0" in screen_text(ctx.app)


async def test_copy_the_reply_its_code_and_the_focused_message(ctx: Ctx) -> None:
    await ctx.pilot.press("f5")
    await ctx.pilot.pause()
    assert "There is no message to copy yet." in toasts(ctx.app)
    reply = ["Try:\n\n", "```python\nprint(1)\n```\n\n", "```sh\necho \x1b[2Jhi\n```\n"]
    ctx.fake.queue(Reply(parts=[openai_chunks(reply)]), Reply(parts=[openai_chunks(["T"])]))
    await ctx.send("code please")
    await ctx.replied()
    await ctx.pilot.press("f5")
    await ctx.pilot.pause()
    assert ctx.app.clipboard == "Try:\n\n```python\nprint(1)\n```\n\n```sh\necho hi\n```\n"
    assert any("Copied the message (" in t for t in toasts(ctx.app))
    await ctx.pilot.press("f9")
    await ctx.pilot.pause()
    assert ctx.app.clipboard == "echo hi\n"  # the last block, cleaned of the escape
    question = next(v for v in ctx.views() if v.role is ChatRole.USER)
    question.focus()
    await ctx.pilot.press("f5")
    await ctx.pilot.pause()
    assert ctx.app.clipboard == "code please"
    await ctx.pilot.press("f9")
    await ctx.pilot.pause()
    assert "That message has no code block." in toasts(ctx.app)


async def test_attach_a_file_and_refuse_a_binary_one(ctx: Ctx, tmp_path: Path) -> None:
    (tmp_path / "answer.py").write_text("print('hi')\n")
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01")
    for path in (tmp_path / "blob.bin", tmp_path / "answer.py"):
        await ctx.pilot.press("f4")
        await ctx.pilot.pause()
        ctx.app.screen.query_one("#prompt-input").value = str(path)  # type: ignore[attr-defined]
        await ctx.pilot.press("enter")
        await ctx.pilot.pause(0.1)
    assert any("binary" in t for t in toasts(ctx.app))
    assert "Attached: answer.py · 12 B · ≈ 3 tokens" in screen_text(ctx.app)
    ctx.fake.queue(
        Reply(parts=[openai_chunks(["Looks fine"])]), Reply(parts=[openai_chunks(["T"])])
    )
    await ctx.send("Review please")
    await ctx.replied()
    stored = await ctx.stored()
    sent = stored.messages[1]
    assert [a.filename for a in sent.attachments] == ["answer.py"]
    assert "print('hi')" in sent.content
    assert "Attached:" not in screen_text(ctx.app)  # used up by the message


async def test_archived_conversations_open_read_only(ctx: Ctx, tmp_path: Path) -> None:
    from interviewai_tui.chat.archived import ArchivedChats
    from interviewai_tui.domain.chats import ChatMessage, ChatSession
    from interviewai_tui.ops.archive_store import archive_url_for
    from interviewai_tui.ops.archived import ArchivedHistory
    from interviewai_tui.store import open_store
    from interviewai_tui.ui.screens.chat_core import READ_ONLY
    from interviewai_tui.ui.screens.chat_dialogs import ArchivedDialog

    url = f"sqlite:///{tmp_path / 'ui.db'}"
    async with ArchivedHistory(url) as archive:
        ctx.service.archived = ArchivedChats(archive)
        await ctx.pilot.press("ctrl+o")
        await ctx.until(lambda: any("None of your conversations" in t for t in toasts(ctx.app)))
        assert ctx.app.user is not None
        old = ChatSession(
            user_id=ctx.app.user.id,
            title="Old [b]chat[/b]",
            provider="offline",
            messages=[
                ChatMessage(role=ChatRole.USER, content="What was REST?", timestamp=START),
                ChatMessage(role=ChatRole.ASSISTANT, content="A style.", timestamp=START),
            ],
            message_count=2,
            last_message_at=START,
        )
        async with open_store(archive_url_for(url)) as store:
            await store.chats.create(chat=old)
        await ctx.pilot.press("ctrl+o")
        await ctx.until(lambda: isinstance(ctx.app.screen, ArchivedDialog))
        await ctx.pilot.press("enter")
        await ctx.until(lambda: "Archived (read-only) · Old" in screen_text(ctx.app))
        text = screen_text(ctx.app)
        assert "Old [b]chat[/b]" in text and "What was REST?" in text and "A style." in text
        await ctx.send("one more question")
        await ctx.until(lambda: READ_ONLY in toasts(ctx.app))
        await ctx.pilot.press("f8")  # delete: refused before any confirmation
        await ctx.pilot.pause()
        assert not isinstance(ctx.app.screen, ConfirmDialog)
        assert (await ctx.service.archived.get(old.id, user_id=ctx.app.user.id)).message_count == 2
        assert await ctx.service.store.chats.get(chat_id=old.id) is None  # nothing moved back
        written = await ctx.service.export(old.id, tmp_path / "old.md", user_id=ctx.app.user.id)
        assert "What was REST?" in written.read_text(encoding="utf-8")
        fresh = await ctx.service.create(ctx.app.user.id, provider="offline")
        await ctx.screen.open_chat(fresh.id)  # a live one is writable again
        await ctx.pilot.pause()
        assert not ctx.screen.read_only and "Archived (read-only)" not in screen_text(ctx.app)
