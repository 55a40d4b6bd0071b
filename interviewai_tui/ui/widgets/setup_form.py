"""Pieces of the interview setup form: reading whole numbers, naming the picks, the
evaluator choices."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Input

from interviewai_tui.config import PROVIDERS
from interviewai_tui.ui.labels import provider_label
from interviewai_tui.ui.safe import one_line

OFFLINE_LABEL = "Offline coach (no network)"


class FormProblem(ValueError):
    """A field holds something that cannot be used; the message names it."""

    def __init__(self, message: str, field_id: str | None = None) -> None:
        super().__init__(message)
        self.field_id = field_id


def picked_text(picked: list[str]) -> Content:
    if not picked:
        return Content("Picked: none (any stack)")
    return Content(one_line("Picked: " + ", ".join(picked), 120))


def provider_options() -> list[tuple[str, str]]:
    return [(OFFLINE_LABEL if p == "offline" else provider_label(p), p) for p in PROVIDERS]


def whole_number(field: Input, label: str, low: int, high: int) -> int:
    try:
        value = int(field.value.strip())
    except ValueError:
        raise FormProblem(f"{label}: enter a whole number.", field.id) from None
    if not low <= value <= high:
        raise FormProblem(f"{label}: choose between {low} and {high}.", field.id)
    return value
