"""Screens standing in for areas other helpers build (profile, interviews, admin)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Static

from interviewai_tui.ui.screens.base import AppScreen


class PracticeScreen(AppScreen[None]):
    SUB_TITLE = "Practice"

    def compose(self) -> ComposeResult:
        yield Static("practice area")
        yield Footer()


class AdminOnlyScreen(AppScreen[None]):
    SUB_TITLE = "Admin only"

    def compose(self) -> ComposeResult:
        yield Static("admin area")
        yield Footer()


class BrokenScreen(AppScreen[None]):
    def __init__(self) -> None:
        raise RuntimeError("cannot build [/]")
