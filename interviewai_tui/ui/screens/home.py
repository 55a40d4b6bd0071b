"""The signed-in hub: a greeting, the user's stats, and the areas that exist for this user."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from interviewai_tui.ui import nav
from interviewai_tui.ui.safe import clean
from interviewai_tui.ui.screens.base import AppScreen
from interviewai_tui.ui.widgets.chrome import KeyHints, TitleBar

if TYPE_CHECKING:
    from interviewai_tui.domain.users import PublicUser

NOTHING_YET = "More areas (interviews, history, chat) appear here as they are installed."


def _local_time(moment: datetime | None, timezone: str) -> str:
    if moment is None:
        return "never"
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")


def stats_rows(user: PublicUser) -> list[tuple[str, str]]:
    """The user's stats as (label, value) rows, as the home screen shows them."""
    stats = user.stats
    return [
        ("Interviews taken", str(stats.total_interviews)),
        ("Completed", str(stats.completed_interviews)),
        ("Average score", f"{stats.average_score} / 100"),
        ("Chat messages", str(stats.total_chat_messages)),
        ("Last active", _local_time(stats.last_activity_at, user.preferences.timezone)),
    ]


class HomeScreen(AppScreen[None]):
    """Where a signed-in user starts: pick an area with its key, Enter, or the palette."""

    TITLE = "InterviewAI"
    SUB_TITLE = "Home"
    AUTO_FOCUS = "#areas"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "app.sign_out", "Sign out"),
    ]

    def __init__(self, user: PublicUser, *, is_admin: bool) -> None:
        super().__init__()
        self.user = user
        self.areas = nav.available(is_admin=is_admin)
        self.is_admin = is_admin
        for area in self.areas:
            if area.hotkey:
                self._bindings.bind(area.hotkey, f"app.go('{area.key}')", area.label)

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="home"):
            with Vertical(id="home-menu"):
                yield Static(self._greeting(), id="greeting")
                yield Static("Where to?", classes="section-title")
                if self.areas:
                    yield OptionList(*self._options(), id="areas")
                if not {"interviews", "history", "chat"} & {area.key for area in self.areas}:
                    yield Static(NOTHING_YET, id="nothing-yet", classes="muted")
            with Vertical(id="home-stats"):
                yield Static("Your progress", classes="section-title")
                yield Static(self._stats(), id="stats")
        yield KeyHints()

    def _greeting(self) -> Content:
        name = clean(self.user.name)
        greeting = Content.from_markup("Welcome, [b]$name[/b]", name=name)
        if self.is_admin:
            greeting = Content.assemble(greeting, ("  administrator", "dim"))
        return greeting

    def _options(self) -> list[Option]:
        return [
            Option(
                Content.assemble(
                    (f" {area.hotkey or ' '} ", "reverse"),
                    " ",
                    (area.label, "bold"),
                    "\n    ",
                    (area.description, "dim"),
                ),
                id=area.key,
            )
            for area in self.areas
        ]

    def _stats(self) -> Content:
        rows = stats_rows(self.user)
        width = max(len(label) for label, _ in rows) + 2
        lines = [Content.assemble((label.ljust(width), "dim"), value) for label, value in rows]
        return Content("\n").join(lines)

    def on_screen_resume(self) -> None:
        # Back from an area: show what changed there (name, theme, stats after an interview).
        if self.iapp.user is not None:
            self._show(self.iapp.user)
            self.reload_user()

    @work(exclusive=True, exit_on_error=False, group="home")
    async def reload_user(self) -> None:
        """Fetch the user's current stats from the auth service."""
        services = self.iapp.ready_services()
        if services is None or self.iapp.user is None:
            return
        fresh = await services.auth.get_user(self.iapp.user.id)
        if fresh is not None and self.iapp.user is not None and fresh.id == self.iapp.user.id:
            self.iapp.user = fresh
            self._show(fresh)

    def _show(self, user: PublicUser) -> None:
        self.user = user
        if self.is_mounted:
            self.query_one("#greeting", Static).update(self._greeting())
            self.query_one("#stats", Static).update(self._stats())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.iapp.action_go(event.option.id)
