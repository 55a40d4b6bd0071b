"""The offline evaluator, summary and chat coach on a fixed bank of good and weak answers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from interviewai_tui.ai.base import Message, TextChunk, collect
from interviewai_tui.ai.offline import evaluate_offline
from interviewai_tui.ai.offline_coach import OFFLINE_NOTE, OfflineCoach
from interviewai_tui.ai.offline_summary import summarize_offline
from tests.ai.bank import CLOSURES, CONFLICT, GOOD, INDEXES, QUESTIONS, REVERSE, WEAK


def rate(question: object, good: bool) -> float | None:
    if getattr(question, "type", None) != "coding":
        return None
    return 1.0 if good else 0.0


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: str(q.type))
def test_good_answers_score_clearly_higher_than_weak(question: object) -> None:
    good = evaluate_offline(question, GOOD[question.question], pass_rate=rate(question, True))  # type: ignore[attr-defined]
    weak = evaluate_offline(question, WEAK[question.question], pass_rate=rate(question, False))  # type: ignore[attr-defined]
    assert good.score >= 75, good.feedback
    assert weak.score <= 25, weak.feedback
    assert good.score - weak.score >= 50
    assert good.provider == "offline" and good.prompt_version == "offline_rubric@1"
    assert good.feedback.startswith("Offline assessment") and good.strengths
    assert weak.improvements


def test_partial_answer_lands_between() -> None:
    text = GOOD[CLOSURES.question]
    partial = evaluate_offline(CLOSURES, text[: len(text) // 3])
    good = evaluate_offline(CLOSURES, text)
    weak = evaluate_offline(CLOSURES, WEAK[CLOSURES.question])
    assert weak.score < partial.score < good.score
    assert 35 <= partial.score <= 80


def test_missing_points_are_named() -> None:
    answer = "An index is a B-tree that avoids a full table scan, so lookups are O(log n)."
    ev = evaluate_offline(INDEXES, answer)
    mention = next(i for i in ev.improvements if i.startswith("Mention"))
    assert "selectivity" in mention  # the trade-offs half of the reference is missing
    assert "scan" not in mention and "b-tree" not in mention  # covered points are not asked for
    assert "Not mentioned:" in ev.feedback and "Trade-offs: needs work" in " ".join(ev.improvements)


def test_behavioural_star_is_rewarded() -> None:
    star = evaluate_offline(CONFLICT, GOOD[CONFLICT.question])
    assert any("STAR" in s for s in star.strengths)
    vague = evaluate_offline(CONFLICT, "We talked and it was fine in the end. " * 5)
    assert any(i.startswith("Use STAR") for i in vague.improvements)
    assert star.score > vague.score + 30


def test_judge_pass_rate_drives_coding_grade() -> None:
    code = GOOD[REVERSE.question]
    scores = [evaluate_offline(REVERSE, code, pass_rate=r).score for r in (0.0, 0.5, 1.0)]
    assert scores[0] < scores[1] < scores[2]
    assert scores[2] - scores[0] >= 50
    failing = evaluate_offline(REVERSE, code, pass_rate=0.5)
    assert "50% of the test cases pass" in failing.feedback
    assert any("failing test cases" in i for i in failing.improvements)
    assert (
        evaluate_offline(REVERSE, code, pass_rate=1.0).confidence
        > evaluate_offline(REVERSE, code).confidence
    )


def test_empty_answer_is_zero() -> None:
    ev = evaluate_offline(CLOSURES, "   \n ")
    assert ev.score == 0 and "no answer" in ev.feedback


def test_identical_input_identical_output_across_processes() -> None:
    here = [evaluate_offline(q, GOOD[q.question]).model_dump_json() for q in QUESTIONS]
    code = (
        "from tests.ai.bank import QUESTIONS, GOOD\n"
        "from interviewai_tui.ai.offline import evaluate_offline\n"
        "for q in QUESTIONS: print(evaluate_offline(q, GOOD[q.question]).model_dump_json())"
    )
    other = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True,
        cwd=Path(__file__).parents[2], env={"PYTHONHASHSEED": "12345"},
    ).stdout.splitlines()  # fmt: skip
    assert other == here  # no dependence on hash seeds or dict order


def test_summary_names_best_weakest_and_weak_skills() -> None:
    items = [
        (CLOSURES, evaluate_offline(CLOSURES, WEAK[CLOSURES.question])),
        (INDEXES, evaluate_offline(INDEXES, GOOD[INDEXES.question])),
        (CONFLICT, evaluate_offline(CONFLICT, WEAK[CONFLICT.question])),
    ]
    summary = summarize_offline(items)
    assert summary.overall_feedback.startswith("Offline summary")
    assert "database indexes" in summary.overall_feedback  # best answer named
    assert any("closures" in i for i in summary.improvements)
    assert any("STAR" in r for r in summary.recommendations)
    assert any("databases" in s for s in summary.strengths)
    assert summarize_offline(items) == summary
    assert "no questions" in summarize_offline([]).overall_feedback


async def test_coach_answers_from_the_bank_and_says_it_is_offline() -> None:
    coach = OfflineCoach(QUESTIONS)
    result = await collect(
        coach.stream([Message("user", "How should I explain closures in JavaScript?")])
    )
    assert result.text.startswith(OFFLINE_NOTE)
    assert CLOSURES.question in result.text
    assert "lexical scope" in result.text  # from the expected answer
    assert "Concept accuracy (50%)" in result.text
    assert result.usage.provider == "offline" and result.usage.cost == 0
    nothing = coach.answer("favourite pizza topping?")
    assert "could not find anything" in nothing and "closures" in nothing
    empty = await collect(OfflineCoach().stream([Message("user", "hello")]))
    assert all(isinstance(c, TextChunk) for c in [TextChunk(empty.text)])
    assert "could not find anything" in empty.text
