"""The registry of areas reachable from home and the command palette.

Each area names its screen by module and class, so nothing is imported until the user goes
there, and an area whose module does not exist (yet) is simply not listed. Areas built later
append an ``Area`` to ``AREAS`` (or call ``register``).
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen

_SCREENS = "interviewai_tui.ui.screens"


@dataclass(frozen=True)
class Area:
    """One place of the app: how it is named, found and built."""

    key: str
    """Stable id; also the hotkey on the home screen when one letter."""
    label: str
    description: str
    module: str
    """Module that holds the screen class (imported only when opened)."""
    attr: str
    """Screen class name; built with no arguments, it reads services from the app."""
    admin_only: bool = False
    hotkey: str = ""

    def exists(self) -> bool:
        """Whether the module is installed (checked without importing it)."""
        try:
            return importlib.util.find_spec(self.module) is not None
        except (ImportError, ValueError):
            return False

    def make_screen(self) -> Screen[Any]:
        """Import the module and build the screen."""
        factory = getattr(importlib.import_module(self.module), self.attr)
        screen: Screen[Any] = factory()
        return screen


AREAS: list[Area] = [
    Area(
        "interviews",
        "New interview",
        "Set up and start a mock interview",
        f"{_SCREENS}.interview_setup",
        "InterviewSetupScreen",
        hotkey="n",
    ),
    Area(
        "history",
        "History",
        "Past interviews, results and progress",
        f"{_SCREENS}.history",
        "HistoryScreen",
        hotkey="h",
    ),
    Area(
        "progress",
        "Progress",
        "Score trend, skills, streaks and achievements",
        f"{_SCREENS}.progress",
        "ProgressScreen",
        hotkey="g",
    ),
    Area(
        "chat",
        "Chat",
        "Ask the AI assistant",
        f"{_SCREENS}.chat",
        "ChatScreen",
        hotkey="c",
    ),
    Area(
        "profile",
        "Profile & settings",
        "Name, theme, password, 2FA and API keys",
        f"{_SCREENS}.profile",
        "ProfileScreen",
        hotkey="p",
    ),
    Area(
        "admin",
        "Admin dashboard",
        "Platform health and metrics",
        f"{_SCREENS}.admin_dashboard",
        "AdminDashboardScreen",
        admin_only=True,
        hotkey="a",
    ),
    Area(
        "admin_users",
        "Manage users",
        "Block, approve, promote and unlock accounts",
        f"{_SCREENS}.admin_users",
        "AdminUsersScreen",
        admin_only=True,
        hotkey="u",
    ),
    Area(
        "admin_questions",
        "Question bank",
        "Add, edit, import and export questions",
        f"{_SCREENS}.admin_questions",
        "AdminQuestionsScreen",
        admin_only=True,
        hotkey="b",
    ),
]


def register(area: Area) -> None:
    """Add an area, replacing one with the same key."""
    for index, existing in enumerate(AREAS):
        if existing.key == area.key:
            AREAS[index] = area
            return
    AREAS.append(area)


def available(*, is_admin: bool) -> list[Area]:
    """The areas that exist and that this user may open, in menu order."""
    return [area for area in AREAS if (is_admin or not area.admin_only) and area.exists()]


def find(key: str) -> Area | None:
    """The area with this key, if registered."""
    return next((area for area in AREAS if area.key == key), None)
