from __future__ import annotations

import io
from collections.abc import Callable

import pytest

from interviewai_tui.auth import cli_user
from interviewai_tui.auth.service import AuthError, AuthService
from interviewai_tui.domain.common import Role, UserStatus
from interviewai_tui.store import Store

from .conftest import GOOD_PASSWORD


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def prompts(*answers: str) -> Callable[[str], str]:
    queue = list(answers)
    return lambda _prompt: queue.pop(0)


def test_password_from_a_prompt_typed_twice():
    assert cli_user.read_new_password(stdin=FakeTty(), prompt=prompts("Ab1-xyzw", "Ab1-xyzw"))
    with pytest.raises(cli_user.PasswordInputError, match="differ"):
        cli_user.read_new_password(stdin=FakeTty(), prompt=prompts("Ab1-xyzw", "Ab1-xyzv"))


def test_password_from_piped_stdin():
    assert cli_user.read_new_password(stdin=io.StringIO("Ab1-xyzw\nignored\n")) == "Ab1-xyzw"
    with pytest.raises(cli_user.PasswordInputError, match="No password"):
        cli_user.read_new_password(stdin=io.StringIO(""))


async def test_create_user_and_admin_flag(make_auth: Callable[..., AuthService], store: Store):
    auth = make_auth(require_approval=True)
    await auth.register(email="first@example.com", name="First", password=GOOD_PASSWORD)
    code, message = await cli_user.create_user(
        auth, email="Ops@Example.com", name="Ops", password=GOOD_PASSWORD, admin=True
    )
    assert (code, message) == (0, "Created admin ops@example.com.")
    ops = await store.users.get_by_email(email="ops@example.com")
    assert ops is not None and ops.role == Role.ADMIN
    assert ops.status == UserStatus.ACTIVE  # made by an operator: no approval needed
    code, message = await cli_user.create_user(
        auth, email="plain@example.com", name="P", password=GOOD_PASSWORD
    )
    assert (code, message) == (0, "Created user plain@example.com.")
    audit = await store.audit.list(target_id=ops.id)
    assert [e.action for e in audit.items] == ["user.create"]


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        ("bad", GOOD_PASSWORD, "valid e-mail"),
        ("a@example.com", "Pass1", "at least 8"),
        ("taken@example.com", GOOD_PASSWORD, "already exists"),
    ],
)
async def test_create_user_refusals(auth: AuthService, email: str, password: str, message: str):
    await auth.register(email="taken@example.com", name="T", password=GOOD_PASSWORD)
    code, text = await cli_user.create_user(auth, email=email, name="N", password=password)
    assert code == 1 and message in text and "\n" not in text


async def test_list_users_table(auth: AuthService, store: Store):
    await auth.register(email="a@example.com", name="Ann \x1b[31mRed", password=GOOD_PASSWORD)
    await auth.register(email="b@example.com", name="Bob", password=GOOD_PASSWORD)
    code, text = await cli_user.list_users(store)
    assert code == 0
    lines = text.splitlines()
    assert lines[0].split() == ["EMAIL", "NAME", "ROLE", "STATUS", "LOCKED", "LAST", "SIGN-IN"]
    assert "\x1b" not in text and "Ann ?[31mRed" in text
    assert lines[-1] == "2 of 2 users shown."
    code, text = await cli_user.list_users(store, role="admin")
    assert "a@example.com" in text and "b@example.com" not in text
    assert await cli_user.list_users(store, status="weird") == (
        1,
        "Role must be user or admin; status must be active, blocked or pending.",
    )
    assert await cli_user.list_users(store, search="zzz") == (0, "No users match.")


async def test_set_status_blocks_and_ends_sessions(auth: AuthService, store: Store):
    await auth.register(email="admin@example.com", name="A", password=GOOD_PASSWORD)
    await auth.register(email="u@example.com", name="U", password=GOOD_PASSWORD)
    await auth.login(email="u@example.com", password=GOOD_PASSWORD, remember=True)
    assert await cli_user.set_status(store, email="U@example.com", status="blocked") == (
        0,
        "u@example.com is now blocked.",
    )
    assert await auth.resume_session() is None
    assert (await cli_user.set_status(store, email="u@example.com", status="nope"))[0] == 1
    assert await cli_user.set_status(store, email="x@example.com", status="active") == (
        1,
        "No account with the email x@example.com.",
    )


async def test_last_admin_cannot_be_demoted_or_blocked(auth: AuthService, store: Store):
    await auth.register(email="admin@example.com", name="A", password=GOOD_PASSWORD)
    refused = (1, "Refused: this is the last active admin account.")
    assert await cli_user.set_role(store, email="admin@example.com", role="user") == refused
    assert await cli_user.set_status(store, email="admin@example.com", status="blocked") == refused
    await auth.register(email="b@example.com", name="B", password=GOOD_PASSWORD)
    assert await cli_user.set_role(store, email="b@example.com", role="admin") == (
        0,
        "b@example.com is now an admin.",
    )
    assert await cli_user.set_role(store, email="admin@example.com", role="user") == (
        0,
        "admin@example.com is now a user.",
    )


async def test_unlock(auth: AuthService, store: Store):
    await auth.register(email="a@example.com", name="A", password=GOOD_PASSWORD)
    for _ in range(5):
        with pytest.raises(AuthError):
            await auth.login(email="a@example.com", password="Wrong-Pass-1")
    with pytest.raises(AuthError):
        await auth.login(email="a@example.com", password=GOOD_PASSWORD)
    assert await cli_user.unlock(store, email="a@example.com") == (0, "a@example.com is unlocked.")
    assert (await auth.login(email="a@example.com", password=GOOD_PASSWORD)).user is not None
