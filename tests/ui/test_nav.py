"""The default area registry."""

from __future__ import annotations

from interviewai_tui.ui import nav


def test_default_registry_names_screens_in_the_screens_package() -> None:
    keys = [area.key for area in nav.AREAS]
    assert "profile" in keys and "interviews" in keys
    assert all(area.module.startswith("interviewai_tui.ui.screens.") for area in nav.AREAS)
    hotkeys = [area.hotkey for area in nav.AREAS]
    assert len(set(hotkeys)) == len(hotkeys)


def test_missing_modules_are_not_listed() -> None:
    for area in nav.available(is_admin=True):
        assert area.exists()
    assert not nav.Area("x", "X", "", "interviewai_tui.ui.screens.no_such_area", "X").exists()
    assert not nav.Area("x", "X", "", "no_such_package.screens", "X").exists()
