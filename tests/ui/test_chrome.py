"""The light title and key-hint bars every screen uses."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input

from interviewai_tui.ui.widgets.chrome import KeyHints, TitleBar


class Page(Screen[None]):
    TITLE = "InterviewAI"
    SUB_TITLE = "Page"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "save", "Save"),
        Binding("f6", "hidden", "Hidden", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Input(id="field")
        yield KeyHints()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "save" and self.query_one(Input).value == "" else True


class Host(App[None]):
    def on_mount(self) -> None:
        self.push_screen(Page())


async def test_title_follows_the_screen_and_hints_follow_its_bindings() -> None:
    app = Host()
    async with app.run_test() as pilot:
        await pilot.pause()
        title = app.screen.query_one(TitleBar)
        assert str(title.render()) == "InterviewAI — Page"
        app.screen.sub_title = "Page [b]2[/b]"  # a retitle shows, literally (never markup)
        await pilot.pause()
        assert str(title.render()) == "InterviewAI — Page [b]2[/b]"
        hints = app.screen.query_one(KeyHints).hints()
        assert "Save" in hints.plain and "Hidden" not in hints.plain
        save = next(s for s in hints.spans if "dim" in str(s.style))  # disabled: dimmed
        assert hints.plain[save.start : save.end].strip().endswith("Save")
        app.screen.query_one(Input).value = "x"
        app.screen.refresh_bindings()
        await pilot.pause()
        after = app.screen.query_one(KeyHints).hints()
        assert not any("dim" in str(s.style) for s in after.spans)
