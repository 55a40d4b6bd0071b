"""The planner on a real SQLite store: filters, type mix, no repeats, variants, explanations."""

from __future__ import annotations

import random

import pytest

from interviewai_tui.domain.common import Category, Difficulty, QuestionType, new_id
from interviewai_tui.domain.questions import QuestionVariant
from interviewai_tui.interviews.planner import (
    NoMatchError,
    Planner,
    PlanRequest,
    category_for_role,
    default_mix,
)
from interviewai_tui.store import Store

from .helpers import make_question

T, C, B, S = (
    QuestionType.TECHNICAL,
    QuestionType.CODING,
    QuestionType.BEHAVIORAL,
    QuestionType.SYSTEM_DESIGN,
)


async def seed(store: Store) -> list[str]:
    bank = [make_question(f"py tech {i}", T) for i in range(4)]
    bank += [make_question(f"py code {i}", C) for i in range(3)]
    bank += [make_question(f"behave {i}", B, stack=()) for i in range(2)]
    bank += [make_question("design a cache", S)]
    bank += [make_question(f"go tech {i}", T, stack=("Go",)) for i in range(2)]
    bank += [make_question(f"hard py {i}", T, difficulty=Difficulty.HARD) for i in range(2)]
    bank += [make_question("react tech", T, category=Category.FRONTEND, stack=("React",))]
    bank += [
        make_question(
            "hard with a medium variant",
            C,
            difficulty=Difficulty.HARD,
            variants=[
                QuestionVariant(
                    question="Easier: reverse a list",
                    difficulty=Difficulty.MEDIUM,
                    context="Warm-up",
                )
            ],
        )
    ]
    result = await store.questions.upsert_many(questions=bank)
    return result.ids


def planner(store: Store) -> Planner:
    return Planner(store.questions, rng=random.Random(7))


async def test_mix_and_filters_are_respected(store: Store) -> None:
    await seed(store)
    request = PlanRequest(
        user_id=new_id(),
        difficulty=Difficulty.MEDIUM,
        tech_stack=["Python"],
        category=Category.BACKEND,
        type_counts={T: 3, C: 2},
    )
    picks = await planner(store).plan(request)
    assert [p.item.type for p in picks] == [T, T, T, C, C]
    for p in picks:
        assert p.item.question_id == p.question.id
        assert "Python" in p.question.tech_stack
        assert p.question.category is Category.BACKEND
        assert p.item.difficulty is Difficulty.MEDIUM
        assert not p.question.question.startswith(("go ", "react", "hard py"))
    assert len({p.question.id for p in picks}) == 5


async def test_recent_questions_are_not_repeated(store: Store) -> None:
    await seed(store)
    plan = planner(store)
    request = PlanRequest(
        user_id=new_id(), difficulty=Difficulty.MEDIUM, tech_stack=["Python"], type_counts={T: 2}
    )
    first = await plan.plan(request)
    seen = {p.question.id for p in first}
    second = await plan.plan(request, recent=seen)
    assert seen.isdisjoint({p.question.id for p in second})
    with pytest.raises(NoMatchError) as caught:
        await plan.plan(request, recent=seen | {p.question.id for p in second})
    assert "technical: 0 of 2 found" in str(caught.value)
    assert "including recently seen: 4" in str(caught.value)
    # The setup screen's "allow repeats" choice ignores the recent list.
    again = PlanRequest(
        user_id=request.user_id,
        difficulty=Difficulty.MEDIUM,
        tech_stack=["Python"],
        type_counts={T: 2},
        allow_repeats=True,
    )
    assert len(await plan.plan(again, recent=seen)) == 2


async def test_variant_fills_a_difficulty_gap(store: Store) -> None:
    await seed(store)
    request = PlanRequest(
        user_id=new_id(), difficulty=Difficulty.MEDIUM, tech_stack=["Python"], type_counts={C: 4}
    )
    picks = await planner(store).plan(request)
    variant = [p for p in picks if p.question.difficulty is Difficulty.HARD]
    assert len(variant) == 1
    assert variant[0].item.question == "Warm-up\n\nEasier: reverse a list"
    assert variant[0].item.difficulty is Difficulty.MEDIUM


async def test_no_match_explains_what_would_match(store: Store) -> None:
    await seed(store)
    request = PlanRequest(
        user_id=new_id(),
        difficulty=Difficulty.HARD,
        tech_stack=["Go"],
        category=Category.BACKEND,
        type_counts={T: 1, S: 1},
    )
    with pytest.raises(NoMatchError) as caught:
        await planner(store).plan(request)
    message = str(caught.value)
    assert caught.value.shortfalls == {T: 1, S: 1}
    # Two Go questions exist at medium; Python has two hard technical ones.
    assert "technical: 0 of 1 found (any stack: 2; any category: 0; any difficulty: 2)" in message
    assert (
        "system design: 0 of 1 found (any stack: 0; any category: 0; any difficulty: 0)" in message
    )


async def test_record_usage_increments_times_used(store: Store) -> None:
    await seed(store)
    plan = planner(store)
    picks = await plan.plan(
        PlanRequest(user_id=new_id(), difficulty=Difficulty.MEDIUM, type_counts={B: 2})
    )
    await plan.record_usage(picks)
    await plan.record_usage(picks[:1])
    used = [await store.questions.get(question_id=p.question.id) for p in picks]
    assert sorted(q.usage.times_used for q in used if q) == [1, 2]


def test_default_mix_and_role_category() -> None:
    assert default_mix(5) == {T: 2, C: 1, B: 1, S: 1}
    assert sum(default_mix(13).values()) == 13
    assert category_for_role("Senior Frontend Engineer") is Category.FRONTEND
    assert category_for_role("Full-stack developer") is Category.FULLSTACK
    assert category_for_role("iOS developer") is Category.MOBILE
    assert category_for_role("Backend Developer") is Category.BACKEND
    assert category_for_role("Barista") is None
    assert category_for_role("Quality engineer") is None  # "ui" only as a word
