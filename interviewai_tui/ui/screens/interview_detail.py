"""One interview in full: the results block, then every question with the answer (code
highlighted), time spent, score, feedback and judge results. Retake with the same setup,
resume an unfinished one, discuss a question in chat, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.syntax import Syntax
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from interviewai_tui.analytics.errors import AnalyticsError
from interviewai_tui.domain.common import InterviewStatus, QuestionStatus, QuestionType
from interviewai_tui.ui.safe import clean, one_line
from interviewai_tui.ui.screens.base import AppScreen
from interviewai_tui.ui.widgets.charts import bar
from interviewai_tui.ui.widgets.chrome import KeyHints, TitleBar
from interviewai_tui.ui.widgets.history_parts import (
    history_service,
    local_time,
    minutes_text,
    report,
    signed_in,
)

if TYPE_CHECKING:
    from interviewai_tui.analytics.history import HistoryService
    from interviewai_tui.domain.interviews import Interview, InterviewQuestion


class QuestionBlock(Vertical, can_focus=True):
    """One question; focus it (Tab, ↑/↓) to discuss it in chat."""

    def __init__(self, index: int, question: InterviewQuestion) -> None:
        super().__init__(id=f"detail-q{index}", classes="detail-question")
        self.index = index
        self.question = question

    def compose(self) -> ComposeResult:
        q = self.question
        yield Static(Content(header_text(self.index, q)), classes="detail-q-title")
        yield Static(Content(clean(q.question.strip())), classes="detail-q-text")
        yield Static("Your answer", classes="detail-label")
        code = q.code_answer if q.type is QuestionType.CODING else None
        if code and code.strip():
            language = q.language or "python"
            yield Static(
                Syntax(clean(code.rstrip()), language, theme="ansi_dark", word_wrap=True),
                classes="detail-code",
            )
        else:
            answer = (q.answer or "").strip()
            yield Static(Content(clean(answer) or "(no answer)"), classes="detail-answer")
        if q.judge is not None and q.judge.total:
            yield Static(Content(judge_text(q)), classes="detail-judge")
        if q.feedback:
            yield Static("Feedback", classes="detail-label")
            yield Static(Content(clean(q.feedback.strip())), classes="detail-feedback")


def header_text(index: int, q: InterviewQuestion) -> str:
    kind = q.type.value.replace("_", " ")
    level = f" · {q.difficulty.value}" if q.difficulty else ""
    if q.status is QuestionStatus.SKIPPED:
        score = "skipped"
    elif q.evaluated_at is None:
        score = "not graded"
    else:
        score = f"{q.score}/100"
    return f"Q{index + 1} · {kind}{level} · {score} · time {minutes_text(q.time_spent)}"


def judge_text(q: InterviewQuestion) -> str:
    assert q.judge is not None
    verdicts = ", ".join(v.replace("_", " ") for v in q.judge.verdicts)
    language = f" ({clean(q.judge.language)})" if q.judge.language else ""
    return f"Tests{language}: {q.judge.passed}/{q.judge.total} passed — {clean(verdicts)}"


def summary_text(interview: Interview, timezone: str | None) -> str:
    status = interview.status.value.replace("_", " ")
    stack = ", ".join(interview.tech_stack) or "no stack"
    lines = [
        one_line(interview.title, 76),
        f"{one_line(interview.job_role or 'General', 30)} · {interview.difficulty.value} · "
        f"{one_line(stack, 30)}",
        f"{status.capitalize()} · created {local_time(interview.created_at, timezone)}",
    ]
    r = interview.results
    if r is None:
        left = interview.remaining_seconds
        if interview.status is InterviewStatus.IN_PROGRESS and left is not None:
            lines.append(f"{minutes_text(left)} left · press r to resume.")
        else:
            lines.append("No results for this interview.")
        return "\n".join(lines)
    lines += [
        "",
        f"Total {r.total_score}/100 · average {r.average_score}/100 · answered "
        f"{r.questions_answered}/{r.questions_total} · time {minutes_text(r.time_spent)}",
        f"Consistency {r.consistency}/100 · confidence {r.confidence}/100 · "
        f"average response {r.response_time:.0f}s",
    ]
    ai = interview.ai_processing
    if ai is not None and ai.provider:
        fallback = " (fallback used)" if ai.fallback_used else ""
        lines.append(
            f"Evaluated by {one_line(ai.provider, 20)}{fallback} in {ai.processing_time:.1f}s"
            f" · cost ${ai.cost:.4f}"
        )
    for name, score in r.skill_scores.items():
        lines.append(f"{one_line(name, 14).ljust(14)} {bar(score, 20)} {score:>3}")
    if r.overall_feedback:
        lines += ["", clean(r.overall_feedback.strip())]
    for title, items in (
        ("Strengths", r.strengths),
        ("To improve", r.improvements),
        ("Recommendations", r.recommendations),
    ):
        if items:
            lines += ["", title] + [f"  • {one_line(item, 200)}" for item in items]
    return "\n".join(lines)


class InterviewDetailScreen(AppScreen[None]):
    TITLE = "InterviewAI"
    SUB_TITLE = "Interview"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "retake", "Retake"),
        Binding("r", "resume", "Resume"),
        Binding("c", "discuss", "Discuss in chat"),
        Binding("d", "delete", "Delete"),
        Binding("down,j", "focus_next", "Next", show=False),
        Binding("up,k", "focus_previous", "Previous", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, interview_id: str, *, history: HistoryService | None = None) -> None:
        super().__init__()
        self.interview_id = interview_id
        self._history = history
        self.interview: Interview | None = None
        self._current = 0

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="detail"):
            yield Static("Loading…", id="detail-summary")
            yield Vertical(id="detail-questions")
        yield KeyHints()

    def on_mount(self) -> None:
        self.query_one("#detail", VerticalScroll).loading = True
        self.load()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            report(self.app, event.worker.error)

    async def history(self) -> HistoryService:
        if self._history is None:
            self._history = await history_service(self.app)
        return self._history

    @work(exclusive=True, exit_on_error=False, group="detail-load")
    async def load(self) -> None:
        scroll = self.query_one("#detail", VerticalScroll)
        user = signed_in(self.app)
        try:
            interview = await (await self.history()).get(user.id, self.interview_id)
        except AnalyticsError as error:
            self.query_one("#detail-summary", Static).update(Content(error.message))
            return
        finally:
            scroll.loading = False
        self.interview = interview
        timezone = user.preferences.timezone
        self.query_one("#detail-summary", Static).update(Content(summary_text(interview, timezone)))
        box = self.query_one("#detail-questions", Vertical)
        await box.remove_children()
        await box.mount_all(QuestionBlock(i, q) for i, q in enumerate(interview.questions))
        self.refresh_bindings()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, QuestionBlock):
            self._current = event.widget.index

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        interview = self.interview
        if action == "resume":
            return interview is not None and interview.status is InterviewStatus.IN_PROGRESS
        if action in ("retake", "discuss", "delete"):
            return interview is not None
        return True

    def action_back(self) -> None:
        self.dismiss(None)

    def action_discuss(self) -> None:
        from interviewai_tui.chat.seed import seed_from_interview
        from interviewai_tui.ui.widgets.interview_parts import DiscussInChat

        interview = self.interview
        if interview is None or not interview.questions:
            return
        index = min(self._current, len(interview.questions) - 1)
        seed = seed_from_interview(interview, index)
        self.app.post_message(DiscussInChat(interview.id, index, seed.prompt()))
        self.notify(f"Question {index + 1} was sent to the chat assistant.", markup=False)

    @work(exclusive=True, exit_on_error=False, group="detail-retake")
    async def action_retake(self) -> None:
        from interviewai_tui.domain.interviews import InterviewSetup
        from interviewai_tui.ui.screens.interview_session import InterviewSessionScreen
        from interviewai_tui.ui.widgets.interview_parts import interview_service

        interview, user = self.interview, signed_in(self.app)
        if interview is None:
            return
        service = await interview_service(self.app)
        setup = interview.setup or InterviewSetup(
            title=interview.title,
            job_role=interview.job_role,
            tech_stack=list(interview.tech_stack),
            difficulty=interview.difficulty,
            duration=interview.duration or 1800,
            question_count=max(1, len(interview.questions)),
        )
        problem = await service.check(user.id, setup)
        # A retake may reuse questions rather than fail when the bank has too few fresh ones.
        fresh = await service.create(user.id, setup, allow_repeats=problem is not None)
        screen = InterviewSessionScreen(
            fresh.id, service=service, provider=setup.provider, model=setup.model
        )
        # Not awaited: this worker belongs to the screen being replaced.
        self.app.switch_screen(screen)

    @work(exclusive=True, exit_on_error=False, group="detail-resume")
    async def action_resume(self) -> None:
        from interviewai_tui.ui.screens.interview_session import InterviewSessionScreen
        from interviewai_tui.ui.widgets.interview_parts import interview_service

        if self.interview is None or self.interview.status is not InterviewStatus.IN_PROGRESS:
            return
        service = await interview_service(self.app)
        screen = InterviewSessionScreen(self.interview.id, resume=True, service=service)
        # Not awaited: this worker belongs to the screen being replaced.
        self.app.switch_screen(screen)

    @work(exclusive=True, exit_on_error=False, group="detail-delete")
    async def action_delete(self) -> None:
        from interviewai_tui.ui.widgets.interview_parts import ConfirmDialog

        interview = self.interview
        if interview is None:
            return
        question = (
            f"Delete “{one_line(interview.title, 60)}” and its answers? This cannot be undone."
        )
        if not await self.app.push_screen_wait(ConfirmDialog(question, yes="Delete")):
            return
        await (await self.history()).delete(signed_in(self.app).id, interview.id)
        self.notify("Interview deleted.", markup=False)
        self.dismiss(None)
