"""A conversation as Markdown (a header of provider, model, dates, tokens and cost, then each
message) or as JSON (the stored document), and both read back.

Each Markdown message starts with an HTML comment naming its role and id, which renders as
nothing but lets ``parse_markdown`` split the file exactly; a message line that looks like such
a comment is escaped with one more backslash, so any content survives the round trip.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from interviewai_tui.chat.bookkeeping import chosen_model
from interviewai_tui.chat.errors import ChatError
from interviewai_tui.domain.chats import ChatMessage, ChatSession
from interviewai_tui.domain.common import ChatRole

__all__ = [
    "ExportedMessage",
    "format_cost",
    "from_json",
    "parse_markdown",
    "to_json",
    "to_markdown",
    "write_export",
]

FORMAT = "interviewai-chat"
VERSION = 1
_MARK = "<!-- interviewai:message"
_MARK_LINE = re.compile(
    r"^<!-- interviewai:message role=(\w+) id=([0-9a-f]{24}) -->$", re.MULTILINE
)
_ESCAPED = re.compile(r"^(\\*)<!-- interviewai:")
_ROLE_TITLE = {ChatRole.USER: "You", ChatRole.ASSISTANT: "Assistant", ChatRole.SYSTEM: "System"}


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value is not None else "never"


def _iso(value: datetime | None) -> str:
    return value.isoformat().replace("+00:00", "Z") if value is not None else "null"


def format_cost(cost: float | None) -> str:
    """``$0.0012``; ``unpriced`` when unknown (never a made-up $0)."""
    return "unpriced" if cost is None else f"${cost:.4f}"


def _meta(message: ChatMessage) -> str:
    parts = [p for p in (message.provider, message.model) if p]
    if message.tokens is not None:
        t = message.tokens
        parts.append(f"{t.total:,} tokens ({t.input:,} in, {t.output:,} out)")
    if message.role is ChatRole.ASSISTANT:
        parts.append(format_cost(message.cost))
    if message.response_time is not None:
        parts.append(f"{message.response_time:,.0f} ms")
    feedback = message.feedback
    if feedback is not None and feedback.rating is not None:
        parts.append(f"rated {feedback.rating}/5")
    if feedback is not None and feedback.helpful is not None:
        parts.append("helpful" if feedback.helpful else "not helpful")
    for a in message.attachments:
        parts.append(f"attached {a.type.value} {a.filename or ''} ({a.size or 0} B)".strip())
    return f"*{' · '.join(parts)}*" if parts else ""


def _escape(content: str) -> str:
    return "\n".join("\\" + line if _ESCAPED.match(line) else line for line in content.split("\n"))


def _unescape(content: str) -> str:
    return "\n".join(
        line[1:] if _ESCAPED.match(line) and line.startswith("\\") else line
        for line in content.split("\n")
    )


def _flat(text: str) -> str:
    return " ".join(text.split())


def to_markdown(chat: ChatSession, *, exported_at: datetime | None = None) -> str:
    """The conversation as a Markdown document (system notes without text are left out)."""
    priced = all(
        m.cost is not None for m in chat.messages if m.role is ChatRole.ASSISTANT and m.tokens
    )
    cost = format_cost(chat.analytics.total_cost)
    if not priced:
        cost += " (some replies unpriced)"
    header = {
        "title": json.dumps(_flat(chat.title) or "Untitled chat", ensure_ascii=False),
        "id": chat.id,
        "provider": chat.provider or "offline",
        "model": chosen_model(chat) or "default",
        "created": _iso(chat.created_at),
        "lastMessage": _iso(chat.last_message_at),
        "messages": str(chat.message_count),
        "tokens": str(chat.analytics.total_tokens),
        "cost": cost,
    }
    if exported_at is not None:
        header["exported"] = _iso(exported_at)
    lines = ["---", *(f"{k}: {v}" for k, v in header.items()), "---", ""]
    lines.append(f"# {_flat(chat.title) or 'Untitled chat'}")
    lines.append("")
    body = "\n".join(lines) + "\n"
    for m in chat.messages:
        if m.role is ChatRole.SYSTEM and not m.content:
            continue
        meta = _meta(m)
        block = f"{_MARK} role={m.role.value} id={m.id} -->\n"
        block += f"### {_ROLE_TITLE[m.role]} · {_when(m.timestamp)}\n"
        block += f"{meta}\n" if meta else ""
        body += f"{block}\n{_escape(m.content)}\n\n"
    return body


@dataclass(frozen=True, slots=True)
class ExportedMessage:
    id: str
    role: str
    content: str


def parse_markdown(text: str) -> tuple[dict[str, str], list[ExportedMessage]]:
    """The header fields and the messages of a document written by ``to_markdown``."""
    header: dict[str, str] = {}
    lines = text.split("\n")
    if lines and lines[0] == "---":
        end = lines.index("---", 1)
        for line in lines[1:end]:
            key, _, value = line.partition(": ")
            header[key] = value
    marks = list(_MARK_LINE.finditer(text))
    messages: list[ExportedMessage] = []
    for index, mark in enumerate(marks):
        stop = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        block = text[mark.end() + 1 : stop]
        _, _, content = block.partition("\n\n")  # heading and metadata end at the first blank
        if content.endswith("\n\n"):
            content = content[:-2]
        messages.append(ExportedMessage(mark.group(2), mark.group(1), _unescape(content)))
    return header, messages


def to_json(chat: ChatSession, *, exported_at: datetime | None = None) -> str:
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exportedAt": _iso(exported_at) if exported_at else None,
        "session": chat.model_dump(mode="json", by_alias=True),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def from_json(text: str) -> ChatSession:
    """A conversation from ``to_json`` output.

    Raises:
        ChatError: when the text is not such a document.
    """
    try:
        document = json.loads(text)
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise ChatError("This is not an InterviewAI chat export.")
        return ChatSession.model_validate(document["session"])
    except (ValueError, KeyError, ValidationError) as error:
        if isinstance(error, ChatError):
            raise
        raise ChatError("This chat export is damaged and cannot be read.") from None


def write_export(chat: ChatSession, path: str | Path, *, exported_at: datetime) -> Path:
    """Write Markdown (.md, .markdown) or JSON (.json), chosen by the file's extension.

    The file is private to the user (0600) and replaced atomically.
    """
    target = Path(path).expanduser()
    suffix = target.suffix.lower()
    if suffix in (".md", ".markdown"):
        text = to_markdown(chat, exported_at=exported_at)
    elif suffix == ".json":
        text = to_json(chat, exported_at=exported_at)
    else:
        raise ChatError("Choose a file name ending in .md or .json.")
    if target.is_dir():
        raise ChatError(f"{target} is a folder; give a file name.")
    folder = target.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=".chat-export-", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.chmod(tmp, 0o600)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except FileNotFoundError:
        raise ChatError(f"The folder {folder} does not exist.") from None
    except PermissionError:
        raise ChatError(f"{target} cannot be written (permission denied).") from None
    except OSError as error:
        raise ChatError(f"{target} cannot be written ({error.strerror or 'error'}).") from None
    return target
