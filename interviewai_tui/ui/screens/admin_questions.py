"""Admin question bank: list, filter and search; create and edit with a validated form;
deactivate or reactivate; import and export JSON files; usage statistics per question."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Input, Select, Static

from interviewai_tui.admin.questions import QuestionFilter
from interviewai_tui.domain.common import Difficulty, QuestionType
from interviewai_tui.ui.safe import one_line
from interviewai_tui.ui.screens.admin_base import AdminListScreen
from interviewai_tui.ui.screens.admin_dialogs import ConfirmDialog, PathDialog
from interviewai_tui.ui.screens.admin_question_form import QuestionFormScreen
from interviewai_tui.ui.widgets.admin_tables import cell, signed_in_id

if TYPE_CHECKING:
    from rich.text import Text

    from interviewai_tui.admin.questions import QuestionAdmin
    from interviewai_tui.admin.wiring import AdminServices
    from interviewai_tui.domain.questions import Question
    from interviewai_tui.store.repositories import Page

PAGE = 500
# Fits 80 columns with the cell padding: 25+11+6+9+4+3+6 (+14).
COLUMNS = (
    ("Question", 25),
    ("Type", 11),
    ("Level", 6),
    ("Category", 9),
    ("Used", 4),
    ("Avg", 3),
    ("Active", 6),
)
TYPES = [("Any type", ""), *((t.value.replace("_", " "), t.value) for t in QuestionType)]
LEVELS = [("Any level", ""), *((d.value, d.value) for d in Difficulty)]
ACTIVE = [("Active", "yes"), ("Inactive", "no"), ("All", "")]


def detail_text(q: Question) -> Content:
    u = q.usage
    criteria = ", ".join(f"{c.criterion} {c.weight}%" for c in q.evaluation_criteria) or "–"
    category = q.category.value if q.category else "no category"
    lines = [
        one_line(q.question, 300),
        f"{q.type.value} · {q.difficulty.value} · {category}"
        f" · stack: {', '.join(q.tech_stack) or '–'} · tags: {', '.join(q.tags) or '–'}",
        f"Usage: used {u.times_used} times · average score {u.average_score} · "
        f"average time {u.average_time:.0f} s · success rate {u.success_rate:.0f}%",
        f"Criteria: {criteria} · {len(q.test_cases)} test cases · {len(q.variants)} variants"
        + ("" if q.is_active else " · INACTIVE"),
    ]
    return Content("\n".join(one_line(line, 400) for line in lines))


class AdminQuestionsScreen(AdminListScreen["QuestionAdmin", "Question"]):
    SUB_TITLE = "Question bank"
    AUTO_FOCUS = "#questions"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search"),
        Binding("n", "new", "New"),
        Binding("e", "edit", "Edit"),
        Binding("d", "toggle_active", "(De)activate"),
        Binding("i", "import_file", "Import"),
        Binding("x", "export_file", "Export"),
        Binding("escape", "back", "Back"),
    ]
    LIST_ID = "questions"
    DETAIL_ID = "question-detail"
    STATUS_ID = "questions-status"
    COLUMNS = COLUMNS
    SEARCH_HINT = "Search question text (plain text)"
    NOUN = "questions"
    REFINE = "the filters"
    NONE_FOUND = "No question matches these filters."

    def __init__(self, *, service: QuestionAdmin | None = None) -> None:
        super().__init__(service)

    def pick_service(self, services: AdminServices) -> QuestionAdmin:
        return services.questions

    # --- list --------------------------------------------------------------------------
    def filters(self) -> Iterable[Select[str]]:
        yield Select(TYPES, value="", allow_blank=False, id="type")
        yield Select(LEVELS, value="", allow_blank=False, id="level")
        yield Select(ACTIVE, value="yes", allow_blank=False, id="active")

    def _filter(self) -> QuestionFilter:
        kind = self.query_one("#type", Select).value
        level = self.query_one("#level", Select).value
        active = self.query_one("#active", Select).value
        return QuestionFilter(
            type=QuestionType(kind) if isinstance(kind, str) and kind else None,
            difficulty=Difficulty(level) if isinstance(level, str) and level else None,
            active=None if active in ("", Select.BLANK) else active == "yes",
            text=self.query_one("#search", Input).value,
        )

    async def fetch(self, service: QuestionAdmin) -> Page[Question]:
        return await service.search(signed_in_id(self.app), self._filter(), limit=PAGE)

    def row(self, service: QuestionAdmin, q: Question) -> Sequence[Text]:
        return (
            cell(q.question, 80),
            cell(q.type.value.replace("_", " ")),
            cell(q.difficulty.value),
            cell(q.category.value if q.category else "–"),
            cell(q.usage.times_used),
            cell(q.usage.average_score if q.usage.times_used else "–"),
            cell("yes" if q.is_active else "no"),
        )

    def show_selected(self) -> None:
        question = self.selected()
        detail = self.query_one("#question-detail", Static)
        detail.update(detail_text(question) if question else "No question selected.")

    # --- actions -------------------------------------------------------------------------
    def action_new(self) -> None:
        self._form(None)

    def action_edit(self) -> None:
        if (question := self.selected()) is not None:
            self._form(question)

    @work(exclusive=True, exit_on_error=False, group="questions-form")
    async def _form(self, question: Question | None) -> None:
        saved = await self.app.push_screen_wait(QuestionFormScreen(await self.service(), question))
        if saved is not None:
            self.notify("Question saved.", markup=False)
            self.load()

    @work(exclusive=True, exit_on_error=False, group="questions-action")
    async def action_toggle_active(self) -> None:
        question = self.selected()
        if question is None:
            return
        verb = "Deactivate" if question.is_active else "Reactivate"
        note = " It stays in past interviews but is not chosen again." if question.is_active else ""
        ask = f"{verb} “{one_line(question.question, 60)}”?{note}"
        if not await self.app.push_screen_wait(ConfirmDialog(ask, yes=verb)):
            return
        await (await self.service()).set_active(
            signed_in_id(self.app), question.id, not question.is_active
        )
        self.notify(f"Question {verb.lower()}d.", markup=False)
        self.load()

    @work(exclusive=True, exit_on_error=False, group="questions-file")
    async def action_import_file(self) -> None:
        path = await self.app.push_screen_wait(
            PathDialog(
                "Import questions",
                "A JSON list of questions in the bank form. A file with a bad entry is "
                "refused as a whole; questions already present are updated.",
            )
        )
        if not path:
            return
        result = await (await self.service()).import_file(signed_in_id(self.app), path)
        self.notify(f"Imported: {result.inserted} added, {result.updated} updated.", markup=False)
        self.load()

    @work(exclusive=True, exit_on_error=False, group="questions-file")
    async def action_export_file(self) -> None:
        path = await self.app.push_screen_wait(
            PathDialog("Export questions", "Every question, active or not, as one JSON file.")
        )
        if not path:
            return
        count = await (await self.service()).export_file(signed_in_id(self.app), path)
        self.notify(one_line(f"Exported {count} questions to {path}."), markup=False)
