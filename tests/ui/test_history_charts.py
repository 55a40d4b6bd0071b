"""The block-character charts of the progress screen, character by character."""

from __future__ import annotations

from interviewai_tui.ui.widgets.charts import bar, column_chart, sparkline


def test_sparkline_maps_0_to_100_onto_eight_levels() -> None:
    assert sparkline([0, 14, 50, 86, 100]) == "▁▂▅▇█"
    assert sparkline([]) == ""
    assert sparkline([-5, 150]) == "▁█"  # clamped


def test_bar_fills_in_eighths() -> None:
    assert bar(0, 10) == "░" * 10
    assert bar(100, 10) == "█" * 10
    assert bar(55, 10) == "█████▌░░░░"  # 5.5 cells
    assert len(bar(33, 7)) == 7


def test_column_chart_draws_bars_axis_and_labels() -> None:
    lines = column_chart([100, 50, 0, 25], height=4, labels=("W1", "W4"))
    assert lines == [
        "100 ┤██",
        "    ┤██",
        "    ┤██ ██",
        "  0 ┤██ ██    ██",
        "    └───────────",
        "     W1       W4",
    ]
    assert column_chart([]) == []
    assert column_chart([60], labels=("2025-W10", "2025-W10"))[-1].strip() == "2025-W10"
    assert column_chart([60, 70], labels=("2025-W10", "2025-W14"))[-1].strip() == (
        "2025-W10 → 2025-W14"
    )
