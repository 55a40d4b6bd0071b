"""The UI on the real container: SQLite in tmp_path, the real AuthService (bcrypt at its
minimum cost for speed), a dictionary keyring. Register, sign out/in, lockout, resume, and a
data file that is not a database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from interviewai_tui.auth.service import GENERIC_FAILURE
from interviewai_tui.ui import failures
from interviewai_tui.ui.app import InterviewAIApp
from interviewai_tui.ui.screens.home import HomeScreen
from interviewai_tui.ui.screens.sign_in import FormMessage, SignInScreen
from interviewai_tui.ui.screens.store_error import StoreErrorScreen
from tests.auth.fake_keyrings import DictKeyring

from .helpers import fill, settle
from .real_container import FastContainer, dict_keyring_installed
from .screen_text import screen_text

PASSWORD = "Quartz-Lamp42"


@pytest.fixture(autouse=True)
def real_errors_only(monkeypatch: pytest.MonkeyPatch) -> None:
    # Only the real AuthError counts as user-facing here (undo the fakes' extension).
    monkeypatch.setattr(
        failures, "USER_FACING", [e for e in failures.USER_FACING if "fakes" not in e[0]]
    )


@pytest.fixture(autouse=True)
def dict_keyring(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[DictKeyring]:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    with dict_keyring_installed() as backend:
        yield backend


def make_app(tmp_path: Path, **overrides: Any) -> InterviewAIApp:
    container = FastContainer(overrides={"data_dir": tmp_path / "data", **overrides})
    return InterviewAIApp(container, cursor_blink=False)


def message(app: InterviewAIApp) -> str:
    return app.screen.query_one("#message", FormMessage).render().plain  # type: ignore[union-attr]


async def sign_in(pilot: Any, password: str, *, remember: bool = False) -> None:
    await fill(pilot, "#email", "grace@example.com")
    await fill(pilot, "#password", password)
    if remember:
        pilot.app.screen.query_one("#remember").value = True
    await pilot.press("enter")
    await settle(pilot, limit=10)


async def test_register_sign_out_sign_in_and_resume(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, limit=10)
        await pilot.press("ctrl+n")
        await fill(pilot, "#name", "Grace Hopper")
        await fill(pilot, "#email", "grace@example.com")
        await fill(pilot, "#password", "grace123A")
        assert "email" in app.screen.query_one("#policy").render().plain  # type: ignore[union-attr]
        await fill(pilot, "#password", PASSWORD)
        await fill(pilot, "#confirm", PASSWORD)
        await pilot.press("enter")
        await settle(pilot, limit=10)
        assert isinstance(app.screen, HomeScreen)
        assert "administrator" in screen_text(app)  # first account of the embedded store
        await pilot.press("o")
        await settle(pilot, limit=10)
        assert isinstance(app.screen, SignInScreen)

        await sign_in(pilot, "Wrong-Lamp42")
        assert message(app) == GENERIC_FAILURE
        await sign_in(pilot, PASSWORD, remember=True)
        assert isinstance(app.screen, HomeScreen)
    assert (tmp_path / "data" / "interviewai.db").is_file()

    again = make_app(tmp_path)  # a new start resumes the remembered session
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot, limit=10)
        assert isinstance(again.screen, HomeScreen)
        assert again.user is not None and again.user.name == "Grace Hopper"


async def test_lockout_refuses_the_right_password_with_the_same_message(tmp_path: Path) -> None:
    app = make_app(tmp_path, lockout_threshold=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, limit=10)
        auth = (await app.services()).auth
        await auth.register(email="grace@example.com", name="Grace", password=PASSWORD)
        await sign_in(pilot, "Wrong-Lamp42")
        await sign_in(pilot, "Wrong-Lamp42")
        await sign_in(pilot, PASSWORD)
        assert isinstance(app.screen, SignInScreen)
        assert message(app) == GENERIC_FAILURE


async def test_a_data_file_that_is_not_a_database_is_reported_and_kept(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    bogus = data / "interviewai.db"
    bogus.write_bytes(b"these are my notes, not a database\n" * 100)
    before = bogus.read_bytes()
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, limit=10)
        assert isinstance(app.screen, StoreErrorScreen)
        assert "Traceback" not in screen_text(app)
        shown = app.screen.query_one("#error-message").render().plain  # type: ignore[union-attr]
        assert str(bogus) in shown
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 1
    assert bogus.read_bytes() == before
