"""Create or edit one question: every field of the bank, validated by the service on save.

The weights of the evaluation criteria are summed as they are typed; a refused save keeps
everything typed and names the field at fault.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Select, Static, TextArea

from interviewai_tui.admin.question_form import from_form, to_form, weights_total
from interviewai_tui.auth.errors import AuthError
from interviewai_tui.domain.common import Category, Difficulty, QuestionType
from interviewai_tui.ui.screens.base import AppScreen
from interviewai_tui.ui.screens.sign_in import FormMessage
from interviewai_tui.ui.widgets.admin_tables import signed_in_id
from interviewai_tui.ui.widgets.chrome import KeyHints, TitleBar

if TYPE_CHECKING:
    from interviewai_tui.admin.questions import QuestionAdmin
    from interviewai_tui.domain.questions import Question

TYPES = [(t.value.replace("_", " ").capitalize(), t.value) for t in QuestionType]
CATEGORIES = [("No category", ""), *((c.value.capitalize(), c.value) for c in Category)]
DIFFICULTIES = [(d.value.capitalize(), d.value) for d in Difficulty]
LANGUAGES = [("No language", ""), ("Python", "python"), ("JavaScript", "javascript")]
AREAS = {
    "question": "Question",
    "expectedAnswer": "Expected answer",
    "sampleCode": "Sample code (coding questions)",
    "testCases": 'Test cases, JSON: [{"input": "1 2\\n", "expectedOutput": "3\\n"}]',
    "evaluationCriteria": "Evaluation criteria, one per line: criterion | weight | description",
    "variants": "Variants, one per line: question | difficulty | context",
}
INPUTS = {
    "techStack": "Tech stack (comma-separated)",
    "skills": "Skills (comma-separated)",
    "tags": "Tags (comma-separated)",
    "timeLimit": "Time limit in seconds",
}
SELECTS = {
    "type": ("Type", TYPES),
    "category": ("Category", CATEGORIES),
    "difficulty": ("Difficulty", DIFFICULTIES),
    "language": ("Language", LANGUAGES),
}


class QuestionFormScreen(AppScreen["Question | None"]):
    """Returns the saved question, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    AUTO_FOCUS = "#f-question"
    TITLE = "InterviewAI"
    SUB_TITLE = "Question"

    def __init__(self, service: QuestionAdmin, question: Question | None = None) -> None:
        super().__init__()
        self.service = service
        self.question = question
        self.values = to_form(question)

    def compose(self) -> ComposeResult:
        title = "Edit question" if self.question else "New question"
        yield TitleBar()
        with VerticalScroll(id="question-form"):
            yield Static(f"{title} — Ctrl+S saves, Esc cancels", classes="admin-title")
            # At the top, where a refused save is seen whatever field had the focus.
            yield FormMessage(classes="form-message", id="form-message")
            yield from self._area("question")
            with Horizontal(classes="form-row"):
                for name in ("type", "category"):
                    with Vertical():
                        yield from self._select(name)
            with Horizontal(classes="form-row"):
                for name in ("difficulty", "language"):
                    with Vertical():
                        yield from self._select(name)
            with Horizontal(classes="form-row"):
                for name in ("techStack", "skills"):
                    with Vertical():
                        yield from self._input(name)
            with Horizontal(classes="form-row"):
                for name in ("tags", "timeLimit"):
                    with Vertical():
                        yield from self._input(name)
            for name in ("expectedAnswer", "evaluationCriteria"):
                yield from self._area(name)
            yield Static("", id="weights", classes="muted")
            for name in ("sampleCode", "testCases", "variants"):
                yield from self._area(name)
        yield KeyHints()

    def _area(self, name: str) -> ComposeResult:
        yield Static(AREAS[name], classes="field-label")
        yield TextArea(self.values[name], id=f"f-{name}", soft_wrap=True, show_line_numbers=False)

    def _input(self, name: str) -> ComposeResult:
        yield Static(INPUTS[name], classes="field-label")
        yield Input(self.values[name], id=f"f-{name}")

    def _select(self, name: str) -> ComposeResult:
        label, options = SELECTS[name]
        yield Static(label, classes="field-label")
        yield Select(options, value=self.values[name], allow_blank=False, id=f"f-{name}")

    def on_mount(self) -> None:
        self._show_weights()

    @on(TextArea.Changed, "#f-evaluationCriteria")
    def _show_weights(self) -> None:
        total = weights_total(self.query_one("#f-evaluationCriteria", TextArea).text)
        text = (
            "Weights: (a line cannot be read yet)" if total is None else f"Weights: {total} / 100"
        )
        self.query_one("#weights", Static).update(text)

    def collect(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for name in AREAS:
            values[name] = self.query_one(f"#f-{name}", TextArea).text
        for name in INPUTS:
            values[name] = self.query_one(f"#f-{name}", Input).value
        for name in SELECTS:
            value = self.query_one(f"#f-{name}", Select).value
            values[name] = value if isinstance(value, str) else ""
        return values

    def action_save(self) -> None:
        self.save()

    @work(exclusive=True, exit_on_error=False, group="question-save")
    async def save(self) -> None:
        message = self.query_one("#form-message", FormMessage)
        actor = signed_in_id(self.app)
        try:
            data = from_form(self.collect())
            if self.question is None:
                saved = await self.service.create(actor, data)
            else:
                saved = await self.service.update(actor, self.question.id, data)
        except AuthError as error:  # a refused value, or the role was taken away meanwhile
            message.show(error.message)
            message.scroll_visible(animate=False)
            return
        self.dismiss(saved)

    def action_cancel(self) -> None:
        self.dismiss(None)
