"""The signed-in hub: a greeting, the user's stats, the areas that exist for this user, and
the user's unfinished interview (if any) as the first entry, ready to resume."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from interviewai_tui.domain.common import QuestionStatus
from interviewai_tui.ui import nav
from interviewai_tui.ui.safe import clean, one_line
from interviewai_tui.ui.screens.base import AppScreen
from interviewai_tui.ui.widgets.chrome import KeyHints, TitleBar

if TYPE_CHECKING:
    from interviewai_tui.domain.interviews import Interview
    from interviewai_tui.domain.users import PublicUser

NOTHING_YET = "More areas (interviews, history, chat) appear here as they are installed."
RESUME_OPTION = "resume"


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


def resume_summary(interview: Interview) -> str:
    """``2 of 5 answered · 29 min left`` for the resume entry."""
    done = sum(
        1
        for q in interview.questions
        if q.status in (QuestionStatus.SUBMITTED, QuestionStatus.SKIPPED)
    )
    left = (interview.remaining_seconds or 0) // 60
    return f"{done} of {len(interview.questions)} answered · {left} min left"


class HomeScreen(AppScreen[None]):
    """Where a signed-in user starts: pick an area with its key, Enter, or the palette."""

    TITLE = "InterviewAI"
    SUB_TITLE = "Home"
    AUTO_FOCUS = "#areas"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "app.sign_out", "Sign out"),
        Binding("ctrl+r", "resume", "Resume interview"),
    ]

    def __init__(self, user: PublicUser, *, is_admin: bool) -> None:
        super().__init__()
        self.user = user
        self.areas = nav.available(is_admin=is_admin)
        self.is_admin = is_admin
        self.resumable: Interview | None = None
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

    def on_mount(self) -> None:
        self.find_resumable()

    def _greeting(self) -> Content:
        name = clean(self.user.name)
        greeting = Content.from_markup("Welcome, [b]$name[/b]", name=name)
        if self.is_admin:
            greeting = Content.assemble(greeting, ("  administrator", "dim"))
        return greeting

    def _options(self) -> list[Option]:
        options = [
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
        if self.resumable is not None:
            title = one_line(self.resumable.title, 60)
            resume = Content.assemble(
                ("^r ", "reverse"),
                " ",
                ("Resume: ", "bold"),
                (title, "bold"),
                "\n    ",
                (resume_summary(self.resumable), "dim"),
            )
            options.insert(0, Option(resume, id=RESUME_OPTION))
        return options

    def _stats(self) -> Content:
        rows = stats_rows(self.user)
        # The date goes on its own line: a side column of 30 cells cannot hold it beside a label.
        *numbers, (last_label, last_value) = rows
        width = max(len(label) for label, _ in numbers) + 2
        lines = [Content.assemble((label.ljust(width), "dim"), value) for label, value in numbers]
        lines.append(Content.assemble((last_label, "dim"), "\n  ", last_value))
        return Content("\n").join(lines)

    # --- the unfinished interview ------------------------------------------------------------
    @work(exclusive=True, exit_on_error=False, group="home-resume")
    async def find_resumable(self) -> None:
        """Offer the user's most recent unfinished interview as the first entry."""
        services: Any = self.iapp.ready_services()
        interviews = getattr(services, "interviews", None) if services is not None else None
        user = self.iapp.user
        if interviews is None or user is None:
            return  # an installation (or a test host) without interviews
        waiting = await interviews.resumable(user.id)
        found = waiting[0] if waiting else None
        if (found and found.id) != (self.resumable and self.resumable.id):
            self.resumable = found
            self._rebuild_menu(highlight_resume=found is not None)
        self.refresh_bindings()

    def _rebuild_menu(self, *, highlight_resume: bool) -> None:
        if not self.is_mounted or not self.query("#areas"):
            return
        menu = self.query_one("#areas", OptionList)
        menu.clear_options()
        menu.add_options(self._options())
        if highlight_resume or menu.option_count:
            menu.highlighted = 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self.resumable is not None
        return True

    def action_resume(self) -> None:
        from interviewai_tui.ui.screens.interview_session import InterviewSessionScreen

        interview = self.resumable
        if interview is None:
            self.notify("There is no unfinished interview to resume.", markup=False)
            return
        # No provider: the interview is graded by the one it was started with.
        self.app.push_screen(InterviewSessionScreen(interview.id, resume=True))

    # --- returning ---------------------------------------------------------------------------
    def on_screen_resume(self) -> None:
        # Back from an area: show what changed there (name, theme, stats after an interview).
        if self.iapp.user is not None:
            self._show(self.iapp.user)
            self.reload_user()
            self.find_resumable()

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
        if event.option.id == RESUME_OPTION:
            self.action_resume()
        elif event.option.id:
            self.iapp.action_go(event.option.id)
