"""The question bank: load the bundled JSON files, validate, import and export question files.

The file form ("bank form") is the seed's questions document in camelCase without the fields the
store owns (``_id``, ``usage``, ``createdBy``, ``createdAt``, ``updatedAt``). Unknown fields are
an error so a typo ("expectedAnwser") is reported instead of silently dropped. A file is
validated as a whole: one bad entry rejects the file, so nothing is half-imported.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from pydantic import Field, ValidationError, model_validator

from interviewai_tui import paths
from interviewai_tui.clock import Clock, SystemClock
from interviewai_tui.domain.common import Category, Difficulty, InputModel, QuestionType, to_utc
from interviewai_tui.domain.questions import Question

if TYPE_CHECKING:
    from interviewai_tui.store.base import Store, UpsertResult

__all__ = [
    "BANK_FIELDS",
    "CODING_LANGUAGES",
    "BankError",
    "QuestionIn",
    "bundled_dir",
    "ensure_loaded",
    "export",
    "export_store",
    "import_file",
    "import_into",
    "load_bundled",
    "parse_entries",
    "to_bank_form",
]

CODING_LANGUAGES = ("python", "javascript")


class BankError(Exception):
    """A question file cannot be used; ``str()`` is one sentence naming the entry and field."""


# --- the bank form: strict input models ------------------------------------------------------


class VariantIn(InputModel):
    question: str = Field(min_length=1)
    difficulty: Difficulty | None = None
    context: str | None = None


class TestCaseIn(InputModel):
    __test__ = False  # not a pytest class, despite the name

    input: str = ""
    expected_output: str
    description: str | None = None


class CriterionIn(InputModel):
    criterion: str = Field(min_length=1)
    weight: int = Field(ge=0, le=100)
    description: str | None = None


class _WeightsError(ValueError):
    pass


class QuestionIn(InputModel):
    """One question as written in a bank file."""

    question: str = Field(min_length=1)
    type: QuestionType
    category: Category | None = None
    difficulty: Difficulty = Difficulty.MEDIUM
    tech_stack: list[str] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)
    time_limit: int | None = Field(default=None, ge=0)
    language: str | None = None
    variants: list[VariantIn] = Field(default_factory=list)
    expected_answer: str | None = None
    sample_code: str | None = None
    test_cases: list[TestCaseIn] = Field(default_factory=list)
    evaluation_criteria: list[CriterionIn] = Field(default_factory=list)
    tags: list[str] = Field(default_factory=list)
    is_active: bool = True

    @model_validator(mode="after")
    def _rules(self) -> Self:
        if self.evaluation_criteria:
            total = sum(c.weight for c in self.evaluation_criteria)
            if total != 100:
                raise _WeightsError(f"weights sum to {total}, expected 100")
        if self.type is QuestionType.CODING and self.language not in CODING_LANGUAGES:
            raise ValueError(
                f"language must be one of {', '.join(CODING_LANGUAGES)} for a coding question"
            )
        return self

    def to_question(self, now: datetime) -> Question:
        """The domain model, stamped with ``now``."""
        data = self.model_dump(by_alias=True, mode="json")
        return Question.model_validate({**data, "createdAt": now, "updatedAt": now})


BANK_FIELDS = frozenset(field.alias or name for name, field in QuestionIn.model_fields.items())
"""The camelCase keys a bank-file entry may have."""


# --- error messages --------------------------------------------------------------------------


def _location(loc: Sequence[int | str]) -> str:
    """A camelCase field path with 1-based positions, e.g. ``testCases[2].expectedOutput``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else part
    return out


def _describe(exc: ValidationError, entry: Any) -> str:
    error = exc.errors(include_url=False)[0]
    loc = [p for p in error["loc"] if p != "__root__"]
    kind = error["type"]
    if kind == "missing":
        message = "required field is missing"
    elif kind == "extra_forbidden":
        message = "unknown field"
    else:
        message = str(error["msg"]).removeprefix("Value error, ")
    if not loc:
        # Whole-entry rules: name the field the rule is about.
        ctx = error.get("ctx") or {}
        if isinstance(ctx.get("error"), _WeightsError):
            loc = ["evaluationCriteria"]
        elif "language" in message:
            loc = ["language"]
    if not loc and not isinstance(entry, dict):
        message = f"expected an object, got {_json_kind(entry)}"
    field = _location(loc)
    return f"field {field}: {message}" if field else message


