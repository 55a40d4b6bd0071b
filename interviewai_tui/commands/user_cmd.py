"""``interviewai user …``: create, list, set-status, unlock, set-role (operators on the host)."""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from interviewai_tui.commands import CommandFactory
from interviewai_tui.commands.common import CommandError, run, settings_or_error

if TYPE_CHECKING:
    from interviewai_tui.container import Container


def register(command: CommandFactory) -> None:
    p = command("user", "manage accounts from the host (passwords are read from a prompt)", _none)
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = sub.add_parser("create", help="create an active account; password from a prompt")
    create.add_argument("--email", required=True)
    create.add_argument("--name", required=True)
    create.add_argument("--admin", action="store_true", help="give the account the admin role")
    create.set_defaults(handler=_create)
    lst = sub.add_parser("list", help="list accounts")
    lst.add_argument("--role", choices=["user", "admin"])
    lst.add_argument("--status", choices=["active", "blocked", "pending"])
    lst.add_argument("--search", help="matched literally in name and email")
    lst.add_argument("--limit", type=int, default=50)
    lst.set_defaults(handler=_list)
    status = sub.add_parser("set-status", help="activate, block or set pending")
    status.add_argument("email")
    status.add_argument("status", choices=["active", "blocked", "pending"])
    status.set_defaults(handler=_set_status)
    unlock = sub.add_parser("unlock", help="clear failed sign-ins and the lock")
    unlock.add_argument("email")
    unlock.set_defaults(handler=_unlock)
    role = sub.add_parser("set-role", help="make an account an admin or a user")
    role.add_argument("email")
    role.add_argument("role", choices=["user", "admin"])
    role.set_defaults(handler=_set_role)


def _none(args: argparse.Namespace, overrides: dict[str, Any]) -> int:  # pragma: no cover
    return 2  # argparse requires an action


def _with_container(
    overrides: dict[str, Any], action: Callable[[Container], Awaitable[tuple[int, str]]]
) -> int:
    async def go() -> int:
        from interviewai_tui.container import Container

        async with Container(settings_or_error(overrides)) as container:
            code, message = await action(container)
        if code != 0:
            raise CommandError(message, code)
        print(message)
        return code

    return run(go())


def _create(args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    from interviewai_tui.auth.cli_user import PasswordInputError, create_user, read_new_password

    try:
        password = read_new_password()
    except PasswordInputError as exc:
        raise CommandError(str(exc)) from None

    return _with_container(
        overrides,
        lambda c: create_user(
            c.auth, email=args.email, name=args.name, password=password, admin=args.admin
        ),
    )


def _list(args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    from interviewai_tui.auth.cli_user import list_users

    return _with_container(
        overrides,
        lambda c: list_users(
            c.store, role=args.role, status=args.status, search=args.search, limit=args.limit
        ),
    )


def _set_status(args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    from interviewai_tui.auth.cli_user import set_status

    return _with_container(
        overrides, lambda c: set_status(c.store, email=args.email, status=args.status)
    )


def _unlock(args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    from interviewai_tui.auth.cli_user import unlock

    return _with_container(overrides, lambda c: unlock(c.store, email=args.email))


def _set_role(args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    from interviewai_tui.auth.cli_user import set_role

    return _with_container(overrides, lambda c: set_role(c.store, email=args.email, role=args.role))
