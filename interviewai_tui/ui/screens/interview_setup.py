"""Set up an interview: role, stack, difficulty, time, question mix, AI provider.

Combinations the bank cannot fill are explained (with what would match) before anything starts.
An unfinished interview is offered for resume at the top.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Select, SelectionList, Static

from interviewai_tui.config import PROVIDERS
from interviewai_tui.domain.common import Difficulty, QuestionType
from interviewai_tui.domain.interviews import Interview, InterviewSetup
from interviewai_tui.interviews.service import default_title
from interviewai_tui.ui.safe import clean, one_line
from interviewai_tui.ui.screens.base import AppScreen
from interviewai_tui.ui.widgets.chrome import KeyHints, TitleBar
from interviewai_tui.ui.widgets.interview_parts import (
    app_settings,
    interview_service,
    signed_in_user,
)
from interviewai_tui.ui.widgets.setup_form import (
    FormProblem,
    picked_text,
    provider_options,
    whole_number,
)

if TYPE_CHECKING:
    from interviewai_tui.interviews.service import InterviewService

MIX_FIELDS: tuple[tuple[QuestionType, str], ...] = (
    (QuestionType.TECHNICAL, "Technical"),
    (QuestionType.CODING, "Coding"),
    (QuestionType.BEHAVIORAL, "Behavioral"),
    (QuestionType.SYSTEM_DESIGN, "System design"),
)


class InterviewSetupScreen(AppScreen[None]):
    TITLE = "InterviewAI"
    SUB_TITLE = "New interview"
    AUTO_FOCUS = "#role"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "Start", priority=True),
        Binding("ctrl+t", "check", "Check setup", priority=True),
        Binding("ctrl+r", "resume", "Resume", priority=True),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, *, service: InterviewService | None = None) -> None:
        super().__init__()
        self._service = service
        self._resumable: Interview | None = None
        self._title_edited = False
        self._settings: object | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="setup"):
            yield Static("", id="resume-banner", classes="hidden")
            with Horizontal(classes="setup-row"):
                with Vertical(classes="setup-col"):
                    yield Static("Job role", classes="field-label")
                    yield Input(placeholder="e.g. Backend Developer", id="role")
                    yield Static("Title", classes="field-label")
                    yield Input(placeholder=default_title(None, Difficulty.MEDIUM), id="title")
                    yield Static("Difficulty", classes="field-label")
                    yield Select(
                        [(d.value.title(), d) for d in Difficulty],
                        value=Difficulty.MEDIUM,
                        allow_blank=False,
                        id="difficulty",
                    )
                    with Horizontal(classes="setup-pair"):
                        with Vertical():
                            yield Static("Minutes", classes="field-label")
                            yield Input("30", type="integer", id="duration")
                        with Vertical():
                            yield Static("Questions", classes="field-label")
                            yield Input("5", type="integer", id="count")
                with Vertical(classes="setup-col"):
                    yield Static("Tech stack (space to pick)", classes="field-label")
                    yield SelectionList[str](id="stack")
                    yield Static(picked_text([]), id="stack-picked", classes="muted")
            yield Static("Mix of types (blank = balanced)", classes="field-label")
            with Horizontal(id="mix"):
                for qtype, label in MIX_FIELDS:
                    with Vertical(classes="mix-field"):
                        yield Static(label, classes="field-label")
                        yield Input(type="integer", id=f"mix-{qtype.value}", placeholder="auto")
            with Horizontal(classes="setup-pair"):
                with Vertical():
                    yield Static("AI evaluator", classes="field-label")
                    yield Select(
                        provider_options(), value="offline", allow_blank=False, id="provider"
                    )
                with Vertical():
                    yield Static("Model (blank = default)", classes="field-label")
                    yield Input(id="model")
            yield Checkbox("Allow questions from my recent interviews", id="repeats")
            yield Static("", id="setup-status")
            with Horizontal(id="setup-actions"):
                yield Button("Check", id="check")
                yield Button("Start interview", variant="primary", id="start")
        yield KeyHints()

    def on_mount(self) -> None:
        self._refresh_model_hint()
        self.load_options()

    # --- loading ----------------------------------------------------------------------------

    async def service(self) -> InterviewService:
        if self._service is None:
            self._service = await interview_service(self.app)
        return self._service

    @work(exclusive=True, exit_on_error=False, group="setup-load")
    async def load_options(self) -> None:
        service = await self.service()
        options = await service.setup_options()
        stack = self.query_one("#stack", SelectionList)
        stack.clear_options()
        stack.add_options([(clean(s), s) for s in options.stacks])
        self.query_one("#role", Input).suggester = SuggestFromList(
            options.roles, case_sensitive=False
        )
        settings = await app_settings(self.app)
        if settings is not None:
            self._settings = settings
            chosen = str(getattr(settings, "ai_provider", "offline"))
            if chosen in PROVIDERS:
                self.query_one("#provider", Select).value = chosen
            self._refresh_model_hint()
        user = signed_in_user(self.app)
        if user is not None:
            waiting = await service.resumable(user.id)
            if waiting:
                self._show_resume(waiting[0])

    def _show_resume(self, interview: Interview) -> None:
        self._resumable = interview
        banner = self.query_one("#resume-banner", Static)
        left = interview.remaining_seconds or 0
        banner.update(
            Content(
                f"Unfinished: {one_line(interview.title, 60)} — {left // 60} min left. "
                "Press Ctrl+R to resume it."
            )
        )
        banner.remove_class("hidden")

    # --- form -------------------------------------------------------------------------------

    @on(Select.Changed, "#provider")
    def _refresh_model_hint(self) -> None:
        provider = self.query_one("#provider", Select).value
        default = getattr(self._settings, f"{provider}_model", None)
        model = self.query_one("#model", Input)
        model.placeholder = f"default: {default}" if isinstance(default, str) else ""
        model.disabled = provider == "offline"

    @on(SelectionList.SelectedChanged, "#stack")
    def _stack_picked(self) -> None:
        # Said in words: the ticks alone are hard to tell apart without colour, and picks
        # scrolled out of the list's 12 lines are not seen at all.
        picked = [str(s) for s in self.query_one("#stack", SelectionList).selected]
        self.query_one("#stack-picked", Static).update(picked_text(picked))

    @on(Input.Changed, "#title")
    def _title_typed(self, event: Input.Changed) -> None:
        self._title_edited = bool(event.value.strip())

    @on(Input.Changed, "#role")
    @on(Select.Changed, "#difficulty")
    def _refresh_default_title(self) -> None:
        self.query_one("#title", Input).placeholder = default_title(
            self.query_one("#role", Input).value, self._difficulty()
        )

    def _difficulty(self) -> Difficulty:
        value = self.query_one("#difficulty", Select).value
        return value if isinstance(value, Difficulty) else Difficulty.MEDIUM

    def read_setup(self) -> InterviewSetup:
        """The form as an InterviewSetup; raises FormProblem naming the bad field."""
        role = self.query_one("#role", Input).value.strip()
        difficulty = self._difficulty()
        title = self.query_one("#title", Input).value.strip() or default_title(role, difficulty)
        minutes = whole_number(self.query_one("#duration", Input), "Minutes", 1, 600)
        mix: dict[QuestionType, int] = {}
        for qtype, label in MIX_FIELDS:
            field = self.query_one(f"#mix-{qtype.value}", Input)
            if field.value.strip():
                mix[qtype] = whole_number(field, label, 0, 30)
        count_field = self.query_one("#count", Input)
        asked: int = sum(mix.values())
        if not count_field.value.strip() and asked:
            count = asked  # a blank count means "as many as the mix asks for"
        else:
            count = whole_number(count_field, "Questions", 1, 30)
        stack = [str(s) for s in self.query_one("#stack", SelectionList).selected]
        return InterviewSetup(
            title=title,
            job_role=role or None,
            tech_stack=stack,
            difficulty=difficulty,
            duration=minutes * 60,
            question_count=count,
            type_counts={t: n for t, n in mix.items() if n > 0},
            provider=self._chosen_provider(),
            model=self.query_one("#model", Input).value.strip() or None,
        )

    def _chosen_provider(self) -> str | None:
        value = self.query_one("#provider", Select).value
        return value if isinstance(value, str) else None

    def _status(self, text: str, *, ok: bool = False) -> None:
        status = self.query_one("#setup-status", Static)
        status.update(Content(clean(text)))
        status.set_class(ok, "ok")
        status.set_class(not ok and bool(text), "problem")
        if text and not ok:
            # The status line is at the foot of a form taller than 24 lines: a refusal also
            # comes as a toast, seen wherever the form is scrolled.
            self.notify(clean(text), severity="warning", markup=False)
        elif text:
            status.scroll_visible(animate=False)

    # --- actions ----------------------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        elif event.button.id == "check":
            self.action_check()

    def action_check(self) -> None:
        self.run_check(start=False)

    def action_start(self) -> None:
        self.run_check(start=True)

    def action_resume(self) -> None:
        if self._resumable is None:
            self.notify("There is no unfinished interview to resume.", markup=False)
            return
        self.open_session(self._resumable.id, resume=True)

    @work(exclusive=True, exit_on_error=False, group="setup-check")
    async def run_check(self, *, start: bool) -> None:
        user = signed_in_user(self.app)
        if user is None:
            self._status("Sign in first.")
            return
        try:
            setup = self.read_setup()
        except FormProblem as bad:
            self._status(str(bad))
            if bad.field_id:
                self.query_one(f"#{bad.field_id}", Input).focus()
            return
        service = await self.service()
        repeats = self.query_one("#repeats", Checkbox).value
        self._status("Checking the question bank…", ok=True)
        problem = await service.check(user.id, setup, allow_repeats=repeats)
        if problem is not None:
            self._status(problem)
            return
        if not start:
            self._status("The bank can fill this interview. Press Ctrl+S to start.", ok=True)
            return
        interview = await service.create(user.id, setup, allow_repeats=repeats)
        self._status("")
        self.open_session(interview.id, resume=False)

    def open_session(self, interview_id: str, *, resume: bool) -> None:
        from interviewai_tui.ui.screens.interview_session import InterviewSessionScreen

        provider = self.query_one("#provider", Select).value
        model = self.query_one("#model", Input).value.strip() or None
        if resume:  # graded by the provider it was started with, not this form's choice
            provider, model = None, None
        self.app.push_screen(
            InterviewSessionScreen(
                interview_id,
                resume=resume,
                service=self._service,
                provider=provider if isinstance(provider, str) else None,
                model=model,
            )
        )
