"""The app's themes: Textual's light and dark ones plus a high-contrast one.

The seed stores a light/dark preference per user; the high-contrast theme is for projectors and
for NO_COLOR terminals, where Textual reduces colours to greys and only contrast is left.
"""

from __future__ import annotations

import os
from typing import Final

from textual.theme import Theme

LIGHT: Final = "textual-light"
DARK: Final = "textual-dark"
HIGH_CONTRAST: Final = "interviewai-high-contrast"

#: The themes offered in the command palette, in the order "switch theme" cycles through them.
CHOICES: Final[dict[str, str]] = {
    LIGHT: "Light",
    DARK: "Dark",
    HIGH_CONTRAST: "High contrast",
}

HIGH_CONTRAST_THEME: Final = Theme(
    name=HIGH_CONTRAST,
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    warning="#ffaf00",
    error="#ff5f5f",
    success="#00ff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1c1c1c",
    boost="#303030",
    dark=True,
    luminosity_spread=0.3,
    text_alpha=1.0,
    variables={
        "footer-key-foreground": "#ffff00",
        "input-selection-background": "#ffff00 50%",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#ffff00",
    },
)


def no_color() -> bool:
    """True when the user asked for no colours (https://no-color.org)."""
    return "NO_COLOR" in os.environ


def startup_theme() -> str:
    """The theme before anyone has signed in."""
    return HIGH_CONTRAST if no_color() else DARK


def theme_for_preference(preference: str | None) -> str:
    """The theme for a stored preference ("light" | "dark"); NO_COLOR wins."""
    if no_color():
        return HIGH_CONTRAST
    return LIGHT if str(preference or "") == "light" else DARK


def preference_for_theme(theme: str) -> str | None:
    """The storable preference for a theme, or None when the seed has no value for it."""
    return {LIGHT: "light", DARK: "dark"}.get(theme)


def next_theme(current: str) -> str:
    """The theme after ``current`` in ``CHOICES`` (wrapping around)."""
    names = list(CHOICES)
    index = names.index(current) if current in names else -1
    return names[(index + 1) % len(names)]
