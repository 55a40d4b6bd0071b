"""Plain data the judge takes and returns: test cases, limits, verdicts, the report.

Kept free of the domain models on purpose: the grading service converts a question's
test cases at the call site, so the judge can be driven by a script or a benchmark alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

MIB = 1024 * 1024

SANDBOX_NOTE = (
    "Practice sandbox, not a security boundary: the code runs as you, with resource limits, "
    "a scrubbed environment and a temporary directory."
)
NO_NETWORK_ISOLATION_NOTE = (
    "Network isolation is not available on this machine (unshare -rn failed): "
    "the code could reach the network."
)


class Verdict(StrEnum):
    """The outcome of one test case."""

    PASSED = "passed"
    WRONG_ANSWER = "wrong_answer"
    TIME_LIMIT = "time_limit"
    MEMORY_LIMIT = "memory_limit"
    OUTPUT_LIMIT = "output_limit"
    RUNTIME_ERROR = "runtime_error"
    INTERNAL_ERROR = "internal_error"


@dataclass(frozen=True, slots=True)
class TestCase:
    """One stdin/stdout check."""

    __test__ = False  # not a pytest test class, despite the name

    input: str
    expected_output: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-test limits. Defaults suit short interview exercises."""

    cpu_seconds: int = 2
    """RLIMIT_CPU soft limit; the hard limit is one second above it."""
    wall_seconds: float = 5.0
    """Wall-clock limit; the whole process group is killed when it passes."""
    memory_bytes: int = 256 * MIB
    """Address space for Python; for JavaScript the V8 heap size (node reserves more)."""
    output_bytes: int = 1 * MIB
    """Most bytes accepted on stdout (and, separately, on stderr)."""
    file_size_bytes: int = 1 * MIB
    """RLIMIT_FSIZE: the largest file the program may write."""
    open_files: int = 64
    """RLIMIT_NOFILE."""
    extra_processes: int = 32
    """Threads/processes allowed above the user's current count (RLIMIT_NPROC, non-root only)."""

    @classmethod
    def from_settings(cls, *, cpu_seconds: float, wall_seconds: float, memory_mb: int) -> Limits:
        """Limits from the user's settings (``judge_cpu_seconds`` etc.); CPU rounds up to whole
        seconds because RLIMIT_CPU counts whole seconds."""
        return cls(
            cpu_seconds=max(1, math.ceil(cpu_seconds)),
            wall_seconds=wall_seconds,
            memory_bytes=memory_mb * MIB,
        )


@dataclass(frozen=True, slots=True)
class TestResult:
    """What happened on one test case."""

    __test__ = False

    index: int
    description: str
    verdict: Verdict
    time_seconds: float
    expected: str = ""
    """Expected output, truncated; filled on wrong answers."""
    got: str = ""
    """Actual output, truncated; filled on wrong answers."""
    stderr_tail: str = ""
    """Last part of stderr; filled on runtime errors and limits."""
    exit_code: int | None = None
    """Exit status, negative for a signal (as asyncio reports it)."""
    message: str = ""
    """One sentence for the user, e.g. which limit was hit."""

    @property
    def passed(self) -> bool:
        return self.verdict is Verdict.PASSED


@dataclass(frozen=True, slots=True)
class JudgeReport:
    """Results of all test cases for one answer."""

    language: str
    results: list[TestResult]
    total_time: float
    network_isolated: bool
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def passed(self) -> int:
        return sum(1 for r in self.results if r.passed)

    @property
    def pass_rate(self) -> float:
        """Fraction 0.0–1.0 of tests passed (0.0 when there are none)."""
        return self.passed / self.total if self.results else 0.0

    @property
    def all_passed(self) -> bool:
        return bool(self.results) and self.passed == self.total
