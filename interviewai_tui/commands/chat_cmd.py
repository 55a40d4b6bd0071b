"""``interviewai chat export SESSION_ID FILE``: a conversation as Markdown (.md) or JSON (.json).

For operators on the host (like ``questions export``): any conversation of the store, by id,
or of its archive when ``interviewai archive`` has moved it there.
"""

from __future__ import annotations

import argparse
from typing import Any

from interviewai_tui.commands import CommandFactory
from interviewai_tui.commands.common import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    action_group,
    run,
    settings_or_error,
)


def register(command: CommandFactory) -> None:
    sub = action_group(command, "chat", "export chat conversations", _usage)
    exp = sub.add_parser(
        "export",
        help="write one conversation to FILE: Markdown for .md, JSON for .json",
        description="Write one conversation to FILE: Markdown (with a header of provider, "
        "model, dates, tokens and cost) for .md, the stored document for .json.",
    )
    exp.add_argument("session_id", metavar="SESSION_ID")
    exp.add_argument("file", metavar="FILE")
    exp.set_defaults(handler=_export)


def _usage(args: argparse.Namespace, overrides: dict[str, Any]) -> int:  # pragma: no cover
    return EXIT_FAILURE  # argparse requires an action, so this is never reached


def _export(args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    async def go() -> int:
        from interviewai_tui.chat.archived import ArchivedChats
        from interviewai_tui.chat.errors import ChatError, ChatNotFound
        from interviewai_tui.chat.export import write_export
        from interviewai_tui.container import Container
        from interviewai_tui.domain.common import is_object_id

        session_id = str(args.session_id).strip().lower()
        if not is_object_id(session_id):
            raise CommandError("A SESSION_ID is 24 hexadecimal characters.", EXIT_USAGE)
        where = ""
        async with Container(settings_or_error(overrides)) as container:
            chat = await container.store.chats.get(chat_id=session_id)
            if chat is None:
                where = " (from the archive)"
                try:
                    chat = await ArchivedChats(container.archive).get(session_id, user_id=None)
                except ChatNotFound:
                    raise CommandError(f"There is no conversation with id {session_id}.") from None
            try:
                written = write_export(chat, args.file, exported_at=container.clock.now())
            except ChatError as exc:
                raise CommandError(exc.message) from None
        print(f"exported {chat.message_count} messages of {session_id}{where} to {written}")
        return EXIT_OK

    return run(go())
