"""An interview finished after a restart is graded as a whole: the answers the earlier run
graded count in the results, the overall summary and the question bank's usage (the real
container, SQLite in tmp_path, the offline coach)."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewai_tui.container import Container
from interviewai_tui.domain.common import QuestionType
from interviewai_tui.domain.interviews import InterviewQuestion, InterviewSetup, JudgeSummary
from interviewai_tui.domain.users import User
from interviewai_tui.interviews.evaluation import AnswerEvaluation
from interviewai_tui.interviews.feedback_text import feedback_text, restored_answer

ANSWERS = (
    "A process owns its memory; threads share the memory of their process, so they need "
    "locks or queues. Processes isolate crashes; threads are cheaper to start and switch.",
    "An index is a sorted structure (a B-tree) over columns: lookups and range scans get "
    "faster, while every insert and update pays to keep it current and it costs disk space.",
)


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("", encoding="utf-8")
    monkeypatch.setenv("INTERVIEWAI_CONFIG_FILE", str(tmp_path / "config.toml"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


def container(tmp_path: Path) -> Container:
    return Container(overrides={"data_dir": tmp_path / "data", "ai_provider": "offline"})


async def test_answers_graded_before_a_restart_count_in_the_results(tmp_path: Path) -> None:
    async with container(tmp_path) as first:
        user = await first.store.users.create(user=User(email="ada@example.com", name="Ada"))
        setup = InterviewSetup(
            title="Two answers", question_count=2, type_counts={QuestionType.TECHNICAL: 2}
        )
        interview = await first.interviews.create(user.id, setup)
        running = first.interviews.run(interview)
        await running.session.start()
        running.session.update_draft(0, ANSWERS[0])
        await running.session.submit(0)
        await running.grader.drain()  # graded by this run...
        await running.session.stop_ticker()
        first_score = running.interview.questions[0].score
        first_question_id = running.interview.questions[0].question_id
    assert first_score > 0

    async with container(tmp_path) as second:  # ...which then ended; a new start resumes
        running = await second.interviews.resume(interview.id)
        running.session.update_draft(1, ANSWERS[1])
        await running.session.submit(1)
        results = await running.finish()
        assert results.questions_answered == 2
        # The offline summary speaks of both answers, as the header above it does.
        assert "over 2 questions (2 answered)" in (results.overall_feedback or "")
        assert results.average_score == round(sum(q.score for q in running.interview.questions) / 2)
        assert first_question_id is not None
        question = await second.store.questions.get(question_id=first_question_id)
        assert question is not None and question.usage.average_score > 0  # usage counted it


def test_stored_feedback_reads_back_as_it_was_written() -> None:
    evaluation = AnswerEvaluation(
        score=64,
        feedback="A fair answer.\nIt names the trade-off.",
        provider="openai",
        strengths=["Clear structure.", "Names the cost"],
        improvements=["Mention memory; and disk", "Give an example."],
    )
    text = feedback_text(evaluation, ["Tests passed: 3/4."])
    assert "Strengths: Clear structure; Names the cost." in text
    assert ".;" not in text
    item = InterviewQuestion(
        question="Q",
        type=QuestionType.CODING,
        code_answer="print(1)",
        score=64,
        feedback=text,
        ai_provider="openai",
        judge=JudgeSummary(passed=3, total=4),
    )
    graded = restored_answer(item, 2, ("Python",))
    assert graded.index == 2 and graded.tech == ("Python",) and graded.pass_rate == 0.75
    assert graded.evaluation is not None
    assert graded.evaluation.strengths == ["Clear structure", "Names the cost"]
    assert graded.evaluation.improvements == ["Mention memory", "and disk", "Give an example"]
    said = "A fair answer.\nIt names the trade-off.\nTests passed: 3/4."
    assert graded.evaluation.feedback == said
    assert restored_answer(item.model_copy(update={"code_answer": " "}), 2, ()).evaluation is None
