"""Context trimming (pure and through a real provider request) and attachments."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewai_tui.ai.base import OFFLINE, Message
from interviewai_tui.chat.attachments import (
    MAX_ATTACHMENT_BYTES,
    compose_content,
    prepare_attachment,
)
from interviewai_tui.chat.context import (
    context_window,
    estimate_message_tokens,
    trim_history,
)
from interviewai_tui.chat.errors import AttachmentError, ContextFullError
from interviewai_tui.chat.export import parse_markdown
from interviewai_tui.chat.service import ChatService
from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.chats import ChatMessage
from interviewai_tui.domain.common import AttachmentType, ChatRole
from interviewai_tui.domain.users import User
from interviewai_tui.store import Store
from tests.ai.fakeserver import FakeServer, Reply
from tests.ai.streams import OLLAMA_STREAM

from .helpers import drain, finished, notices


def turns(n: int, size: int) -> list[Message]:
    out: list[Message] = []
    for i in range(n):
        out += [Message("user", f"q{i} " + "x" * size), Message("assistant", f"a{i} " + "y" * size)]
    return out


def test_windows_are_known_per_model_and_safe_when_unknown() -> None:
    assert context_window("openai", "gpt-4o-mini") == 128_000
    assert context_window("anthropic", "claude-haiku-4-5") == 200_000
    assert context_window("ollama", "llama3.2") == 4_096  # the server's num_ctx, not the model's
    assert context_window("compat", "my-local-model") == 8_192
    assert context_window("openai", "gpt-4.1-mini") > context_window("openai", "gpt-4")


def test_trim_drops_whole_oldest_turns_and_keeps_the_newest_question() -> None:
    history = [*turns(10, 400), Message("user", "latest question")]
    window, reserve = 2_000, 500
    trimmed = trim_history(history, window=window, reserve=reserve, system_tokens=50)
    assert trimmed.dropped > 0 and trimmed.dropped % 2 == 0  # pairs: no orphan answers
    assert trimmed.messages[0].role == "user"
    assert trimmed.messages[-1].content == "latest question"
    assert trimmed.messages == history[trimmed.dropped :]
    budget = int(window * 0.9) - reserve - 50
    assert sum(map(estimate_message_tokens, trimmed.messages)) <= budget
    # one more turn would not have fitted: nothing was dropped needlessly
    one_more = history[trimmed.dropped - 2 :]
    assert sum(map(estimate_message_tokens, one_more)) > budget
    untouched = trim_history(history, window=1_000_000, reserve=reserve)
    assert untouched.dropped == 0 and untouched.messages == history


def test_a_message_too_long_on_its_own_is_refused() -> None:
    with pytest.raises(ContextFullError, match="shorten it"):
        trim_history([Message("user", "z" * 40_000)], window=4_096, reserve=1_024)


async def test_long_chat_is_trimmed_before_sending_and_the_user_is_told(
    service: ChatService, store: Store, user: User, fake: FakeServer, clock: FrozenClock
) -> None:
    chat = await service.create(user.id, provider="ollama", title="long")
    for m in turns(12, 1_200):
        clock.advance(1)
        role = ChatRole.USER if m.role == "user" else ChatRole.ASSISTANT
        await store.chats.append_message(
            chat_id=chat.id,
            message=ChatMessage(role=role, content=m.content, timestamp=clock.now()),
        )
    fake.queue(Reply(parts=[OLLAMA_STREAM], content_type="application/x-ndjson"))
    events = await drain(await service.send(user.id, chat.id, "and now?"))
    assert finished(events).message is not None
    (note,) = notices(events)
    assert "oldest messages were left out" in note and "4,096 tokens" in note
    sent = fake.requests[0].json()["messages"]
    assert sent[0]["role"] == "system" and sent[-1]["content"] == "and now?"
    assert not any(m["content"].startswith("q0 ") for m in sent)  # the oldest turn went
    assert len(sent) < 2 + 24
    stored = await service.get(chat.id, user_id=user.id)
    assert stored.message_count == 24 + 2  # trimming never deletes anything stored


async def test_a_refused_message_leaves_no_trace(
    service: ChatService, store: Store, user: User
) -> None:
    chat = await service.create(user.id, provider="ollama", title="t")
    with pytest.raises(ContextFullError):
        await service.send(user.id, chat.id, "w " * 20_000)
    stored = await service.get(chat.id, user_id=user.id)
    assert stored.message_count == 0
    account = await store.users.get(user_id=user.id)
    assert account is not None and account.stats.total_chat_messages == 0


# --- attachments -------------------------------------------------------------------------


def test_code_file_is_prepared_with_type_size_and_token_estimate(tmp_path: Path) -> None:
    source = "def add(a, b):\n    return a + b\n"
    path = tmp_path / "add.py"
    path.write_text(source)
    prepared = prepare_attachment(path)
    a = prepared.attachment
    assert (a.type, a.filename, a.size) == (AttachmentType.CODE, "add.py", len(source))
    assert a.url == path.resolve().as_uri()
    assert prepared.tokens == -(-len(source) // 4)
    assert prepared.summary() == f"add.py · {len(source)} B · ≈ {prepared.tokens} tokens"
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n")
    assert prepare_attachment(notes).attachment.type is AttachmentType.FILE


def test_size_limit_binary_and_unreadable_files_are_refused(tmp_path: Path) -> None:
    exact = tmp_path / "exact.txt"
    exact.write_text("a" * MAX_ATTACHMENT_BYTES)
    assert prepare_attachment(exact).attachment.size == MAX_ATTACHMENT_BYTES
    big = tmp_path / "big.txt"
    big.write_text("a" * (MAX_ATTACHMENT_BYTES + 1))
    with pytest.raises(AttachmentError, match=r"up to 200\.0 KB"):
        prepare_attachment(big)
    binary = tmp_path / "data.bin"
    binary.write_bytes(b"abc\x00\x01\x02")
    with pytest.raises(AttachmentError, match="binary"):
        prepare_attachment(binary)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("café".encode("latin-1"))
    with pytest.raises(AttachmentError, match="not UTF-8"):
        prepare_attachment(latin)
    with pytest.raises(AttachmentError, match="no file"):
        prepare_attachment(tmp_path / "missing.txt")
    with pytest.raises(AttachmentError, match="folder"):
        prepare_attachment(tmp_path)


def test_images_are_refused_with_the_providers_reason(tmp_path: Path) -> None:
    png = tmp_path / "diagram.dat"  # found by its bytes, not its name
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    with pytest.raises(AttachmentError, match="Gemini cannot"):
        prepare_attachment(png, image_reason="Gemini cannot take images here.")


async def test_service_attaches_stores_and_sends_the_file(
    service: ChatService, store: Store, user: User, tmp_path: Path
) -> None:
    code = "x = '```'\nprint(x)\n"  # a fence inside the file must not close ours
    (tmp_path / "tricky.py").write_text(code)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"0" * 20)
    chat = await service.create(user.id, provider=OFFLINE, title="t")
    with pytest.raises(AttachmentError, match="offline coach does not accept images"):
        await service.attach(tmp_path / "photo.jpg", provider=OFFLINE)
    prepared = await service.attach(tmp_path / "tricky.py", provider=OFFLINE)
    turn = await service.send(user.id, chat.id, "Review this", [prepared])
    await drain(turn)
    stored = await service.get(chat.id, user_id=user.id)
    sent = stored.messages[1]
    assert sent.content.startswith("Review this\n\n**Attached file: `tricky.py`")
    assert "````python\nx = '```'\nprint(x)\n````" in sent.content
    assert [(a.type, a.filename, a.size) for a in sent.attachments] == [
        (AttachmentType.CODE, "tricky.py", len(code))
    ]
    assert compose_content("", [prepared]) == prepared.block()  # a file alone is a message
    _, exported = parse_markdown("")
    assert exported == []
