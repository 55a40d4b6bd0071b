"""Judge one answer: run it on every test case and turn each run into a verdict."""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from collections.abc import Sequence
from dataclasses import replace

from interviewai_tui.judge.isolation import isolation_prefix
from interviewai_tui.judge.languages import LanguageSpec, available_languages, language_spec
from interviewai_tui.judge.launcher import EXIT_LAUNCH_FAILED
from interviewai_tui.judge.models import (
    NO_NETWORK_ISOLATION_NOTE,
    SANDBOX_NOTE,
    JudgeReport,
    Limits,
    TestCase,
    TestResult,
    Verdict,
)
from interviewai_tui.judge.process import Outcome, run_process
from interviewai_tui.judge.sandbox import (
    launch_argv,
    make_workdir,
    process_limit,
    remove_workdir,
    scrubbed_env,
)

log = logging.getLogger(__name__)

SHOWN_OUTPUT_CHARS = 500
SHOWN_STDERR_CHARS = 2000

_MEMORY_MARKERS = (
    b"MemoryError",
    b"JavaScript heap out of memory",
    b"Array buffer allocation failed",
    b"Fatal process out of memory",
    b"Cannot allocate memory",
)


def normalise(text: str) -> str:
    """Output as compared: CRLF → LF, trailing spaces of each line and trailing newlines gone."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).rstrip("\n")


def _shorten(text: str, limit: int, *, keep_end: bool = False) -> str:
    if len(text) <= limit:
        return text
    if keep_end:
        return "…" + text[-limit:]
    return text[:limit] + "…"


def _stderr_text(outcome: Outcome) -> str:
    tail = outcome.stderr_tail.decode("utf-8", errors="replace")
    return _shorten(tail, SHOWN_STDERR_CHARS, keep_end=True)


def _verdict(outcome: Outcome, case: TestCase, limits: Limits) -> tuple[Verdict, str]:
    code = outcome.exit_code
    if outcome.output_exceeded:
        return Verdict.OUTPUT_LIMIT, f"Output passed the {limits.output_bytes // 1024} KiB limit."
    if outcome.timed_out:
        return Verdict.TIME_LIMIT, f"Did not finish within {limits.wall_seconds:g} s."
    if code == -signal.SIGXCPU or (
        code == -signal.SIGKILL and outcome.elapsed >= limits.cpu_seconds
    ):
        return Verdict.TIME_LIMIT, f"Used more than {limits.cpu_seconds} s of CPU time."
    stderr = outcome.stderr_head + outcome.stderr_tail
    if code != 0 and any(marker in stderr for marker in _MEMORY_MARKERS):
        return Verdict.MEMORY_LIMIT, f"Used more than {limits.memory_bytes // (1024 * 1024)} MiB."
    if code == EXIT_LAUNCH_FAILED and b"interviewai-judge-launcher" in stderr:
        return Verdict.INTERNAL_ERROR, "The sandbox could not start the program."
    if code == -signal.SIGXFSZ:
        return Verdict.RUNTIME_ERROR, "Wrote a file larger than the file-size limit."
    if code != 0:
        how = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
        return Verdict.RUNTIME_ERROR, f"The program stopped with {how}."
    got = outcome.stdout.decode("utf-8", errors="replace")
    if normalise(got) == normalise(case.expected_output):
        return Verdict.PASSED, ""
    return Verdict.WRONG_ANSWER, "The output differs from the expected output."


async def _run_case(
    index: int,
    case: TestCase,
    spec: LanguageSpec,
    code: str,
    limits: Limits,
    isolation: list[str],
    nproc: int,
) -> TestResult:
    workdir = await asyncio.to_thread(make_workdir)
    try:
        source = workdir / spec.file_name
        stdin_path = workdir / ".stdin"
        source.write_text(code, encoding="utf-8")
        stdin_path.write_text(case.input, encoding="utf-8")
        outcome = await run_process(
            launch_argv(spec, source, limits, isolation, nproc),
            cwd=workdir,
            env=scrubbed_env(workdir),
            stdin_path=stdin_path,
            wall_seconds=limits.wall_seconds,
            output_cap=limits.output_bytes,
        )
    finally:
        # A thread: the candidate may have left many files behind.
        await asyncio.to_thread(remove_workdir, workdir)
    verdict, message = _verdict(outcome, case, limits)
    result = TestResult(
        index=index,
        description=case.description,
        verdict=verdict,
        time_seconds=round(outcome.elapsed, 4),
        exit_code=outcome.exit_code,
        message=message,
    )
    if verdict is Verdict.WRONG_ANSWER:
        got = outcome.stdout.decode("utf-8", errors="replace")
        return replace(
            result,
            expected=_shorten(case.expected_output, SHOWN_OUTPUT_CHARS),
            got=_shorten(got, SHOWN_OUTPUT_CHARS),
        )
    if verdict is not Verdict.PASSED:
        return replace(result, stderr_tail=_stderr_text(outcome))
    return result


def _internal_errors(tests: Sequence[TestCase], message: str) -> list[TestResult]:
    return [
        TestResult(i, case.description, Verdict.INTERNAL_ERROR, 0.0, message=message)
        for i, case in enumerate(tests)
    ]


async def run(
    code: str,
    language: str,
    tests: Sequence[TestCase],
    limits: Limits | None = None,
) -> JudgeReport:
    """Run ``code`` on each test case (one after another) and report the verdicts.

    Never raises for anything the candidate's code does; a sandbox that cannot start gives
    ``internal_error`` verdicts with a one-sentence message instead.
    """
    limits = limits or Limits()
    started = time.perf_counter()
    isolation = await isolation_prefix()
    notes = [SANDBOX_NOTE]
    if not isolation:
        notes.append(NO_NETWORK_ISOLATION_NOTE)
    spec = language_spec(language)
    if spec is None:
        known = ", ".join(available_languages())
        message = f"The judge cannot run {language!r} here (available: {known})."
        return JudgeReport(
            language, _internal_errors(tests, message), 0.0, bool(isolation), [*notes, message]
        )
    if not tests:
        notes.append("This question has no test cases, so nothing was run.")
    # Scanning /proc can take a few milliseconds on a busy desktop: not on the event loop.
    nproc = await asyncio.to_thread(process_limit, limits)
    results: list[TestResult] = []
    for index, case in enumerate(tests):
        try:
            results.append(await _run_case(index, case, spec, code, limits, isolation, nproc))
        except OSError as exc:
            log.exception("judge could not run test %d", index)
            message = f"The sandbox could not run the program: {exc.strerror or exc}."
            results.append(
                TestResult(index, case.description, Verdict.INTERNAL_ERROR, 0.0, message=message)
            )
    total = time.perf_counter() - started
    return JudgeReport(spec.name, results, round(total, 4), bool(isolation), notes)
