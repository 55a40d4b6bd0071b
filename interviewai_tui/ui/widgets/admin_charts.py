"""The dashboard's charts: one sparkline per figure for the last hour and the last day.

Sparklines draw with block characters (▁▂▃▄▅▆▇█), so their shape reads without colour; each
row ends with the latest value in words and numbers. Updating a chart only swaps its data.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Sparkline, Static

from interviewai_tui.admin.dashboard import Series

__all__ = ["FIGURES", "ChartColumn"]

Format = Callable[[list[float]], str]


def _last_percent(values: list[float]) -> str:
    return f"{values[-1]:.0f}%" if values else "–"


def _last_ms(values: list[float]) -> str:
    return f"{values[-1]:.0f}ms" if values else "–"


def _last_rate(values: list[float]) -> str:
    return f"{values[-1]:.1f}%" if values else "–"


def _total_cost(values: list[float]) -> str:
    return f"${sum(values):.2f}" if values else "–"


# (attribute of Series, label, how the right-hand value is written)
FIGURES: tuple[tuple[str, str, Format], ...] = (
    ("cpu", "CPU", _last_percent),
    ("memory", "Memory", _last_percent),
    ("latency", "Latency", _last_ms),
    ("error_rate", "Errors", _last_rate),
    ("cost", "AI cost", _total_cost),  # the total over the window, not the last sample
)


class ChartColumn(Vertical):
    """Five labelled sparklines for one time window."""

    def __init__(self, title: str, *, id: str) -> None:
        super().__init__(id=id, classes="chart-column")
        self.title = title

    def compose(self) -> ComposeResult:
        yield Static(self.title, classes="chart-title", id=f"{self.id}-title")
        for attr, label, _ in FIGURES:
            with Horizontal(classes="chart-row"):
                yield Static(label, classes="chart-label")
                yield Sparkline([], summary_function=max, id=f"{self.id}-{attr}")
                yield Static("–", classes="chart-value", id=f"{self.id}-{attr}-value")

    def set_title(self, title: str) -> None:
        if title != self.title:
            self.title = title
            self.query_one(f"#{self.id}-title", Static).update(title)

    def show(self, series: Series) -> None:
        for attr, _, fmt in FIGURES:
            values: list[float] = getattr(series, attr)
            # An empty chart would draw nothing at all; a flat zero line says "no data yet".
            self.query_one(f"#{self.id}-{attr}", Sparkline).data = values or [0.0]
            self.query_one(f"#{self.id}-{attr}-value", Static).update(fmt(values))
