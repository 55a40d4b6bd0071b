"""Question-bank management: validated create/edit, duplicates, deactivate, import/export,
usage statistics; every change audited."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from interviewai_tui.admin.errors import AdminError
from interviewai_tui.admin.questions import QuestionFilter
from interviewai_tui.domain.common import Difficulty, QuestionType

from .conftest import World

VALID: dict[str, Any] = {
    "question": "Explain how a hash map handles collisions.",
    "type": "technical",
    "category": "backend",
    "difficulty": "medium",
    "techStack": ["Python"],
    "skills": ["data structures"],
    "timeLimit": 300,
    "expectedAnswer": "Chaining or open addressing; resize on load factor.",
    "evaluationCriteria": [
        {"criterion": "Correctness", "weight": 60},
        {"criterion": "Clarity", "weight": 40},
    ],
    "tags": ["fundamentals"],
    "variants": [{"question": "How does Python's dict resolve collisions?", "difficulty": "hard"}],
}

CODING: dict[str, Any] = {
    "question": "Read two integers and print their sum.",
    "type": "coding",
    "language": "python",
    "sampleCode": "print(sum(map(int, input().split())))",
    "testCases": [
        {"input": "1 2\n", "expectedOutput": "3\n"},
        {"input": "5 5\n", "expectedOutput": "10\n"},
        {"input": "0 0\n", "expectedOutput": "0\n"},
    ],
    "evaluationCriteria": [{"criterion": "Correct output", "weight": 100}],
}


async def test_create_validates_and_records_the_author(world: World) -> None:
    created = await world.questions.create(world.admin.id, VALID)
    assert created.created_by == world.admin.id
    assert (created.type, created.difficulty, created.time_limit) == (
        QuestionType.TECHNICAL,
        Difficulty.MEDIUM,
        300,
    )
    assert await world.store.questions.get(question_id=created.id) == created
    [entry] = (await world.store.audit.list()).items
    assert (entry.action, entry.actor_id, entry.target_id) == (
        "question.create",
        world.admin.id,
        created.id,
    )
    assert entry.timestamp == world.clock.now()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {
                "evaluationCriteria": [
                    {"criterion": "A", "weight": 50},
                    {"criterion": "B", "weight": 40},
                ]
            },
            "evaluationCriteria: weights sum to 90, expected 100.",
        ),
        ({"question": ""}, "question: must not be empty."),
        (
            {"type": "trivia"},
            "type: Input should be 'technical', 'behavioral', 'coding' or 'system_design'.",
        ),
        ({"timeLimit": -5}, "timeLimit: Input should be greater than or equal to 0."),
        ({"expectedAnwser": "typo"}, "expectedAnwser: is not a question field."),
        (
            {"type": "coding"},
            "language: language must be one of python, javascript for a coding question.",
        ),
        ({"testCases": [{"input": "1"}]}, "testCases[1].expectedOutput: is required."),
    ],
)
async def test_a_bad_form_names_the_field_and_saves_nothing(
    world: World, change: dict[str, Any], message: str
) -> None:
    with pytest.raises(AdminError) as caught:
        await world.questions.create(world.admin.id, {**VALID, **change})
    assert caught.value.message == message
    assert await world.store.questions.count() == 0
    assert (await world.store.audit.list()).total == 0


async def test_edit_keeps_usage_and_refuses_a_duplicate(world: World) -> None:
    first = await world.questions.create(world.admin.id, VALID)
    other = await world.questions.create(world.admin.id, CODING)
    await world.store.questions.increment_usage(question_id=first.id, by=4)
    world.clock.advance(60)

    edited = await world.questions.update(
        world.admin.id, first.id, {**VALID, "difficulty": "hard", "tags": ["core"]}
    )
    assert (edited.difficulty, edited.tags, edited.usage.times_used) == (
        Difficulty.HARD,
        ["core"],
        4,
    )
    assert edited.created_at == first.created_at and edited.updated_at == world.clock.now()
    last = (await world.store.audit.list(limit=1)).items[0]
    assert (last.action, last.details) == ("question.update", {"fields": ["difficulty", "tags"]})

    with pytest.raises(AdminError, match="same text and type"):
        await world.questions.update(world.admin.id, other.id, {**VALID, "difficulty": "hard"})
    with pytest.raises(AdminError, match="same text and type"):
        await world.questions.create(world.admin.id, VALID)


async def test_deactivate_hides_from_selection_and_edit_does_not_reactivate(world: World) -> None:
    question = await world.questions.create(world.admin.id, VALID)
    off = await world.questions.set_active(world.admin.id, question.id, False)
    assert off.is_active is False
    assert await world.store.questions.select(type=QuestionType.TECHNICAL) == []
    edited = await world.questions.update(world.admin.id, question.id, {**VALID, "timeLimit": 60})
    assert edited.is_active is False
    page = await world.questions.search(world.admin.id, QuestionFilter(active=False))
    assert [q.id for q in page.items] == [question.id]
    actions = [e.action for e in (await world.store.audit.list()).items]
    assert actions == ["question.update", "question.deactivate", "question.create"]


async def test_search_and_filters(world: World) -> None:
    await world.questions.create(world.admin.id, VALID)
    await world.questions.create(world.admin.id, CODING)
    by_text = await world.questions.search(world.admin.id, QuestionFilter(text="  HASH   map "))
    assert [q.question for q in by_text.items] == [VALID["question"]]
    by_type = await world.questions.search(world.admin.id, QuestionFilter(type=QuestionType.CODING))
    assert [q.question for q in by_type.items] == [CODING["question"]]
    literal = await world.questions.search(world.admin.id, QuestionFilter(text=".*"))
    assert literal.total == 0
    assert await world.questions.facets(world.admin.id) == {
        "techStack": ["Python"],
        "tags": ["fundamentals"],
    }


async def test_import_all_or_nothing_and_export_round_trip(world: World, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([VALID, {**CODING, "language": None}]))
    with pytest.raises(AdminError) as caught:
        await world.questions.import_file(world.admin.id, bad)
    assert "entry 2" in caught.value.message and "Nothing was imported" in caught.value.message
    assert await world.store.questions.count() == 0

    good = tmp_path / "good.json"
    good.write_text(json.dumps([VALID, CODING]))
    result = await world.questions.import_file(world.admin.id, good)
    assert (result.inserted, result.updated) == (2, 0)

    out = tmp_path / "out.json"
    assert await world.questions.export_file(world.admin.id, out) == 2
    exported = json.loads(out.read_text())
    assert [e["question"] for e in exported] == [VALID["question"], CODING["question"]]
    actions = [
        (e.action, e.details.get("count", e.details.get("added")))
        for e in (await world.store.audit.list()).items
    ]
    assert actions == [("question.export", 2), ("question.import", 2)]
