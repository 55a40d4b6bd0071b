"""An interview's results: total and per-skill scores, each question's feedback and tests,
strengths, improvements, recommendations, and what the AI cost. Keys to retake and to discuss
a question in chat."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Collapsible, Static

from interviewai_tui.domain.common import QuestionStatus, QuestionType
from interviewai_tui.interviews.scoring import LOW_CONFIDENCE
from interviewai_tui.ui.safe import clean, one_line
from interviewai_tui.ui.screens.base import AppScreen
from interviewai_tui.ui.widgets.chrome import KeyHints, TitleBar
from interviewai_tui.ui.widgets.interview_parts import (
    DiscussInChat,
    bar_lines,
    clock_text,
    interview_service,
    signed_in_user,
)

if TYPE_CHECKING:
    from interviewai_tui.domain.interviews import Interview, InterviewQuestion
    from interviewai_tui.interviews.service import InterviewService, RunningInterview


class ResultsScreen(AppScreen[None]):
    TITLE = "InterviewAI"
    SUB_TITLE = "Results"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "retake", "Retake"),
        Binding("c", "discuss", "Discuss in chat"),
        Binding("g", "regrade", "Second opinion"),
        Binding("escape", "close", "Back"),
    ]

    def __init__(
        self,
        interview_id: str | None = None,
        *,
        running: RunningInterview | None = None,
        service: InterviewService | None = None,
    ) -> None:
        super().__init__()
        self._interview_id = interview_id or (running.interview.id if running else None)
        self._live = running
        self._service = service
        self.interview: Interview | None = None
        self._focused_question = 0

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="results"):
            yield Static("Grading your answers…", id="results-summary")
            yield Static("", id="results-skills")
            yield Static("", id="results-lists")
            yield Vertical(id="results-questions")
        yield KeyHints()

    def on_mount(self) -> None:
        self.query_one("#results", VerticalScroll).loading = True
        self.load()

    @work(exclusive=True, exit_on_error=False, group="results-load")
    async def load(self) -> None:
        try:
            if self._live is not None:
                await self._live.finalise()
                interview = self._live.interview
            else:
                self._service = self._service or await interview_service(self.app)
                interview = await self._service.get(self._interview_id or "")
        finally:
            self.query_one("#results", VerticalScroll).loading = False
        self.interview = interview
        await self.render_interview(interview)
        self.refresh_bindings()

    async def render_interview(self, interview: Interview) -> None:
        results = interview.results
        summary = self.query_one("#results-summary", Static)
        if results is None:
            summary.update(
                Content(
                    f"{one_line(interview.title, 70)}\n"
                    f"Status: {interview.status.value.replace('_', ' ')}. "
                    "This interview has no results."
                )
            )
        else:
            summary.update(Content(summary_text(interview)))
            skills = self.query_one("#results-skills", Static)
            skills.update(Content("Skills\n").append(bar_lines(results.skill_scores)))
            self.query_one("#results-lists", Static).update(Content(lists_text(interview)))
        box = self.query_one("#results-questions", Vertical)
        await box.remove_children()
        for index, q in enumerate(interview.questions):
            body = Static(Content(question_text(q)), classes="result-body")
            title = clean(
                f"Q{index + 1} · {q.type.value.replace('_', ' ')} · "
                f"{_score_label(q)} · {one_line(q.question, 50)}"
            )
            await box.mount(
                Collapsible(body, title=title, collapsed=index > 0, id=f"result-q{index}")
            )

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        node = event.widget
        while node is not None:
            if isinstance(node, Collapsible) and (node.id or "").startswith("result-q"):
                self._focused_question = int((node.id or "result-q0")[len("result-q") :])
                return
            node = node.parent  # type: ignore[assignment]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "regrade":  # offered only when the evaluations disagree
            results = self.interview.results if self.interview is not None else None
            return results is not None and results.confidence < LOW_CONFIDENCE
        return True

    # --- actions ----------------------------------------------------------------------------

    async def action_close(self) -> None:
        # Right after an interview the screens below are its setup form: home (with the new
        # stats) is where the candidate expects to land.
        if self._live is not None and hasattr(self.app, "action_home"):
            await self.app.run_action("home")
        else:
            self.dismiss(None)

    def action_discuss(self) -> None:
        interview = self.interview
        if interview is None or not interview.questions:
            return
        index = min(self._focused_question, len(interview.questions) - 1)
        q = interview.questions[index]
        answer = (q.code_answer if q.type is QuestionType.CODING else q.answer) or "(no answer)"
        prompt = (
            f"Help me improve my answer to this interview question.\n\nQuestion: "
            f"{q.question}\n\nMy answer:\n{answer}\n\nFeedback I got ({q.score}/100):\n"
            f"{q.feedback or ''}"
        )
        self.app.post_message(DiscussInChat(interview.id, index, prompt))
        self.notify(f"Question {index + 1} was sent to the chat assistant.", markup=False)

    @work(exclusive=True, exit_on_error=False, group="results-regrade")
    async def action_regrade(self) -> None:
        interview = self.interview
        if interview is None:
            return
        service = self._service or await interview_service(self.app)
        used = interview.ai_processing.provider if interview.ai_processing else None
        second = await self._second_provider(used)
        if second is None:
            self.notify(
                "Set up a second AI provider (INTERVIEWAI_AI_FALLBACK) to get a second opinion.",
                markup=False,
            )
            return
        self.notify(f"Asking {second} for a second opinion…", markup=False)
        self.query_one("#results", VerticalScroll).loading = True
        try:
            self.interview = await service.regrade(interview.id, provider=second)
        finally:
            self.query_one("#results", VerticalScroll).loading = False
        await self.render_interview(self.interview)
        self.refresh_bindings()

    async def _second_provider(self, used: str | None) -> str | None:
        services = getattr(self.app, "services", None)
        container = await services() if services is not None else None
        settings = getattr(container, "settings", None)
        chain = [getattr(settings, "ai_provider", "offline"), *getattr(settings, "ai_fallback", [])]
        return next((p for p in [*chain, "offline"] if p != used), None)

    @work(exclusive=True, exit_on_error=False, group="results-retake")
    async def action_retake(self) -> None:
        from interviewai_tui.domain.interviews import InterviewSetup
        from interviewai_tui.ui.screens.interview_session import InterviewSessionScreen

        interview, user = self.interview, signed_in_user(self.app)
        if interview is None or user is None:
            return
        service = self._service or await interview_service(self.app)
        setup = interview.setup or InterviewSetup(
            title=interview.title,
            job_role=interview.job_role,
            tech_stack=list(interview.tech_stack),
            difficulty=interview.difficulty,
            duration=interview.duration,
            question_count=len(interview.questions),
        )
        problem = await service.check(user.id, setup)
        repeats = problem is not None  # a retake may reuse questions rather than fail
        fresh = await service.create(user.id, setup, allow_repeats=repeats)
        self.app.switch_screen(InterviewSessionScreen(fresh.id, service=service))


def _score_label(q: InterviewQuestion) -> str:
    if q.status is QuestionStatus.SKIPPED:
        return "skipped"
    if q.evaluated_at is None:
        return "not graded"
    return f"{q.score}/100"


def summary_text(interview: Interview) -> str:
    r = interview.results
    assert r is not None
    lines = [
        clean(interview.title),
        f"Total score {r.total_score}/100 · average {r.average_score}/100 · "
        f"answered {r.questions_answered}/{r.questions_total} · time {clock_text(r.time_spent)}",
        f"Consistency {r.consistency}/100 · confidence {r.confidence}/100 · "
        f"average response {r.response_time:.0f}s",
    ]
    if r.confidence and r.confidence < LOW_CONFIDENCE:
        lines.append(
            "Low confidence: the evaluations disagree; consider a re-grade with another provider."
        )
    ai = interview.ai_processing
    if ai is not None and ai.provider:
        fallback = " (fallback used)" if ai.fallback_used else ""
        lines.append(
            f"Evaluated by {clean(ai.provider)}{fallback} in {ai.processing_time:.1f}s"
            f" · cost ${ai.cost:.4f}"
        )
    if r.overall_feedback:
        lines.append("")
        lines.append(clean(r.overall_feedback))
    return "\n".join(lines)


def lists_text(interview: Interview) -> str:
    r = interview.results
    assert r is not None
    out: list[str] = []
    for title, items in (
        ("Strengths", r.strengths),
        ("To improve", r.improvements),
        ("Recommendations", r.recommendations),
    ):
        if items:
            out.append(title)
            out.extend(f"  • {clean(item)}" for item in items)
    return "\n".join(out)


def question_text(q: InterviewQuestion) -> str:
    answer = (q.code_answer if q.type is QuestionType.CODING else q.answer) or "(no answer)"
    parts = [q.question, "", "Your answer:", answer]
    if q.judge is not None and q.judge.total:
        verdicts = ", ".join(v.replace("_", " ") for v in q.judge.verdicts)
        parts += ["", f"Tests: {q.judge.passed}/{q.judge.total} passed ({verdicts})"]
    if q.feedback:
        parts += ["", "Feedback:", q.feedback]
    parts += ["", f"Time spent: {clock_text(q.time_spent)}"]
    return clean("\n".join(parts))
