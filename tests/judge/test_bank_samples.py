"""Every coding question of the bundled bank: its sample code passes its test cases in the
judge, and an empty answer does not (so the test cases actually check something)."""

from __future__ import annotations

import asyncio

from interviewai_tui import bank
from interviewai_tui.domain.common import QuestionType
from interviewai_tui.domain.questions import Question
from interviewai_tui.judge import JudgeReport, Limits, TestCase, available_languages, run

# Generous wall time: up to four judges run at once on a small shared CI machine.
LIMITS = Limits(wall_seconds=15)
PARALLEL = 4


def _cases(question: Question) -> list[TestCase]:
    return [
        TestCase(tc.input, tc.expected_output, tc.description or "") for tc in question.test_cases
    ]


async def _judge_all(jobs: list[tuple[Question, str]]) -> list[JudgeReport]:
    gate = asyncio.Semaphore(PARALLEL)

    async def one(question: Question, code: str) -> JudgeReport:
        async with gate:
            assert question.language is not None
            return await run(code, question.language, _cases(question), LIMITS)

    return await asyncio.gather(*(one(q, code) for q, code in jobs))


async def test_every_sample_solution_passes_and_an_empty_answer_fails() -> None:
    coding = [q for q in bank.load_bundled() if q.type is QuestionType.CODING]
    runnable = [q for q in coding if q.language in available_languages()]
    assert len(runnable) >= sum(1 for q in coding if q.language == "python") >= 20
    empty = {"python": "pass\n", "javascript": "\n"}
    jobs = [(q, q.sample_code or "") for q in runnable]
    jobs += [(q, empty[q.language or "python"]) for q in runnable]
    reports = await _judge_all(jobs)

    failures = []
    for (question, _), report in zip(jobs[: len(runnable)], reports[: len(runnable)], strict=True):
        if not report.all_passed:
            bad = [r for r in report.results if not r.passed]
            failures.append(
                f"{question.question[:60]!r}: {[(r.description, r.verdict.value) for r in bad]}"
            )
    assert not failures, "\n".join(failures)

    vacuous = [
        q.question[:60]
        for q, report in zip(runnable, reports[len(runnable) :], strict=True)
        if report.all_passed
    ]
    assert not vacuous, f"test cases accept an empty program: {vacuous}"
