"""`interviewai user …`: plain functions returning (exit code, message) for cli.py to wire.

Passwords come from a prompt (getpass, asked twice) or from standard input when it is not a
terminal (scripts), never from argv where `ps` and shell history would show them.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable
from typing import TextIO

from interviewai_tui.auth.service import AuthError, AuthService
from interviewai_tui.domain.audit import AuditEntry
from interviewai_tui.domain.common import Role, UserStatus, normalize_email
from interviewai_tui.domain.users import User
from interviewai_tui.store.base import Store

OK = 0
FAILED = 1
Outcome = tuple[int, str]


class PasswordInputError(Exception):
    pass


def read_new_password(
    *, stdin: TextIO | None = None, prompt: Callable[[str], str] = getpass.getpass
) -> str:
    """A new password from the terminal (typed twice) or the first line of piped input."""
    stream = stdin or sys.stdin
    if stream.isatty():
        first = prompt("Password: ")
        if prompt("Repeat password: ") != first:
            raise PasswordInputError("The two passwords differ.")
        password = first
    else:
        password = stream.readline().rstrip("\r\n")
    if not password:
        raise PasswordInputError("No password given (type it at the prompt or pipe it in).")
    return password


async def create_user(
    auth: AuthService, *, email: str, name: str, password: str, admin: bool = False
) -> Outcome:
    """An active account made by an operator; `admin` gives it the admin role."""
    try:
        user = await auth.register(email=email, name=name, password=password)
    except AuthError as exc:
        return FAILED, exc.message
    changes: dict[str, object] = {"status": UserStatus.ACTIVE.value}
    if admin:
        changes["role"] = Role.ADMIN.value
    updated = await auth.store.users.update(user_id=user.id, changes=changes)
    await _audit(auth.store, "user.create", updated, {"role": updated.role.value})
    return OK, f"Created {updated.role.value} {updated.email}."


async def list_users(
    store: Store,
    *,
    role: str | None = None,
    status: str | None = None,
    search: str | None = None,
    limit: int = 50,
) -> Outcome:
    try:
        role_v = Role(role) if role else None
        status_v = UserStatus(status) if status else None
    except ValueError:
        return FAILED, "Role must be user or admin; status must be active, blocked or pending."
    page = await store.users.list(role=role_v, status=status_v, search=search, limit=limit)
    if not page.items:
        return OK, "No users match."
    rows = [("EMAIL", "NAME", "ROLE", "STATUS", "LOCKED", "LAST SIGN-IN")]
    for u in page.items:
        last = u.last_login.strftime("%Y-%m-%d %H:%M") if u.last_login else "never"
        locked = "yes" if u.lock_until is not None else ""
        rows.append((_plain(u.email), _plain(u.name), u.role.value, u.status.value, locked, last))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)) for r in rows]
    lines.append(f"{len(page.items)} of {page.total} users shown.")
    return OK, "\n".join(line.rstrip() for line in lines)


async def set_status(store: Store, *, email: str, status: str) -> Outcome:
    try:
        new = UserStatus(status)
    except ValueError:
        return FAILED, "Status must be active, blocked or pending."
    user = await _find(store, email)
    if user is None:
        return FAILED, _no_such(email)
    if new != UserStatus.ACTIVE and await _is_last_admin(store, user):
        return FAILED, "Refused: this is the last active admin account."
    await store.users.update(user_id=user.id, changes={"status": new.value})
    if new == UserStatus.BLOCKED:
        await store.sessions.delete_for_user(user_id=user.id)  # remembered sign-ins end now
    await _audit(store, f"user.status.{new.value}", user, {"from": user.status.value})
    return OK, f"{user.email} is now {new.value}."


async def unlock(store: Store, *, email: str) -> Outcome:
    user = await _find(store, email)
    if user is None:
        return FAILED, _no_such(email)
    await store.users.reset_login_attempts(user_id=user.id)
    await store.users.set_lock(user_id=user.id, until=None)
    await _audit(store, "user.unlock", user, {"attempts": user.login_attempts})
    return OK, f"{user.email} is unlocked."


async def set_role(store: Store, *, email: str, role: str) -> Outcome:
    try:
        new = Role(role)
    except ValueError:
        return FAILED, "Role must be user or admin."
    user = await _find(store, email)
    if user is None:
        return FAILED, _no_such(email)
    if new != Role.ADMIN and await _is_last_admin(store, user):
        return FAILED, "Refused: this is the last active admin account."
    await store.users.update(user_id=user.id, changes={"role": new.value})
    await _audit(store, f"user.role.{new.value}", user, {"from": user.role.value})
    return OK, f"{user.email} is now {'an admin' if new == Role.ADMIN else 'a user'}."


async def _find(store: Store, email: str) -> User | None:
    try:
        address = normalize_email(email)
    except ValueError:
        return None
    return await store.users.get_by_email(email=address)


def _no_such(email: str) -> str:
    return f"No account with the email {_plain(email.strip())}."


async def _is_last_admin(store: Store, user: User) -> bool:
    if user.role != Role.ADMIN or user.status != UserStatus.ACTIVE:
        return False
    return await store.users.count(role=Role.ADMIN, status=UserStatus.ACTIVE) <= 1


async def _audit(store: Store, action: str, user: User, details: dict[str, str | int]) -> None:
    entry = AuditEntry(action=action, target_id=user.id, details={"via": "cli", **details})
    await store.audit.add(entry=entry)


def _plain(text: str) -> str:
    """Stored text printed to a terminal: no control characters or escape sequences."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)
