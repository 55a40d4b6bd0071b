"""Rounding and averaging used by every analytics document (one definition, one place)."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["mean", "round_half_up", "score_mean"]


def round_half_up(value: float) -> int:
    """Nearest integer, halves away from zero (Python's round() would give 82 for 82.5)."""
    return int(value + 0.5) if value >= 0 else -int(-value + 0.5)


def score_mean(scores: Sequence[int]) -> int:
    """Mean score as the integer the seed stores; 0 when there is none."""
    return round_half_up(sum(scores) / len(scores)) if scores else 0


def mean(values: Sequence[float], digits: int = 1) -> float:
    """Mean rounded to ``digits`` decimals; 0.0 when there is none."""
    return round(sum(values) / len(values), digits) if values else 0.0
