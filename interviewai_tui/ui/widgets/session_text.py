"""Text of the running-interview screen: the status bar fitted to the width, the judge's
report as plain lines."""

from __future__ import annotations

from interviewai_tui.judge import JudgeReport
from interviewai_tui.judge.models import NO_NETWORK_ISOLATION_NOTE
from interviewai_tui.ui.safe import clean, one_line


def fit_bar(parts: list[str], clocks: str, width: int) -> str:
    """``Q 1/5 · coding · python      29:10 left · …``: the parts that fit, clocks at the right."""
    while parts:
        head = " · ".join(parts)
        if len(head) + 3 + len(clocks) <= width or len(parts) == 1:
            return head + " " * max(3, width - len(head) - len(clocks)) + clocks
        parts = parts[:-1]
    return clocks


def render_report(report: JudgeReport | None) -> str:
    """The judge's verdicts as plain lines (the report's text is untrusted output)."""
    if report is None:
        return "This question has no test cases; it will be graded by AI review only."
    lines = [f"{report.passed}/{report.total} tests passed in {report.total_time:.2f}s."]
    for r in report.results:
        mark = "✓" if r.passed else "✗"
        label = r.description or f"test {r.index + 1}"
        line = f"{mark} {label}: {r.verdict.value.replace('_', ' ')}"
        if r.verdict.value == "wrong_answer":
            line += f" (expected {one_line(r.expected, 40)!r}, got {one_line(r.got, 40)!r})"
        elif r.message:
            line += f" — {one_line(r.message, 80)}"
        if r.stderr_tail and not r.passed:
            line += f"\n    {one_line(r.stderr_tail, 120)}"
        lines.append(line)
    if not report.network_isolated:
        lines.append(NO_NETWORK_ISOLATION_NOTE)
    return clean("\n".join(lines))