def parse_entries(data: object, *, now: datetime, source: str = "the file") -> list[Question]:
    """Validate decoded JSON (a list of bank-form objects) into questions.

    Raises:
        BankError: naming the first bad entry (counting from 1) and its field.
    """
    if not isinstance(data, list):
        raise BankError(f"{source} must hold a JSON list of questions, not {_json_kind(data)}.")
    questions: list[Question] = []
    seen: dict[tuple[str, str], int] = {}
    for number, entry in enumerate(data, start=1):
        try:
            question = QuestionIn.model_validate(entry).to_question(now)
        except ValidationError as exc:
            raise BankError(f"{source}: entry {number}, {_describe(exc, entry)}.") from None
        key = (question.question, question.type.value)
        if key in seen:
            raise BankError(
                f"{source}: entry {number}, field question: same question and type as entry "
                f"{seen[key]}."
            )
        seen[key] = number
        questions.append(question)
    return questions


def _json_kind(value: object) -> str:
    """``value``'s JSON type with its article: "an object", "a number", "null"."""
    kinds = {
        dict: "an object",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
    }
    return "null" if value is None else kinds.get(type(value), f"a {type(value).__name__}")


# --- files -----------------------------------------------------------------------------------


def _read_json(path: Path) -> object:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BankError(f"{path}: no such file.") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
        raise BankError(f"{path}: cannot read the file ({reason}).") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BankError(
            f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})."
        ) from None


def import_file(path: str | os.PathLike[str], *, clock: Clock | None = None) -> list[Question]:
    """Read and validate a question file; all of it or nothing.

    Raises:
        BankError: the file is unreadable, not JSON, not a list, or an entry is invalid.
    """
    path = Path(path)
    now = to_utc((clock or SystemClock()).now())
    return parse_entries(_read_json(path), now=now, source=path.name)


def to_bank_form(question: Question) -> dict[str, Any]:
    """The bank-form dict of a question (what ``export`` writes and ``import_file`` reads)."""
    data = question.model_dump(by_alias=True, mode="json", exclude_none=True)
    return {key: value for key, value in data.items() if key in BANK_FIELDS}


def export(questions: Iterable[Question], path: str | os.PathLike[str]) -> int:
    """Write questions as a bank file (atomically); returns how many were written.

    Raises:
        BankError: the file cannot be written.
    """
    path = Path(path)
    entries = [to_bank_form(q) for q in questions]
    text = json.dumps(entries, indent=2, ensure_ascii=False) + "\n"
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or Path.cwd())
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise BankError(f"{path}: cannot write the file ({exc.strerror or exc}).") from None
    return len(entries)


# --- the bundled bank --------------------------------------------------------------------------


def bundled_dir() -> Path:
    """Folder of the bank shipped with the program (assets/questions)."""
    return paths.assets_dir() / "questions"


def load_bundled(*, clock: Clock | None = None, folder: Path | None = None) -> list[Question]:
    """Every question of the bundled bank, files in name order.

    Raises:
        BankError: a bundled file is broken (a packaging bug), naming the file and entry.
    """
    folder = folder or bundled_dir()
    now = to_utc((clock or SystemClock()).now())
    questions: list[Question] = []
    for path in sorted(folder.glob("*.json")):
        questions.extend(parse_entries(_read_json(path), now=now, source=path.name))
    return questions


async def _all_questions(store: Store) -> list[Question]:
    found: list[Question] = []
    while True:
        page = await store.questions.list(active=None, offset=len(found), limit=200)
        found.extend(page.items)
        if not page.items or not page.has_more:
            return found


async def _existing_keys(store: Store) -> set[tuple[str, str]]:
    return {(q.question, q.type.value) for q in await _all_questions(store)}


async def ensure_loaded(store: Store, *, clock: Clock | None = None) -> UpsertResult:
    """Add the bundled questions the store does not hold yet (matched on text and type).

    Questions already present are left alone, so an admin's edits (deactivation, new criteria)
    survive restarts, and a new release's extra questions are still added. Running it twice
    adds nothing the second time.
    """
    from interviewai_tui.store.base import UpsertResult

    existing = await _existing_keys(store)
    missing = [q for q in load_bundled(clock=clock) if (q.question, q.type.value) not in existing]
    if not missing:
        return UpsertResult()
    return await store.questions.upsert_many(questions=missing)


async def export_store(store: Store, path: str | os.PathLike[str]) -> int:
    """Write every question of the store (active or not) as a bank file, oldest first.

    Raises:
        BankError: the file cannot be written.
    """
    questions = await _all_questions(store)
    questions.reverse()  # the store lists newest first; a file reads better in creation order
    return export(questions, path)


async def import_into(
    store: Store, path: str | os.PathLike[str], *, clock: Clock | None = None
) -> UpsertResult:
    """Validate a whole file, then upsert it (matched on text and type); nothing on error.

    Raises:
        BankError: as ``import_file``; the store is not touched.
    """
    questions = import_file(path, clock=clock)
    return await store.questions.upsert_many(questions=questions)
