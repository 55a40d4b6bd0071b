"""Profile & settings screen on a real SQLite store and the real AuthService (fast bcrypt)."""

from __future__ import annotations

import stat
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import keyring
import keyring.core
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from textual.widgets import Button, Input, Select, TextArea

from interviewai_tui.auth import totp
from interviewai_tui.auth.service import AuthService
from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.users import PublicUser
from interviewai_tui.secrets import SecretStore
from interviewai_tui.store import Store, open_store
from interviewai_tui.ui import themes
from interviewai_tui.ui.app import InterviewAIApp
from interviewai_tui.ui.screens.profile import ProfileScreen
from interviewai_tui.ui.screens.profile_dialogs import RecoveryCodesDialog, TwoFactorDialog
from interviewai_tui.ui.screens.sign_in import FormMessage

from .helpers import fill, settle, type_text
from .screen_text import screen_text

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
PASSWORD = "Corr3ct-Horse-Battery"


class MemoryKeyring(KeyringBackend):
    priority = -1  # type: ignore[assignment]  # never chosen by keyring's own detection

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@dataclass
class Settings:
    theme: str = "dark"
    google_client_id: str | None = None
    google_client_secret: str | None = None


@dataclass
class RealContainer:
    auth: AuthService
    settings: Settings = field(default_factory=Settings)

    async def open(self) -> None:
        return None

    async def close(self) -> None:
        return None


@pytest.fixture
def backend() -> Iterator[MemoryKeyring]:
    saved = keyring.core._keyring_backend
    installed = MemoryKeyring()
    keyring.set_keyring(installed)
    yield installed
    keyring.core._keyring_backend = saved


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)


@pytest.fixture
async def store(tmp_path: Path, clock: FrozenClock) -> AsyncIterator[Store]:
    async with open_store(f"sqlite:///{tmp_path / 'p.db'}", clock=clock) as opened:
        yield opened


@pytest.fixture
def real_auth(
    store: Store, backend: MemoryKeyring, tmp_path: Path, clock: FrozenClock
) -> AuthService:
    secrets = SecretStore(file_path=tmp_path / "cfg" / "secrets.json", env={})
    return AuthService(store, secrets, clock, _hash_rounds_for_tests=4)


async def open_profile(
    pilot: Any, auth: AuthService, clock: FrozenClock | None = None, theme: str = ""
) -> PublicUser:
    """Register Ada (with `theme` as her preference) and open her profile, moving `clock`
    a minute between the two."""
    app: InterviewAIApp = pilot.app
    await settle(pilot)
    await app.services()
    user = await auth.register(email="ada@example.com", name="Ada Lovelace", password=PASSWORD)
    if theme:
        user = await auth.profile.set_theme(user.id, theme)
    if clock is not None:
        clock.advance(60)
    app.user = user
    app.theme = themes.theme_for_preference(str(user.preferences.theme))  # as sign-in does
    await app.push_screen(ProfileScreen())
    await settle(pilot)
    return user


def message(app: InterviewAIApp, section: str) -> str:
    line = app.screen.query_one(f"#{section}-message", FormMessage)
    return str(line.render().plain)  # type: ignore[union-attr]


async def press(pilot: Any, button_id: str) -> None:
    button = pilot.app.screen.query_one(f"#{button_id}", Button)
    button.scroll_visible(animate=False)
    await pilot.pause()
    button.press()
    await settle(pilot)


def make_app(auth: AuthService) -> InterviewAIApp:
    return InterviewAIApp(RealContainer(auth), cursor_blink=False)  # type: ignore[arg-type]


async def test_bad_website_keeps_everything_typed(real_auth: AuthService, store: Store) -> None:
    app = make_app(real_auth)
    async with app.run_test(size=(80, 24)) as pilot:
        user = await open_profile(pilot, real_auth)
        assert app.screen.query_one("#name", Input).value == "Ada Lovelace"
        await fill(pilot, "#name", "Ada King")
        await fill(pilot, "#website", "javascript:alert(1)")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert message(app, "profile").startswith("Website must be a web address")
        assert app.screen.focused is app.screen.query_one("#website")
        assert app.screen.query_one("#name", Input).value == "Ada King"  # nothing lost
        stored = await store.users.get(user_id=user.id)
        assert stored is not None and stored.name == "Ada Lovelace"  # nothing half-saved


