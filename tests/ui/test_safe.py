"""Untrusted text is shown verbatim minus terminal control codes, never as markup."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Static

from interviewai_tui.ui.safe import clean, one_line, safe_text

ESC = "\x1b"

# (untrusted input, what must be displayed)
CORPUS: list[tuple[str, str]] = [
    ("text [/", "text [/"),
    ("[/]", "[/]"),
    ("[/bold]", "[/bold]"),
    ("[bold]pwned", "[bold]pwned"),
    ("[@click=app.quit]x[/]", "[@click=app.quit]x[/]"),
    ("[link='https://evil.example']click[/link]", "[link='https://evil.example']click[/link]"),
    ("[on #000000][#000000]invisible[/][/]", "[on #000000][#000000]invisible[/][/]"),
    ("KeyError: '[/]' <ServerDescription ...>]>", "KeyError: '[/]' <ServerDescription ...>]>"),
    (f"a{ESC}]52;c;aGVsbG8={ESC}\\b", "ab"),  # OSC 52 clipboard write, ST form
    (f"a{ESC}]52;c;aGVsbG8=\x07b", "ab"),  # OSC 52, BEL form
    (f"{ESC}]8;;https://evil.example/{ESC}\\link{ESC}]8;;{ESC}\\", "link"),  # OSC 8
    (f"before{ESC}[2Jafter", "beforeafter"),  # clear screen
    (f"{ESC}[1;31mred{ESC}[0m", "red"),
    ("\x9b31mred", "red"),  # C1 CSI
    ("\x9d0;title\x9cz", "z"),  # C1 OSC with C1 ST
    (f"x{ESC}P1$qm{ESC}\\y", "xy"),  # DCS
    (f"x{ESC}_apc payload{ESC}\\y", "xy"),  # APC
    (f"x{ESC}^pm{ESC}\\y", "xy"),  # PM
    (f"x{ESC}Xsos{ESC}\\y", "xy"),  # SOS
    (f"x{ESC}cy", "xy"),  # RIS (full reset)
    (f"x{ESC}(By", "xy"),  # charset designation
    (f"x{ESC}", "x"),  # lone ESC at the end
    (f"x{ESC}]52;c;unterminated", "x52;c;unterminated"),  # introducer dropped, text inert
    ("a\x00b\x07c\x08d\x7fe\x85f", "abcdef"),  # C0, DEL, C1 NEL
    ("line1\r\nline2\ttab", "line1\nline2\ttab"),
    ("plain text, unicode é ✓ 中文", "plain text, unicode é ✓ 中文"),
]


@pytest.mark.parametrize(("raw", "shown"), CORPUS)
def test_clean_strips_controls_and_keeps_text(raw: str, shown: str) -> None:
    assert clean(raw) == shown


@pytest.mark.parametrize(("raw", "shown"), CORPUS)
def test_safe_text_is_plain_content(raw: str, shown: str) -> None:
    content = safe_text(raw)
    assert isinstance(content, Content)
    assert content.plain == shown
    assert not content.spans  # no markup was interpreted


def test_cleaned_text_has_no_control_characters_left() -> None:
    every_byte = "".join(chr(i) for i in range(0x00, 0xA0)) + "[/]"
    result = clean(every_byte * 3)
    assert all(ch in "\n\t" or not (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F) for ch in result)
    assert "[/]" in result


def test_one_line_folds_and_shortens() -> None:
    assert one_line("a\n b\t\tc") == "a b c"
    long = one_line("x" * 500, limit=50)
    assert len(long) == 50
    assert long.endswith("…")


def test_large_paste_is_fast_enough() -> None:
    import time

    text = ("answer [b]x[/b] " + ESC + "[31m" + "\x9b2J") * 50_000  # ~1.3 MB
    start = time.perf_counter()
    result = clean(text)
    assert time.perf_counter() - start < 1.0
    assert ESC not in result
    assert "\x9b" not in result


class _Shows(App[None]):
    def __init__(self, texts: list[str]) -> None:
        super().__init__()
        self.texts = texts

    def compose(self) -> ComposeResult:
        for text in self.texts:
            yield Static(safe_text(text))


async def test_corpus_renders_verbatim_without_crashing_or_actions() -> None:
    """Markup that would crash Static, or run an action, is shown as typed."""
    app = _Shows([raw for raw, _ in CORPUS])
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        statics = list(app.query(Static))
        for widget, (_, shown) in zip(statics, CORPUS, strict=True):
            rendered = widget.render()
            assert isinstance(rendered, Content)
            assert rendered.plain == shown
        # Clicking the would-be [@click=app.quit] text must not quit the app.
        await pilot.click(statics[4])
        await pilot.pause()
        assert app.is_running
