"""Sandboxed runner for coding answers: Python, and JavaScript where node exists.

A practice sandbox, not a security boundary: rlimits, a process group killed on timeout,
bounded output, a scrubbed environment, a throwaway directory and, where the system allows
it, no network (``unshare -rn``). See ``runner.run``.
"""

from interviewai_tui.judge.isolation import network_isolation_available
from interviewai_tui.judge.languages import available_languages
from interviewai_tui.judge.models import JudgeReport, Limits, TestCase, TestResult, Verdict
from interviewai_tui.judge.runner import normalise, run

__all__ = [
    "JudgeReport",
    "Limits",
    "TestCase",
    "TestResult",
    "Verdict",
    "available_languages",
    "network_isolation_available",
    "normalise",
    "run",
]
