"""The running interview: the question, an answer editor, the clocks, and the keys.

The screen only renders: every action goes through ``RunningInterview`` (session + grader), and
service events come back as ``ServiceEvent`` messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static, TextArea

from interviewai_tui.domain.common import QuestionStatus, QuestionType
from interviewai_tui.interviews.events import (
    AnswerSubmitted,
    DraftSaved,
    InterviewEnded,
    JournalFlushed,
    QuestionEvaluated,
    SaveProblem,
)
from interviewai_tui.judge import network_isolation_available
from interviewai_tui.judge.models import NO_NETWORK_ISOLATION_NOTE, SANDBOX_NOTE
from interviewai_tui.ui.safe import clean, one_line
from interviewai_tui.ui.screens.base import AppScreen
from interviewai_tui.ui.widgets.chrome import KeyHints, TitleBar
from interviewai_tui.ui.widgets.external_editor import EditorFailed, edit_text
from interviewai_tui.ui.widgets.interview_parts import (
    ConfirmDialog,
    ServiceEvent,
    clock_text,
    interview_service,
)
from interviewai_tui.ui.widgets.safe_text_area import SafeTextArea
from interviewai_tui.ui.widgets.session_text import fit_bar, render_report

if TYPE_CHECKING:
    from interviewai_tui.interviews.service import InterviewService, RunningInterview

WARN_SECONDS = 60


class InterviewSessionScreen(AppScreen[None]):
    TITLE = "InterviewAI"
    SUB_TITLE = "Interview"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Prev and Cancel are left out of the footer (F1 lists them): with them the hints
        # overflow 80 columns on coding questions and Help falls off the end.
        Binding("f2", "submit", "Submit", priority=True, tooltip="Submit this answer"),
        Binding("f5", "next", "Next", priority=True, tooltip="Next question"),
        Binding("f4", "prev", "Prev", show=False, priority=True, tooltip="Previous question"),
        Binding("f3", "skip", "Skip", priority=True, tooltip="Skip this question"),
        # Not f6/f7: TextArea uses them to select a line / everything.
        Binding("ctrl+t", "run_tests", "Tests", priority=True, tooltip="Run the code's tests"),
        Binding("f9", "finish", "Finish", priority=True, tooltip="Finish and see the results"),
        Binding(
            "f8",
            "cancel",
            "Cancel",
            show=False,
            priority=True,
            tooltip="Cancel the interview (answers kept, not graded)",
        ),
        Binding(
            "ctrl+o",
            "external_editor",
            "Editor",
            priority=True,
            tooltip="Edit the answer in $EDITOR",
        ),
        Binding("ctrl+s", "submit", "Submit", show=False, priority=True),
    ]

    def __init__(
        self,
        interview_id: str,
        *,
        resume: bool = False,
        service: InterviewService | None = None,
        provider: str | None = None,
        model: str | None = None,
    ) -> None:
        super().__init__()
        self._interview_id = interview_id
        self._resume = resume
        self._service = service
        self._provider, self._model = provider, model
        self.running: RunningInterview | None = None
        self._shown = -1  # the question the editor holds
        self._evaluated = 0
        self._isolated = True  # until probed; the notice then says so if it is not

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="session"):
            yield Static("Loading the interview…", id="session-bar")
            with VerticalScroll(id="question-box"):
                yield Static("", id="question")
            yield Static("", id="sandbox-notice", classes="hidden")
            yield SafeTextArea(id="answer", soft_wrap=True, tab_behavior="indent")
            yield Static("", id="test-results", classes="hidden")
            yield Static("", id="save-state")
        yield KeyHints()

    def on_mount(self) -> None:
        self.query_one("#answer", TextArea).disabled = True
        self.open_interview()

    @work(exclusive=True, exit_on_error=False, group="session-open")
    async def open_interview(self) -> None:
        service = self._service or await interview_service(self.app)
        self._service = service

        def forward(event: object) -> None:
            self.post_message(ServiceEvent(event))  # type: ignore[arg-type]

        if self._resume:
            running = await service.resume(
                self._interview_id, on_event=forward, provider=self._provider, model=self._model
            )
        else:
            interview = await service.get(self._interview_id)
            running = service.run(
                interview, on_event=forward, provider=self._provider, model=self._model
            )
            await running.session.start()
        self.running = running
        self._isolated = await network_isolation_available()
        running.session.start_ticker()
        self.query_one("#answer", TextArea).disabled = False
        self.show_question()
        self.set_interval(0.5, self.refresh_bar)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "run_tests":
            running = self.running
            if running is None:
                return False
            q = running.session.questions[running.session.current]
            return q.type is QuestionType.CODING  # hidden for questions without code
        return True

    # --- rendering --------------------------------------------------------------------------

    def show_question(self) -> None:
        running = self.running
        if running is None:
            return
        session = running.session
        index = session.current
        q = session.questions[index]
        self.query_one("#question", Static).update(Content(clean(q.question)))
        editor = self.query_one("#answer", SafeTextArea)
        if index != self._shown:
            self._shown = index
            coding = q.type is QuestionType.CODING
            language = (q.language or "python") if coding else None
            # Swap the text first: re-wrapping or re-highlighting the previous (maybe huge)
            # answer for the new question's settings would be wasted work.
            editor.load_text(session.text_of(index))
            editor.show_line_numbers = coding
            large = editor.document.line_count > 2000
            editor.soft_wrap = not coding and not large
            usable = language in editor.available_languages and not large
            editor.language = language if usable else None
            editor.relax_for(len(session.text_of(index)))
            editor.read_only = q.status in (QuestionStatus.SUBMITTED, QuestionStatus.SKIPPED)
            notice = self.query_one("#sandbox-notice", Static)
            text = SANDBOX_NOTE if self._isolated else f"{SANDBOX_NOTE} {NO_NETWORK_ISOLATION_NOTE}"
            notice.update(Content(text))
            notice.set_class(not coding, "hidden")
            self.query_one("#test-results", Static).add_class("hidden")
            editor.focus()
            self.refresh_bindings()
        self.refresh_bar()

    def refresh_bar(self) -> None:
        running = self.running
        if running is None:
            return
        session = running.session
        q = session.questions[session.current]
        left = session.remaining_seconds()
        spent = clock_text(session.question_seconds())
        limit = f"/{clock_text(q.time_limit)}" if q.time_limit else ""
        clocks = f"{clock_text(left)} left · this question {spent}{limit}"
        coding = q.type is QuestionType.CODING
        # Most important first: parts are dropped from the end when the bar is too narrow,
        # so the clocks are never cut (80 columns hold them with the question's place).
        parts = [
            f"Q {session.current + 1}/{len(session.questions)}",
            q.type.value.replace("_", " "),
            q.status.value if q.status is not QuestionStatus.UNANSWERED else "",
            (q.language or "python") if coding else "",
            q.difficulty.value if q.difficulty else "",
        ]
        bar = self.query_one("#session-bar", Static)
        bar.update(Content(fit_bar([p for p in parts if p], clocks, bar.size.width or 78)))
        bar.set_class(left <= WARN_SECONDS, "warning")

    def _save_state(self, text: str) -> None:
        self.query_one("#save-state", Static).update(Content(text))

    # --- editing ----------------------------------------------------------------------------

    @on(TextArea.Changed, "#answer")
    def _typed(self, event: TextArea.Changed) -> None:
        running = self.running
        if running is None or not running.session.active or self._shown < 0:
            return
        text = event.text_area.text
        if text != running.session.text_of(self._shown):
            running.session.update_draft(self._shown, text)

    def on_safe_text_area_simplified(self, _message: SafeTextArea.Simplified) -> None:
        self.notify(
            "This answer is very large: highlighting and wrapping are off so typing stays fast.",
            markup=False,
        )

    # --- service events ---------------------------------------------------------------------

    def on_service_event(self, message: ServiceEvent) -> None:
        event = message.event
        if isinstance(event, DraftSaved):
            where = "the local journal (store unreachable)" if event.journaled else "the store"
            self._save_state(f"Answer to question {event.index + 1} saved to {where}.")
        elif isinstance(event, SaveProblem):
            self._save_state(one_line(event.message))
            self.notify(one_line(event.message), severity="warning", markup=False)
        elif isinstance(event, JournalFlushed):
            self.notify(
                f"The store is back: {event.written} journaled answer(s) saved.", markup=False
            )
        elif isinstance(event, AnswerSubmitted):
            self.show_question()
        elif isinstance(event, QuestionEvaluated):
            self._evaluated += 1
            total = len(self.running.session.questions) if self.running else self._evaluated
            self._save_state(f"Graded {self._evaluated} of {total} answers in the background.")
        elif isinstance(event, InterviewEnded) and event.timed_out:
            self.notify("Time is up: every answer as typed was submitted.", markup=False)
            self._to_results()

    # --- actions ----------------------------------------------------------------------------

    @work(exclusive=True, exit_on_error=False, group="session-nav")
    async def action_submit(self) -> None:
        if self.running is not None and self.running.session.active:
            await self.running.session.submit()
            self.show_question()
            self._hint_when_all_answered()

    @work(exclusive=True, exit_on_error=False, group="session-nav")
    async def action_skip(self) -> None:
        if self.running is not None and self.running.session.active:
            await self.running.session.skip()
            self.show_question()
            self._hint_when_all_answered()

    def _hint_when_all_answered(self) -> None:
        # The last submit leaves the screen as it was: say what comes next.
        running = self.running
        done = (QuestionStatus.SUBMITTED, QuestionStatus.SKIPPED)
        if running is not None and all(q.status in done for q in running.session.questions):
            self.notify(
                "Every question is answered: press F9 to finish and see your results.",
                markup=False,
            )

    @work(exclusive=True, exit_on_error=False, group="session-nav")
    async def action_next(self) -> None:
        if self.running is not None and self.running.session.active:
            await self.running.session.next()
            self.show_question()

    @work(exclusive=True, exit_on_error=False, group="session-nav")
    async def action_prev(self) -> None:
        if self.running is not None and self.running.session.active:
            await self.running.session.prev()
            self.show_question()

    @work(exclusive=True, exit_on_error=False, group="session-tests")
    async def action_run_tests(self) -> None:
        running = self.running
        if running is None:
            return
        index = running.session.current
        if running.session.questions[index].type is not QuestionType.CODING:
            self.notify("Tests run only for coding questions.", markup=False)
            return
        panel = self.query_one("#test-results", Static)
        panel.remove_class("hidden")
        panel.update(Content("Running tests…"))
        report = await running.run_tests(index, self.query_one("#answer", TextArea).text)
        panel.update(Content(render_report(report)))

    def action_external_editor(self) -> None:
        running = self.running
        if running is None or not running.session.active:
            return
        index = running.session.current
        q = running.session.questions[index]
        if q.status in (QuestionStatus.SUBMITTED, QuestionStatus.SKIPPED):
            self.notify("This answer is already submitted.", markup=False)
            return
        editor = self.query_one("#answer", TextArea)
        try:
            with self.app.suspend():
                text = edit_text(editor.text, language=q.language)
        except SuspendNotSupported:
            self.notify("This terminal cannot hand over to $EDITOR.", markup=False)
            return
        except EditorFailed as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        editor.load_text(text)
        running.session.update_draft(index, text)
        self.call_later(running.session.flush)

    def action_finish(self) -> None:
        running = self.running
        if running is None or not running.session.active:
            return
        open_ = sum(
            1
            for q in running.session.questions
            if q.status in (QuestionStatus.UNANSWERED, QuestionStatus.DRAFT)
        )
        question = "Finish the interview now? Drafts are submitted as typed."
        if open_:
            question += f" {open_} question(s) are not submitted yet."

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._finish()

        self.app.push_screen(ConfirmDialog(question, yes="Finish"), confirmed)

    @work(exclusive=True, exit_on_error=False, group="session-end")
    async def _finish(self) -> None:
        if self.running is not None:
            await self.running.session.finish()
            self._to_results()

    def action_cancel(self) -> None:
        if self.running is None or not self.running.session.active:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._cancel()

        self.app.push_screen(
            ConfirmDialog(
                "Cancel this interview? What you answered is kept, but it will not be graded.",
                yes="Cancel interview",
                no="Keep going",
            ),
            confirmed,
        )

    @work(exclusive=True, exit_on_error=False, group="session-end")
    async def _cancel(self) -> None:
        if self.running is not None:
            await self.running.cancel()
            self.notify("Interview cancelled; your answers were kept.", markup=False)
            self.dismiss(None)

    def _to_results(self) -> None:
        from interviewai_tui.ui.screens.results import ResultsScreen

        if self.running is not None and self.is_current:
            self.app.switch_screen(ResultsScreen(running=self.running, service=self._service))

    async def save_now(self) -> None:
        """Write the answer typed since the last autosave (the terminal is going away)."""
        if self.running is not None and self.running.session.active:
            await self.running.session.flush()

    async def on_unmount(self) -> None:
        await self.save_now()  # the app is closing mid-interview
