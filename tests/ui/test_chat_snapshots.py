"""SVG snapshots of the chat screen: a conversation at 80x24, details and the rating dialog,
and the sessions list at 120x32. Time is frozen and replies come from fixed wire samples or
the offline coach, so every frame is the same on every run (the app runs in its own loop
here, so the store and the fake server are opened inside it)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from interviewai_tui.clock import FrozenClock
from interviewai_tui.ui.screens.chat import ChatScreen
from tests.ai.fakeserver import Reply
from tests.ai.streams import openai_chunks
from tests.chat.helpers import drain
from tests.chat.ui_host import ChatHost

from .helpers import settle

START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
REPLY = [
    "A **closure** is a function that keeps the variables of the scope it was made in.\n\n",
    "- it *captures* names, not values\n- each call of the outer function makes a new one\n\n",
    "```python\ndef counter():\n    n = 0\n    def step():\n        nonlocal n\n",
    "        n += 1\n        return n\n    return step\n```\n\nSee [the docs](https://docs.python.org).",
]


async def conversation(app: ChatHost, tmp_path: Path) -> None:
    """One chat with a streamed reply (OpenAI wire format) and an older offline chat."""
    service = await app.open_own(tmp_path, FrozenClock(START))
    older = await service.create(app.user.id, provider="offline", title="Behavioural [STAR] prep")
    await drain(await service.send(app.user.id, older.id, "How do I answer conflict questions?"))
    assert app.fake is not None
    app.fake.queue(Reply(parts=[openai_chunks(REPLY, model="gpt-4o-mini")]))
    app.fake.queue(Reply(parts=[openai_chunks(["Python closures explained"])]))
    chat = await service.create(app.user.id, provider="openai", model="gpt-4o-mini")
    await drain(await service.send(app.user.id, chat.id, "What is a closure in Python?"))


async def opened(app: ChatHost, tmp_path: Path, pilot: Pilot[Any]) -> ChatScreen:
    """The chat screen on that data, settled."""
    await conversation(app, tmp_path)
    screen = ChatScreen()
    await app.push_screen(screen)
    await settle(pilot, 0.3)
    return screen


def test_conversation_at_80x24(snap_compare: Any, tmp_path: Path) -> None:
    app = ChatHost()

    async def run_before(pilot: Pilot[Any]) -> None:
        await opened(app, tmp_path, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_details_and_rating_dialog(snap_compare: Any, tmp_path: Path) -> None:
    app = ChatHost()

    async def run_before(pilot: Pilot[Any]) -> None:
        await opened(app, tmp_path, pilot)
        await pilot.press("ctrl+t", "f3")
        await settle(pilot)
        await pilot.press("4", "h")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_sessions_list_at_120x32(snap_compare: Any, tmp_path: Path) -> None:
    app = ChatHost()

    async def run_before(pilot: Pilot[Any]) -> None:
        await opened(app, tmp_path, pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(120, 32), run_before=run_before)


def test_a_reply_streaming_in_sealed_parts(snap_compare: Any, tmp_path: Path) -> None:
    from interviewai_tui.ui.widgets.chat_messages import MessageView

    app = ChatHost()

    async def run_before(pilot: Pilot[Any]) -> None:
        screen = await opened(app, tmp_path, pilot)
        view = await screen.log_view.add(MessageView(None, streaming=True))
        for piece in [*REPLY[:3], "        n += 1\n", "        return n\n"]:
            await view.write(piece)
            view._next_paint = 0.0  # a paint after each piece, whatever the timer does
            view._paint()
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_an_archived_conversation_read_only(snap_compare: Any, tmp_path: Path) -> None:
    from interviewai_tui.domain.chats import ChatMessage, ChatSession
    from interviewai_tui.domain.common import ChatRole
    from interviewai_tui.ui.screens.chat_dialogs import ArchivedDialog

    app = ChatHost()

    async def run_before(pilot: Pilot[Any]) -> None:
        screen = await opened(app, tmp_path, pilot)
        said = [
            (ChatRole.USER, "When is an index useless?"),
            (ChatRole.ASSISTANT, "When most rows match."),
        ]
        old = ChatSession(
            user_id=app.user.id, title="Indexes, 2023", provider="offline", message_count=2,
            last_message_at=START, created_at=START, updated_at=START,
            messages=[ChatMessage(role=r, content=c, timestamp=START) for r, c in said],
        )  # fmt: skip
        await screen.show_chat(old, read_only=True)
        await app.push_screen(ArchivedDialog([old], START))
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
