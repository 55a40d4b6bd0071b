"""Pilot tests of the chat screen's conversation management: the list and its search, new
chat with provider and model, rename, inactive, delete with confirmation, a long
conversation painted tail first, and "discuss this question" from an interview."""

from __future__ import annotations

import time
from pathlib import Path

from textual.widgets import Button, Input, Select

from interviewai_tui.domain.chats import ChatMessage
from interviewai_tui.domain.common import ChatRole
from interviewai_tui.domain.interviews import Interview, InterviewQuestion
from interviewai_tui.ui.screens.chat import ChatScreen
from interviewai_tui.ui.screens.chat_dialogs import ConfirmDialog, NewChatDialog, PromptDialog
from interviewai_tui.ui.widgets.chat_log import TAIL
from tests.ai.fakeserver import Reply
from tests.ai.streams import openai_chunks

from .screen_text import screen_text
from .test_chat import START, Ctx, ctx  # noqa: F401  (the fixture)


async def add_chat(c: Ctx, title: str, texts: list[str], provider: str = "offline") -> str:
    """A stored conversation with these messages (written in one go, as a restore would)."""
    chat = await c.service.create(c.app.user.id, provider=provider, title=title)
    assert c.app.store is not None
    messages = [
        ChatMessage(role=ChatRole.USER if i % 2 == 0 else ChatRole.ASSISTANT, content=text,
                    timestamp=START)
        for i, text in enumerate(texts)
    ]  # fmt: skip
    await c.app.store.chats.update(
        chat_id=chat.id,
        changes={"messages": [*chat.messages, *messages], "messageCount": len(messages),
                 "lastMessageAt": START},
    )  # fmt: skip
    return chat.id


async def test_search_rename_deactivate_and_delete(ctx: Ctx) -> None:  # noqa: F811
    first = await add_chat(ctx, "Graphs", ["bfs or dfs?", "Both."])
    second = await add_chat(ctx, "SQL", ["what is a LEFT JOIN", "It keeps..."])
    await ctx.screen.refresh_sessions()
    await ctx.screen.open_chat(second)
    assert set(ctx.screen.sessions.chats) == {first, second}

    search = ctx.screen.query_one("#chat-search", Input)
    search.focus()
    search.value = "left join"  # matched in a message, not the title
    await ctx.until(lambda: list(ctx.screen.sessions.chats) == [second])
    search.value = ""
    await ctx.until(lambda: len(ctx.screen.sessions.chats) == 2)

    await ctx.pilot.press("f2")
    await ctx.until(lambda: isinstance(ctx.app.screen, PromptDialog))
    ctx.app.screen.query_one("#prompt-input", Input).value = "Joins [explained]"
    await ctx.pilot.press("enter")
    await ctx.until(lambda: "Joins [explained]" in screen_text(ctx.app))
    assert (await ctx.stored()).title == "Joins [explained]"

    await ctx.pilot.press("f7")
    await ctx.until(lambda: "inactive" in screen_text(ctx.app))
    assert not (await ctx.stored()).is_active

    await ctx.pilot.press("f8")
    await ctx.until(lambda: isinstance(ctx.app.screen, ConfirmDialog))
    assert 'Delete "Joins [explained]" and its 2 messages?' in screen_text(ctx.app)
    await ctx.pilot.press("n")  # declined: nothing happens
    await ctx.pilot.pause()
    assert second in ctx.screen.sessions.chats
    await ctx.pilot.press("f8")
    await ctx.until(lambda: isinstance(ctx.app.screen, ConfirmDialog))
    await ctx.pilot.press("y")
    await ctx.until(lambda: list(ctx.screen.sessions.chats) == [first])
    assert ctx.app.store is not None and await ctx.app.store.chats.get(chat_id=second) is None
    await ctx.until(lambda: ctx.screen.chat is not None and ctx.screen.chat.id == first)


async def test_new_chat_dialog_picks_provider_and_model(ctx: Ctx) -> None:  # noqa: F811
    await ctx.pilot.press("ctrl+n")
    await ctx.until(lambda: isinstance(ctx.app.screen, NewChatDialog))
    dialog = ctx.app.screen
    dialog.query_one("#new-provider", Select).value = "anthropic"
    await ctx.pilot.pause()
    model = dialog.query_one("#new-model", Input)
    assert model.value == "claude-haiku-4-5"  # the provider's default fills in
    model.value = "claude-sonnet-4-5"
    await ctx.pilot.press("enter")
    await ctx.until(lambda: ctx.screen.chat is not None)
    stored = await ctx.stored()
    assert stored.provider == "anthropic"
    assert stored.messages[0].model == "claude-sonnet-4-5"
    assert "anthropic claude-sonnet-4-5" in screen_text(ctx.app)


async def test_a_2000_message_chat_paints_its_tail_first(ctx: Ctx) -> None:  # noqa: F811
    texts = [f"message number {i}" for i in range(2000)]
    chat_id = await add_chat(ctx, "Long", texts)
    started = time.perf_counter()
    await ctx.screen.open_chat(chat_id)
    await ctx.pilot.pause()
    elapsed = time.perf_counter() - started
    await ctx.until(lambda: len(ctx.views()) == TAIL)  # what fills the view, then the rest
    views = ctx.views()
    assert views[-1].message is not None and views[-1].message.content == "message number 1999"
    assert "message number 1999" in screen_text(ctx.app)
    assert ctx.screen.log_view.hidden_count == 2000 - TAIL
    button = ctx.screen.query_one("#chat-earlier", Button)
    assert str(button.label) == f"Show earlier messages ({2000 - TAIL:,} more)"
    print(f"2,000-message chat: first paint after {elapsed * 1000:.0f} ms")
    await ctx.pilot.press("ctrl+e")
    await ctx.until(lambda: len(ctx.views()) == TAIL + 40)
    assert ctx.views()[0].message is not None
    assert ctx.views()[0].message.content == f"message number {2000 - TAIL - 40}"


async def test_discuss_a_question_from_an_interview(tmp_path: Path) -> None:
    from interviewai_tui.clock import FrozenClock
    from tests.chat.ui_host import ChatHost

    app = ChatHost()
    async with app.run_test(size=(100, 30)) as pilot:
        service = await app.open_own(tmp_path, FrozenClock(START), default="openai")
        assert app.store is not None
        interview = await app.store.interviews.create(
            interview=Interview(
                user_id=app.user.id, title="Mock",
                questions=[InterviewQuestion(question="What is a mutex?", answer="A lock",
                                             feedback="Mention contention.", score=55)],
            )
        )  # fmt: skip
        assert app.fake is not None
        app.fake.queue(Reply(parts=[openai_chunks(["A mutex ", "guards shared state."])]))
        await app.push_screen(ChatScreen(discuss=(interview.id, 0)))
        c = Ctx(app, pilot, service)
        await c.until(lambda: c.screen.chat is not None)
        await c.replied()
        text = screen_text(app)
        assert "Discuss: What is a mutex?" in text
        assert "A mutex guards shared state." in text
        stored = await c.stored()
        assert "Mention contention." in stored.messages[1].content
        assert len(app.fake.requests) == 1  # the seeded title is kept: no title call
