"""Question-bank management for admins: list, create and edit (validated), deactivate,
import/export files, usage statistics. Each operation checks the admin role; changes leave an
audit entry.

Questions are validated with the bank's own file model (`bank.QuestionIn`), so a question made
in the form and one imported from a file obey exactly the same rules (weights summing to 100,
a language for coding questions, no unknown fields).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import JsonValue, ValidationError

from interviewai_tui import bank
from interviewai_tui.admin.audit import Auditor
from interviewai_tui.admin.errors import AdminError
from interviewai_tui.clock import Clock
from interviewai_tui.domain.common import Category, Difficulty, QuestionType
from interviewai_tui.domain.questions import Question
from interviewai_tui.store.base import Page, Store, UpsertResult

__all__ = ["QuestionAdmin", "QuestionFilter", "form_error"]

MAX_SEARCH = 200


@dataclass(frozen=True)
class QuestionFilter:
    type: QuestionType | None = None
    category: Category | None = None
    difficulty: Difficulty | None = None
    tech: str | None = None
    tag: str | None = None
    active: bool | None = None
    text: str = ""


def _location(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def form_error(exc: ValidationError) -> str:
    """One sentence naming the first field at fault (camelCase, positions from 1)."""
    error = exc.errors(include_url=False)[0]
    where = _location(tuple(error["loc"]))
    kind = error["type"]
    if kind == "missing":
        message = "is required"
    elif kind == "extra_forbidden":
        message = "is not a question field"
    elif kind == "string_too_short" and error.get("ctx", {}).get("min_length") == 1:
        message = "must not be empty"
    else:
        message = str(error["msg"]).removeprefix("Value error, ")
    if not where:
        text = message.lower()
        where = (
            "evaluationCriteria" if "weights" in text else "language" if "language" in text else ""
        )
    return f"{where}: {message}." if where else f"{message}."


class QuestionAdmin:
    def __init__(self, store: Store, auditor: Auditor) -> None:
        self.store = store
        self.auditor = auditor

    @property
    def clock(self) -> Clock:
        return self.auditor.clock

    async def search(
        self, actor_id: str, where: QuestionFilter, *, offset: int = 0, limit: int = 20
    ) -> Page[Question]:
        await self.auditor.check(actor_id)
        return await self.store.questions.list(
            type=where.type,
            category=where.category,
            difficulty=where.difficulty,
            tech=where.tech or None,
            tag=where.tag or None,
            active=where.active,
            search=" ".join(where.text.split())[:MAX_SEARCH] or None,
            offset=offset,
            limit=limit,
        )

    async def get(self, actor_id: str, question_id: str) -> Question:
        await self.auditor.check(actor_id)
        return await self._question(question_id)

    def validate(self, data: Mapping[str, Any]) -> bank.QuestionIn:
        """The form's values as a checked question; AdminError names the field at fault."""
        try:
            return bank.QuestionIn.model_validate(dict(data))
        except ValidationError as exc:
            raise AdminError(form_error(exc)) from None

    async def create(self, actor_id: str, data: Mapping[str, Any]) -> Question:
        await self.auditor.check(actor_id)
        checked = self.validate(data)
        await self._refuse_duplicate(checked, None)
        question = checked.to_question(self.clock.now())
        question.created_by = actor_id
        saved = await self.store.questions.create(question=question)
        await self.auditor.record(actor_id, "question.create", saved.id, {"type": saved.type.value})
        return saved

    async def update(self, actor_id: str, question_id: str, data: Mapping[str, Any]) -> Question:
        """Replace the editable content; usage, author and creation time are kept."""
        await self.auditor.check(actor_id)
        current = await self._question(question_id)
        checked = self.validate(data)
        await self._refuse_duplicate(checked, current.id)
        content = checked.model_dump(by_alias=True, mode="json")
        if "isActive" not in data:
            content.pop("isActive")  # editing the text must not quietly reactivate a question
        # Compared in the bank's own form (no nulls), so unchanged nested items are not noise.
        before = bank.to_bank_form(current)
        after = checked.model_dump(by_alias=True, mode="json", exclude_none=True)
        changes = {
            key: value for key, value in content.items() if before.get(key) != after.get(key)
        }
        if not changes:
            return current
        saved = await self.store.questions.update(question_id=current.id, changes=changes)
        await self.auditor.record(
            actor_id, "question.update", current.id, {"fields": list[JsonValue](sorted(changes))}
        )
        return saved

    async def set_active(self, actor_id: str, question_id: str, active: bool) -> Question:
        """Deactivate (kept for history, never chosen for new interviews) or reactivate."""
        await self.auditor.check(actor_id)
        current = await self._question(question_id)
        if current.is_active == active:
            return current
        saved = await self.store.questions.update(
            question_id=current.id, changes={"isActive": active}
        )
        action = "question.activate" if active else "question.deactivate"
        await self.auditor.record(actor_id, action, current.id)
        return saved

    async def import_file(self, actor_id: str, path: str | os.PathLike[str]) -> UpsertResult:
        """All of the file or nothing (see `bank.import_into`)."""
        await self.auditor.check(actor_id)
        try:
            result = await bank.import_into(self.store, path, clock=self.clock)
        except bank.BankError as exc:
            raise AdminError(f"{exc} Nothing was imported.") from None
        await self.auditor.record(
            actor_id,
            "question.import",
            None,
            {"file": os.fspath(path), "added": result.inserted, "updated": result.updated},
        )
        return result

    async def export_file(self, actor_id: str, path: str | os.PathLike[str]) -> int:
        await self.auditor.check(actor_id)
        try:
            count = await bank.export_store(self.store, path)
        except bank.BankError as exc:
            raise AdminError(str(exc)) from None
        await self.auditor.record(
            actor_id, "question.export", None, {"file": os.fspath(path), "count": count}
        )
        return count

    async def facets(self, actor_id: str) -> dict[str, list[str]]:
        """Known tech stacks and tags, for filter suggestions."""
        await self.auditor.check(actor_id)
        return {
            "techStack": await self.store.questions.distinct(field="techStack"),
            "tags": await self.store.questions.distinct(field="tags"),
        }

    async def _question(self, question_id: str) -> Question:
        question = await self.store.questions.get(question_id=question_id)
        if question is None:
            raise AdminError("This question no longer exists.")
        return question

    async def _refuse_duplicate(self, checked: bank.QuestionIn, own_id: str | None) -> None:
        page = await self.store.questions.list(search=checked.question, active=None, limit=50)
        for other in page.items:
            same = other.question == checked.question and other.type == checked.type
            if same and other.id != own_id:
                raise AdminError("question: another question has the same text and type.")
