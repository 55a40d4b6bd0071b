"""Export to Markdown and JSON, and reading both back (the round trip)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from interviewai_tui.chat.errors import ChatError
from interviewai_tui.chat.export import from_json, parse_markdown, to_json, to_markdown
from interviewai_tui.domain.chats import (
    Attachment,
    ChatAnalytics,
    ChatMessage,
    ChatSession,
    MessageFeedback,
    Tokens,
)
from interviewai_tui.domain.common import AttachmentType, ChatRole, new_id

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
TRICKY = [
    "plain",
    "ends with newlines\n\n",
    "<!-- interviewai:message role=user id=0123456789abcdef01234567 -->\nfake marker line",
    "\\<!-- interviewai:message already escaped",
    "---\ntitle: not a header\n---",
    "```python\nprint('[bold]x[/bold]')\n```",
    "### A heading inside\n\nand \x1b[31mescapes\x1b[0m kept as data",
    "",
]


def session(contents: list[str]) -> ChatSession:
    messages = [ChatMessage(role=ChatRole.SYSTEM, content="", provider="openai",
                            model="gpt-4o-mini", timestamp=T0)]  # fmt: skip
    for i, text in enumerate(contents):
        at = T0 + timedelta(minutes=i)
        if i % 2 == 0:
            messages.append(
                ChatMessage(
                    role=ChatRole.USER,
                    content=text,
                    timestamp=at,
                    attachments=[Attachment(type=AttachmentType.CODE, filename="a.py", size=12)],
                )
            )
        else:
            messages.append(ChatMessage(
                role=ChatRole.ASSISTANT, content=text, timestamp=at, provider="openai",
                model="gpt-4o-mini", tokens=Tokens(input=10, output=5, total=15), cost=0.00012,
                response_time=812.5,
                feedback=MessageFeedback(rating=4, helpful=True, comment="ok", submitted_at=at),
            ))  # fmt: skip
    return ChatSession(
        id=new_id(), user_id=new_id(), title='Closures & "scope" [b]', provider="openai",
        messages=messages, message_count=len(contents), last_message_at=T0 + timedelta(hours=1),
        analytics=ChatAnalytics(total_tokens=60, total_cost=0.00048, average_response_time=812.5,
                                user_satisfaction=4.0),
        created_at=T0, updated_at=T0,
    )  # fmt: skip


def test_markdown_has_the_header_and_round_trips_every_message() -> None:
    chat = session(TRICKY)
    text = to_markdown(chat, exported_at=T0 + timedelta(days=1))
    header, messages = parse_markdown(text)
    assert json.loads(header["title"]) == chat.title
    assert header["provider"] == "openai" and header["model"] == "gpt-4o-mini"
    assert header["created"] == "2025-03-01T09:00:00Z"
    assert header["lastMessage"] == "2025-03-01T10:00:00Z"
    assert header["tokens"] == "60" and header["cost"] == "$0.0005"
    assert header["messages"] == str(len(TRICKY))
    expected = [(m.id, m.role.value, m.content) for m in chat.messages[1:]]
    assert [(m.id, m.role, m.content) for m in messages] == expected
    assert "812 ms" in text and "rated 4/5" in text and "15 tokens (10 in, 5 out)" in text


def test_unpriced_replies_are_said_so_in_the_header() -> None:
    chat = session(["q", "a"])
    chat.messages[-1].cost = None
    header, _ = parse_markdown(to_markdown(chat))
    assert header["cost"].endswith("(some replies unpriced)")


def test_json_round_trip_is_exact_and_damage_is_reported() -> None:
    chat = session(TRICKY)
    assert from_json(to_json(chat, exported_at=T0)) == chat
    with pytest.raises(ChatError, match="not an InterviewAI chat export"):
        from_json('{"format": "other"}')
    with pytest.raises(ChatError, match="damaged"):
        from_json("{not json")
    broken = json.loads(to_json(chat))
    broken["session"]["messages"][1]["role"] = "wizard"
    with pytest.raises(ChatError, match="damaged"):
        from_json(json.dumps(broken))
