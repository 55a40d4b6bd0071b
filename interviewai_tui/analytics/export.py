"""A progress report as Markdown (for sharing, printing, or a mentor)."""

from __future__ import annotations

import re

from interviewai_tui.analytics.files import plain_text
from interviewai_tui.analytics.progress import ProgressReport

__all__ = ["duration_text", "progress_markdown"]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")


def _md(text: str) -> str:
    """Untrusted text as literal Markdown: no control characters, no markup, one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(plain_text(text).split()))


def duration_text(seconds: int) -> str:
    """``3 h 05 min``, ``12 min`` or ``40 s``."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes = rest // 60
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min" if minutes else f"{seconds} s"


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else str(value)


def progress_markdown(report: ProgressReport) -> str:
    r = report
    lines = [
        f"# Progress report — {_md(r.name)}",
        "",
        f"Generated on {r.today.isoformat()} (time zone {_md(r.timezone)}).",
        "",
        "## Summary",
        "",
        "| | |",
        "|---|---|",
        f"| Interviews completed | {r.interviews_completed} |",
        f"| Average score | {'—' if r.average_score is None else r.average_score} |",
        f"| Best score | {'—' if r.best_score is None else r.best_score} |",
        f"| Current streak | {r.current_streak} day(s) |",
        f"| Longest streak | {r.longest_streak} day(s) |",
        f"| Active days | {r.active_days} |",
        f"| Time practising | {duration_text(r.time_total)} |",
        f"| This week / this month | {duration_text(r.time_this_week)} / "
        f"{duration_text(r.time_this_month)} |",
        "",
        f"## Score trend ({r.granularity.value})",
        "",
    ]
    if r.trend:
        lines += ["| Period | Average score | Interviews |", "|---|---:|---:|"]
        lines += [f"| {p.label} | {p.score} | {p.count} |" for p in r.trend]
    else:
        lines.append("No completed interviews yet.")
    lines += ["", "## Skills", ""]
    if r.skills:
        lines += ["| Skill | Score | Change |", "|---|---:|---:|"]
        lines += [f"| {_md(s.name)} | {s.score} | {_signed(s.improvement)} |" for s in r.skills]
    else:
        lines.append("No skill scores yet.")
    lines += ["", f"## Achievements ({len(r.unlocked)} of {len(r.achievements)})", ""]
    for state in r.achievements:
        a = state.achievement
        mark = (
            f"[x] {a.title} — unlocked {state.unlocked_on}"
            if state.unlocked_on
            else f"[ ] {a.title}"
        )
        lines.append(f"- {mark}: {a.description}")
    ai = r.ai
    satisfaction = "not rated" if ai.satisfaction is None else f"{ai.satisfaction:.2f} / 5"
    providers = ", ".join(_md(p) for p in ai.providers) or "none"
    lines += [
        "",
        "## AI assistant",
        "",
        f"- Messages: {ai.total_messages}",
        f"- Average response time: {ai.average_response_ms:.0f} ms",
        f"- Satisfaction: {satisfaction}",
        f"- Providers used: {providers}",
        "",
    ]
    return "\n".join(lines)
