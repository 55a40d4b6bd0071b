"""The Textual application: first screen, themes, palette, help, and the container's lifecycle.

The sign-in screen is painted first; the container (settings, store, services) is opened in a
worker right after, so drivers, HTTP clients, bcrypt and keyring never delay the first frame.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from functools import partial
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.worker import Worker, WorkerState

from interviewai_tui.paths import styles_dir
from interviewai_tui.ui import bench, nav, themes
from interviewai_tui.ui.failures import describe_failure, report_failure
from interviewai_tui.ui.hangup import HangUp
from interviewai_tui.ui.screens.sign_in import SignInScreen

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.screen import Screen

    from interviewai_tui.domain.users import PublicUser
    from interviewai_tui.ui.commands import PaletteCommand
    from interviewai_tui.ui.ports import ServicesPort
    from interviewai_tui.ui.widgets.interview_parts import DiscussInChat

log = logging.getLogger("interviewai.ui")

#: Exit codes of the TUI: a bad setting is a usage error, like on the command line.
EXIT_STORE_FAILED = 1
EXIT_BAD_SETTING = 2


def _command_provider() -> type[Provider]:
    # textual.command is imported when the palette first opens, not before the first frame.
    from interviewai_tui.ui.commands import AppCommands

    return AppCommands


#: Style files the first screen needs; every other .tcss in styles/ loads right after it paints.
FIRST_SCREEN_CSS = ("app.tcss", "auth.tcss")


def _css_paths() -> list[str | PurePath]:
    return [styles_dir() / name for name in FIRST_SCREEN_CSS]


def _later_css_paths() -> list[Path]:
    """One file per screen family, whoever wrote it (home, profile, interview, admin…)."""
    return sorted(p for p in styles_dir().glob("*.tcss") if p.name not in FIRST_SCREEN_CSS)


class InterviewAIApp(App[int]):
    """The InterviewAI terminal app."""

    TITLE = "InterviewAI"
    CSS_PATH = _css_paths()
    COMMANDS: ClassVar[set[Any]] = {_command_provider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", tooltip="Show the keys of this screen"),
        Binding("question_mark", "help", "Help", show=False),
    ]

    def __init__(
        self,
        container: ServicesPort,
        *,
        cursor_blink: bool = True,
        log_to_file: bool = False,
        handle_hangup: bool = False,
        notice: str | None = None,
    ) -> None:
        super().__init__()
        self.container = container
        # Shown on the sign-in screen (demo mode: the demo sign-ins), never parsed as markup.
        self.notice = notice
        self.cursor_blink = cursor_blink
        self.log_to_file = log_to_file
        self.handle_hangup = handle_hangup
        self._hangup = HangUp(self, self._close_if_opened)
        self.user: PublicUser | None = None
        self._services_ready = asyncio.Event()
        self._open_error: BaseException | None = None
        self._opened = False
        self.register_theme(themes.HIGH_CONTRAST_THEME)
        self.theme = themes.startup_theme()

    # --- start-up and shut-down -------------------------------------------------------------
    async def on_mount(self) -> None:
        # The default screen stays underneath as a blank base: Textual cannot switch it away,
        # and sign-in, home and the error screen each need to replace one another.
        await self.push_screen(SignInScreen())
        if self.handle_hangup:
            self._hangup.install()
        self.call_after_refresh(self._after_first_paint)

    # --- a closed terminal or a kill ---------------------------------------------------------
    def hang_up(self, signum: int = signal.SIGTERM) -> None:
        """What SIGHUP and SIGTERM do: save every screen's unsaved work, then end."""
        self._hangup.trigger(signum)

    async def _close_if_opened(self) -> None:
        if self._opened:
            await self.container.close()

    def _after_first_paint(self) -> None:
        if bench.enabled():
            bench.write_marker()
            self.exit(0)
            return
        self._load_later_css()
        self.open_services()

    def _load_later_css(self) -> None:
        # Parsing every screen family's styles before the first frame cost more than the
        # sign-in form itself; they are read once, here, before anything else can be shown.
        for path in _later_css_paths():
            if not self.stylesheet.has_source(str(path)):
                self.stylesheet.read(path)
        self.stylesheet.reparse()
        self.stylesheet.update(self)

    @work(exclusive=True, exit_on_error=False, group="services")
    async def open_services(self) -> None:
        """Open the container; resume a remembered session; show a clear screen on failure."""
        if self.log_to_file:
            from interviewai_tui.logs import configure_error_log

            await asyncio.to_thread(configure_error_log)
        try:
            await self.container.open()
        except Exception as error:
            self._open_error = error
            self._services_ready.set()
            await self._close_quietly()  # whatever did open (settings, a store) is released
            await self._show_store_error(error)
            return
        self._opened = True
        self._services_ready.set()
        if self.user is None:
            self.theme = themes.theme_for_preference(self.container.settings.theme)
        user = await self.container.auth.resume_session()
        if user is not None and self.user is None:
            self.signed_in(user, resumed=True)

    async def services(self) -> ServicesPort:
        """The opened container (waits for the opening worker; raises its failure)."""
        await self._services_ready.wait()
        if self._open_error is not None:
            raise self._open_error
        return self.container

    def ready_services(self) -> ServicesPort | None:
        """The container if it is open already, else None (for cheap live hints)."""
        return self.container if self._opened else None

    async def on_unmount(self) -> None:
        if self._opened:
            await self._close_quietly()

    async def _close_quietly(self) -> None:
        try:
            await self.container.close()
        except Exception:  # closing must never turn a clean exit into a traceback
            log.exception("closing the container failed")

    async def _show_store_error(self, error: BaseException) -> None:
        from interviewai_tui.ui.screens.store_error import StoreErrorScreen

        log.error("the store could not be opened", exc_info=error)
        await self.show_root(StoreErrorScreen(describe_failure(error), _exit_code_for(error)))

    async def retry_open(self) -> None:
        """Try to open the container again (from the store error screen)."""
        self._open_error = None
        self._services_ready = asyncio.Event()
        await self.show_root(SignInScreen())
        self.open_services()

    # --- signed-in state ----------------------------------------------------------------
    @property
    def is_admin(self) -> bool:
        return self.user is not None and str(self.user.role) == "admin"

    def signed_in(self, user: PublicUser, *, resumed: bool = False) -> None:
        """Called by the sign-in screens; moves to home on the app's own loop."""
        self.call_later(self._enter_home, user, resumed)

    async def _enter_home(self, user: PublicUser, resumed: bool) -> None:
        from interviewai_tui.ui.safe import one_line
        from interviewai_tui.ui.screens.home import HomeScreen

        self.user = user
        self.theme = themes.theme_for_preference(str(user.preferences.theme))
        await self.show_root(HomeScreen(user, is_admin=self.is_admin))
        verb = "Welcome back" if resumed else "Signed in as"
        self.notify(f"{verb} {one_line(user.name, 60)}.", markup=False)

    async def action_sign_out(self) -> None:
        if self.user is None:
            return
        user_id, self.user = self.user.id, None
        self._logout(user_id)
        await self.show_root(SignInScreen())
        if self._opened:
            self.theme = themes.theme_for_preference(self.container.settings.theme)
        self.notify("Signed out.", markup=False)

    @work(exit_on_error=False, group="sign-out")
    async def _logout(self, user_id: str) -> None:
        await (await self.services()).auth.logout(user_id)

    # --- navigation ------------------------------------------------------------------------
    async def show_root(self, screen: Screen[Any]) -> None:
        """Make ``screen`` the only screen above the blank base (sign in, home, error)."""
        while len(self.screen_stack) > 2:
            await self.pop_screen()
        await self.switch_screen(screen)

    async def action_home(self) -> None:
        from interviewai_tui.ui.screens.home import HomeScreen

        if self.user is not None:
            await self.show_root(HomeScreen(self.user, is_admin=self.is_admin))

    def action_go(self, key: str) -> None:
        """Open an area of ``ui.nav`` (checked again here: the palette may be stale)."""
        area = nav.find(key)
        if self.user is None:
            self.notify("Sign in first.", severity="warning", markup=False)
        elif area is None or not area.exists():
            self.notify("That area is not available.", severity="warning", markup=False)
        elif area.admin_only and not self.is_admin:
            self.notify("That area is for administrators.", severity="warning", markup=False)
        else:
            try:
                self.push_screen(area.make_screen())
            except Exception as error:
                report_failure(self, error)

    def action_help(self) -> None:
        from interviewai_tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen.for_screen(self.screen))

    def action_set_theme(self, name: str) -> None:
        self.theme = name
        self.notify(f"Theme: {themes.CHOICES.get(name, name)}.", markup=False)
        preference = themes.preference_for_theme(name)
        if self.user is not None and preference is not None:
            self._save_theme(self.user.id, preference)

    @work(exclusive=True, exit_on_error=False, group="theme")
    async def _save_theme(self, user_id: str, preference: str) -> None:
        """Keep a light/dark choice as the user's preference (high contrast is per session)."""
        saved = await (await self.services()).auth.profile.set_theme(user_id, preference)
        if self.user is not None and self.user.id == saved.id:
            self.user = saved

    def action_next_theme(self) -> None:
        self.action_set_theme(themes.next_theme(self.theme))

    def palette_commands(self) -> list[PaletteCommand]:
        """Every action, for the command palette."""
        from interviewai_tui.ui.commands import PaletteCommand

        commands = [PaletteCommand("Help", "Keys of the current screen", self.action_help)]
        if self.user is None:
            commands.append(PaletteCommand("Sign in", "Go to the sign-in screen", self._to_sign_in))
            commands.append(PaletteCommand("Create account", "Register", self._to_register))
        else:
            commands.append(PaletteCommand("Home", "Go to the home screen", self.action_home))
            for area in nav.available(is_admin=self.is_admin):
                go = partial(self.action_go, area.key)
                commands.append(PaletteCommand(f"Go to {area.label}", area.description, go))
            commands.append(PaletteCommand("Sign out", "End this session", self.action_sign_out))
        for name, label in themes.CHOICES.items():
            switch = partial(self.action_set_theme, name)
            commands.append(PaletteCommand(f"Theme: {label}", "Switch the colours", switch))
        commands.append(PaletteCommand("Quit", "Leave InterviewAI", self.action_quit))
        return commands

    async def _to_sign_in(self) -> None:
        await self.show_root(SignInScreen())

    async def _to_register(self) -> None:
        from interviewai_tui.ui.screens.register import RegisterScreen

        await self.show_root(SignInScreen())
        await self.push_screen(RegisterScreen())

    def on_discuss_in_chat(self, message: DiscussInChat) -> None:
        """Results and interview detail ask to discuss a question: open a chat seeded with it."""
        area = nav.find("chat")
        if self.user is None or area is None or not area.exists():
            self.notify("The chat assistant is not available here.", markup=False)
            return
        try:
            import importlib

            factory = getattr(importlib.import_module(area.module), area.attr)
            self.push_screen(factory(discuss=(message.interview_id, message.question_index)))
        except Exception as error:
            report_failure(self, error)

    # --- app-wide conventions ------------------------------------------------------------
    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Tests and snapshots turn blinking off so every frame is the same.
        if not self.cursor_blink and hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            report_failure(self, event.worker.error)


def _exit_code_for(error: BaseException) -> int:
    is_setting = type(error).__name__ == "SettingsError"
    return EXIT_BAD_SETTING if is_setting else EXIT_STORE_FAILED


def run_app(overrides: dict[str, Any] | None = None, *, notice: str | None = None) -> int:
    """Run the TUI on the container built from settings; returns the process exit code."""
    from interviewai_tui.container import Container

    container = Container(overrides=overrides, collect_metrics=True)
    app = InterviewAIApp(container, log_to_file=True, handle_hangup=True, notice=notice)
    app.run()
    return app.return_code or 0
