"""Charts drawn with block characters: they need no plotting library, read the same with or
without colour, and survive any terminal that can show Unicode blocks.

Functions return plain strings (one per line) so tests can compare them exactly; widgets wrap
them in ``Content``.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["bar", "column_chart", "sparkline"]

_EIGHTHS = " ▁▂▃▄▅▆▇█"
_SPARKS = "▁▂▃▄▅▆▇█"


def _fraction(value: float, lo: float, hi: float) -> float:
    if hi <= lo:
        return 1.0
    return min(1.0, max(0.0, (value - lo) / (hi - lo)))


def sparkline(values: Sequence[float], *, lo: float = 0, hi: float = 100) -> str:
    """One character per value, ▁ (lowest) to █ (highest)."""
    return "".join(_SPARKS[round(_fraction(v, lo, hi) * (len(_SPARKS) - 1))] for v in values)


def bar(value: float, width: int, *, hi: float = 100) -> str:
    """A horizontal bar ``████▌░░░`` of ``width`` cells, in eighths of a cell."""
    eighths = round(_fraction(value, 0, hi) * width * 8)
    full, part = divmod(eighths, 8)
    partial = "▏▎▍▌▋▊▉"[part - 1] if part else ""
    return ("█" * full + partial).ljust(width, "░")[:width]


def column_chart(
    values: Sequence[int],
    *,
    height: int = 6,
    hi: int = 100,
    labels: tuple[str, str] = ("", ""),
    column: int = 2,
) -> list[str]:
    """Vertical bars, one per value (each ``column`` cells wide, one blank between), on a
    0..``hi`` axis, with the first and last labels under the ends.

    The caller passes only as many values as fit; nothing is dropped here.
    """
    if not values:
        return []
    axis = len(str(hi))
    rows: list[str] = []
    levels = [round(_fraction(v, 0, hi) * height * 8) for v in values]
    for row in range(height, 0, -1):
        floor = (row - 1) * 8
        cells = []
        for level in levels:
            part = min(8, max(0, level - floor))
            cells.append(_EIGHTHS[part] * column)
        mark = str(hi) if row == height else ("0" if row == 1 else "")
        rows.append(f"{mark.rjust(axis)} ┤" + " ".join(cells).rstrip())
    width = len(values) * (column + 1) - 1
    rows.append(" " * axis + " └" + "─" * width)
    first, last = labels
    gap = width - len(first) - len(last)
    if not last or first == last:
        under = first
    elif gap >= 1:
        under = first + " " * gap + last
    else:  # too few bars to hold both labels under the ends
        under = f"{first} → {last}"
    rows.append(" " * (axis + 2) + under)
    return rows