async def test_profile_saved_and_cleaned(real_auth: AuthService, store: Store) -> None:
    app = make_app(real_auth)
    async with app.run_test(size=(80, 24)) as pilot:
        user = await open_profile(pilot, real_auth)
        await fill(pilot, "#website", "ada.dev")
        await fill(pilot, "#skills", "Python, math, python")
        app.screen.query_one("#bio", TextArea).text = "Analyst."
        app.screen.query_one("#experience", Select).value = "senior"
        await press(pilot, "save-profile")
        assert message(app, "profile") == "Profile saved."
        assert app.screen.query_one("#website", Input).value == "https://ada.dev"
        assert app.screen.query_one("#skills", Input).value == "Python, math"
        stored = await store.users.get(user_id=user.id)
        assert stored is not None
        assert stored.profile.website == "https://ada.dev"
        assert (stored.profile.bio, str(stored.profile.experience)) == ("Analyst.", "senior")
        assert app.user is not None and app.user.profile.skills == ["Python", "math"]


async def test_theme_applies_at_once_and_is_saved(
    real_auth: AuthService, store: Store, clock: FrozenClock
) -> None:
    app = make_app(real_auth)
    async with app.run_test(size=(80, 24)) as pilot:
        # Ada prefers dark; the clock moves a minute before the screen opens, so any save
        # from then on would move updatedAt.
        user = await open_profile(pilot, real_auth, clock, theme="dark")
        assert app.theme == "textual-dark"
        stored = await store.users.get(user_id=user.id)
        assert stored is not None and stored.updated_at == NOW  # opening saved nothing
        app.screen.query_one("#theme", Select).value = "light"
        await settle(pilot)
        assert app.theme == "textual-light"  # at once, without pressing save
        stored = await store.users.get(user_id=user.id)
        assert stored is not None and str(stored.preferences.theme) == "light"
        assert stored.updated_at == NOW + timedelta(seconds=60)
        assert app.user is not None and str(app.user.preferences.theme) == "light"


async def test_preferences_validation(real_auth: AuthService, store: Store) -> None:
    app = make_app(real_auth)
    async with app.run_test(size=(80, 24)) as pilot:
        user = await open_profile(pilot, real_auth)
        await fill(pilot, "#timezone", "Mars/Base")
        await press(pilot, "save-prefs")
        assert message(app, "prefs").startswith("Unknown time zone 'Mars/Base'")
        assert app.screen.query_one("#timezone", Input).value == "Mars/Base"
        await fill(pilot, "#timezone", "Asia/Tokyo")
        await fill(pilot, "#language", "fr")
        await press(pilot, "save-prefs")
        assert message(app, "prefs") == "Preferences saved."
        stored = await store.users.get(user_id=user.id)
        assert stored is not None
        assert (stored.preferences.timezone, stored.preferences.language) == ("Asia/Tokyo", "fr")


async def test_resume_attach(real_auth: AuthService, tmp_path: Path) -> None:
    cv = tmp_path / "ada-cv.md"
    cv.write_text("# Ada\n", encoding="utf-8")
    app = make_app(real_auth)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_profile(pilot, real_auth)
        await fill(pilot, "#resume", str(tmp_path / "cv.exe"))
        await press(pilot, "attach-resume")
        assert message(app, "resume") == "Resume must be a PDF, DOCX, MD or TXT file."
        await fill(pilot, "#resume", str(cv))
        await press(pilot, "attach-resume")
        assert message(app, "resume") == "Resume attached."
        assert "Attached: ada-cv.md (added 2025-06-01)" in screen_text(app)
        await press(pilot, "remove-resume")
        assert "No resume attached." in screen_text(app)


