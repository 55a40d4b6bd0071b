"""``interviewai chat export SESSION_ID FILE`` on a real embedded store (registered here the
way ``cli.build_parser`` registers every command module)."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
from pathlib import Path
from typing import Any

import pytest

from interviewai_tui.chat.export import from_json, parse_markdown
from interviewai_tui.commands import chat_cmd
from interviewai_tui.domain.chats import ChatMessage, ChatSession
from interviewai_tui.domain.common import ChatRole, new_id
from interviewai_tui.store import open_store


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="interviewai")
    sub = root.add_subparsers(dest="command")

    def command(name: str, help_text: str, handler: Any) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        p.set_defaults(handler=handler)
        return p

    chat_cmd.register(command)
    return root


@pytest.fixture
def overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    for name in list(os.environ):
        if name.startswith("INTERVIEWAI_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    (tmp_path / "config.toml").write_text("# empty\n")
    return {"data_dir": tmp_path / "data", "config_file": tmp_path / "config.toml"}


def stored_chat(overrides: dict[str, Any]) -> ChatSession:
    chat = ChatSession(
        user_id=new_id(),
        title="CLI export",
        provider="offline",
        messages=[
            ChatMessage(role=ChatRole.USER, content="What is **REST**?"),
            ChatMessage(role=ChatRole.ASSISTANT, content="An architectural style.", cost=0.0),
        ],
        message_count=2,
    )

    async def save() -> None:
        folder = Path(overrides["data_dir"])
        folder.mkdir(parents=True)
        async with open_store(f"sqlite:///{folder / 'interviewai.db'}") as store:
            await store.chats.create(chat=chat)

    asyncio.run(save())
    return chat


def run(overrides: dict[str, Any], *argv: str) -> int:
    args = parser().parse_args(["chat", *argv])
    code: int = args.handler(args, overrides)
    return code


def test_exports_markdown_and_json(
    overrides: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chat = stored_chat(overrides)
    assert run(overrides, "export", chat.id, str(tmp_path / "out.md")) == 0
    assert f"exported 2 messages of {chat.id}" in capsys.readouterr().out
    header, messages = parse_markdown((tmp_path / "out.md").read_text())
    assert json.loads(header["title"]) == "CLI export" and header["provider"] == "offline"
    assert [m.content for m in messages] == ["What is **REST**?", "An architectural style."]
    assert run(overrides, "export", chat.id.upper(), str(tmp_path / "out.json")) == 0
    assert from_json((tmp_path / "out.json").read_text()) == chat


def test_errors_are_one_line_with_an_exit_code(
    overrides: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chat = stored_chat(overrides)
    assert run(overrides, "export", "nope", str(tmp_path / "x.md")) == 2
    assert run(overrides, "export", new_id(), str(tmp_path / "x.md")) == 1
    assert run(overrides, "export", chat.id, str(tmp_path / "x.txt")) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == [
        "interviewai: A SESSION_ID is 24 hexadecimal characters.",
        lines[1],
        "interviewai: Choose a file name ending in .md or .json.",
    ]
    assert lines[1].startswith("interviewai: There is no conversation with id ")
    assert not (tmp_path / "x.md").exists() and not (tmp_path / "x.txt").exists()


def test_an_archived_conversation_is_exported_from_the_archive(
    overrides: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from interviewai_tui.ops.archive_store import archive_url_for

    live = stored_chat(overrides)  # creates the store; the archived one is elsewhere
    main_url = f"sqlite:///{Path(overrides['data_dir']) / 'interviewai.db'}"
    old = live.model_copy(update={"id": new_id(), "title": "Old one"})

    async def archive() -> None:
        async with open_store(archive_url_for(main_url)) as store:
            await store.chats.create(chat=old)

    assert run(overrides, "export", new_id(), str(tmp_path / "none.md")) == 1
    archive_file = Path(overrides["data_dir"]) / "interviewai-archive.db"
    assert not archive_file.exists()  # looking for it created no archive
    asyncio.run(archive())
    assert run(overrides, "export", old.id, str(tmp_path / "old.md")) == 0
    assert f"of {old.id} (from the archive) to" in capsys.readouterr().out
    header, _ = parse_markdown((tmp_path / "old.md").read_text())
    assert json.loads(header["title"]) == "Old one"
