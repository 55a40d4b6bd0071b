"""The history's filter panel: status, level, role, technology and a date range.

It is mounted the first time the user asks for it (``f``), not with the screen: six form
widgets cost more to build than the first page of the table, and most visits never filter.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Select

from interviewai_tui.analytics.errors import AnalyticsError
from interviewai_tui.domain.common import Difficulty, InterviewStatus
from interviewai_tui.ui.safe import one_line

__all__ = ["FilterPanel", "parse_day"]


def parse_day(text: str, label: str) -> date | None:
    """A YYYY-MM-DD field; blank is None; anything else is one sentence."""
    text = text.strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise AnalyticsError(f"Write the {label} date as YYYY-MM-DD.") from None


class FilterPanel(Vertical):
    DEFAULT_CSS: ClassVar[str] = """
    FilterPanel {
        height: auto;
    }
    FilterPanel > Horizontal {
        height: 3;
    }
    FilterPanel Select, FilterPanel Input {
        width: 1fr;
    }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Select[InterviewStatus](
                [(s.value.replace("_", " "), s) for s in InterviewStatus],
                prompt="Any status",
                id="status",
            )
            yield Select[Difficulty](
                [(d.value, d) for d in Difficulty], prompt="Any level", id="difficulty"
            )
            yield Select[str]([], prompt="Any role", id="role")
        with Horizontal():
            yield Input(placeholder="Technology", id="tech")
            yield Input(placeholder="From YYYY-MM-DD", id="from", max_length=10)
            yield Input(placeholder="To YYYY-MM-DD", id="to", max_length=10)

    def set_choices(self, roles: list[str], stacks: list[str]) -> None:
        # Role names come from other users' interviews: Text, never markup.
        self.query_one("#role", Select).set_options((Text(one_line(r, 30)), r) for r in roles)
        self.query_one("#tech", Input).suggester = SuggestFromList(stacks, case_sensitive=False)

    def values(self) -> dict[str, Any]:
        """The fields as HistoryFilter keywords; raises AnalyticsError for a bad date."""

        def chosen(selector: str) -> Any:
            value = self.query_one(selector, Select).value
            return None if value is Select.NULL else value

        def text(selector: str) -> str:
            return self.query_one(selector, Input).value.strip()

        return {
            "status": chosen("#status"),
            "difficulty": chosen("#difficulty"),
            "job_role": chosen("#role"),
            "tech": text("#tech") or None,
            "date_from": parse_day(text("#from"), "start"),
            "date_to": parse_day(text("#to"), "end"),
        }