async def test_change_password(real_auth: AuthService) -> None:
    app = make_app(real_auth)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_profile(pilot, real_auth)
        await fill(pilot, "#current-password", "Not-The-One-1")
        await fill(pilot, "#new-password", "password1")
        assert "uppercase" in message(app, "password")  # live hint from the policy
        await fill(pilot, "#new-password", "Brand-New-Pass-7")
        await fill(pilot, "#confirm-password", "Brand-New-Pass-8")
        await press(pilot, "change-password")
        assert message(app, "password") == "The new passwords differ."
        await fill(pilot, "#confirm-password", "Brand-New-Pass-7")
        await press(pilot, "change-password")
        assert message(app, "password") == "The current password is not correct."
        await fill(pilot, "#current-password", PASSWORD)
        await press(pilot, "change-password")
        assert message(app, "password").startswith("Password changed")
    assert (await real_auth.login(email="ada@example.com", password="Brand-New-Pass-7")).user


async def test_api_keys_masked(real_auth: AuthService, backend: MemoryKeyring) -> None:
    app = make_app(real_auth)
    secret = "sk-proj-verysecretvalue-WXYZ"
    async with app.run_test(size=(80, 24)) as pilot:
        await open_profile(pilot, real_auth)
        app.screen.query_one("#key-provider", Select).value = "anthropic"
        await fill(pilot, "#key-value", secret)
        await press(pilot, "save-key")
        assert message(app, "keys") == "Anthropic key: Saved in the system keyring."
        assert backend.items[("interviewai", "api-key:anthropic")] == secret
        app.screen.query_one("#section-keys").scroll_visible(animate=False)
        await settle(pilot)
        text = screen_text(app)
        assert "anthropic  ••••WXYZ" in text and "verysecret" not in text
        await press(pilot, "remove-key")
        assert ("interviewai", "api-key:anthropic") not in backend.items


async def test_no_keyring_explained_and_file_opt_in(
    store: Store, tmp_path: Path, backend: MemoryKeyring
) -> None:
    keyring.set_keyring(fail.Keyring())
    path = tmp_path / "cfg" / "secrets.json"
    auth = AuthService(
        store, SecretStore(file_path=path, env={}), FrozenClock(NOW), _hash_rounds_for_tests=4
    )
    app = make_app(auth)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_profile(pilot, auth)
        app.screen.query_one("#section-keys").scroll_visible(animate=False)
        await settle(pilot)
        assert "No system keyring is available" in screen_text(app)
        await press(pilot, "use-file")
        await fill(pilot, "#key-value", "sk-file-kept-key-1234")
        await press(pilot, "save-key")
        assert message(app, "keys").startswith("OpenAI key: ")
        assert str(path) in message(app, "keys")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


async def test_two_factor_enrol_with_qr(real_auth: AuthService, store: Store) -> None:
    app = make_app(real_auth)
    async with app.run_test(size=(80, 24)) as pilot:
        user = await open_profile(pilot, real_auth)
        await press(pilot, "enable-2fa")
        dialog = app.screen
        assert isinstance(dialog, TwoFactorDialog)
        assert "▀" in screen_text(app) or "▄" in screen_text(app)
        await type_text(pilot, "000000")
        await pilot.press("enter")
        await settle(pilot)
        assert "not correct" in screen_text(app)
        code = totp.code_at(dialog.enrolment.secret, NOW)
        await type_text(pilot, code)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, RecoveryCodesDialog)
        codes = app.screen.codes
        assert len(codes) == 10 and codes[0] in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ProfileScreen)
        assert message(app, "twofa") == "Two-factor sign-in is on."
    stored = await store.users.get(user_id=user.id)
    assert stored is not None and stored.two_factor_enabled


def test_snapshot_profile_80x24(snap_compare: Any, real_auth: AuthService) -> None:
    app = make_app(real_auth)

    async def run_before(pilot: Any) -> None:
        await open_profile(pilot, real_auth)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_snapshot_two_factor_dialog(
    snap_compare: Any, real_auth: AuthService, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(totp, "new_secret", lambda: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    app = make_app(real_auth)

    async def run_before(pilot: Any) -> None:
        await open_profile(pilot, real_auth)
        await press(pilot, "enable-2fa")

    assert snap_compare(app, terminal_size=(100, 40), run_before=run_before)
