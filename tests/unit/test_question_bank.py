"""The bundled question bank: coverage, quality rules, import/export and idempotent loading."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from interviewai_tui import bank
from interviewai_tui.bank import BANK_FIELDS, CODING_LANGUAGES, BankError
from interviewai_tui.clock import FrozenClock
from interviewai_tui.domain.common import Category, Difficulty, QuestionType
from interviewai_tui.domain.questions import Question
from interviewai_tui.store import open_store

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def questions() -> list[Question]:
    return bank.load_bundled(clock=FrozenClock(NOW))


@pytest.fixture(scope="module")
def raw_entries() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for path in sorted(bank.bundled_dir().glob("*.json")):
        entries.extend(json.loads(path.read_text(encoding="utf-8")))
    return entries


def test_bank_is_large_and_covers_every_type_category_and_difficulty(
    questions: list[Question],
) -> None:
    assert len(questions) >= 150
    assert {q.type for q in questions} == set(QuestionType)
    assert {q.category for q in questions} == set(Category)
    assert {q.difficulty for q in questions} == set(Difficulty)
    by_type = Counter(q.type for q in questions)
    assert by_type[QuestionType.CODING] >= 35
    assert min(by_type.values()) >= 15, by_type


def test_bank_covers_at_least_twelve_tech_stacks(questions: list[Question]) -> None:
    stacks = Counter(tech for q in questions for tech in q.tech_stack)
    well_covered = {tech for tech, n in stacks.items() if n >= 3}
    assert len(well_covered) >= 12, stacks
    assert all(q.tech_stack for q in questions), "every question names at least one stack"


def test_every_question_has_an_answer_key_and_criteria_summing_to_100(
    questions: list[Question],
) -> None:
    for q in questions:
        assert q.expected_answer and len(q.expected_answer) >= 200, q.question
        assert len(q.expected_answer.splitlines()) >= 3, q.question
        assert q.evaluation_criteria, q.question
        assert sum(c.weight for c in q.evaluation_criteria) == 100, q.question
        assert all(c.description for c in q.evaluation_criteria), q.question
        assert q.time_limit and q.time_limit >= 60, q.question
        assert q.skills and q.tags, q.question


def test_every_coding_question_is_runnable(questions: list[Question]) -> None:
    coding = [q for q in questions if q.type is QuestionType.CODING]
    assert {q.language for q in coding} == set(CODING_LANGUAGES)
    for q in coding:
        assert q.sample_code and q.sample_code.strip(), q.question
        assert len(q.test_cases) >= 3, q.question
        assert all(tc.expected_output.strip() or tc.input for tc in q.test_cases), q.question
        assert all(tc.description for tc in q.test_cases), q.question
    others = [q for q in questions if q.type is not QuestionType.CODING]
    assert not any(q.sample_code or q.test_cases for q in others)


def test_bank_files_use_only_bank_form_fields_and_unique_questions(
    raw_entries: list[dict[str, Any]],
) -> None:
    for entry in raw_entries:
        assert set(entry) <= BANK_FIELDS, set(entry) - BANK_FIELDS
    keys = [(e["question"], e["type"]) for e in raw_entries]
    assert len(keys) == len(set(keys))


# --- import errors -------------------------------------------------------------------------


def _good(**changes: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "question": "What is a closure?",
        "type": "technical",
        "category": "frontend",
        "difficulty": "easy",
        "techStack": ["JavaScript"],
        "expectedAnswer": "A function with its lexical environment.",
        "evaluationCriteria": [
            {"criterion": "Correctness", "weight": 60, "description": "accurate"},
            {"criterion": "Clarity", "weight": 40, "description": "clear"},
        ],
    }
    entry.update(changes)
    return entry


def _write(tmp_path: Path, content: Any, *, raw: bool = False) -> Path:
    path = tmp_path / "questions.json"
    path.write_text(content if raw else json.dumps(content), encoding="utf-8")
    return path


def _numbered(n: int) -> list[dict[str, Any]]:
    return [_good(question=f"Question {i}?") for i in range(1, n + 1)]


@pytest.mark.parametrize(
    ("content", "raw", "message"),
    [
        ("{not json", True, "questions.json: not valid JSON (Expecting property name"),
        ('{"question": "x"}', True, "must hold a JSON list of questions, not an object"),
        ("", True, "not valid JSON"),
        ('"just text"', True, "must hold a JSON list of questions, not a string"),
    ],
)
def test_file_level_errors(tmp_path: Path, content: str, raw: bool, message: str) -> None:
    with pytest.raises(BankError) as err:
        bank.import_file(_write(tmp_path, content, raw=raw))
    assert message in str(err.value)


def test_missing_file_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(BankError, match=r"nope\.json: no such file\.$"):
        bank.import_file(tmp_path / "nope.json")


def _entry_error(tmp_path: Path, bad: dict[str, Any] | int, position: int = 3) -> str:
    entries: list[Any] = _numbered(5)
    entries[position - 1] = bad
    with pytest.raises(BankError) as err:
        bank.import_file(_write(tmp_path, entries))
    return str(err.value)


def test_missing_field_names_entry_and_field(tmp_path: Path) -> None:
    bad = _good()
    del bad["question"]
    assert _entry_error(tmp_path, bad) == (
        "questions.json: entry 3, field question: required field is missing."
    )


def test_bad_enum_names_entry_and_field(tmp_path: Path) -> None:
    message = _entry_error(tmp_path, _good(question="q?", difficulty="extreme"), position=2)
    assert message.startswith("questions.json: entry 2, field difficulty: Input should be 'easy'")


def test_weights_not_summing_to_100(tmp_path: Path) -> None:
    criteria = [{"criterion": "a", "weight": 50}, {"criterion": "b", "weight": 40}]
    message = _entry_error(tmp_path, _good(question="q?", evaluationCriteria=criteria))
    assert message == (
        "questions.json: entry 3, field evaluationCriteria: weights sum to 90, expected 100."
    )


def test_extra_field_is_rejected(tmp_path: Path) -> None:
    message = _entry_error(tmp_path, _good(question="q?", expectedAnwser="typo"), position=4)
    assert message == "questions.json: entry 4, field expectedAnwser: unknown field."


def test_nested_field_error_has_a_path(tmp_path: Path) -> None:
    bad = _good(
        question="q?",
        type="coding",
        language="python",
        testCases=[{"input": "1", "expectedOutput": "1"}, {"input": "2"}],
    )
    message = _entry_error(tmp_path, bad)
    assert message == (
        "questions.json: entry 3, field testCases[2].expectedOutput: required field is missing."
    )


def test_coding_question_needs_a_runnable_language(tmp_path: Path) -> None:
    message = _entry_error(tmp_path, _good(question="q?", type="coding", language="cobol"))
    assert message.startswith("questions.json: entry 3, field language: language must be one of")


def test_entry_that_is_not_an_object(tmp_path: Path) -> None:
    assert _entry_error(tmp_path, 7, position=1) == (
        "questions.json: entry 1, expected an object, got a number."
    )


def test_duplicate_question_in_one_file(tmp_path: Path) -> None:
    entries = [*_numbered(2), _good(question="Question 1?")]
    with pytest.raises(BankError, match="entry 3, field question: same question and type as"):
        bank.import_file(_write(tmp_path, entries))


def test_a_valid_file_imports_every_entry(tmp_path: Path) -> None:
    imported = bank.import_file(_write(tmp_path, _numbered(4)), clock=FrozenClock(NOW))
    assert [q.question for q in imported] == [f"Question {i}?" for i in range(1, 5)]
    assert all(q.created_at == NOW and q.updated_at == NOW for q in imported)
    assert len({q.id for q in imported}) == 4


# --- export / import ------------------------------------------------------------------------


def test_export_then_import_round_trips_the_whole_bank(
    tmp_path: Path, questions: list[Question]
) -> None:
    path = tmp_path / "export.json"
    assert bank.export(questions, path) == len(questions)
    back = bank.import_file(path, clock=FrozenClock(NOW))
    assert [bank.to_bank_form(q) for q in back] == [bank.to_bank_form(q) for q in questions]
    stored = json.loads(path.read_text(encoding="utf-8"))
    assert all(set(entry) <= BANK_FIELDS for entry in stored)
    assert "_id" not in stored[0] and "usage" not in stored[0]


def test_export_to_an_unwritable_place_is_a_bank_error(
    tmp_path: Path, questions: list[Question]
) -> None:
    with pytest.raises(BankError, match="cannot write the file"):
        bank.export(questions[:1], tmp_path / "missing-dir" / "out.json")


# --- loading into a real store ------------------------------------------------------------------


async def test_ensure_loaded_twice_adds_no_duplicates(tmp_path: Path) -> None:
    expected = len(bank.load_bundled())
    async with open_store(f"sqlite:///{tmp_path / 'bank.db'}") as store:
        first = await bank.ensure_loaded(store, clock=FrozenClock(NOW))
        assert first.inserted == expected
        assert await store.questions.count() == expected
        second = await bank.ensure_loaded(store, clock=FrozenClock(NOW))
        assert second.inserted == 0 and second.updated == 0
        assert await store.questions.count() == expected
    # A "second start": a new connection to the same file.
    async with open_store(f"sqlite:///{tmp_path / 'bank.db'}") as store:
        third = await bank.ensure_loaded(store)
        assert third.inserted == 0
        assert await store.questions.count() == expected


async def test_ensure_loaded_keeps_admin_changes(tmp_path: Path) -> None:
    async with open_store(f"sqlite:///{tmp_path / 'bank.db'}") as store:
        await bank.ensure_loaded(store)
        page = await store.questions.list(limit=1)
        target = page.items[0]
        await store.questions.update(question_id=target.id, changes={"isActive": False})
        await bank.ensure_loaded(store)
        again = await store.questions.get(question_id=target.id)
        assert again is not None and again.is_active is False


async def test_bad_import_leaves_the_store_untouched(tmp_path: Path) -> None:
    entries = _numbered(5)
    entries[2]["evaluationCriteria"] = [{"criterion": "a", "weight": 10}]
    path = _write(tmp_path, entries)
    async with open_store(f"sqlite:///{tmp_path / 'bank.db'}") as store:
        with pytest.raises(BankError, match="entry 3, field evaluationCriteria"):
            await bank.import_into(store, path)
        assert await store.questions.count() == 0
        entries[2]["evaluationCriteria"] = [{"criterion": "a", "weight": 100}]
        path.write_text(json.dumps(entries), encoding="utf-8")
        result = await bank.import_into(store, path)
        assert result.inserted == 5 and await store.questions.count() == 5


async def test_export_store_writes_every_question_including_inactive(tmp_path: Path) -> None:
    async with open_store(f"sqlite:///{tmp_path / 'bank.db'}") as store:
        await bank.import_into(store, _write(tmp_path, _numbered(3)))
        page = await store.questions.list(limit=1)
        await store.questions.update(question_id=page.items[0].id, changes={"isActive": False})
        out = tmp_path / "out.json"
        assert await bank.export_store(store, out) == 3
    back = bank.import_file(out)
    assert sorted(q.question for q in back) == ["Question 1?", "Question 2?", "Question 3?"]
    assert sum(1 for q in back if not q.is_active) == 1
